"""The figures of an event's dashboard, each a table (its heading row and
its rows) that the page draws as a chart, shows as a table and offers as
CSV. A fixed number of queries whatever the number of registrations or
scans: every figure is counted by the database (``GROUP BY``), never by
walking rows.

"Coming" means confirmed. Gender counts only the answers given with
consent (a registration stores a gender only then), as totals: nothing
here says anyone's gender."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Q
from django.db.models.functions import ExtractHour, ExtractMinute, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from registration.checkin.models import Scan, ScanResult, SessionAttendance
from registration.models import Category, Registration, RegistrationSettings, RegistrationStatus
from speakers.models import Gender
from speakers.regions import Region, region_for_country

STATUSES = [status for status, _label in RegistrationStatus.choices]
NOT_STATED = ""
QUARTER = datetime.timedelta(minutes=15)


@dataclass
class Table:
    """A figure: ``headings`` then ``rows`` (the first cell of each row names it)."""

    key: str
    title: str
    headings: list[str]
    rows: list[list] = field(default_factory=list)

    def column(self, index: int) -> list:
        return [row[index] for row in self.rows]


@dataclass
class Summary:
    total: int  # every registration that is not cancelled or rejected
    new_since_yesterday: int
    by_status: dict[str, int]
    confirmed: int
    pending: int
    waitlisted: int
    checked_in: int
    in_sessions_now: int

    @property
    def checked_in_share(self) -> int | None:
        """Checked in, per cent of the confirmed (None with nobody confirmed)."""
        return round(100 * self.checked_in / self.confirmed) if self.confirmed else None


@dataclass
class Dashboard:
    event: object
    summary: Summary
    over_time: Table
    categories: Table
    capacity_in_person: int | None
    capacity_online: int | None
    regions: Table
    countries: Table
    gender: Table
    checkin_day: datetime.date | None
    checkin_days: list[datetime.date]
    checkin: Table
    gates: list[str]

    def tables(self) -> dict[str, Table]:
        return {
            table.key: table
            for table in (self.over_time, self.categories, self.regions, self.countries, self.gender, self.checkin)
        }


def _summary(event, registrations, now) -> Summary:
    tz = event.tz
    yesterday = datetime.datetime.combine(now.astimezone(tz).date() - datetime.timedelta(days=1), datetime.time(), tz)
    active = ~Q(status__in=(RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED))
    counts = registrations.aggregate(
        new=Count("pk", filter=active & Q(created_at__gte=yesterday)),
        checked_in=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False)),
        **{status: Count("pk", filter=Q(status=status)) for status in STATUSES},
    )
    by_status = {status: counts[status] for status in STATUSES}
    inside = (
        SessionAttendance.objects.filter(session__event=event, inside=True).values("registration_id").distinct().count()
    )
    return Summary(
        total=sum(
            by_status[s] for s in STATUSES if s not in (RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED)
        ),
        new_since_yesterday=counts["new"],
        by_status=by_status,
        confirmed=by_status[RegistrationStatus.CONFIRMED],
        pending=by_status[RegistrationStatus.PENDING],
        waitlisted=by_status[RegistrationStatus.WAITLISTED],
        checked_in=counts["checked_in"],
        in_sessions_now=inside,
    )


def _over_time(event, registrations) -> Table:
    """Per day of registration (the event's time zone): how many came in, by
    the status they have now, and the running total of all."""
    rows = (
        registrations.annotate(day=TruncDate("created_at", tzinfo=event.tz))
        .values("day", "status")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    per_day: dict[datetime.date, Counter] = defaultdict(Counter)
    for row in rows:
        per_day[row["day"]][row["status"]] += row["n"]
    table = Table(
        "over-time",
        str(_("Registrations over time")),
        [
            str(_("Day")),
            str(_("New")),
            *[str(label) for _status, label in RegistrationStatus.choices],
            str(_("Total so far")),
        ],
    )
    running = 0
    for day in sorted(per_day):
        new = sum(per_day[day].values())
        running += new
        table.rows.append([day, new, *[per_day[day][status] for status in STATUSES], running])
    return table


def _categories(event) -> Table:
    categories = (
        Category.objects.filter(event=event)
        .annotate(**{status: Count("registrations", filter=Q(registrations__status=status)) for status in STATUSES})
        .order_by("sort_order", "name")
    )
    table = Table(
        "categories",
        str(_("By category")),
        [
            str(_("Category")),
            str(_("Confirmed")),
            str(_("Capacity")),
            str(_("Free seats")),
            str(_("Awaiting approval")),
            str(_("On the waiting list")),
        ],
    )
    for category in categories:
        confirmed = getattr(category, RegistrationStatus.CONFIRMED)
        free = None if category.capacity is None else max(category.capacity - confirmed, 0)
        table.rows.append(
            [
                str(category.name),
                confirmed,
                category.capacity,
                free,
                getattr(category, RegistrationStatus.PENDING),
                getattr(category, RegistrationStatus.WAITLISTED),
            ]
        )
    return table


def _countries_and_regions(registrations) -> tuple[Table, Table]:
    by_country = dict(
        registrations.filter(status=RegistrationStatus.CONFIRMED)
        .order_by()
        .values_list("country")
        .annotate(n=Count("pk"))
    )
    names = dict(countries)
    country_table = Table("countries", str(_("By country")), [str(_("Country")), str(_("Confirmed"))])
    for code, count in sorted(by_country.items(), key=lambda item: (-item[1], names.get(item[0], item[0]))):
        country_table.rows.append([str(names.get(code, code or _("Unknown"))), count])
    regions = Counter()
    for code, count in by_country.items():
        regions[region_for_country(code) or NOT_STATED] += count
    region_table = Table("regions", str(_("By UNESCO regional group")), [str(_("Regional group")), str(_("Confirmed"))])
    for key, label in [*Region.choices, (NOT_STATED, _("Unknown region"))]:
        region_table.rows.append([str(label), regions.get(key, 0)])
    return country_table, region_table


def _gender(registrations) -> Table:
    counts = dict(
        registrations.filter(status=RegistrationStatus.CONFIRMED)
        .order_by()
        .values_list("gender")
        .annotate(n=Count("pk"))
    )
    table = Table("gender", str(_("Gender balance")), [str(_("Gender")), str(_("Confirmed"))])
    for key, label in [*Gender.choices, (NOT_STATED, _("Not stated (or no consent)"))]:
        table.rows.append([str(label), counts.get(key, 0)])
    return table


def checkin_days(event) -> list[datetime.date]:
    return list(event.days)


def default_checkin_day(event, now) -> datetime.date:
    """Today during the event, else its first day (before) or last (after)."""
    today = now.astimezone(event.tz).date()
    return min(max(today, event.start_date), event.end_date)


def _checkin(event, day: datetime.date) -> tuple[Table, list[str]]:
    """Admissions at the event's entrance (scans that checked someone in,
    not undone) per 15 minutes of ``day``, by gate, in the event's time zone."""
    tz = event.tz
    start = datetime.datetime.combine(day, datetime.time(), tz)
    end = start + datetime.timedelta(days=1)
    rows = (
        Scan.objects.filter(
            event=event,
            session__isnull=True,
            result=ScanResult.OK,
            undone_at__isnull=True,
            scanned_at__gte=start,
            scanned_at__lt=end,
        )
        .annotate(
            hour=ExtractHour("scanned_at", tzinfo=tz),
            minute=ExtractMinute("scanned_at", tzinfo=tz),
        )
        .values("gate", "hour", "minute")
        .annotate(n=Count("pk", output_field=IntegerField()))
        .order_by()
    )
    buckets: dict[tuple[int, int], Counter] = defaultdict(Counter)
    gates = set()
    for row in rows:
        gate = row["gate"] or str(_("Entrance"))
        gates.add(gate)
        buckets[(row["hour"], row["minute"] - row["minute"] % 15)][gate] += row["n"]
    gate_list = sorted(gates)
    table = Table(
        "checkin",
        str(_("Check-ins per 15 minutes")),
        [str(_("Time")), *gate_list, str(_("All gates")), str(_("Checked in so far"))],
    )
    if buckets:
        first, last = min(buckets), max(buckets)
        slot = datetime.datetime.combine(day, datetime.time(*first))
        stop = datetime.datetime.combine(day, datetime.time(*last))
        running = 0
        while slot <= stop:
            counts = buckets.get((slot.hour, slot.minute), Counter())
            total = sum(counts.values())
            running += total
            table.rows.append([slot.time(), *[counts[gate] for gate in gate_list], total, running])
            slot += QUARTER
    return table, gate_list


def event_dashboard(event, *, day: datetime.date | None = None, now: datetime.datetime | None = None) -> Dashboard:
    """Every figure of ``event``'s dashboard (its check-in curve on ``day``)."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(event=event)
    settings = RegistrationSettings.objects.filter(event=event).first()
    if day is None or not (event.start_date <= day <= event.end_date):
        day = default_checkin_day(event, now)
    countries_table, regions_table = _countries_and_regions(registrations)
    checkin_table, gates = _checkin(event, day)
    return Dashboard(
        event=event,
        summary=_summary(event, registrations, now),
        over_time=_over_time(event, registrations),
        categories=_categories(event),
        capacity_in_person=settings.capacity_in_person if settings else None,
        capacity_online=settings.capacity_online if settings else None,
        regions=regions_table,
        countries=countries_table,
        gender=_gender(registrations),
        checkin_day=day,
        checkin_days=checkin_days(event),
        checkin=checkin_table,
        gates=gates,
    )
