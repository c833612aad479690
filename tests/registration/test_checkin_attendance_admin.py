"""The organisers' attendance report per session, its CSV export, and who a
session's door admits, in the admin: scoped to their events, fixed query
counts."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from registration.checkin.models import SessionAccess, SessionAttendance
from registration.checkin.session_access import session_access_save
from tests.factories import CategoryFactory, RegistrationFactory, RoomFactory, SessionFactory, make_event
from tests.helpers import make_checkin_staff, make_event_organiser, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendance_organiser(door_event):
    return signed_in(make_event_organiser(door_event))


def attend(session, registration, *, inside=True, entries=1, at=None):
    at = at or timezone.now()
    return SessionAttendance.objects.create(
        session=session, registration=registration, first_entry_at=at, last_scan_at=at, inside=inside, entries=entries
    )


def test_the_event_report_lists_sessions_with_capacity_attended_and_inside(
    attendance_organiser, door_event, round_table
):
    plenary = SessionFactory(event=door_event, title="Plenary", room=None, starts_at=round_table.starts_at)
    for inside in (True, True, False):
        attend(round_table, RegistrationFactory(event=door_event, user=None), inside=inside)
    session_access_save(session=round_table, closed=True)

    response = attendance_organiser.get(f"/admin/attendance/{door_event.pk}/")

    assert response.status_code == 200
    rows = {row["session"].pk: row for row in response.context["rows"]}
    assert (rows[round_table.pk]["capacity"], rows[round_table.pk]["session"].attended) == (40, 3)
    assert rows[round_table.pk]["session"].inside == 2
    assert rows[round_table.pk]["access"].closed is True
    assert (rows[plenary.pk]["capacity"], rows[plenary.pk]["session"].attended, rows[plenary.pk]["access"]) == (
        None,
        0,
        None,
    )
    assert "Closed: invited only" in response.text


def test_the_session_report_lists_attendees_and_exports_them(attendance_organiser, door_event, round_table):
    ministers = CategoryFactory(event=door_event, name="Minister")
    first = RegistrationFactory(
        event=door_event, user=None, category=ministers, first_name="Amina", last_name="Diallo", organisation="=SUM(A1)"
    )
    second = RegistrationFactory(
        event=door_event, user=None, category=ministers, first_name="Kwame", last_name="Mensah"
    )
    morning = datetime.datetime(2026, 6, 24, 9, 5, tzinfo=door_event.tz)
    attend(round_table, first, inside=False, entries=2, at=morning)
    attend(round_table, second, at=morning + datetime.timedelta(minutes=10))

    page = attendance_organiser.get(f"/admin/attendance/session/{round_table.pk}/")
    export = attendance_organiser.get(f"/admin/attendance/session/{round_table.pk}/", {"export": "csv"})

    assert [attendance.registration for attendance in page.context["attendees"]] == [first, second]
    assert (page.context["inside"], page.context["capacity"]) == (1, 40)
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    assert list(csv.reader(io.StringIO(export.content.decode()))) == [
        ["Reference", "Name", "Organisation", "Category", "First entry", "Last scan", "Entries", "Inside now"],
        [first.reference, "Amina Diallo", "'=SUM(A1)", "Minister", "2026-06-24 09:05", "2026-06-24 09:05", "2", ""],
        [
            second.reference,
            "Kwame Mensah",
            "Ministry of Digital Affairs",
            "Minister",
            "2026-06-24 09:15",
            "2026-06-24 09:15",
            "1",
            "yes",
        ],
    ]


def test_another_events_sessions_are_404_and_its_people_never_shown(attendance_organiser, door_event):
    other = make_event(title="Other dialogue")
    session = SessionFactory(event=other)
    attend(session, RegistrationFactory(event=other, user=None, last_name="Hidden"))

    urls = [
        f"/admin/attendance/{other.pk}/",
        f"/admin/attendance/session/{session.pk}/",
        f"/admin/attendance/session/{session.pk}/?export=csv",
        f"/admin/attendance/session/{session.pk}/access/",
    ]

    assert [attendance_organiser.get(url).status_code for url in urls] == [404] * 4
    assert (
        attendance_organiser.post(f"/admin/attendance/session/{session.pk}/access/", {"closed": "on"}).status_code
        == 404
    )
    assert not SessionAccess.objects.exists()
    index = attendance_organiser.get("/admin/attendance/")
    assert [event.pk for event in index.context["events"]] == [door_event.pk]


def test_checkin_staff_and_participants_do_not_get_the_report(door_event, round_table):
    for user in (make_checkin_staff(door_event), RegistrationFactory(event=door_event).user):
        response = signed_in(user).get(f"/admin/attendance/session/{round_table.pk}/")
        assert response.status_code in (302, 403)
        assert "Round table" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 10])
def test_the_event_report_query_count_does_not_grow_with_sessions(
    attendance_organiser, door_event, django_assert_max_num_queries, count
):
    for _ in range(count):
        session = SessionFactory(event=door_event, room=RoomFactory(event=door_event, capacity=20))
        session_access_save(session=session, closed=True)
        attend(session, RegistrationFactory(event=door_event, user=None))

    with django_assert_max_num_queries(13):
        response = attendance_organiser.get(f"/admin/attendance/{door_event.pk}/")

    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [1, 10])
def test_the_session_report_and_export_query_counts_do_not_grow_with_attendees(
    attendance_organiser, door_event, round_table, django_assert_max_num_queries, count
):
    for _ in range(count):
        attend(
            round_table, RegistrationFactory(event=door_event, user=None, category=CategoryFactory(event=door_event))
        )

    with django_assert_max_num_queries(13):
        page = attendance_organiser.get(f"/admin/attendance/session/{round_table.pk}/")
    with django_assert_max_num_queries(8):
        export = attendance_organiser.get(f"/admin/attendance/session/{round_table.pk}/", {"export": "csv"})

    assert len(page.context["attendees"]) == count
    assert len(export.content.decode().strip().splitlines()) == count + 1


def test_the_access_form_offers_only_the_events_categories_and_people(attendance_organiser, door_event, round_table):
    ministers = CategoryFactory(event=door_event, name="Minister")
    invited = RegistrationFactory(event=door_event, user=None)
    CategoryFactory(name="Elsewhere")
    stranger = RegistrationFactory(user=None)

    form = attendance_organiser.get(f"/admin/attendance/session/{round_table.pk}/access/").context["form"]

    assert set(form.fields["categories"].queryset) == {ministers, invited.category}
    assert list(form.fields["registrations"].queryset) == [invited]
    assert stranger not in form.fields["registrations"].queryset


def test_saving_the_access_form_closes_the_session(attendance_organiser, door_event, round_table):
    ministers = CategoryFactory(event=door_event, name="Minister")
    invited = RegistrationFactory(event=door_event, user=None)

    response = attendance_organiser.post(
        f"/admin/attendance/session/{round_table.pk}/access/",
        {"closed": "on", "categories": [ministers.pk], "registrations": [invited.pk]},
    )

    assert (response.status_code, response["Location"]) == (302, f"/admin/attendance/{door_event.pk}/")
    access = SessionAccess.objects.get(session=round_table)
    assert (access.closed, list(access.categories.all()), list(access.registrations.all())) == (
        True,
        [ministers],
        [invited],
    )


def test_the_access_form_refuses_another_events_person_and_changes_nothing(
    attendance_organiser, door_event, round_table
):
    stranger = RegistrationFactory(user=None)

    response = attendance_organiser.post(
        f"/admin/attendance/session/{round_table.pk}/access/", {"closed": "on", "registrations": [stranger.pk]}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["registrations"]
    assert not SessionAccess.objects.exists()
