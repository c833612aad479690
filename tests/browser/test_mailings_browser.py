"""Messages to participants in a real browser: an organiser opens them from
the admin menu, writes to the confirmed delegates with a placeholder the
site does not know (refused beside the field), corrects it, reads the
preview as a French and an English reader will, sends, and sees the log."""

import pytest
from django.core import mail

from tests.factories import CategoryFactory, RegistrationFactory, make_event
from tests.helpers import browser_sign_in, make_event_organiser, web_expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("page_root")
def test_an_organiser_writes_previews_and_sends_a_message(page, live_server):
    event = make_event(title="Expert workshop on AI and labour")
    delegates = CategoryFactory(event=event, name="Delegates")
    press = CategoryFactory(event=event, name="Press")
    RegistrationFactory(
        event=event, category=delegates, first_name="Awa", email="awa@example.org", preferred_language="fr"
    )
    RegistrationFactory(event=event, category=delegates, first_name="Bruno", email="bruno@example.org")
    RegistrationFactory(event=event, category=press, first_name="Chen", email="chen@example.org")

    browser_sign_in(page, make_event_organiser(event).email, "/admin/")
    page.get_by_role("link", name="Messages to participants").click()
    page.get_by_role("link", name="Write a message").click()
    page.get_by_label("Delegates").check()
    page.get_by_label("Subject (English)").fill("Practical information for {event}")
    page.get_by_label("Message (English)").fill("Dear {firstname},\nthe doors open at 8:30.")
    page.get_by_label("Subject (French)").fill("Informations pratiques : {event}")
    page.get_by_label("Message (French)").fill("Chère, cher {first_name},\nles portes ouvrent à 8 h 30.")
    page.get_by_role("button", name="Save and preview").click()
    error = page.locator(".w-field__errors", has_text="Unknown placeholder {firstname}")
    web_expect(error).to_have_count(1)  # beside the English message only
    body_field = page.locator("[data-field-wrapper]", has=page.get_by_label("Message (English)"))
    web_expect(body_field.locator(".w-field__errors")).to_contain_text("Unknown placeholder {firstname}")

    page.get_by_label("Message (English)").fill("Dear {first_name},\nthe doors open at 8:30.")
    page.get_by_role("button", name="Save and preview").click()
    web_expect(page.locator("[data-group-size]")).to_have_attribute("data-group-size", "2")
    web_expect(page.locator('section[lang="fr"]')).to_contain_text("Chère, cher Awa,")
    web_expect(page.locator('section[lang="en"]')).to_contain_text("Dear Bruno,")

    page.get_by_role("button", name="Send to 2 people").click()
    web_expect(page.get_by_role("heading", name="Who got it")).to_be_visible()
    web_expect(page.locator("table.listing tbody tr")).to_have_count(2)
    assert sorted(message.to[0] for message in mail.outbox) == ["awa@example.org", "bruno@example.org"]
