"""Reads for the organisers' attendance report: an event's sessions with
their door figures, and one session's attendees. Each is one query whatever
the number of sessions or people."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from registration.checkin.models import SessionAttendance
from sessions.models import EventPage, Session


def sessions_with_attendance(*, event: EventPage) -> QuerySet[Session]:
    """The event's sessions in agenda order, each with ``attended`` (people
    who entered at least once) and ``inside`` (inside now), its room and its
    access rule."""
    return (
        Session.objects.filter(event=event)
        .select_related("room", "access")
        .annotate(
            attended=Count("attendance", filter=Q(attendance__entries__gt=0), distinct=True),
            inside=Count("attendance", filter=Q(attendance__inside=True), distinct=True),
        )
        .order_by("starts_at", "room__sort_order", "title")
    )


def session_attendees(*, session: Session) -> QuerySet[SessionAttendance]:
    """Who entered the session, in the order they first came in."""
    return (
        SessionAttendance.objects.filter(session=session, entries__gt=0)
        .select_related("registration__category")
        .order_by("first_entry_at", "pk")
    )
