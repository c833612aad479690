"""Admin: register a delegation's list of people from a CSV file."""

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from forum_site.forms import IdChoiceField
from registration import services
from registration.models import Category
from sessions.permissions import manageable_events

MAX_FILE_BYTES = 1024 * 1024


class ImportListForm(forms.Form):
    category = IdChoiceField(label=_("Category"), queryset=Category.objects.none())
    file = forms.FileField(
        label=_("List (CSV)"),
        help_text=_(
            "UTF-8 CSV with a header row. Required columns: first_name, last_name, email, organisation, "
            "country (two-letter code). Optional: honorific, position, attendance_mode (in_person or online), "
            "preferred_language (en, fr or es)."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(event__in=manageable_events(user)).select_related(
            "event"
        )
        self.fields["category"].label_from_instance = lambda category: f"{category.event.title}: {category.name}"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text.")) from error
        reader = csv.DictReader(io.StringIO(text))
        missing = [column for column in services.IMPORT_COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise ValidationError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        try:
            return list(reader)
        except csv.Error as error:
            raise ValidationError(_("The file is not valid CSV.")) from error


def import_list_view(request):
    if not request.user.has_perm("registration.add_registration"):
        raise PermissionDenied
    form = ImportListForm(request.POST or None, request.FILES or None, user=request.user)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        category = form.cleaned_data["category"]
        try:
            registrations = services.registration_import_list(
                event=category.event, category=category, rows=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as error:
            problems = error.messages
        else:
            by_status = {}
            for registration in registrations:
                label = str(registration.get_status_display())
                by_status[label] = by_status.get(label, 0) + 1
            summary = ", ".join(f"{label}: {count}" for label, count in sorted(by_status.items()))
            messages.success(
                request,
                _("%(count)s people registered for %(event)s (%(summary)s).")
                % {"count": len(registrations), "event": category.event.title, "summary": summary},
            )
            return redirect("wagtailsnippets_registration_registration:list")
    return TemplateResponse(
        request,
        "registration/admin/import_list.html",
        {"form": form, "problems": problems},
    )
