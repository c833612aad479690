import re

import pytest
from django.core import mail
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_follows_navigation_signs_up_and_signs_in(page, live_server):
    call_command("load_demo")
    page.goto("/en/")
    assert page.locator("h2.hero__title").inner_text() == "Global Forum on the Ethics of AI 2026"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.wait_for_url(f"{live_server.url}/en/events/")
    assert page.locator("h1").inner_text() == "Events"

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill("minister.office@example.org")
    page.get_by_label("Password:", exact=True).fill("a-long-Passphrase-9")
    page.get_by_label("Password (again)").fill("a-long-Passphrase-9")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r".*/accounts/confirm-email/$"))

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    # Back where the visitor started signing up, signed in.
    page.wait_for_url(f"{live_server.url}/en/events/")
    assert page.get_by_role("link", name="My account").is_visible()

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("minister.office@example.org")
    page.get_by_label("Password").fill("a-long-Passphrase-9")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r".*/(account/)?$"))
    assert page.get_by_role("link", name="My account").is_visible()
