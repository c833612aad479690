"""Check-in reads: the registration a badge names (the hottest query of the
site, written out), the counts and the search the scanner shows, the events
a user may scan at."""

from __future__ import annotations

import datetime
import functools

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.models import Page

from registration.badges.models import BadgeKey
from registration.badges.tokens import parse_token, signature_is_valid
from registration.checkin.doors import session_capacity
from registration.checkin.models import ScannerToken, SessionAttendance
from registration.models import Category, Registration, RegistrationStatus
from sessions import permissions
from sessions.models import EventPage, Session

SEARCH_LIMIT = 25


# What a scan's answer shows of the registration, and no more.
SCAN_FIELDS = (
    "id",
    "reference",
    "event_id",
    "category_id",
    "status",
    "honorific",
    "first_name",
    "last_name",
    "organisation",
    "country",
    "badge_version",
    "checked_in_at",
    "checked_in_gate",
)


@functools.cache
def _scan_lookup_sql() -> str:
    """The registration a badge names, with its event's title, days and time
    zone, its category's name and colour and the public key of the badge's
    key id (if live), in one SELECT. Written out because it
    is the hottest query of the site (every scan at the door): the ORM took
    1.4 ms of CPU to build it, this takes 0.3 ms, and RawQuerySet still
    converts the values as the ORM does (dates on SQLite)."""
    registration, event, page, category, key = (
        model._meta.db_table for model in (Registration, EventPage, Page, Category, BadgeKey)
    )
    columns = ", ".join(f"r.{Registration._meta.get_field(name).column}" for name in SCAN_FIELDS)
    return (
        f"SELECT {columns}, p.title AS scan_event_title, e.time_zone AS scan_event_time_zone, "
        "e.start_date AS scan_event_start_date, e.end_date AS scan_event_end_date, "
        "c.name AS scan_category_name, c.badge_colour AS scan_category_colour, "
        "k.public_key AS scan_badge_public_key "
        f"FROM {registration} r "
        f"JOIN {event} e ON e.page_ptr_id = r.event_id "
        f"JOIN {page} p ON p.id = r.event_id "
        f"JOIN {category} c ON c.id = r.category_id "
        f"LEFT JOIN {key} k ON k.event_id = r.event_id AND k.kid = %s AND k.retired_at IS NULL "
        "WHERE r.reference = %s"
    )


def _partial(model, db: str, **values):
    """An instance of ``model`` with these fields loaded (the others load on
    first use), made as the ORM makes the objects of a select_related."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


def _as_date(value) -> datetime.date:
    """A date column read by raw SQL: SQLite gives its text."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def scan_registration(reference: str, kid: int | None = None) -> Registration | None:
    """The registration of ``reference``; its ``scan_badge_public_key`` is
    the live public key ``kid`` of its event (None without one)."""
    found = list(Registration.objects.raw(_scan_lookup_sql(), [kid, reference]))
    if not found:
        return None
    registration = found[0]
    db = registration._state.db
    registration.event = _partial(
        EventPage,
        db,
        id=registration.event_id,
        page_ptr_id=registration.event_id,
        title=registration.scan_event_title,
        time_zone=registration.scan_event_time_zone,
        start_date=_as_date(registration.scan_event_start_date),
        end_date=_as_date(registration.scan_event_end_date),
    )
    registration.category = _partial(
        Category,
        db,
        id=registration.category_id,
        name=registration.scan_category_name,
        badge_colour=registration.scan_category_colour,
    )
    return registration


def registration_for_code(code: object) -> tuple[Registration | None, bool]:
    """The registration a genuine, current token names; and whether the
    token was genuine but superseded by a reissued badge."""
    token = parse_token(code)
    if token is None:
        return None, False
    registration = scan_registration(token.reference, token.kid)
    if registration is None:
        return None, False
    public_key = registration.scan_badge_public_key
    if not token.is_legacy and public_key is None:
        return None, False  # no such key id, or retired
    if not signature_is_valid(token, event_id=registration.event_id, public_key=public_key):
        return None, False
    if token.version != registration.badge_version:
        return None, True
    return registration, False


def checkin_counts(*, event: EventPage) -> dict:
    """Checked in against confirmed, in total and by category (one query)."""
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    categories = (
        Category.objects.filter(event=event)
        .annotate(
            confirmed=Count("registrations", filter=confirmed),
            checked_in=Count("registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False)),
        )
        .order_by("sort_order", "name")
    )
    rows = [
        {
            "category": category.name,
            "colour": category.badge_colour,
            "checked_in": category.checked_in,
            "confirmed": category.confirmed,
        }
        for category in categories
    ]
    return {
        "checked_in": sum(row["checked_in"] for row in rows),
        "confirmed": sum(row["confirmed"] for row in rows),
        "categories": rows,
    }


def session_counts(*, session: Session) -> dict:
    """A session door's figures: inside now and attended (people who
    entered at least once), in one query."""
    figures = SessionAttendance.objects.filter(session=session).aggregate(
        attended=Count("pk", filter=Q(entries__gt=0)), inside=Count("pk", filter=Q(inside=True))
    )
    return {
        "id": session.pk,
        "title": session.title,
        "inside": figures["inside"],
        "attended": figures["attended"],
        "capacity": session_capacity(session),
    }


def checkin_search(*, event: EventPage, query: str) -> list[Registration]:
    """Confirmed registrations of the event matching every word of the query
    in the name, organisation, email or reference (for people without a
    badge): the only ones who may be checked in, so the only ones shown."""
    words = query.split()[:5]
    if not words:
        return []
    registrations = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    for word in words:
        registrations = registrations.filter(
            Q(reference__iexact=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(organisation__icontains=word)
            | Q(email__icontains=word)
        )
    return list(
        registrations.select_related("event", "category").order_by(Lower("last_name"), Lower("first_name"))[
            :SEARCH_LIMIT
        ]
    )


def door_sessions(*, event: EventPage, now: datetime.datetime | None = None) -> list[Session]:
    """The event's sessions of today (in its time zone) and later, not
    cancelled, in the order of the agenda: the doors staff may choose."""
    today = timezone.localtime(now or timezone.now(), event.tz).date()
    start_of_today = event.local_day_bounds(today)[0]
    return list(
        Session.objects.filter(event=event, is_cancelled=False, ends_at__gt=start_of_today)
        .select_related("room")
        .order_by("starts_at", "room__sort_order", "title")
    )


def sessions_by_day(sessions: list[Session], *, event: EventPage) -> list[tuple[datetime.date, list[Session]]]:
    """``sessions`` grouped by their local day, for the door's select."""
    days: dict[datetime.date, list[Session]] = {}
    for session in sessions:
        days.setdefault(timezone.localtime(session.starts_at, event.tz).date(), []).append(session)
    return list(days.items())


def scanner_events(user) -> QuerySet[EventPage]:
    """The live events the user may check people in at, the latest first."""
    return permissions.checkin_events(user).live()


def devices_of_event(*, event: EventPage) -> QuerySet[ScannerToken]:
    """The event's registered scanning devices, the newest first, with who
    registered each (for the devices page: one query)."""
    return ScannerToken.objects.filter(is_device=True, events=event).select_related("created_by")
