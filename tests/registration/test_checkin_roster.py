"""The roster API offline scanners download (registration/checkin/roster.py,
views/offline.py): the whole event first, then only what changed, compressed;
the same callers as the scan API."""

import datetime
import gzip
import json

import pytest
from django.test import Client
from django.utils import timezone

from registration.badges import tokens as badge_tokens
from registration.badges.models import BadgeKey
from registration.badges.services import badge_reissue
from registration.badges.signing import public_key_text
from registration.checkin.services import scan_record
from registration.models import Registration, RegistrationStatus
from registration.services import registration_cancel, registration_update
from tests.factories import CategoryFactory, RegistrationFactory, UserFactory, make_event
from tests.helpers import make_checkin_staff, make_scanner_token, signed_in

pytestmark = pytest.mark.django_db

ROSTER_URL = "/api/checkin/roster/"
AN_HOUR_AGO = datetime.timedelta(hours=1)


@pytest.fixture
def roster_event():
    return make_event(title="Global Forum on the Ethics of AI", time_zone="Europe/Paris")


@pytest.fixture
def roster_staff(roster_event):
    return make_checkin_staff(roster_event)


@pytest.fixture
def roster_client(roster_staff):
    return signed_in(roster_staff)


def people(roster_event, count, category=None):
    category = category or CategoryFactory(event=roster_event, name="Civil society", badge_colour="#0b7a75")
    return [
        RegistrationFactory(
            event=roster_event,
            user=None,
            category=category,
            first_name=f"Ada{n}",
            last_name="Lovelace",
            organisation="IEEE",
        )
        for n in range(count)
    ]


def settled(roster_event):
    """Every registration of the event last changed an hour ago, so that a
    refresh now finds nothing new (past the cursor's margin)."""
    Registration.objects.filter(event=roster_event).update(updated_at=timezone.now() - AN_HOUR_AGO)


def roster(client, roster_event, since=None, **extra):
    params = {"event": roster_event.pk} | ({"since": since} if since else {})
    return client.get(ROSTER_URL, params, **extra)


def test_the_first_download_is_the_whole_event(roster_client, roster_event):
    category = CategoryFactory(event=roster_event, name="Speakers", badge_colour="#aa3300")
    confirmed = RegistrationFactory(
        event=roster_event,
        user=None,
        category=category,
        honorific="Dr",
        first_name="Amina",
        last_name="Diallo",
        organisation="Ministry of Digital Affairs",
    )
    cancelled = RegistrationFactory(
        event=roster_event, user=None, category=category, status=RegistrationStatus.CANCELLED
    )
    pending = RegistrationFactory(event=roster_event, user=None, category=category, status=RegistrationStatus.PENDING)
    RegistrationFactory(user=None)  # another event's

    body = roster(roster_client, roster_event).json()

    key = BadgeKey.objects.get(event=roster_event)
    assert body["event"] == {
        "id": roster_event.pk,
        "title": "Global Forum on the Ethics of AI",
        "time_zone": "Europe/Paris",
        "start_date": roster_event.start_date.isoformat(),
        "end_date": roster_event.end_date.isoformat(),
    }
    assert (body["full"], body["total"]) == (True, 3)
    assert body["keys"] == [{"kid": key.kid, "key": public_key_text(key.public_key)}]
    assert body["categories"] == [[category.pk, "Speakers", "#aa3300"]]
    assert body["people"] == [
        [confirmed.reference, "Dr Amina Diallo", "Ministry of Digital Affairs", category.pk, 1, None]
    ]
    assert sorted(body["revoked"]) == sorted(
        [[cancelled.reference, "cancelled", 0], [pending.reference, "not_confirmed", 0]]
    )


def test_the_answer_is_compressed_and_never_cached(roster_client, roster_event):
    people(roster_event, 20)

    response = roster(roster_client, roster_event, HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert len(json.loads(gzip.decompress(response.content))["people"]) == 20


def test_a_refresh_with_nothing_changed_is_empty_and_small(roster_client, roster_event):
    people(roster_event, 30)
    settled(roster_event)
    first = roster(roster_client, roster_event).json()

    response = roster(roster_client, roster_event, since=first["cursor"], HTTP_ACCEPT_ENCODING="gzip")

    body = json.loads(gzip.decompress(response.content) if response.get("Content-Encoding") else response.content)
    assert (body["full"], body["people"], body["revoked"], body["total"]) == (False, [], [], 30)
    assert len(response.content) < 1024
    assert body["cursor"] >= first["cursor"]


def test_a_refresh_brings_each_kind_of_change(roster_client, roster_staff, roster_event):
    renamed, cancelled, reissued, arrived, unchanged = people(roster_event, 5)
    settled(roster_event)
    cursor = roster(roster_client, roster_event).json()["cursor"]

    registration_update(registration=renamed, details={"organisation": "UNESCO"}, by=UserFactory(is_superuser=True))
    registration_cancel(registration=cancelled, by=None)
    badge_reissue(registration=reissued, by=None)
    scan_record(
        code=badge_tokens.badge_token(arrived), staff=roster_staff, allowed_event_ids=None, event_id=roster_event.pk
    )
    body = roster(roster_client, roster_event, since=cursor).json()

    arrived.refresh_from_db()
    assert sorted(person[0] for person in body["people"]) == sorted(
        [renamed.reference, reissued.reference, arrived.reference]
    )
    by_reference = {person[0]: person for person in body["people"]}
    assert by_reference[renamed.reference][2] == "UNESCO"
    assert by_reference[reissued.reference][4] == 2
    assert by_reference[arrived.reference][5] == arrived.checked_in_at.isoformat()
    assert sorted(body["revoked"]) == sorted(
        [[cancelled.reference, "cancelled", 0], [reissued.reference, "superseded", 2]]
    )
    assert unchanged.reference not in json.dumps(body)


def test_a_deleted_registration_shows_in_the_total(roster_client, roster_event):
    first_person, _second = people(roster_event, 2)
    settled(roster_event)
    first = roster(roster_client, roster_event).json()

    Registration.objects.filter(pk=first_person.pk).delete()
    body = roster(roster_client, roster_event, since=first["cursor"]).json()

    # The scanner knows 2 references and is told of 1: it asks for everything again.
    assert (first["total"], body["total"], body["people"], body["revoked"]) == (2, 1, [], [])


@pytest.mark.parametrize(
    "since", ["yesterday", "2026-06-24T10:00:00", "2026-13-40T10:00:00+00:00", "0001-01-01T00:00:00+00:00"]
)
def test_a_bad_cursor_is_400(roster_client, roster_event, since):
    response = roster(roster_client, roster_event, since=since)

    assert (response.status_code, response.json()["message"]) == (400, "since must be the cursor of an earlier answer.")


def test_callers_are_those_of_the_scan_api(client, roster_event):
    other = make_event()
    people(roster_event, 1)
    staff_elsewhere = signed_in(make_checkin_staff(other))
    _token, key = make_scanner_token(make_checkin_staff(roster_event), roster_event)
    _token, key_elsewhere = make_scanner_token(make_checkin_staff(other), other)

    answers = {
        "anonymous": roster(client, roster_event).status_code,
        "staff of another event": roster(staff_elsewhere, roster_event).status_code,
        "token of the event": roster(Client(), roster_event, HTTP_AUTHORIZATION=f"Token {key}").status_code,
        "token of another event": roster(
            Client(), roster_event, HTTP_AUTHORIZATION=f"Token {key_elsewhere}"
        ).status_code,
        "no event": client.get(ROSTER_URL, HTTP_AUTHORIZATION=f"Token {key}").status_code,
    }

    assert answers == {
        "anonymous": 401,
        "staff of another event": 403,
        "token of the event": 200,
        "token of another event": 403,
        "no event": 400,
    }


def test_a_post_is_refused(roster_client, roster_event):
    assert roster_client.post(ROSTER_URL, {"event": roster_event.pk}).status_code == 405


@pytest.mark.parametrize("count", [10, 300])
def test_roster_query_count_does_not_grow(roster_client, roster_event, count, django_assert_max_num_queries):
    people(roster_event, count)
    for person in Registration.objects.filter(event=roster_event)[: count // 10]:
        badge_reissue(registration=person, by=None)
    roster(roster_client, roster_event)  # the event's badge key exists from now on
    # session, user, check-in events, event, badge key (2), keys, categories,
    # registrations, their count, the door rules: the same for 10 and 300.

    with django_assert_max_num_queries(10):
        body = roster(roster_client, roster_event).json()

    assert (len(body["people"]), len(body["revoked"])) == (count, count // 10)
