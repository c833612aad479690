from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from forum_site.forms import IdChoiceField
from sessions.permissions import manageable_events


class ParticipantListBuildForm(forms.Form):
    event = IdChoiceField(label=_("Event"), queryset=None)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    final = forms.BooleanField(
        label=_("Final version"),
        required=False,
        help_text=_(
            "A draft is marked “DRAFT” on every page. The latest final version in each language "
            "is offered on the list's page to those who may see it."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = manageable_events(user)
