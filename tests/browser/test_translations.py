"""An organiser translates a session in the admin (a plain field and a rich
text editor made for the translation), and a participant reads it in French."""

import re

import pytest

from home.languages import split_language
from sessions.models import Session
from tests.factories import PASSWORD, SessionFactory, home_page, local, make_event
from tests.helpers import make_event_organiser, web_expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organiser_translates_a_session_and_the_agenda_shows_it(page, live_server):
    home_page()
    event = make_event(title="Policy dialogue on neurotechnology", slug="neuro-dialogue")
    session = SessionFactory(
        event=event,
        title="What neural data reveals",
        starts_at=local(event, 0, 10),
        ends_at=local(event, 0, 11),
        description="<p>A panel on mental privacy.</p>",
    )
    organiser = make_event_organiser(event)

    page.goto(f"/accounts/login/?next=/admin/agenda/sessions/edit/{session.pk}/")
    page.get_by_label("Email").fill(organiser.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Title (French)").fill("Ce que révèlent les données neuronales")
    editor = page.locator('[data-contentpath="translation-es-description"] [contenteditable="true"]')
    editor.click()
    page.keyboard.type("Un panel sobre la privacidad mental.")
    # Draftail writes its content into the form's input a moment after typing.
    web_expect(page.locator('input[name="translation-es-description"]')).to_have_value(re.compile("privacidad"))
    page.get_by_role("button", name="Save", exact=True).click()
    web_expect(page.get_by_text("Session 'What neural data reveals' updated.")).to_be_visible()

    saved = Session.objects.get(pk=session.pk)
    assert saved.translated("title", "fr") == "Ce que révèlent les données neuronales"
    assert "Un panel sobre la privacidad mental." in saved.translated("description", "es")
    assert saved.translation_status("fr") == "missing"  # its description is not in French yet

    french_url = "/fr" + split_language(event.url)[1]
    page.goto(f"{french_url}agenda/?day=all")
    web_expect(page.get_by_role("link", name="Ce que révèlent les données neuronales")).to_be_visible()
    page.goto(f"{french_url}sessions/{session.uid}/")
    web_expect(page.locator('div[lang="en"]')).to_have_text("A panel on mental privacy.")
