"""Messages to participants: the group, placeholders, preview, sending
through the outbox once to each person, in their language, at a steady
rate, with a log; bad input refused with nothing sent; other events' 404."""

import pytest
from django.core import mail
from django.utils import timezone

from home.models import OutgoingEmail
from registration.mailings import delivery, services
from registration.mailings.models import Mailing, MailingRecipient, MailingStatus
from registration.mailings.tasks import deliver_mailings
from tests.factories import CategoryFactory, MailingFactory, RegistrationFactory
from tests.helpers import bulk_registrations, make_event_organiser

URL = "/admin/event-messages/"


@pytest.fixture
def mailing_group_event(event):
    """Six registrations of ``event`` (and one of another event): by
    status, category, attendance, check-in and country."""
    delegates = CategoryFactory(event=event, name="Delegates")
    press = CategoryFactory(event=event, name="Press")
    people = {
        "awa": RegistrationFactory(
            event=event,
            category=delegates,
            first_name="Awa",
            email="awa@example.org",
            country="SN",
            preferred_language="fr",
            checked_in_at=timezone.now(),
        ),
        "bruno": RegistrationFactory(
            event=event,
            category=delegates,
            first_name="Bruno",
            email="bruno@example.org",
            country="BR",
            preferred_language="es",
        ),
        "chen": RegistrationFactory(
            event=event,
            category=press,
            first_name="Chen",
            email="chen@example.org",
            country="CN",
            attendance_mode="online",
        ),
        "dara": RegistrationFactory(event=event, category=delegates, email="dara@example.org", status="pending"),
        "emil": RegistrationFactory(event=event, category=press, email="emil@example.org", status="waitlisted"),
        "fatou": RegistrationFactory(
            event=event,
            category=delegates,
            first_name="Fatou",
            email="fatou@example.org",
            country="SN",
            status="cancelled",
        ),
    }
    RegistrationFactory(email="elsewhere@example.org")  # another event
    return delegates, press, people


def emails_of(registrations) -> list[str]:
    return sorted(registration.email for registration in registrations)


def test_the_group_is_the_filters_counted_by_hand(event, mailing_group_event):
    delegates, press, _people = mailing_group_event
    group = services.group_registrations

    assert emails_of(group(event=event, statuses=["confirmed"])) == [
        "awa@example.org",
        "bruno@example.org",
        "chen@example.org",
    ]
    assert emails_of(group(event=event, statuses=["confirmed", "pending"], categories=[delegates])) == [
        "awa@example.org",
        "bruno@example.org",
        "dara@example.org",
    ]
    assert emails_of(group(event=event, statuses=["confirmed"], attendance_mode="online")) == ["chen@example.org"]
    assert emails_of(group(event=event, statuses=["confirmed"], checked_in="yes")) == ["awa@example.org"]
    assert emails_of(group(event=event, statuses=["confirmed"], checked_in="no")) == [
        "bruno@example.org",
        "chen@example.org",
    ]
    assert emails_of(group(event=event, statuses=["confirmed", "cancelled"], countries=["SN"])) == [
        "awa@example.org",
        "fatou@example.org",
    ]
    assert emails_of(group(event=event, statuses=["waitlisted"], categories=[press])) == ["emil@example.org"]


def compose(client, event, **overrides):
    data = {
        "statuses": ["confirmed"],
        "subject": "Welcome to {event}",
        "body": "Dear {first_name},\nyour reference is {reference}. Badge: {badge_link}",
        "fr_subject": "Bienvenue à {event}",
        "fr_body": "Chère, cher {first_name},\nvotre référence est {reference}.",
        **overrides,
    }
    return client.post(f"{URL}{event.pk}/new/", {key: value for key, value in data.items() if value is not None})


def test_an_organiser_writes_previews_and_sends_a_message(
    organiser_client, event_organiser, event, mailing_group_event, django_capture_on_commit_callbacks
):
    _delegates, _press, people = mailing_group_event
    response = compose(organiser_client, event)
    mailing = Mailing.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{event.pk}/{mailing.pk}/"

    preview = organiser_client.get(response["Location"]).content.decode()
    assert 'data-group-size="3"' in preview
    assert "Chère, cher Awa," in preview and f"votre référence est {people['awa'].reference}" in preview
    assert "Dear Chen," in preview  # English, and Spanish readers (no version written): the original
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        sent = organiser_client.post(f"{URL}{event.pk}/{mailing.pk}/send/", {"expected": "3"})
    assert sent.status_code == 302
    mailing.refresh_from_db()
    assert (mailing.status, mailing.recipient_count, mailing.sent_by) == (MailingStatus.SENT, 3, event_organiser)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["awa@example.org", "bruno@example.org", "chen@example.org"]
    assert by_address["awa@example.org"].subject == f"Bienvenue à {event.title}"
    assert "votre référence est " + people["awa"].reference in by_address["awa@example.org"].body
    to_bruno = by_address["bruno@example.org"]
    assert to_bruno.subject == f"Welcome to {event.title}"
    assert f"Badge: http://127.0.0.1:8000/badge/{people['bruno'].reference}/" in to_bruno.body
    assert "Dear Bruno,<br>your reference" in to_bruno.alternatives[0][0]

    # The log: each person once, with the outbox row that carried it.
    log = organiser_client.get(f"{URL}{event.pk}/{mailing.pk}/").content.decode()
    assert "bruno@example.org" in log and "dara@example.org" not in log
    assert MailingRecipient.objects.filter(mailing=mailing, email__status="sent").count() == 3

    # A count that is not a number is no 500; sending again is refused, and delivering again writes nothing.
    assert organiser_client.post(f"{URL}{event.pk}/{mailing.pk}/send/", {"expected": "²"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        again = organiser_client.post(f"{URL}{event.pk}/{mailing.pk}/send/", {"expected": "3"}, follow=True)
        assert deliver_mailings.delay().get() == 0
    assert "This message was sent already." in again.content.decode()
    assert len(mail.outbox) == 3
    assert OutgoingEmail.objects.filter(kind="mailing").count() == 3


@pytest.mark.parametrize(
    ("field", "text", "error"),
    [
        ("body", "Dear {firstname},", "Unknown placeholder {firstname}."),
        ("subject", "{first_name.__class__}", "Unknown placeholder {first_name.__class__}."),
        ("body", "Dear {first_name", "A brace is not closed"),
        ("fr_body", "Bonjour {prenom}", "Unknown placeholder {prenom}."),
    ],
)
def test_a_placeholder_that_does_not_exist_is_refused_beside_its_field(
    organiser_client, event, mailing_group_event, field, text, error
):
    response = compose(organiser_client, event, **{field: text})
    assert response.status_code == 200
    assert error in " ".join(response.context["form"].errors[field])
    assert not Mailing.objects.exists()


def test_a_badge_link_for_people_without_a_badge_is_refused(organiser_client, event, mailing_group_event):
    response = compose(organiser_client, event, statuses=["confirmed", "waitlisted"])
    assert response.status_code == 200
    assert "Only confirmed participants have a badge" in " ".join(response.context["form"].errors["body"])
    assert not Mailing.objects.exists()


def test_one_language_half_written_is_refused(organiser_client, event, mailing_group_event):
    response = compose(organiser_client, event, fr_body="")
    assert response.context["form"].errors["fr_body"] == [
        "Write both the subject and the message in this language, or neither."
    ]
    assert not Mailing.objects.exists()


def test_a_message_to_an_empty_group_sends_nothing(
    organiser_client, event, mailing_group_event, django_capture_on_commit_callbacks
):
    compose(organiser_client, event, countries=["JP"])
    mailing = Mailing.objects.get()
    assert "Nobody is in this group" in organiser_client.get(f"{URL}{event.pk}/{mailing.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(f"{URL}{event.pk}/{mailing.pk}/send/", {"expected": "0"}, follow=True)
    assert "Nobody is in this group: nothing was sent." in response.content.decode()
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DRAFT
    assert not MailingRecipient.objects.exists() and mail.outbox == []


def test_a_group_that_changed_since_the_preview_is_shown_again(event, event_organiser, mailing_group_event):
    mailing = MailingFactory(event=event, body="Hello {first_name}")
    with pytest.raises(Exception, match="The group changed since the preview"):
        services.mailing_send(mailing=mailing, by=event_organiser, expected=2)
    assert not MailingRecipient.objects.exists()


def test_delivery_goes_at_the_configured_rate(event, event_organiser, settings, django_capture_on_commit_callbacks):
    settings.MAILING_RATE_PER_MINUTE = 60  # ten per ten-second run
    bulk_registrations(event, CategoryFactory(event=event), 25)
    mailing = MailingFactory(event=event)
    with django_capture_on_commit_callbacks(execute=False):  # no delivery on commit: the beat's runs below
        services.mailing_send(mailing=mailing, by=event_organiser)

    with django_capture_on_commit_callbacks(execute=True):
        runs = [delivery.mailing_deliver_batch(mailing_id=mailing.pk, size=delivery.batch_size()) for _ in range(4)]
    assert runs == [10, 10, 5, 0]
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT
    assert len(mail.outbox) == 25 == len({message.to[0] for message in mail.outbox})


def test_the_rate_is_the_sites_whatever_the_number_of_messages(
    event, event_organiser, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Two messages sent at once share one budget a run (as beat runs it,
    with a broker: the tasks not eager)."""
    from celery import current_app

    settings.MAILING_RATE_PER_MINUTE = 60  # ten per ten-second run
    category = CategoryFactory(event=event)
    bulk_registrations(event, category, 15)
    first, second = MailingFactory(event=event), MailingFactory(event=event, subject="Second")
    with django_capture_on_commit_callbacks(execute=False):
        services.mailing_send(mailing=first, by=event_organiser)
        services.mailing_send(mailing=second, by=event_organiser)
        monkeypatch.setitem(current_app.conf, "task_always_eager", False)
        runs = [deliver_mailings() for _ in range(4)]
    assert runs == [10, 10, 10, 0]
    assert MailingRecipient.objects.filter(queued_at__isnull=False).count() == 30
    assert set(Mailing.objects.values_list("status", flat=True)) == {MailingStatus.SENT}


def test_someone_cancelled_while_the_message_goes_out_does_not_get_it(
    event, event_organiser, mailing_group_event, django_capture_on_commit_callbacks
):
    _delegates, _press, people = mailing_group_event
    mailing = MailingFactory(event=event)
    with django_capture_on_commit_callbacks(execute=False):
        services.mailing_send(mailing=mailing, by=event_organiser)
    type(people["chen"]).objects.filter(pk=people["chen"].pk).update(status="cancelled")
    with django_capture_on_commit_callbacks(execute=True):
        deliver_mailings.delay()
    assert sorted(message.to[0] for message in mail.outbox) == ["awa@example.org", "bruno@example.org"]
    skipped = MailingRecipient.objects.get(registration=people["chen"])
    assert skipped.queued_at is not None and skipped.email is None


def test_a_sent_message_cannot_be_changed(organiser_client, event, event_organiser, mailing_group_event):
    mailing = MailingFactory(event=event)
    services.mailing_send(mailing=mailing, by=event_organiser)
    assert organiser_client.get(f"{URL}{event.pk}/{mailing.pk}/edit/")["Location"] == f"{URL}{event.pk}/{mailing.pk}/"
    with pytest.raises(Exception, match="can no longer be changed"):
        services.mailing_save(
            event=event, by=event_organiser, mailing=mailing, subject="x", body="y", statuses=["confirmed"]
        )


def test_another_events_organiser_gets_404s(client, event, other_event, mailing_group_event):
    delegates, _press, _people = mailing_group_event
    mailing = MailingFactory(event=event)
    client.force_login(make_event_organiser(other_event))
    for path in (f"{event.pk}/", f"{event.pk}/new/", f"{event.pk}/{mailing.pk}/", f"{event.pk}/{mailing.pk}/edit/"):
        assert client.get(f"{URL}{path}").status_code == 404, path
    assert client.post(f"{URL}{event.pk}/{mailing.pk}/send/").status_code == 404
    # The event picker names an event by its id: redirected to its page, a 404 as well.
    picked = client.get(URL, {"event": event.pk})
    assert picked.status_code == 302 and picked["Location"] == f"{URL}{event.pk}/"
    assert client.get(URL, {"event": "9" * 40}).status_code == 200  # not an id: the picker again
    # Their own event's form does not take this event's categories.
    response = compose(client, other_event, categories=[delegates.pk])
    assert "categories" in response.context["form"].errors
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DRAFT


def test_participants_and_staff_cannot_reach_messages(client, event, mailing_group_event):
    _delegates, _press, people = mailing_group_event
    client.force_login(people["awa"].user)
    assert client.get(URL).status_code in (302, 403)


@pytest.mark.parametrize("size", [10, 100])
def test_preview_and_log_queries_do_not_grow(
    organiser_client, event, event_organiser, size, django_assert_max_num_queries
):
    bulk_registrations(event, CategoryFactory(event=event), size)
    mailing = MailingFactory(event=event)
    with django_assert_max_num_queries(40):
        assert organiser_client.get(f"{URL}{event.pk}/{mailing.pk}/").status_code == 200
    services.mailing_send(mailing=mailing, by=event_organiser)
    with django_assert_max_num_queries(40):
        assert organiser_client.get(f"{URL}{event.pk}/{mailing.pk}/").status_code == 200
