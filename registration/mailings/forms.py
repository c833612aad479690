"""The organisers' form for a message to participants: the group, and the
text in the site's language, with optional versions in the others."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from forum_site.forms import IdMultipleChoiceField
from registration.mailings.models import CheckedIn, Mailing
from registration.mailings.placeholders import PLACEHOLDERS
from registration.models import AttendanceMode, Category, RegistrationStatus


def other_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def placeholder_help() -> str:
    return ", ".join(f"{{{name}}}: {meaning}" for name, meaning in PLACEHOLDERS.items())


class MailingForm(forms.Form):
    categories = IdMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every category."),
    )
    statuses = forms.MultipleChoiceField(
        label=_("Statuses"),
        choices=RegistrationStatus.choices,
        initial=[RegistrationStatus.CONFIRMED],
        widget=forms.CheckboxSelectMultiple,
    )
    attendance_mode = forms.ChoiceField(
        label=_("Attendance"), choices=[("", _("In person or online")), *AttendanceMode.choices], required=False
    )
    checked_in = forms.ChoiceField(label=_("Check-in"), choices=CheckedIn.choices, required=False)
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=lambda: list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("None chosen: every country. Hold Ctrl (or Cmd) to choose several."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args, event, mailing: Mailing | None = None, **kwargs):
        if mailing is not None:
            kwargs.setdefault("initial", self.initial_of(mailing))
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.filter(event=event).order_by("sort_order", "name")
        source = get_language_info(settings.LANGUAGE_CODE)["name_translated"]
        self.fields["subject"].label = _("Subject (%(language)s)") % {"language": source}
        self.fields["body"].label = _("Message (%(language)s)") % {"language": source}
        self.fields["body"].help_text = _("Placeholders: %(list)s.") % {"list": placeholder_help()}
        for code in other_languages():
            name = get_language_info(code)["name_translated"]
            self.fields[f"{code}_subject"] = forms.CharField(
                label=_("Subject (%(language)s)") % {"language": name}, max_length=200, required=False
            )
            self.fields[f"{code}_body"] = forms.CharField(
                label=_("Message (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 8}),
                required=False,
                help_text=_("Optional: people who read %(language)s get this version; the others, the first.")
                % {"language": name},
            )

    @staticmethod
    def initial_of(mailing: Mailing) -> dict:
        initial = {
            "categories": list(mailing.categories.values_list("pk", flat=True)),
            "statuses": mailing.statuses,
            "attendance_mode": mailing.attendance_mode,
            "checked_in": mailing.checked_in,
            "countries": mailing.countries,
            "subject": mailing.subject,
            "body": mailing.body,
        }
        for code, texts in mailing.translations.items():
            initial[f"{code}_subject"], initial[f"{code}_body"] = texts["subject"], texts["body"]
        return initial

    def language_groups(self) -> list[tuple[str, list]]:
        """The texts' fields by language, for the template."""
        return [(code, [self[f"{code}_subject"], self[f"{code}_body"]]) for code in other_languages()]

    def clean(self):
        data = super().clean()
        for code in other_languages():
            subject, body = data.get(f"{code}_subject", ""), data.get(f"{code}_body", "")
            if bool(subject) != bool(body):
                missing = f"{code}_body" if subject else f"{code}_subject"
                self.add_error(missing, _("Write both the subject and the message in this language, or neither."))
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "categories": list(data["categories"]),
            "statuses": list(data["statuses"]),
            "attendance_mode": data["attendance_mode"],
            "checked_in": data["checked_in"],
            "countries": list(data["countries"]),
            "subject": data["subject"],
            "body": data["body"],
            "translations": {
                code: {"subject": data[f"{code}_subject"], "body": data[f"{code}_body"]}
                for code in other_languages()
                if data.get(f"{code}_subject")
            },
        }
