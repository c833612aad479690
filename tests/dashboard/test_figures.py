"""The dashboard's figures against a hand-counted event: registrations per
day (in the event's time zone) by status, categories against capacity,
countries and regional groups, gender (consented answers only), and the
check-in curve per 15 minutes by gate; the query count does not grow with
the registrations."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registration.checkin.models import SessionAttendance
from registration.dashboard.figures import event_dashboard
from registration.models import Registration
from tests.factories import (
    CategoryFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    ScanFactory,
    SessionFactory,
    make_event,
)
from tests.helpers import bulk_registrations

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def forum_of_seven():
    """Seven registrations over three days (Paris time) and five admissions on the first morning."""
    event = make_event(
        start_date=datetime.date(2026, 6, 24), end_date=datetime.date(2026, 6, 26), time_zone="Europe/Paris"
    )
    RegistrationSettingsFactory(event=event, capacity_in_person=100)
    ministers = CategoryFactory(event=event, name="Ministers", capacity=3, sort_order=1)
    public = CategoryFactory(event=event, name="Public", sort_order=2)

    def made(category, status, country, gender, created):
        registration = RegistrationFactory(
            event=event, category=category, status=status, country=country, gender=gender
        )
        Registration.objects.filter(pk=registration.pk).update(created_at=created)
        return registration

    ghana = made(ministers, "confirmed", "GH", "woman", at(2026, 5, 1, 10))
    france = made(ministers, "confirmed", "FR", "man", at(2026, 5, 1, 11))
    made(public, "pending", "KE", "", at(2026, 5, 1, 12))
    made(ministers, "confirmed", "BR", "woman", at(2026, 5, 2, 9))
    made(ministers, "waitlisted", "FR", "", at(2026, 5, 2, 10))
    made(public, "cancelled", "US", "woman", at(2026, 5, 2, 11))
    japan = made(public, "confirmed", "JP", "non_binary", at(2026, 5, 2, 22, 30))  # 00:30 on 3 May in Paris
    Registration.objects.filter(pk__in=[ghana.pk, france.pk]).update(checked_in_at=at(2026, 6, 24, 6, 5))

    # 24 June, Paris = UTC+2: 08:05 is 06:05 UTC.
    for gate, minute in (("North", 5), ("North", 10), ("South", 14), ("North", 20), ("South", 50)):
        ScanFactory(registration=ghana, event=event, gate=gate, scanned_at=at(2026, 6, 24, 6, minute))
    ScanFactory(
        registration=ghana, event=event, gate="North", scanned_at=at(2026, 6, 24, 6, 7), undone_at=at(2026, 6, 24, 6, 8)
    )
    ScanFactory(
        registration=ghana, event=event, gate="North", result="already_checked_in", scanned_at=at(2026, 6, 24, 6, 6)
    )
    ScanFactory(registration=ghana, event=event, gate="North", scanned_at=at(2026, 6, 25, 6, 0))  # another day
    session, other = SessionFactory(event=event), SessionFactory(event=event)
    for room, inside in ((session, True), (other, True)):
        SessionAttendance.objects.create(
            session=room,
            registration=ghana,
            first_entry_at=at(2026, 6, 24, 7),
            last_scan_at=at(2026, 6, 24, 7),
            inside=inside,
        )
    SessionAttendance.objects.create(
        session=session,
        registration=japan,
        first_entry_at=at(2026, 6, 24, 7),
        last_scan_at=at(2026, 6, 24, 8),
        inside=False,
    )
    return event


def test_the_summary_counts(forum_of_seven):
    board = event_dashboard(
        forum_of_seven, now=at(2026, 5, 3, 10)
    )  # noon in Paris; "yesterday" began 2 May 00:00 there
    summary = board.summary
    assert (summary.total, summary.confirmed, summary.pending, summary.waitlisted) == (6, 4, 1, 1)
    assert summary.new_since_yesterday == 3  # 2 May's confirmed and waiting, 3 May's (the cancelled one not)
    assert (summary.checked_in, summary.checked_in_share) == (2, 50)
    assert summary.in_sessions_now == 1  # inside two sessions: one person
    assert summary.by_status["cancelled"] == 1


def test_registrations_per_day_in_the_event_s_time_zone_by_status_with_the_running_total(forum_of_seven):
    table = event_dashboard(forum_of_seven).over_time
    assert table.headings == [
        "Day", "New", "Awaiting approval", "Confirmed", "On the waiting list", "Rejected", "Cancelled", "Total so far",
    ]  # fmt: skip
    assert table.rows == [
        [datetime.date(2026, 5, 1), 3, 1, 2, 0, 0, 0, 3],
        [datetime.date(2026, 5, 2), 3, 0, 1, 1, 0, 1, 6],
        [datetime.date(2026, 5, 3), 1, 0, 1, 0, 0, 0, 7],
    ]


def test_categories_against_their_capacity(forum_of_seven):
    assert event_dashboard(forum_of_seven).categories.rows == [
        ["Ministers", 3, 3, 0, 0, 1],
        ["Public", 1, None, None, 1, 0],
    ]


def test_countries_and_regional_groups_of_the_confirmed(forum_of_seven):
    board = event_dashboard(forum_of_seven)
    assert board.countries.rows == [["Brazil", 1], ["France", 1], ["Ghana", 1], ["Japan", 1]]
    assert dict(board.regions.rows) == {
        "Group I: Western Europe and North America": 1,
        "Group II: Eastern Europe": 0,
        "Group III: Latin America and the Caribbean": 1,
        "Group IV: Asia and the Pacific": 1,
        "Group V(a): Africa": 1,
        "Group V(b): Arab States": 0,
        "Unknown region": 0,
    }


def test_gender_counts_only_consented_answers_of_the_confirmed(forum_of_seven):
    assert dict(event_dashboard(forum_of_seven).gender.rows) == {
        "Woman": 2,  # the cancelled woman is not coming
        "Man": 1,
        "Non-binary or another gender": 1,
        "Prefer not to say": 0,
        "Not stated (or no consent)": 0,
    }


def test_the_check_in_curve_per_15_minutes_by_gate(forum_of_seven):
    board = event_dashboard(forum_of_seven, day=datetime.date(2026, 6, 24))
    assert board.gates == ["North", "South"]
    assert board.checkin.headings == ["Time", "North", "South", "All gates", "Checked in so far"]
    assert board.checkin.rows == [
        [datetime.time(8, 0), 2, 1, 3, 3],
        [datetime.time(8, 15), 1, 0, 1, 4],
        [datetime.time(8, 30), 0, 0, 0, 4],
        [datetime.time(8, 45), 0, 1, 1, 5],
    ]
    assert event_dashboard(forum_of_seven, day=datetime.date(2026, 6, 25)).checkin.rows == [
        [datetime.time(8, 0), 1, 1, 1]
    ]
    assert event_dashboard(forum_of_seven, day=datetime.date(2026, 6, 26)).checkin.rows == []


def test_a_day_outside_the_event_falls_back_to_the_nearest_event_day(forum_of_seven):
    assert event_dashboard(
        forum_of_seven, day=datetime.date(2030, 1, 1), now=at(2026, 7, 9, 9)
    ).checkin_day == datetime.date(2026, 6, 26)
    assert event_dashboard(forum_of_seven, now=at(2026, 6, 25, 9)).checkin_day == datetime.date(2026, 6, 25)


@pytest.mark.parametrize("count", [10, 1000])
def test_the_figures_cost_the_same_queries_for_10_and_1000_registrations(count):
    event = make_event()
    category = CategoryFactory(event=event, capacity=2000)
    people = bulk_registrations(event, category, count)
    for number, pk in enumerate(Registration.objects.filter(event=event).values_list("pk", flat=True)[:20]):
        scanned_at = at(2026, 6, 24, 7, number)
        ScanFactory(registration_id=pk, event=event, gate=f"Gate {number % 3}", scanned_at=scanned_at)
    with CaptureQueriesContext(connection) as queries:
        board = event_dashboard(event, day=datetime.date(2026, 6, 24))
    assert board.summary.confirmed == count == len(people)
    assert len(queries) == 8
