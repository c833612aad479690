"""At a closed session's door: staff choose the door on the start page, a
person not invited is refused in red, an invited one is let in and the
inside count shows it."""

import datetime
import re

import pytest
from django.utils import timezone

from registration.badges import tokens as badge_tokens
from registration.checkin.models import SessionAttendance
from registration.checkin.session_access import session_access_save
from tests.factories import PASSWORD, CategoryFactory, RegistrationFactory, RoomFactory, SessionFactory, make_event
from tests.helpers import make_checkin_staff, restore_site_basics, web_expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_closed_sessions_door_refuses_the_uninvited_and_admits_the_invited(page, live_server):
    restore_site_basics()
    today = timezone.localdate()
    event = make_event(title="Global Forum", start_date=today, end_date=today + datetime.timedelta(days=1))
    ministers = CategoryFactory(event=event, name="Minister")
    press = CategoryFactory(event=event, name="Press")
    starts = timezone.now() + datetime.timedelta(hours=1)
    session = SessionFactory(
        event=event,
        title="Ministerial round table",
        room=RoomFactory(event=event, name="Room II", capacity=10),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )
    session_access_save(session=session, closed=True, categories=[ministers])
    journalist = RegistrationFactory(event=event, category=press, user=None, first_name="Lina", last_name="Haddad")
    minister = RegistrationFactory(event=event, category=ministers, user=None, first_name="Amina", last_name="Diallo")
    make_checkin_staff(event, email="door@example.org")
    # Signed before the browser starts: the live server shares this thread's
    # SQLite connection, and the first token writes the event's signing key.
    journalist_code, minister_code = badge_tokens.badge_token(journalist), badge_tokens.badge_token(minister)

    page.goto("/checkin/")
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=.*"))
    page.get_by_label("Email").fill("door@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/checkin/")
    page.get_by_label("Door of a session").check()
    page.get_by_role("button", name="Open the scanner").click()
    page.get_by_label("Session").select_option(str(session.pk))
    page.get_by_role("button", name="Open the scanner at this door").click()
    page.wait_for_url(f"{live_server.url}/checkin/{event.pk}/?session={session.pk}")
    assert page.locator("#door-heading").inner_text() == "Door of “Ministerial round table”"
    assert page.get_by_label("Entry").is_checked()
    web_expect(page.locator("#session-inside")).to_have_text("0 / 10")
    verdict = page.locator("#verdict")

    page.keyboard.type(journalist_code)
    page.keyboard.press("Enter")
    web_expect(verdict).to_have_attribute("data-result", "not_admitted")
    assert verdict.get_attribute("class") == "verdict verdict--bad"
    assert page.locator("#verdict-title").inner_text() == "Not admitted to this session"
    assert page.locator("#verdict-message").inner_text() == "Not admitted to this session."
    assert page.locator("#verdict-name").inner_text() == "Lina Haddad"

    page.keyboard.press("Escape")
    page.keyboard.type(minister_code)
    page.keyboard.press("Enter")
    web_expect(verdict).to_have_attribute("data-result", "ok")
    assert verdict.get_attribute("class") == "verdict verdict--good"
    assert page.locator("#verdict-message").inner_text() == "Admitted to this session."
    assert page.locator("#verdict-name").inner_text() == "Amina Diallo"
    assert page.get_by_role("button", name="Undo this check-in").is_hidden()  # a door scan is not a check-in
    web_expect(page.locator("#session-inside")).to_have_text("1 / 10")

    # Leaving by the same door: the exit radio, then the badge again.
    page.keyboard.press("Escape")
    page.get_by_label("Exit").check()
    assert page.evaluate("document.activeElement.id") == "code-input"
    page.keyboard.type(minister_code)
    page.keyboard.press("Enter")
    web_expect(verdict).to_have_attribute("data-result", "left")
    web_expect(page.locator("#session-inside")).to_have_text("0 / 10")

    attendance = SessionAttendance.objects.get()
    assert (attendance.registration_id, attendance.inside, attendance.entries) == (minister.pk, False, 1)
    minister.refresh_from_db()
    assert minister.checked_in_at is None

    # Someone without their badge, found by name at the door: refused there too.
    page.keyboard.press("Escape")
    page.get_by_label("Entry").check()
    page.get_by_label("Name, organisation, email or reference").fill("Haddad")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("button", name="Check in Lina Haddad").click()
    web_expect(verdict).to_have_attribute("data-result", "not_admitted")
    journalist.refresh_from_db()
    assert journalist.checked_in_at is None  # a search at a door is a door scan, not a check-in at the entrance
