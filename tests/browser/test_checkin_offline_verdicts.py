"""The offline verdict, as the scanner's own script gives it in chromium,
from the roster the server really sends: every kind of badge a door sees
without the network, key rotation and retirement, reissued badges, older
FB1 badges, people checked in before, and a closed session's door."""

import datetime

import pytest
from django.utils import timezone

from registration.badges import signing
from registration.badges import tokens as badge_tokens
from registration.badges.models import BadgeKey
from registration.badges.services import badge_reissue
from registration.checkin import roster
from registration.models import RegistrationStatus
from tests.factories import CategoryFactory, RegistrationFactory, make_event
from tests.helpers import browser_sign_in, make_checkin_staff, open_scanner_for_offline, restore_site_basics

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs the page's offline verdict on each code against the roster given.
VERDICTS = """
async ({ snapshot, sessions, codes, sessionId, direction }) => {
  const { Roster, offlineVerdict } = CheckinApp.verify;
  const roster = new Roster({ event: snapshot.event.id });
  roster.apply({ ...snapshot, sessions: sessions });
  const verdicts = [];
  for (const code of codes) {
    const verdict = await offlineVerdict(roster, code, {
      checkins: new Map(), sessionId: sessionId, direction: direction, strings: CheckinApp.app.strings,
    });
    verdicts.push([verdict.result, verdict.registration ? verdict.registration.name : null, verdict.message]);
  }
  return verdicts;
}
"""


@pytest.fixture
def scanner_page(page, live_server):
    """A signed-in scanner page of an event on today's date, and the event."""
    restore_site_basics()
    today = timezone.localdate()
    event = make_event(time_zone="Asia/Bangkok", start_date=today, end_date=today + datetime.timedelta(days=1))
    staff = make_checkin_staff(event, email="door@example.org")
    url = f"/checkin/{event.pk}/"
    browser_sign_in(page, staff.email, url)
    open_scanner_for_offline(page, url)
    return page, event


def verdicts(page, event, codes, *, sessions=(), session_id=None, direction="entry"):
    snapshot = roster.roster_snapshot(event=event)
    arguments = {
        "snapshot": snapshot,
        "sessions": list(sessions),
        "codes": codes,
        "sessionId": session_id,
        "direction": direction,
    }
    return page.evaluate(VERDICTS, arguments)


def test_offline_verdicts_of_every_kind_of_badge(scanner_page):
    page, event = scanner_page
    amina = RegistrationFactory(event=event, user=None, first_name="Amina", last_name="Diallo")
    pending = RegistrationFactory(event=event, user=None, status=RegistrationStatus.PENDING)
    lost = RegistrationFactory(event=event, user=None, first_name="Omar", last_name="Faruk")
    old_badge = badge_tokens.badge_token(lost)
    badge_reissue(registration=lost, by=None)
    earlier = RegistrationFactory(event=event, user=None, first_name="Lina", last_name="Haddad")
    earlier.checked_in_at = datetime.datetime(2026, 6, 24, 2, 5, tzinfo=datetime.UTC)
    earlier.save()
    legacy = badge_tokens.legacy_badge_token(amina)
    code = badge_tokens.badge_token(amina)
    other_event = RegistrationFactory(user=None)
    codes = [
        code,
        code[:-20] + ("A" if code[-20] != "A" else "B") + code[-19:],  # the signature altered
        code.replace(f".{amina.reference}.", f".{pending.reference}."),  # the reference swapped
        code.replace(f".{amina.reference}.1.", f".{amina.reference}.2."),  # the version raised
        badge_tokens.badge_token(pending),
        old_badge,
        badge_tokens.badge_token(lost),
        badge_tokens.badge_token(earlier),
        legacy,
        badge_tokens.badge_token(other_event),
        "HELLO",
        code.lower(),
    ]
    assert verdicts(page, event, codes) == [
        ["ok", "Amina Diallo", "Checked in from this device's list (no network)."],
        ["invalid", None, "This badge's signature is not valid."],
        ["invalid", None, "This badge's signature is not valid."],
        ["invalid", None, "This badge's signature is not valid."],
        ["not_confirmed", None, "This registration is not confirmed."],
        ["invalid", "Omar Faruk", "This badge was replaced by a newer badge."],
        ["ok", "Omar Faruk", "Checked in from this device's list (no network)."],
        ["already_checked_in", "Lina Haddad", "Already checked in at 09:05."],
        [
            "offline",
            "Amina Diallo",
            "An older badge, which only the server can check: saved, checked when online.",
        ],
        ["invalid", None, "This badge's signature is not valid."],
        ["invalid", None, "This badge's signature is not valid."],
        ["ok", "Amina Diallo", "Checked in from this device's list (no network)."],
    ]


def test_offline_verdicts_follow_key_rotation_and_retirement(scanner_page):
    page, event = scanner_page
    amina = RegistrationFactory(event=event, user=None, first_name="Amina", last_name="Diallo")
    first = badge_tokens.badge_token(amina)
    signing.badge_key_rotate(event_id=event.pk)
    second = badge_tokens.badge_token(amina)
    assert (first.split(".")[1], second.split(".")[1]) == ("1", "2")
    ok = ["ok", "Amina Diallo", "Checked in from this device's list (no network)."]
    assert verdicts(page, event, [first, second]) == [ok, ok]

    signing.badge_key_retire(key=BadgeKey.objects.get(event=event, kid=1))
    forged = ["invalid", None, "This badge's signature is not valid."]
    assert verdicts(page, event, [first, second]) == [forged, ok]


def test_unknown_person_with_a_valid_badge_is_kept_for_the_server(scanner_page):
    page, event = scanner_page
    snapshot = roster.roster_snapshot(event=event)
    newcomer = RegistrationFactory(event=event, user=None)  # registered after the download
    arguments = {"snapshot": snapshot, "sessions": [], "codes": [badge_tokens.badge_token(newcomer)]}
    assert page.evaluate(VERDICTS, {**arguments, "sessionId": None, "direction": "entry"}) == [
        ["offline", None, "Not on this device's list yet: saved, checked when online."]
    ]


def test_closed_session_door_admits_only_the_invited(scanner_page):
    page, event = scanner_page
    speakers = CategoryFactory(event=event, name="Speaker")
    press = CategoryFactory(event=event, name="Press")
    speaker = RegistrationFactory(event=event, user=None, category=speakers, first_name="Amina", last_name="Diallo")
    guest = RegistrationFactory(event=event, user=None, category=press, first_name="Kwame", last_name="Mensah")
    outsider = RegistrationFactory(event=event, user=None, category=press, first_name="Lina", last_name="Haddad")
    # A session of the roster answer (interface of the doors part).
    closed = {
        "id": 7,
        "title": "Closed briefing",
        "closed": True,
        "categories": [speakers.pk],
        "people": [guest.reference],
        "capacity": 40,
    }
    codes = [badge_tokens.badge_token(person) for person in (speaker, guest, outsider)]

    assert verdicts(page, event, codes, sessions=[closed], session_id=7) == [
        ["ok", "Amina Diallo", "Checked in from this device's list (no network)."],
        ["ok", "Kwame Mensah", "Checked in from this device's list (no network)."],
        ["not_admitted", "Lina Haddad", "Not admitted to this session."],
    ]
    assert verdicts(page, event, codes[2:], sessions=[closed], session_id=7, direction="exit") == [
        ["left", "Lina Haddad", "Left the session."]
    ]
    open_session = {**closed, "closed": False}
    assert verdicts(page, event, codes[2:], sessions=[open_session], session_id=7)[0][0] == "ok"
