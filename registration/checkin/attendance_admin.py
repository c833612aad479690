"""The organisers' side of session doors, in the admin: who a session
admits (closed or not, categories, invited people) and attendance per
session, with its CSV export.

Every view needs the session model permission (a plain 403 without it:
Wagtail's admin would turn PermissionDenied into a redirect) and finds the
event or session of its URL among the user's events only
(``sessions.permissions``): another event's is a 404, whatever its id."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forum_site.admin_views import ScopedAdminMixin
from forum_site.exports import csv_response
from forum_site.forms import IdMultipleChoiceField, add_service_errors
from registration.checkin.attendance import session_attendees, sessions_with_attendance
from registration.checkin.doors import session_access, session_capacity
from registration.checkin.session_access import session_access_save
from registration.models import Category, Registration
from sessions.models import Session
from sessions.permissions import manageable_events, scoped_objects


class SessionDoorAdminMixin(ScopedAdminMixin):
    """The session permission ``permission_action``, then the URL's event
    or session among the user's events."""

    permission_model = Session

    def load_session(self, session_id: int) -> None:
        sessions = scoped_objects(Session, self.request.user).select_related("event", "room")
        self.session = get_object_or_404(sessions, pk=session_id)


class AttendanceIndexView(SessionDoorAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "checkin/admin/attendance_index.html"
    page_title = _("Attendance per session")
    header_icon = "group"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "events": manageable_events(self.request.user)}


class EventAttendanceView(SessionDoorAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    """The event's sessions: capacity, who may enter, attended, inside now."""

    template_name = "checkin/admin/attendance_event.html"
    header_icon = "group"

    def load_objects(self, **kwargs):
        self.event = get_object_or_404(manageable_events(self.request.user), pk=kwargs["event_id"])

    def get_page_title(self):
        return _("Attendance: %(event)s") % {"event": self.event.title}

    def get_context_data(self, **kwargs):
        rows = [
            {"session": session, "capacity": session_capacity(session), "access": session_access(session)}
            for session in sessions_with_attendance(event=self.event)
        ]
        return {**super().get_context_data(**kwargs), "event": self.event, "rows": rows}


EXPORT_COLUMNS = (
    _("Reference"),
    _("Name"),
    _("Organisation"),
    _("Category"),
    _("First entry"),
    _("Last scan"),
    _("Entries"),
    _("Inside now"),
)


class SessionAttendanceView(SessionDoorAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    """One session's attendees (name, organisation, category, first entry,
    entries), and the same as CSV with ``?export=csv``."""

    template_name = "checkin/admin/attendance_session.html"
    header_icon = "group"

    def load_objects(self, **kwargs):
        self.load_session(kwargs["session_id"])

    def get_page_title(self):
        return _("Attendance: %(session)s") % {"session": self.session.title}

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.export()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        attendees = list(session_attendees(session=self.session))
        return {
            **super().get_context_data(**kwargs),
            "session": self.session,
            "event": self.session.event,
            "attendees": attendees,
            "inside": sum(1 for attendance in attendees if attendance.inside),
            "capacity": session_capacity(self.session),
            "export_url": f"{reverse('checkin_attendance_session', args=[self.session.pk])}?export=csv",
        }

    def export(self) -> HttpResponse:
        tz = self.session.event.tz
        rows = [[str(heading) for heading in EXPORT_COLUMNS]]
        for attendance in session_attendees(session=self.session):
            registration = attendance.registration
            rows.append(
                [
                    registration.reference,
                    registration.full_name,
                    registration.organisation,
                    registration.category.name,
                    timezone.localtime(attendance.first_entry_at, tz).strftime("%Y-%m-%d %H:%M"),
                    timezone.localtime(attendance.last_scan_at, tz).strftime("%Y-%m-%d %H:%M"),
                    attendance.entries,
                    str(_("yes")) if attendance.inside else "",
                ]
            )
        return csv_response(rows, filename=f"attendance-session-{self.session.pk}.csv")


class RegistrationChoices(IdMultipleChoiceField):
    def label_from_instance(self, registration):
        return f"{registration.full_name} · {registration.organisation} ({registration.reference})"


class SessionAccessForm(forms.Form):
    """Who the door admits; the choices are of the session's event only."""

    closed = forms.BooleanField(
        label=_("Closed session"),
        required=False,
        help_text=_("Admit only the categories and people chosen below, and the session's speakers."),
    )
    categories = IdMultipleChoiceField(
        label=_("Categories admitted"),
        queryset=Category.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    registrations = RegistrationChoices(
        label=_("People invited"),
        queryset=Registration.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold Ctrl (or ⌘) to choose several people."),
    )

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.filter(event=session.event).order_by("sort_order", "name")
        self.fields["registrations"].queryset = Registration.objects.filter(event=session.event).order_by(
            "last_name", "first_name", "pk"
        )


class SessionAccessView(SessionDoorAdminMixin, WagtailAdminTemplateMixin, FormView):
    permission_action = "change"
    form_class = SessionAccessForm
    template_name = "checkin/admin/session_access.html"
    header_icon = "lock"

    def load_objects(self, **kwargs):
        self.load_session(kwargs["session_id"])

    def get_page_title(self):
        return _("Who may enter “%(session)s”") % {"session": self.session.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "session": self.session}

    def get_initial(self):
        access = session_access(self.session)
        if access is None:
            return {}
        return {
            "closed": access.closed,
            "categories": list(access.categories.all()),
            "registrations": list(access.registrations.all()),
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "session": self.session}

    def form_valid(self, form):
        try:
            session_access_save(session=self.session, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Who may enter “%(session)s” is saved.") % {"session": self.session.title})
        return redirect("checkin_attendance_event", self.session.event_id)
