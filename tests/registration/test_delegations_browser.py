"""A focal point, in a real browser: opens the invitation link from the
email, signs in from it and comes back, accepts, nominates two delegates
through the page and sees both awaiting approval. Then one of the
delegates, in a browser of her own, opens the claim link from her email,
creates an account with that address, confirms it, gives her consent and
finds her registration; the focal point sees that she has claimed it."""

import pytest
from django.core import mail

from registration.delegations.models import Delegation, Nomination
from registration.delegations.services import delegation_create
from registration.models import Registration
from tests.factories import PASSWORD, CategoryFactory, RegistrationSettingsFactory, UserFactory, make_event
from tests.helpers import CONFIRM_EMAIL_LINK, SIGNUP_PASSWORD, claim_link_path, delegation_link_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def nominate(page, *, honorific, first_name, last_name, position, email):
    form = page.get_by_role("region", name="Nominate a delegate")
    form.get_by_label("Honorific").fill(honorific)
    form.get_by_label("First name").fill(first_name)
    form.get_by_label("Last name").fill(last_name)
    form.get_by_label("Position").fill(position)
    form.get_by_label("Email").fill(email)
    form.get_by_label("Preferred language").select_option("fr")
    form.get_by_role("button", name="Nominate").click()


@pytest.mark.usefixtures("page_root")
def test_focal_point_nominates_two_delegates_and_one_of_them_claims(page, live_server, browser):
    event = make_event(title="Global Forum on the Ethics of AI")
    RegistrationSettingsFactory(event=event)
    category = CategoryFactory(event=event, name="Member State delegation", slug="member-state", is_public=False)
    delegation_create(
        event=event,
        country="SN",
        focal_point_name="Awa Ndiaye",
        focal_point_email="awa.ndiaye@mfa.example.org",
        language="en",
        quotas={category: 5},
        by=None,
    )
    focal_point = UserFactory(email="awa.ndiaye@mfa.example.org")
    link = delegation_link_path(next(message for message in mail.outbox if message.to == [focal_point.email]))

    # From the email's link, signed out: sign in from the page and come back to the link.
    page.goto(link)
    assert page.locator("h1").inner_text() == "Focal point of the delegation: Senegal"
    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(focal_point.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}{link}")

    # Signed in now: accept, and land on the delegation's page.
    page.get_by_role("button", name="Accept").click()
    delegation = Delegation.objects.get(event=event, country="SN")
    page.wait_for_url(f"{live_server.url}/delegations/{delegation.pk}/")
    assert page.locator("h1").inner_text() == "Delegation: Senegal"
    assert page.get_by_role("status").inner_text() == "You are now the focal point of this delegation."

    # Organisation and country start as the delegation's; the one category is chosen.
    form = page.get_by_role("region", name="Nominate a delegate")
    assert form.get_by_label("Organisation").input_value() == "Senegal"
    assert form.get_by_label("Country").input_value() == "SN"
    assert form.get_by_label("Participant category").input_value() == str(category.pk)
    nominate(
        page,
        honorific="H.E.",
        first_name="Moussa",
        last_name="Sarr",
        position="Minister of Communication",
        email="moussa.sarr@gouv.example.org",
    )
    assert (
        page.get_by_role("status").inner_text() == "H.E. Moussa Sarr is nominated and awaits the organisers' approval."
    )
    nominate(
        page,
        honorific="Ms",
        first_name="Fatou",
        last_name="Diop",
        position="Director of Digital Policy",
        email="fatou.diop@gouv.example.org",
    )

    rows = page.locator("table.delegation-nominees tbody tr")
    assert rows.locator(".nominee-name").all_inner_texts() == ["H.E. Moussa Sarr", "Ms Fatou Diop"]
    assert rows.locator(".status").all_inner_texts() == ["Awaiting approval", "Awaiting approval"]
    seats = page.locator('table.delegation-seats tr[data-category="member-state"] td')
    assert seats.all_inner_texts() == ["2", "5"]
    assert sorted(Nomination.objects.filter(delegation=delegation).values_list("registration__status", flat=True)) == [
        "pending",
        "pending",
    ]

    # Fatou, in her own browser, from the claim link of the email she got.
    fatou = Registration.objects.get(email="fatou.diop@gouv.example.org")
    (received,) = [message for message in mail.outbox if message.to == [fatou.email]]
    claim = claim_link_path(received)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    nominee = context.new_page()
    nominee.goto(claim)
    assert "f•••@gouv.example.org" in nominee.get_by_role("main").inner_text()
    nominee.get_by_role("main").get_by_role("link", name="Create an account").click()
    nominee.get_by_label("Email").fill(fatou.email)
    nominee.get_by_label("Password:", exact=True).fill(SIGNUP_PASSWORD)
    nominee.get_by_label("Password (again)").fill(SIGNUP_PASSWORD)
    nominee.get_by_role("button", name="Sign Up").click()
    nominee.wait_for_url("**/accounts/confirm-email/")
    confirmation = [message for message in mail.outbox if message.to == [fatou.email]][-1]
    nominee.goto(CONFIRM_EMAIL_LINK.search(confirmation.body).group(1))
    nominee.get_by_role("button", name="Confirm").click()

    # Back from the link: her registration, which first asks for her consent.
    nominee.wait_for_url(f"**/my/registrations/{fatou.reference}/consent/**")
    nominee.get_by_label("I have read the privacy notice").check()
    nominee.get_by_label("List me in the official list of participants").check()
    nominee.get_by_role("button", name="Complete my registration").click()
    nominee.wait_for_url(f"{live_server.url}/my/registrations/{fatou.reference}/")
    assert "Awaiting approval" in nominee.get_by_role("main").inner_text()
    fatou.refresh_from_db()
    assert fatou.user.email == fatou.email
    assert (fatou.claimed_at is not None, fatou.privacy_accepted_at is not None, fatou.list_consent) == (
        True,
        True,
        True,
    )
    context.close()

    # The focal point sees who has taken up their registration.
    page.reload()
    claimed = page.locator("table.delegation-nominees tbody tr td[data-claimed]")
    assert [cell.get_attribute("data-claimed") for cell in claimed.all()] == ["no", "yes"]
    assert claimed.nth(1).inner_text().startswith("Yes, on ")
