"""Every email a participant receives is in their language, content
included: the event's name and city, the category, the sessions and rooms
(in the email and in its calendar attachment)."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from registration.delegations.services import delegation_accept, delegation_create, nomination_create
from registration.models import Registration, RegistrationMode, RegistrationStatus
from registration.services import registration_bulk_action, registration_cancel
from speakers.services import invitation_create
from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, UserFactory
from tests.helpers import make_event_organiser, nominee, publish_event_translation, register

SPANISH_TITLE = "Foro Mundial sobre la Ética de la IA"
FRENCH_TITLE = "Forum mondial sur l’éthique de l’IA"


@pytest.fixture
def spanish_geneva_forum(geneva_forum):
    return publish_event_translation(geneva_forum, "es", title=SPANISH_TITLE, venue_city="Ginebra", slug="foro-mundial")


@pytest.fixture
def delegates_category(geneva_forum):
    category = CategoryFactory(event=geneva_forum, name="Member State delegate", slug="member-state")
    category.set_translation("es", name="Delegado de Estado miembro")
    category.save()
    return category


@pytest.fixture
def geneva_organiser(geneva_forum):
    return make_event_organiser(geneva_forum)


def calendar_of(message) -> Calendar:
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


def test_spanish_confirmation_is_in_spanish_with_the_spanish_agenda(
    geneva_session, spanish_geneva_forum, delegates_category, mailoutbox, django_capture_on_commit_callbacks
):
    event = geneva_session.event
    RegistrationSettingsFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, delegates_category, preferred_language="es")

    [message] = mailoutbox
    assert registration.status == RegistrationStatus.CONFIRMED
    assert message.subject == f"Inscripción confirmada: {SPANISH_TITLE}"
    lines = message.body.splitlines()
    assert f"Su inscripción a {SPANISH_TITLE} está confirmada." in lines
    assert "Categoría: Delegado de Estado miembro" in lines
    assert "Fechas: 24 junio 2026 – 26 junio 2026, Ginebra" in lines
    html, _mimetype = message.alternatives[0]
    assert '<html lang="es">' in html
    assert f"<title>{SPANISH_TITLE}</title>" in html
    assert "<td>Delegado de Estado miembro</td>" in html
    calendar = calendar_of(message)
    assert str(calendar["X-WR-CALNAME"]) == SPANISH_TITLE
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "El reconocimiento facial en los espacios públicos"
    assert str(vevent["LOCATION"]) == "Sala de Asambleas, Palais des Nations, Ginebra"
    assert str(vevent["UID"]) == f"session-{geneva_session.uid}@127.0.0.1"


def test_untranslated_content_falls_back_to_the_source_and_says_so(
    geneva_session, delegates_category, mailoutbox, django_capture_on_commit_callbacks
):
    event = geneva_session.event
    RegistrationSettingsFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, delegates_category, preferred_language="fr")

    [message] = mailoutbox
    assert message.subject == "Inscription confirmée : Global Forum on the Ethics of AI"
    assert "Catégorie: Member State delegate" in message.body.splitlines()
    html, _mimetype = message.alternatives[0]
    assert '<td lang="en">Member State delegate</td>' in html
    (vevent,) = calendar_of(message).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "La reconnaissance faciale dans l’espace public"


def test_bulk_approval_writes_each_email_in_its_language_reading_the_event_once(
    geneva_session, french_geneva_forum, spanish_geneva_forum, delegates_category, geneva_organiser
):
    event = geneva_session.event
    RegistrationSettingsFactory(event=event, mode=RegistrationMode.APPROVAL)
    for language in ("en", "fr", "es", "fr"):
        RegistrationFactory(
            event=event, category=delegates_category, status=RegistrationStatus.PENDING, preferred_language=language
        )
    registrations = Registration.objects.filter(event=event).select_related("event", "category").order_by("pk")

    with CaptureQueriesContext(connection) as queries:
        done, problems = registration_bulk_action(registrations=registrations, action="approve", by=geneva_organiser)

    assert (done, problems) == (4, [])
    subjects = [email.subject for registration in registrations for email in registration.emails.all()]
    assert subjects == [
        "Registration confirmed: Global Forum on the Ethics of AI",
        f"Inscription confirmée : {FRENCH_TITLE}",
        f"Inscripción confirmada: {SPANISH_TITLE}",
        f"Inscription confirmée : {FRENCH_TITLE}",
    ]
    # The event's texts in every language: one query for the whole batch.
    texts_queries = [
        query["sql"]
        for query in queries
        if '"translation_key" = ' in query["sql"] and "agenda_eventpage" in query["sql"]
    ]
    assert len(texts_queries) == 1


def test_promoted_from_the_waiting_list_in_french(
    geneva_session, french_geneva_forum, delegates_category, mailoutbox, django_capture_on_commit_callbacks
):
    event = geneva_session.event
    RegistrationSettingsFactory(event=event, capacity_in_person=1)
    first = register(event, delegates_category)
    waiting = register(event, delegates_category, preferred_language="fr")
    assert waiting.status == RegistrationStatus.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first, by=first.user)

    [message] = [m for m in mailoutbox if m.to == [waiting.email]]
    assert message.subject == f"Une place vous attend : {FRENCH_TITLE}"
    (vevent,) = calendar_of(message).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "La reconnaissance faciale dans l’espace public"
    assert str(vevent["LOCATION"]) == "Salle des Assemblées, Palais des Nations, Genève"


@pytest.mark.parametrize(
    ("language", "subject", "line"),
    [
        (
            "fr",
            f"Invitation à intervenir à {FRENCH_TITLE}",
            "- La reconnaissance faciale dans l’espace public: mercredi 24 juin 2026, 09:00–10:30 (Europe/Zurich), "
            "Salle des Assemblées",
        ),
        (
            "es",
            "Invitación a intervenir en Global Forum on the Ethics of AI",
            "- El reconocimiento facial en los espacios públicos: miércoles 24 junio 2026, 09:00–10:30 "
            "(Europe/Zurich), Sala de Asambleas",
        ),
    ],
)
def test_speaker_invitation_names_the_sessions_and_rooms_in_the_speakers_language(
    geneva_session,
    french_geneva_forum,
    geneva_organiser,
    mailoutbox,
    django_capture_on_commit_callbacks,
    language,
    subject,
    line,
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            event=geneva_session.event,
            sessions=[geneva_session],
            role="panellist",
            reply_by=timezone.localdate() + datetime.timedelta(days=10),
            by=geneva_organiser,
            first_name="Léa",
            last_name="Moreau",
            email="lea.moreau@example.org",
            language=language,
        )

    [message] = mailoutbox
    assert message.subject == subject
    assert line in message.body.splitlines()
    html, _mimetype = message.alternatives[0]
    title = line[2:].split(":")[0]
    assert f"<strong>{title}</strong>" in html


def test_delegation_invitation_and_nomination_follow_each_persons_language(
    geneva_session,
    spanish_geneva_forum,
    delegates_category,
    geneva_organiser,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    event = geneva_session.event
    RegistrationSettingsFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        delegation = delegation_create(
            event=event,
            country="AR",
            focal_point_name="Lucía Fernández",
            focal_point_email="lucia@cancilleria.example.org",
            language="es",
            quotas={delegates_category: 3},
            by=geneva_organiser,
        )
    [invitation] = mailoutbox
    assert invitation.subject == f"{SPANISH_TITLE}: punto focal de la delegación de Argentina"
    assert "- Delegado de Estado miembro: 3 plazas" in invitation.body.splitlines()

    focal_point = UserFactory(email="lucia@cancilleria.example.org")
    delegation_accept(delegation=delegation, user=focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        nomination_create(
            delegation=delegation,
            category=delegates_category,
            details=nominee(email="pablo@cancilleria.example.org", preferred_language="es"),
            by=focal_point,
        )
    [received] = [m for m in mailoutbox if m.to == ["pablo@cancilleria.example.org"]]
    assert received.subject == f"Inscripción recibida: {SPANISH_TITLE}"
    lines = received.body.splitlines()
    assert "Categoría: Delegado de Estado miembro" in lines
    # Made for the person: the claim link, in their language.
    assert any(line.startswith("Recuperar su inscripción: http") for line in lines)


def test_links_in_the_mail_lead_to_the_event_page_in_the_readers_language(
    geneva_session, french_geneva_forum, delegates_category, mailoutbox, django_capture_on_commit_callbacks
):
    event = geneva_session.event
    with django_capture_on_commit_callbacks(execute=True):
        french = register(event, delegates_category, preferred_language="fr")
        spanish = register(event, delegates_category, preferred_language="es")

    by_person = {message.to[0]: message for message in mailoutbox}
    in_french, in_spanish = by_person[french.email], by_person[spanish.email]
    # French: its translated page (another slug); Spanish: none, the page under /es/.
    assert f"{settings.SITE_URL}/fr/events/forum-mondial/" in in_french.body
    assert f"{settings.SITE_URL}/es/events/global-forum/" in in_spanish.body
    (vevent,) = calendar_of(in_french).walk("VEVENT")
    assert str(vevent["URL"]) == f"{settings.SITE_URL}/fr/events/forum-mondial/sessions/{geneva_session.uid}/"
