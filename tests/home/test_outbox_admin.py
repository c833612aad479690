"""The site's outbox in the admin: organisers see the mail of their events
only, account mail is for superusers, no body is shown, resend works."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_home_outgoingemail:list"


def row(event=None, **fields) -> OutgoingEmail:
    defaults = {"kind": "test", "to": "p@example.org", "subject": "Subject", "text_body": "SECRET-BODY"}
    return OutgoingEmail.objects.create(event=event, **{**defaults, **fields})


def inspect_url(email) -> str:
    return reverse("wagtailsnippets_home_outgoingemail:inspect", args=[email.pk])


def listed(response) -> list[int]:
    return sorted(obj.pk for obj in response.context["object_list"])


def test_organiser_lists_only_the_mail_of_their_events(organiser_client, event, other_event):
    mine = row(event, subject="Mine")
    row(other_event, subject="Theirs")
    row(None, kind="account", subject="Reset your password")

    response = organiser_client.get(reverse(LIST))

    assert response.status_code == 200
    assert listed(response) == [mine.pk]


def test_organiser_gets_404_for_another_events_mail_and_for_account_mail(organiser_client, event, other_event):
    mine, theirs, account = row(event), row(other_event), row(None, kind="account")

    codes = [organiser_client.get(inspect_url(email)).status_code for email in (mine, theirs, account)]

    assert codes == [200, 404, 404]


def test_superuser_sees_account_mail_but_never_a_body(client, event):
    account = row(None, kind="account", subject="Reset your password", html_body="<a>SECRET-LINK</a>")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    listing = client.get(reverse(LIST))
    page = client.get(inspect_url(account))

    assert listed(listing) == [account.pk]
    assert page.status_code == 200
    content = page.content.decode()
    assert "Reset your password" in content
    assert ("SECRET-BODY" in content, "SECRET-LINK" in content) == (False, False)


def test_nobody_writes_an_email_in_the_admin(organiser_client, client, event):
    """Only the outbox writes mail: no add view (a blank row would be
    "sent" to nobody), no edit view (it would save a stale copy over the
    send task's update), for organisers and superusers alike."""
    mine = row(event)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    add = reverse("wagtailsnippets_home_outgoingemail:add")
    edit = reverse("wagtailsnippets_home_outgoingemail:edit", args=[mine.pk])

    codes = [
        (who.get(add).status_code, who.post(add, {}).status_code, who.post(edit, {}).status_code)
        for who in (organiser_client, client)
    ]

    assert all(code in {302, 403} for codes_of_one in codes for code in codes_of_one)
    assert list(OutgoingEmail.objects.values_list("pk", "status", "subject")) == [(mine.pk, mine.status, mine.subject)]


def test_resend_of_a_failed_email_from_the_listing(
    organiser_client, event, django_capture_on_commit_callbacks, mailoutbox
):
    failed = row(event, status="failed", attempts=6, last_error="SMTPServerDisconnected")
    url = reverse("wagtail_bulk_action", args=["home", "outgoingemail", "resend_email"]) + f"?id={failed.pk}"

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(url)

    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("sent", 1)
    assert [message.to for message in mailoutbox] == [["p@example.org"]]


def test_resend_leaves_another_events_mail_alone(
    organiser_client, event, other_event, django_capture_on_commit_callbacks
):
    theirs = row(other_event, status="failed", attempts=6)
    url = reverse("wagtail_bulk_action", args=["home", "outgoingemail", "resend_email"]) + f"?id={theirs.pk}"

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(url)

    theirs.refresh_from_db()
    assert (theirs.status, theirs.attempts) == ("failed", 6)


def test_listing_costs_the_same_queries_for_1_and_10_rows(organiser_client, event, other_event):
    def queries_for_listing() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert organiser_client.get(reverse(LIST)).status_code == 200
        return len(queries)

    row(event)
    organiser_client.get(reverse(LIST))  # the admin's own caches, once
    one = queries_for_listing()
    for n in range(9):
        row(event if n % 2 else other_event, to=f"p{n}@example.org")
        row(event, to=f"q{n}@example.org")

    assert queries_for_listing() == one
