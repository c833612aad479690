"""Forms of visa letters: the participant's request, the organisers'
reason (reject, withdraw) and the letter settings' admin form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from home.translation_admin import with_translations
from registration.views.admin.common import ScopedAdminForm
from registration.visas.placeholders import placeholder_errors


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VisaRequestForm(forms.Form):
    passport_name = forms.CharField(
        label=_("Name as in the passport"),
        max_length=200,
        help_text=_("Exactly as printed on the passport's photo page."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    passport_number = forms.RegexField(
        label=_("Passport number"),
        regex=r"^[A-Za-z0-9]{5,20}$",
        max_length=20,
        error_messages={"invalid": _("Letters and digits only, 5 to 20 of them.")},
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput(attrs={"autocomplete": "bday"}))
    passport_issued_on = forms.DateField(label=_("Passport issued on"), widget=DateInput())
    passport_expires_on = forms.DateField(label=_("Passport expires on"), widget=DateInput())
    consulate_city = forms.CharField(
        label=_("Consulate city"), max_length=100, help_text=_("The city of the consulate where you apply.")
    )
    stay_from = forms.DateField(label=_("Arrival"), widget=DateInput())
    stay_until = forms.DateField(label=_("Departure"), widget=DateInput())
    consent = forms.BooleanField(
        label=_(
            "I agree that these passport details are kept, encrypted, to write my letter, seen only by the "
            "organisers who issue letters, and erased after the event."
        ),
        error_messages={"required": _("Your consent is needed to keep these details.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = [("", "---------"), *countries]
        self.order_fields(list(self.fields))

    def request_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("consent")
        data["passport_number"] = data["passport_number"].upper()
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class VisaLetterSettingsForm(with_translations(ScopedAdminForm)):
    """Refuses a letter text, in any language, with a placeholder that does not exist."""

    def clean(self):
        cleaned = super().clean()
        for name, (_language, field) in getattr(self, "translation_fields", {}).items():
            if field == "letter_text" and (errors := placeholder_errors(cleaned.get(name) or "")):
                for error in errors:
                    self.add_error(name, error)
        return cleaned
