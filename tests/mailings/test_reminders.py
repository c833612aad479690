"""The reminder before an event: once to each confirmed participant, two
days before (the event's setting) at 8:00 event time, in their language;
the badge and practical information in person, the stream link online."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from home.models import OutgoingEmail
from registration.mailings.reminders import reminder_moment, reminders_send
from registration.mailings.tasks import send_event_reminders
from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, make_event


@pytest.fixture
def reminder_event(db):
    """An event ten days from now, reminders two days before, with four
    participants: confirmed in person (English) and online (French), one
    waiting, one cancelled."""
    start = timezone.localdate() + datetime.timedelta(days=10)
    event = make_event(
        title="Policy dialogue on AI in health",
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        time_zone="America/Mexico_City",
        venue_name="Palacio de Minería",
        venue_address="Tacuba 5, Centro",
        venue_city="Mexico City",
        directions="<p>Metro <b>Allende</b>, line 2</p>",
        contact_email="dialogue@example.org",
        stream_url="https://stream.example.org/ai-health",
    )
    RegistrationSettingsFactory(event=event, reminder_days_before=2)
    category = CategoryFactory(event=event)
    people = {
        "in_person": RegistrationFactory(event=event, category=category, email="ines@example.org"),
        "online": RegistrationFactory(
            event=event,
            category=category,
            email="olivier@example.org",
            attendance_mode="online",
            preferred_language="fr",
        ),
        "waiting": RegistrationFactory(event=event, category=category, email="w@example.org", status="waitlisted"),
        "cancelled": RegistrationFactory(event=event, category=category, email="c@example.org", status="cancelled"),
    }
    return event, people


def send(capture, now) -> int:
    with capture(execute=True):
        return reminders_send(now=now)


def test_two_days_before_at_eight_each_confirmed_person_gets_one_reminder(
    reminder_event, django_capture_on_commit_callbacks
):
    event, people = reminder_event
    moment = reminder_moment(event, 2)
    assert moment.hour == 8 and moment.date() == event.start_date - datetime.timedelta(days=2)

    assert send(django_capture_on_commit_callbacks, moment - datetime.timedelta(minutes=1)) == 0
    assert send(django_capture_on_commit_callbacks, moment) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["ines@example.org", "olivier@example.org"]

    in_person = by_address["ines@example.org"].body
    assert by_address["ines@example.org"].subject.startswith("Reminder: Policy dialogue on AI in health begins on")
    assert f"http://127.0.0.1:8000/badge/{people['in_person'].reference}/" in in_person
    assert "Venue: Palacio de Minería, Tacuba 5, Centro, Mexico City" in in_person
    assert "Directions: Metro Allende, line 2" in in_person
    assert "Questions: dialogue@example.org" in in_person
    assert "stream.example.org" not in in_person

    online = by_address["olivier@example.org"]
    assert online.subject.startswith("Rappel")
    assert "https://stream.example.org/ai-health" in online.body
    assert "/badge/" not in online.body and "Palacio de Minería" not in online.body

    # Once: the next hourly runs write nothing more.
    assert send(django_capture_on_commit_callbacks, moment + datetime.timedelta(hours=1)) == 0
    assert len(mail.outbox) == 2
    assert OutgoingEmail.objects.filter(kind="reminder").count() == 2


def test_someone_confirmed_after_the_reminder_time_gets_none(reminder_event, django_capture_on_commit_callbacks):
    event, _people = reminder_event
    moment = reminder_moment(event, 2)
    late = RegistrationFactory(event=event, email="late@example.org")
    type(late).objects.filter(pk=late.pk).update(created_at=moment + datetime.timedelta(hours=3))
    send(django_capture_on_commit_callbacks, moment + datetime.timedelta(hours=4))
    assert "late@example.org" not in [message.to[0] for message in mail.outbox]


def test_no_reminder_when_turned_off_or_once_the_event_began(reminder_event, django_capture_on_commit_callbacks):
    event, _people = reminder_event
    starts = datetime.datetime.combine(event.start_date, datetime.time(0, 0), tzinfo=event.tz)
    assert send(django_capture_on_commit_callbacks, starts + datetime.timedelta(minutes=1)) == 0

    event.registration_settings.reminder_days_before = 0
    event.registration_settings.save()
    assert send(django_capture_on_commit_callbacks, reminder_moment(event, 2)) == 0
    assert mail.outbox == []


def test_moving_the_event_sends_a_new_reminder(reminder_event, django_capture_on_commit_callbacks):
    event, _people = reminder_event
    assert send(django_capture_on_commit_callbacks, reminder_moment(event, 2)) == 2
    event.start_date += datetime.timedelta(days=7)
    event.end_date += datetime.timedelta(days=7)
    event.save_revision().publish()
    assert send(django_capture_on_commit_callbacks, reminder_moment(event, 2)) == 2


def test_the_hourly_task_sends_what_is_due(reminder_event, django_capture_on_commit_callbacks):
    event, people = reminder_event
    type(people["in_person"]).objects.filter(event=event).update(created_at=timezone.now() - datetime.timedelta(days=7))
    event.start_date = timezone.localdate() + datetime.timedelta(days=1)
    event.end_date = event.start_date
    event.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders.delay().get() == 2


def test_the_setting_is_in_the_event_settings_form(client, reminder_event):
    from tests.helpers import make_event_organiser

    event, _people = reminder_event
    client.force_login(make_event_organiser(event))
    url = f"/admin/snippets/registration/registrationsettings/edit/{event.registration_settings.pk}/"
    page = client.get(url).content.decode()
    assert 'name="reminder_days_before"' in page


def test_subjects_are_plain_text_not_html(reminder_event, django_capture_on_commit_callbacks):
    event, _people = reminder_event
    event.title = "Women's AI & Health"
    event.save_revision().publish()
    send(django_capture_on_commit_callbacks, reminder_moment(event, 2))
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects[1].startswith("Reminder: Women's AI & Health begins on")
    assert not any("&amp;" in subject or "&#x27;" in subject for subject in subjects)
