from django import forms
from django.utils.translation import gettext_lazy as _

from forum_site.forms import IdChoiceField
from registration.badges.models import BadgeBatch
from registration.models import AttendanceMode, Category
from sessions.permissions import manageable_events


class BadgeBatchForm(forms.Form):
    event = IdChoiceField(label=_("Event"), queryset=None)
    category = IdChoiceField(label=_("Category"), queryset=None, required=False, empty_label=_("All categories"))
    attendance_mode = forms.ChoiceField(
        label=_("Attendance"), choices=[("", _("In person and online"))] + AttendanceMode.choices, required=False
    )
    references = forms.CharField(
        label=_("Only these references"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Optional: registration references separated by spaces, commas or lines."),
    )
    layout = forms.ChoiceField(label=_("Layout"), choices=BadgeBatch.Layout.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        events = manageable_events(user)
        self.fields["event"].queryset = events
        self.fields["category"].queryset = Category.objects.filter(event__in=events).select_related("event")
        self.fields["category"].label_from_instance = lambda category: f"{category.event.title}: {category.name}"
