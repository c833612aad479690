import pytest
from django.urls import reverse

from home.emails import absolute_url
from home.models import OutgoingEmail
from home.tasks import send_outgoing_email
from tests.factories import RegistrationSettingsFactory
from tests.helpers import register

pytestmark = pytest.mark.django_db


def send_all():
    for email_id in OutgoingEmail.objects.order_by("pk").values_list("pk", flat=True):
        send_outgoing_email(email_id=email_id)


def test_confirmed_email_has_text_html_ics_badge_and_agenda(event, reg_settings, category, mailoutbox):
    registration = register(event, category, first_name="Amina", last_name="Diallo")

    send_all()

    [message] = mailoutbox
    assert message.subject == f"Registration confirmed: {event.title}"
    assert message.to == [registration.email]
    assert message.extra_headers["Message-ID"] == f"<outbox-{registration.emails.get().pk}@forum.invalid>"
    assert f"Your registration for {event.title} is confirmed." in message.body
    assert f"Reference: {registration.reference}" in message.body
    badge = absolute_url(reverse("badges:badge", kwargs={"reference": registration.reference}))
    assert f"Your badge: {badge}" in message.body
    assert f"Your personal agenda: {absolute_url(reverse('agenda:my_agenda'))}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="{badge}">Your badge</a>' in html
    [(filename, content, attachment_type)] = message.attachments
    assert (filename, attachment_type) == (f"{event.slug}.ics", "text/calendar")
    assert content.startswith("BEGIN:VCALENDAR") if isinstance(content, str) else content.startswith(b"BEGIN:VCALENDAR")


def test_waitlisted_email_gives_the_position_and_no_badge(event, category, mailoutbox):
    RegistrationSettingsFactory(event=event, capacity_in_person=0)
    register(event, category)
    register(event, category)

    send_all()

    second = mailoutbox[1]
    assert second.subject == f"Waiting list: {event.title}"
    assert "You are on the waiting list, in position 2." in second.body
    assert "Your badge" not in second.body
    assert second.attachments == []


def test_email_is_rendered_in_the_participants_language(event, reg_settings, category, mailoutbox):
    register(event, category, preferred_language="fr")

    send_all()

    [message] = mailoutbox
    assert message.subject == f"Inscription confirmée : {event.title}"
    assert f"Votre inscription à {event.title} est confirmée." in message.body
    assert '<html lang="fr">' in message.alternatives[0][0]


def test_email_in_spanish(event, reg_settings, category, mailoutbox):
    register(event, category, preferred_language="es")

    send_all()

    assert mailoutbox[0].subject == f"Inscripción confirmada: {event.title}"


def test_organiser_message_is_included(event, reg_settings, category, mailoutbox):
    from registration.services import registration_cancel

    registration = register(event, category)
    registration_cancel(registration=registration, by=None, message="The venue changed.")

    send_all()

    assert mailoutbox[1].subject == f"Registration cancelled: {event.title}"
    assert "Message from the organisers:\nThe venue changed." in mailoutbox[1].body
