"""Organisers assign check-in staff to their events, in the Wagtail admin
(sessions/checkin_staff_admin.py) or with ``manage.py checkin_staff``;
another event's staff are out of sight and out of reach."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from sessions.models import CheckinStaff
from tests.factories import UserFactory, make_event
from tests.helpers import make_checkin_staff, make_event_organiser

pytestmark = pytest.mark.django_db

INDEX = "/admin/checkin-staff/"
ADD = "/admin/checkin-staff/new/"


@pytest.fixture
def events():
    return make_event(title="Global Forum on the Ethics of AI"), make_event(title="Policy dialogue on neurotechnology")


@pytest.fixture
def event_a_organiser(events):
    return make_event_organiser(events[0], email="organiser.a@example.org")


@pytest.fixture
def event_a_organiser_client(event_a_organiser):
    client = Client()
    client.force_login(event_a_organiser)
    return client


def test_organiser_lists_only_the_staff_of_their_events(event_a_organiser_client, events):
    event_a, event_b = events
    make_checkin_staff(event_a, email="gate.a@example.org")
    make_checkin_staff(event_b, email="gate.b@example.org")

    response = event_a_organiser_client.get(INDEX)

    assert response.status_code == 200
    assert [assignment.user.email for assignment in response.context["object_list"]] == ["gate.a@example.org"]
    assert "gate.b@example.org" not in response.content.decode()


def test_organiser_adds_staff_by_the_email_of_their_account(event_a_organiser_client, event_a_organiser, events):
    person = UserFactory(email="Gate.A@example.org")

    response = event_a_organiser_client.post(ADD, {"event": events[0].pk, "email": "gate.a@EXAMPLE.org"})

    assert (response.status_code, response["Location"]) == (302, INDEX)
    assignment = CheckinStaff.objects.get()
    assert (assignment.event, assignment.user, assignment.added_by) == (events[0], person, event_a_organiser)
    messages = [str(message).strip() for message in event_a_organiser_client.get(INDEX).context["messages"]]
    assert messages == [f"Gate.A@example.org now checks people in at {events[0].title}."]


@pytest.mark.parametrize(
    "make_person", [lambda: None, lambda: UserFactory(email="gate.a@example.org", is_active=False)]
)
def test_an_email_without_an_active_account_is_refused_beside_the_field(event_a_organiser_client, events, make_person):
    make_person()

    response = event_a_organiser_client.post(ADD, {"event": events[0].pk, "email": "gate.a@example.org"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"email": ["No active account has this email address."]}
    assert CheckinStaff.objects.count() == 0


def test_someone_already_assigned_is_refused_beside_the_field(event_a_organiser_client, events):
    make_checkin_staff(events[0], email="gate.a@example.org")

    response = event_a_organiser_client.post(ADD, {"event": events[0].pk, "email": "gate.a@example.org"})

    assert response.context["form"].errors == {"email": ["This person already checks people in at this event."]}
    assert CheckinStaff.objects.count() == 1


def test_the_add_form_offers_only_the_organisers_events(event_a_organiser_client, events):
    UserFactory(email="gate.a@example.org")

    offered = event_a_organiser_client.get(ADD).context["form"].fields["event"].queryset
    refused = event_a_organiser_client.post(ADD, {"event": events[1].pk, "email": "gate.a@example.org"})

    assert list(offered) == [events[0]]
    assert refused.context["form"].errors == {
        "event": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert CheckinStaff.objects.count() == 0


def test_organiser_removes_staff_through_the_service(event_a_organiser_client, events):
    staff = make_checkin_staff(events[0], events[1], email="gate.a@example.org")
    assignment = CheckinStaff.objects.get(user=staff, event=events[0])

    confirm = event_a_organiser_client.get(f"/admin/checkin-staff/delete/{assignment.pk}/")
    response = event_a_organiser_client.post(f"/admin/checkin-staff/delete/{assignment.pk}/")

    assert (confirm.status_code, response.status_code, response["Location"]) == (200, 302, INDEX)
    assert list(CheckinStaff.objects.filter(user=staff).values_list("event_id", flat=True)) == [events[1].pk]


def test_another_events_staff_is_404_everywhere(event_a_organiser_client, events):
    other = CheckinStaff.objects.get(user=make_checkin_staff(events[1]))

    answers = [
        event_a_organiser_client.get(f"/admin/checkin-staff/delete/{other.pk}/").status_code,
        event_a_organiser_client.post(f"/admin/checkin-staff/delete/{other.pk}/").status_code,
        event_a_organiser_client.get(f"/admin/checkin-staff/history/{other.pk}/").status_code,
        event_a_organiser_client.get(f"/admin/checkin-staff/usage/{other.pk}/").status_code,
        event_a_organiser_client.get(f"/admin/checkin-staff/edit/{other.pk}/").status_code,
    ]

    assert answers == [404] * 5
    assert CheckinStaff.objects.filter(pk=other.pk).exists()


def test_an_edit_changes_only_whether_the_person_is_lead(event_a_organiser_client, events):
    mine = CheckinStaff.objects.get(user=make_checkin_staff(events[0]))

    response = event_a_organiser_client.post(
        f"/admin/checkin-staff/edit/{mine.pk}/", {"event": events[1].pk, "is_lead": "on"}
    )

    assert (response.status_code, response["Location"]) == (302, INDEX)
    mine.refresh_from_db()
    assert (mine.event, mine.is_lead) == (events[0], True)
    messages = [str(message).strip() for message in event_a_organiser_client.get(INDEX).context["messages"]]
    assert messages == [
        f"{mine.user.email} is now lead staff at {events[0].title}: they register and revoke its scanning devices."
    ]


def test_organiser_adds_lead_staff(event_a_organiser_client, events):
    person = UserFactory(email="lead.a@example.org")

    event_a_organiser_client.post(ADD, {"event": events[0].pk, "email": person.email, "is_lead": "on"})

    assert list(CheckinStaff.objects.values_list("user__email", "is_lead")) == [("lead.a@example.org", True)]


def test_the_listing_links_to_the_scanning_devices(event_a_organiser_client, events):
    listing = event_a_organiser_client.get(INDEX).content.decode()

    assert 'href="/checkin/devices/event/"' in listing


def test_check_in_staff_and_participants_cannot_reach_it(client, events):
    client.force_login(make_checkin_staff(events[0]))

    response = client.get(INDEX)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={INDEX}")


def test_organisers_see_the_menu_item(event_a_organiser_client):
    sidebar = event_a_organiser_client.get("/admin/").content.decode()

    assert (
        '"label": "Check-in staff", "icon_name": "group", "classname": "", "attrs": {}, "url": "/admin/checkin-staff/"'
        in sidebar
    )


def test_the_listing_exports_as_csv(event_a_organiser_client, events):
    make_checkin_staff(events[0], email="gate.a@example.org", first_name="Kwame", last_name="Mensah")

    response = event_a_organiser_client.get(INDEX, {"export": "csv"})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Email,Name,Event,Added at,Lead"
    assert [line.split(",")[:3] for line in lines[1:]] == [["gate.a@example.org", "Kwame Mensah", events[0].title]]


@pytest.mark.parametrize("count", [1, 10])
def test_listing_query_count_does_not_grow_with_staff(
    event_a_organiser_client, events, count, django_assert_num_queries
):
    for _ in range(count):
        make_checkin_staff(events[0])
    event_a_organiser_client.get(INDEX)  # the first admin page caches what it may

    with django_assert_num_queries(14):
        response = event_a_organiser_client.get(INDEX)

    assert (response.status_code, len(response.context["object_list"])) == (200, count)


# --- manage.py checkin_staff ---------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command("checkin_staff", *args, stdout=out)
    return out.getvalue()


def test_command_adds_lists_and_removes(events):
    person = UserFactory(email="gate.a@example.org")
    event_a, event_b = events
    make_checkin_staff(event_b, email="gate.b@example.org")

    added = run("add", "gate.a@example.org", "--event", str(event_a.pk))
    again = run("add", "GATE.A@example.org", "--event", str(event_a.pk))
    listed = run("list", "--event", str(event_a.pk))
    everyone = run("list")
    removed = run("remove", "gate.a@example.org", "--event", str(event_a.pk))
    not_there = run("remove", "gate.a@example.org", "--event", str(event_a.pk))

    assert added == again == f"gate.a@example.org checks people in at {event_a.title} ({event_a.pk}).\n"
    assert listed == f"{event_a.pk}\t{event_a.title}\tgate.a@example.org\n"
    assert everyone == (
        f"{event_a.pk}\t{event_a.title}\tgate.a@example.org\n{event_b.pk}\t{event_b.title}\tgate.b@example.org\n"
    )
    assert removed == f"gate.a@example.org no longer checks people in at {event_a.title} ({event_a.pk}).\n"
    assert not_there == f"gate.a@example.org was not check-in staff at {event_a.title} ({event_a.pk}).\n"
    assert not CheckinStaff.objects.filter(user=person).exists()


def test_command_refuses_unknown_people_and_events_and_missing_arguments(events):
    UserFactory(email="gate.a@example.org")
    UserFactory(email="gone@example.org", is_active=False)

    def error(*args) -> str:
        with pytest.raises(CommandError) as raised:
            run(*args)
        return str(raised.value)

    assert error("add", "nobody@example.org", "--event", str(events[0].pk)) == (
        "No user with the email nobody@example.org."
    )
    assert error("add", "gate.a@example.org", "--event", "999999") == "There is no event with the id 999999."
    assert error("add", "gate.a@example.org") == "add needs an email and --event."
    assert error("add", "gone@example.org", "--event", str(events[0].pk)) == "This account is not active."
    assert CheckinStaff.objects.count() == 0
