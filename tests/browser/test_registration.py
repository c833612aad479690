"""A participant's registration, end to end, in a real browser."""

import re

import pytest
from django.core import mail

from registration.models import Registration
from tests.factories import PASSWORD, CategoryFactory, RegistrationSettingsFactory, UserFactory, make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_registration_form(page, *, first_name, last_name):
    page.get_by_label("Participant category").select_option(label="Civil society")
    page.get_by_label("First name").fill(first_name)
    page.get_by_label("Last name").fill(last_name)
    page.get_by_label("Organisation").fill("AI Ethics Lab")
    page.get_by_label("Country").select_option("GH")
    page.get_by_label("In person").check()
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Register").click()


def sign_in(page, email):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


@pytest.mark.usefixtures("page_root")
def test_sign_up_register_waitlist_cancel_and_promote(browser, live_server):
    event = make_event(title="Expert workshop on neurotechnology")
    RegistrationSettingsFactory(event=event, capacity_in_person=1)
    CategoryFactory(event=event, name="Civil society", slug="civil-society")
    first_context = browser.new_context(base_url=live_server.url)
    first_context.set_default_timeout(15_000)
    first = first_context.new_page()

    # A new visitor: from the event page to sign-up, email verification, and back to the form.
    first.goto(event.url)
    first.get_by_role("link", name="Register").click()
    first.wait_for_url(re.compile(r".*/accounts/login/\?next=.*"))
    first.get_by_role("link", name="sign up", exact=True).click()
    first.get_by_label("Email").fill("kofi.mensah@example.org")
    first.get_by_label("Password:", exact=True).fill("a-long-Passphrase-9")
    first.get_by_label("Password (again)").fill("a-long-Passphrase-9")
    first.get_by_role("button", name="Sign Up").click()
    first.wait_for_url(re.compile(r".*/accounts/confirm-email/$"))
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    first.goto(link)
    first.get_by_role("button", name="Confirm").click()
    first.wait_for_url(f"{live_server.url}/events/{event.pk}/register/")

    fill_registration_form(first, first_name="Kofi", last_name="Mensah")
    assert first.locator(".registration-outcome .status").inner_text() == "Confirmed"
    confirmation = mail.outbox[-1]
    assert (confirmation.to, confirmation.subject) == (
        ["kofi.mensah@example.org"],
        "Registration confirmed: Expert workshop on neurotechnology",
    )

    # A second participant finds the event full and joins the waiting list.
    second_user = UserFactory(email="lina.haddad@example.org")
    second_context = browser.new_context(base_url=live_server.url)
    second_context.set_default_timeout(15_000)
    second = second_context.new_page()
    second.goto(f"/events/{event.pk}/register/")
    sign_in(second, second_user.email)
    second.wait_for_url(f"{live_server.url}/events/{event.pk}/register/")
    fill_registration_form(second, first_name="Lina", last_name="Haddad")
    assert second.locator(".registration-outcome .status").inner_text() == "On the waiting list"
    assert second.locator(".registration-outcome .waitlist-position").inner_text() == (
        "Position on the waiting list: 1"
    )

    # The first cancels (after confirming); the second is promoted and emailed.
    first.goto("/my/registrations/")
    first.get_by_role("link", name="View your registration for Expert workshop on neurotechnology").click()
    first.get_by_role("link", name="Cancel registration").click()
    first.get_by_role("button", name="Yes, cancel my registration").click()
    assert first.locator(".registration-outcome .status").inner_text() == "Cancelled"

    second.reload()
    assert second.locator(".registration-outcome .status").inner_text() == "Confirmed"
    assert Registration.objects.get(user=second_user).status == "confirmed"
    promoted = [m for m in mail.outbox if m.to == ["lina.haddad@example.org"]][-1]
    assert promoted.subject == "A seat is yours: Expert workshop on neurotechnology"
    first_context.close()
    second_context.close()
