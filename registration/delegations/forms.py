"""The focal point's forms (a delegate's details, the note verbale, extra
seats) and the organisers' (a new delegation, its seats)."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from forum_site.forms import IdChoiceField
from registration.delegations.models import NOTE_VERBALE_MAX_BYTES, Delegation
from registration.delegations.services import EXTRA_SEATS_MAX, NOMINEE_FIELDS
from registration.models import Category, Registration

HONORIFICS_LIST_ID = "honorifics"


class NomineeForm(forms.ModelForm):
    """A delegate's details as the focal point gives them. Organisation and
    country start as the delegation's."""

    class Meta:
        model = Registration
        fields = list(NOMINEE_FIELDS)
        widgets = {
            "honorific": forms.TextInput(attrs={"list": HONORIFICS_LIST_ID, "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {"honorific": _("For example H.E., Dr or Ms; choose one or type another.")}

    def __init__(self, *args, delegation: Delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.delegation = delegation
        if not self.instance.pk:
            self.initial.setdefault("organisation", delegation.name)
            if delegation.country:
                self.initial.setdefault("country", delegation.country.code)
        self.fields["email"].help_text = _("The delegate's own address: their registration is sent there.")
        if not getattr(delegation.event, "online_participation", True):
            self.fields["attendance_mode"].choices = [
                choice for choice in self.fields["attendance_mode"].choices if choice[0] == "in_person"
            ]

    def details(self) -> dict:
        return {field: self.cleaned_data[field] for field in NOMINEE_FIELDS if field in self.cleaned_data}


class NominationForm(NomineeForm):
    """A new delegate, in one of the categories the delegation has seats in."""

    category = IdChoiceField(queryset=Category.objects.none(), label=_("Participant category"))

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        options = list(categories)
        if len(options) == 1:
            self.initial.setdefault("category", options[0].pk)
        self.order_fields(["category", *NOMINEE_FIELDS])


class NoteVerbaleForm(forms.Form):
    note_verbale = forms.FileField(
        label=_("Note verbale (PDF)"),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=lazy(
            lambda: (
                _("The official letter naming the delegation, as a PDF of at most %(megabytes)s MB.")
                % {"megabytes": NOTE_VERBALE_MAX_BYTES // (1024 * 1024)}
            ),
            str,
        )(),
    )


class ExtraSeatsForm(forms.Form):
    seats = forms.IntegerField(label=_("Extra seats needed"), min_value=1, max_value=EXTRA_SEATS_MAX)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


# --- the organisers' --------------------------------------------------------------------


def seat_field_name(category: Category) -> str:
    return f"seats_{category.pk}"


class SeatsFieldsMixin:
    """One number of seats per category of the event."""

    def add_seat_fields(self, categories, *, initial: dict[int, int] | None = None) -> None:
        self.categories = list(categories)
        for category in self.categories:
            self.fields[seat_field_name(category)] = forms.IntegerField(
                label=category.name,
                min_value=0,
                max_value=10_000,
                required=False,
                initial=(initial or {}).get(category.pk, 0),
            )

    def seats(self) -> dict[Category, int]:
        return {category: self.cleaned_data.get(seat_field_name(category)) or 0 for category in self.categories}

    def seat_fields(self):
        return [self[seat_field_name(category)] for category in self.categories]


class DelegationCreateForm(SeatsFieldsMixin, forms.Form):
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        help_text=_("For a Member State or an observer State."),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("For an organisation (an IGO, an NGO, a university), when no country is given."),
    )
    focal_point_name = forms.CharField(label=_("Focal point's name"), max_length=200)
    focal_point_email = forms.EmailField(label=_("Focal point's email"))
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "---------"), *countries]
        self.add_seat_fields(categories)

    def other_fields(self):
        names = {field.name for field in self.seat_fields()}
        return [field for field in self if field.name not in names]


class DelegationQuotasForm(SeatsFieldsMixin, forms.Form):
    def __init__(self, *args, categories, current: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.add_seat_fields(categories, initial=current)
