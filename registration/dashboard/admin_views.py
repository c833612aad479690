"""The event dashboard in the admin: the figures of one event the organiser
manages (the first one when none is named), each as a chart, a table and a
CSV download. Another event's dashboard is a 404, whatever its id."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forum_site.admin_views import EventChoiceForm, EventPickerMixin, ScopedAdminMixin
from forum_site.exports import csv_response
from registration.dashboard import charts
from registration.dashboard.figures import Dashboard, Table, event_dashboard
from registration.models import Registration, RegistrationStatus
from sessions.permissions import manageable_events

REGISTRATIONS = "wagtailsnippets_registration_registration:list"


class DashboardMixin(ScopedAdminMixin):
    permission_model = Registration
    permission_action = "view"

    def load_objects(self, *, event_id=None, **kwargs):
        events = manageable_events(self.request.user)
        self.event = get_object_or_404(events, pk=event_id) if event_id is not None else events.first()

    def dashboard(self) -> Dashboard:
        try:
            day = parse_date(self.request.GET.get("day", "")[:10])
        except ValueError:  # shaped like a date, but none (30 February)
            day = None
        return event_dashboard(self.event, day=day)


def listing_url(event, status: str) -> str:
    return f"{reverse(REGISTRATIONS)}?{urlencode({'event': event.pk, 'status': status})}"


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime.date):
        return date_format(value, "j M")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


def _charts(board: Dashboard) -> dict[str, str]:
    over_time, categories, checkin = board.over_time, board.categories, board.checkin
    days = [_cell(day) for day in over_time.column(0)]
    status_series = [
        (str(label), over_time.column(2 + index)) for index, (_status, label) in enumerate(RegistrationStatus.choices)
    ]
    drawn = {
        "over-time": charts.stacked_columns(
            key="over-time",
            title=over_time.title,
            description=str(_("New registrations per day, by their status now, with the running total as a line.")),
            labels=days,
            series=status_series,
            line=(over_time.headings[-1], over_time.column(-1)),
        ),
        "categories": charts.horizontal_bars(
            key="categories",
            title=categories.title,
            description=str(_("Confirmed participants per category; the dashed outline is its capacity.")),
            rows=[(row[0], row[1], row[2]) for row in categories.rows],
        ),
    }
    for table in (board.regions, board.countries, board.gender):
        rows = table.rows[:15] if table.key == "countries" else table.rows  # the first 15 drawn, all in the table
        drawn[table.key] = charts.horizontal_bars(
            key=table.key,
            title=table.title,
            description=str(_("Confirmed participants; the table below gives every figure.")),
            rows=[(row[0], row[1], None) for row in rows],
        )
    if checkin.rows:
        drawn["checkin"] = charts.stacked_columns(
            key="checkin",
            title=checkin.title,
            description=str(_("Admissions at the entrance per 15 minutes, by gate, with the running total as a line.")),
            labels=[_cell(time) for time in checkin.column(0)],
            series=[(gate, checkin.column(1 + index)) for index, gate in enumerate(board.gates)],
            line=(checkin.headings[-1], checkin.column(-1)),
        )
    return drawn


class DashboardView(EventPickerMixin, DashboardMixin, WagtailAdminTemplateMixin, TemplateView):
    event_url_name = "dashboard_admin:event"
    template_name = "dashboard/admin/index.html"
    page_title = _("Event dashboard")
    header_icon = "view"

    def get_context_data(self, **kwargs):
        context = {
            **super().get_context_data(**kwargs),
            "form": EventChoiceForm(initial={"event": self.event}, user=self.request.user),
            "event": self.event,
        }
        if self.event is None:
            return context
        board = self.dashboard()
        drawn = _charts(board)
        context.update(
            board=board,
            summary=board.summary,
            pending_url=listing_url(self.event, RegistrationStatus.PENDING),
            waitlisted_url=listing_url(self.event, RegistrationStatus.WAITLISTED),
            confirmed_url=listing_url(self.event, RegistrationStatus.CONFIRMED),
            sections=[
                {
                    "table": table,
                    "chart": drawn.get(key),
                    "rows": [[_cell(value) for value in row] for row in table.rows],
                    "csv_url": reverse("dashboard_admin:csv", kwargs={"event_id": self.event.pk, "key": key})
                    + (f"?day={board.checkin_day.isoformat()}" if key == "checkin" else ""),
                }
                for key, table in board.tables().items()
            ],
            statuses=[(status, label, board.summary.by_status[status]) for status, label in RegistrationStatus.choices],
        )
        return context


class DashboardCSVView(DashboardMixin, View):
    def get(self, request, *, event_id: int, key: str):
        table: Table | None = self.dashboard().tables().get(key)
        if table is None:
            raise Http404(_("No such figure."))
        rows = [table.headings, *[["" if value is None else _csv(value) for value in row] for row in table.rows]]
        return csv_response(rows, filename=f"event-{self.event.pk}-{key}.csv")


def _csv(value):
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
