import re

import pytest
from icalendar import Calendar

from tests.factories import (
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    TrackFactory,
    UserFactory,
    local,
    make_event,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def agenda_forum(db):
    from tests.factories import home_page

    home_page()
    event = make_event(title="Global Forum 2026", slug="forum-2026", time_zone="Asia/Bangkok")
    rights = TrackFactory(event=event, name="Human rights")
    planet = TrackFactory(event=event, name="Environment")
    hall, annex = (
        RoomFactory(event=event, name="Hall", sort_order=0),
        RoomFactory(event=event, name="Annex", sort_order=1),
    )
    first = SessionFactory(
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
        room=annex,
        starts_at=local(event, 0, 9),
        ends_at=local(event, 0, 10),
    )
    SessionFactory(
        event=event,
        title="Climate adaptation",
        track=planet,
        room=hall,
        starts_at=local(event, 0, 11),
        ends_at=local(event, 0, 12),
    )
    SessionSpeakerFactory(session=first)
    return {"event": event, "planet": planet}


def sign_in(page, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="My account").wait_for()


def card_box(page, title):
    return page.locator("article.session-card", has=page.get_by_role("heading", name=title)).bounding_box()


def test_agenda_on_phone_and_desktop_filter_star_my_agenda_and_ics(
    browser, live_server, agenda_forum, password, tmp_path
):
    user = UserFactory()

    # A phone: parallel sessions are stacked.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    phone_page = phone.new_page()
    phone_page.goto("/en/events/forum-2026/agenda/")
    assert phone_page.locator("h1").inner_text() == "Agenda"
    left, right = card_box(phone_page, "Facial recognition"), card_box(phone_page, "Data centres and water")
    assert left["x"] == right["x"]
    assert right["y"] > left["y"] + left["height"] - 1
    phone.close()

    # A desktop: side by side.
    desktop = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = desktop.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, user, password)
    page.goto("/en/events/forum-2026/agenda/")
    left, right = card_box(page, "Facial recognition"), card_box(page, "Data centres and water")
    assert left["y"] == right["y"]
    assert right["x"] > left["x"] + left["width"] - 1
    assert page.get_by_text("All times are local to the event: Asia/Bangkok time (UTC+07:00).").is_visible()

    # Filter by track, with the keyboard-usable form; the filter lands in the URL.
    page.get_by_label("Track").select_option(label="Environment")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(rf".*track={agenda_forum['planet'].pk}.*"))
    titles = page.locator("h4.session-card__title").all_inner_texts()
    assert titles == ["Data centres and water", "Climate adaptation"]

    # Star a session (JavaScript: no reload), then see it in "My agenda".
    filtered_url = page.url
    page.get_by_role("button", name="Add to my agenda (Climate adaptation)").click()
    page.get_by_role("button", name="On my agenda (Climate adaptation)").wait_for()
    assert page.get_by_role("button", name="On my agenda (Climate adaptation)").get_attribute("aria-pressed") == "true"
    assert page.url == filtered_url
    page.goto("/agenda/mine/")
    assert page.locator(".my-agenda__item a").all_inner_texts() == ["Climate adaptation"]

    # Download the session's .ics from its page.
    page.get_by_role("link", name="Climate adaptation").click()
    page.wait_for_url(re.compile(r".*/events/forum-2026/sessions/[0-9a-f-]+/$"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == "climate-adaptation.ics"
    path = tmp_path / "session.ics"
    download.save_as(path)
    (vevent,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Climate adaptation"
    assert vevent["DTSTART"].to_ical() == b"20260624T110000"
    assert vevent["DTSTART"].params["TZID"] == "Asia/Bangkok"
    desktop.close()
