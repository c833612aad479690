"""The language switcher in a real browser: the same page in the other
language, the agenda's filters kept; Arabic laid out right to left, the
agenda and the scanner."""

import re

import pytest
from django.conf import settings as django_settings
from wagtail.models import Locale

from registration.badges import tokens as badge_tokens
from tests.factories import (
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    TrackFactory,
    events_index,
    home_page,
    local,
    make_event,
)
from tests.helpers import browser_sign_in, make_checkin_staff, restore_site_basics, translate_page, web_expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bilingual_forum(page_root):
    """A forum whose home, events index and event page are translated into
    French, with two tracks and two sessions."""
    event = make_event(title="Global Forum 2026", slug="forum-2026", time_zone="Asia/Bangkok")
    rights = TrackFactory(event=event, name="Human rights")
    planet = TrackFactory(event=event, name="Environment")
    hall = RoomFactory(event=event, name="Hall")
    SessionFactory(
        event=event,
        title="Facial recognition",
        track=rights,
        room=hall,
        starts_at=local(event, 0, 9),
        ends_at=local(event, 0, 10),
    )
    SessionFactory(
        event=event,
        title="Data centres and water",
        track=planet,
        room=hall,
        starts_at=local(event, 0, 11),
        ends_at=local(event, 0, 12),
    )
    translate_page(home_page(), "fr", {"Home": "Accueil"})
    translate_page(events_index(), "fr", {"Events": "Événements"})
    translate_page(event, "fr", {"Global Forum 2026": "Forum mondial 2026"})
    return {"event": event, "planet": planet}


def switch_to(page, language_name: str) -> None:
    """The switcher in the header (the agenda's filters have a "Language" too)."""
    switcher = page.get_by_role("banner").locator("form.language-switcher")
    switcher.get_by_role("combobox").select_option(label=language_name)
    switcher.get_by_role("button").click()


def test_switcher_keeps_the_agenda_and_its_filters(page, bilingual_forum):
    planet = bilingual_forum["planet"]
    page.goto("/en/events/forum-2026/agenda/?day=all")
    page.get_by_label("Track").select_option(label="Environment")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(rf".*track={planet.pk}.*"))
    english_query = page.url.split("?", 1)[1]

    switch_to(page, "Français")

    page.wait_for_url(re.compile(r".*/fr/events/forum-2026/agenda/\?.*"))
    assert page.url.split("?", 1)[1] == english_query
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("nav.breadcrumb a").inner_text() == "Forum mondial 2026"
    assert page.locator("article.session-card h4").all_inner_texts() == ["Data centres and water"]

    # And back: the same agenda in English, the filter still on.
    switch_to(page, "English")
    page.wait_for_url(re.compile(r".*/en/events/forum-2026/agenda/\?.*"))
    assert page.url.split("?", 1)[1] == english_query


def test_switcher_from_the_event_page_opens_its_translation(page, bilingual_forum):
    page.goto("/en/events/forum-2026/")
    switch_to(page, "Français")
    page.wait_for_url(re.compile(r".*/fr/events/forum-2026/$"))
    assert page.locator("h1").inner_text() == "Forum mondial 2026"


def test_agenda_renders_right_to_left_in_arabic(page, page_root, settings):
    languages = [("en", "English"), ("fr", "French"), ("es", "Spanish"), ("ar", "Arabic")]
    settings.LANGUAGES = languages
    settings.WAGTAIL_CONTENT_LANGUAGES = languages
    Locale.objects.get_or_create(language_code="ar")
    event = make_event(title="Global Forum 2026", slug="forum-2026", time_zone="Asia/Bangkok")
    SessionFactory(event=event, title="Facial recognition", starts_at=local(event, 0, 9), ends_at=local(event, 0, 10))

    page.goto("/ar/events/forum-2026/agenda/?day=all")

    assert page.locator("html").get_attribute("dir") == "rtl"
    time_box = page.locator(".time-slot__time").first.bounding_box()
    card_box = page.locator("article.session-card").first.bounding_box()
    assert time_box["x"] > card_box["x"] + card_box["width"] - 1  # the time column on the right
    border = page.locator("article.session-card").first.evaluate(
        "card => [getComputedStyle(card).borderRightWidth, getComputedStyle(card).borderLeftWidth]"
    )
    assert border == ["6px", "1px"]  # the track's colour on the reading side


def test_scanner_works_right_to_left_in_arabic(page, page_root, settings, live_server):
    languages = [("en", "English"), ("fr", "French"), ("es", "Spanish"), ("ar", "Arabic")]
    settings.LANGUAGES = languages
    settings.WAGTAIL_CONTENT_LANGUAGES = languages
    restore_site_basics()
    event = make_event(title="Global Forum 2026", slug="forum-2026")
    registration = RegistrationFactory(event=event, user=None, first_name="Amina", last_name="Diallo")
    make_checkin_staff(event, email="gate.ar@example.org")
    browser_sign_in(page, "gate.ar@example.org", f"/checkin/{event.pk}/")
    page.context.add_cookies([{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    page.reload()

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.activeElement.id") == "code-input"
    page.keyboard.type(badge_tokens.badge_token(registration))
    page.keyboard.press("Enter")

    verdict = page.locator("#verdict")
    web_expect(verdict).to_have_attribute("data-result", "ok")
    assert page.locator("#verdict-name").inner_text() == "Amina Diallo"
    box, width = verdict.bounding_box(), page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # the whole verdict on screen
    text_align = page.locator("#verdict-name").evaluate("el => getComputedStyle(el).direction")
    assert text_align == "rtl"
