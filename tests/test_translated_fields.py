"""Translated agenda data on real models: what participants read in their
language, what the registration form stores, and the translators' page."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import translation

from home.translated import source_hash
from registration.models import Answer, Question, QuestionKind
from sessions.models import Session
from tests.factories import (
    CategoryFactory,
    QuestionFactory,
    RegistrationSettingsFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
    local,
    make_event,
)
from tests.helpers import make_event_organiser, make_listed_person

pytestmark = pytest.mark.django_db

# Wagtail's admin (session, user, permissions, menu) plus one query per kind of object.
TRANSLATOR_PAGE_QUERIES = 18
FIVE_LANGUAGES = [("en", "English"), ("fr", "French"), ("es", "Spanish"), ("ar", "Arabic"), ("ru", "Russian")]


def in_language(client, code: str):
    """The visitor's language, chosen as the language switcher does (a cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


def translated_session(event, *, title="Opening plenary", fr="Séance plénière d'ouverture", day=0, hour=9):
    room = RoomFactory(event=event, name=f"Room {title}", floor="2")
    room.set_translation("fr", name=f"Salle {title}", floor="2e étage")
    room.save()
    session = SessionFactory(
        event=event,
        title=title,
        room=room,
        starts_at=local(event, day, hour),
        ends_at=local(event, day, hour + 1),
        description="<p>Welcome to the forum.</p>",
    )
    session.set_translation("fr", title=fr, description="<p>Bienvenue au forum.</p>")
    session.save()
    return session


@pytest.fixture
def tr_event(db):
    return make_event(title="Global Forum on the Ethics of AI", slug="gf-ethics")


@pytest.fixture
def tr_session(tr_event):
    return translated_session(tr_event)


# --- rows and their source language -----------------------------------------------------


def test_event_rows_take_the_events_language(tr_event):
    assert tr_event.source_language == "en"
    tr_event.locale.language_code = "fr"  # as a French original event page would be
    room = RoomFactory(event=tr_event, name="Salle I")
    speaker = SpeakerFactory(added_for_event=tr_event)

    assert (room.source_language, speaker.source_language) == ("fr", "fr")
    assert SpeakerFactory().source_language == settings.LANGUAGE_CODE


def test_translations_are_read_without_an_active_language(tr_session):
    """Emails, calendar files and badges run in tasks: no request, no language."""
    session = Session.objects.get(pk=tr_session.pk)
    translation.deactivate_all()

    assert session.translated("title", "fr") == "Séance plénière d'ouverture"
    assert session.translated("title") == "Opening plenary"
    assert session.translated("title").is_fallback is False


def test_changing_the_source_makes_the_translation_out_of_date(tr_session):
    assert tr_session.translation_status("fr") == "current"
    assert tr_session.translations["fr"]["@title"] == source_hash("Opening plenary")

    tr_session.title = "Opening plenary and welcome"
    tr_session.save()

    assert Session.objects.get(pk=tr_session.pk).translation_status("fr") == "outdated"
    assert tr_session.translation_status("es") == "missing"


# --- public pages -------------------------------------------------------------------------


def test_agenda_in_french_shows_french_titles(client, tr_event, tr_session):
    response = in_language(client, "fr").get(f"{tr_event.url}agenda/?day=all")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{tr_event.url}sessions/{tr_session.uid}/">Séance plénière d&#x27;ouverture</a>' in html
    assert "Salle Opening plenary" in html
    assert "Opening plenary</a>" not in html


def test_agenda_marks_a_fallback_with_its_language(client, tr_event, tr_session):
    response = in_language(client, "es").get(f"{tr_event.url}agenda/?day=all")

    html = response.content.decode()
    assert f'<a href="{tr_event.url}sessions/{tr_session.uid}/"><span lang="en">Opening plenary</span></a>' in html


def test_agenda_filters_name_tracks_and_rooms_in_the_visitors_language(client, tr_event, tr_session):
    track = TrackFactory(event=tr_event, name="Human rights")
    track.set_translation("fr", name="Droits humains")
    track.save()
    tr_session.track = track
    tr_session.save()

    response = in_language(client, "fr").get(f"{tr_event.url}agenda/?day=all")

    form = response.context["form"]
    assert [str(label) for _value, label in form.fields["track"].choices] == ["Tous", "Droits humains"]
    assert [str(label) for _value, label in form.fields["room"].choices][1:] == ["Salle Opening plenary"]


def test_agenda_search_finds_the_visitors_language(client, tr_event, tr_session):
    translated_session(tr_event, title="Closing", fr="Clôture", hour=14)

    response = in_language(client, "fr").get(f"{tr_event.url}agenda/?day=all&q=plénière")

    assert [session.pk for session in response.context["days"][0].slots[0].sessions] == [tr_session.pk]
    assert response.context["session_count"] == 1


def test_session_page_in_french(client, tr_event, tr_session):
    response = in_language(client, "fr").get(f"{tr_event.url}sessions/{tr_session.uid}/")

    html = response.content.decode()
    assert "<title>Séance plénière d&#x27;ouverture · Global Forum on the Ethics of AI" in html
    assert "<h1>Séance plénière d&#x27;ouverture</h1>" in html
    assert "<p>Bienvenue au forum.</p>" in html
    assert "(étage 2e étage)" in html or "2e étage" in html


def test_session_page_falls_back_with_lang_on_the_description(client, tr_event):
    session = SessionFactory(event=tr_event, title="Side event", description="<p>Only in English.</p>")
    session.set_translation("es", title="Evento paralelo")
    session.save()

    response = in_language(client, "es").get(f"{tr_event.url}sessions/{session.uid}/")

    html = response.content.decode()
    assert "<h1>Evento paralelo</h1>" in html
    assert '<div lang="en"><p>Only in English.</p></div>' in html


def test_speaker_page_shows_the_translated_biography(client, tr_event, tr_session):
    speaker = SpeakerFactory(
        first_name="Amara", last_name="Okafor", slug="amara-okafor", position="Director", bio="<p>An economist.</p>"
    )
    speaker.set_translation("fr", position="Directrice", bio="<p>Une économiste.</p>")
    speaker.save()
    SessionSpeakerFactory(session=tr_session, speaker=speaker)

    response = in_language(client, "fr").get(f"{tr_event.url}speakers/amara-okafor/")

    html = response.content.decode()
    assert '<p class="lead">Directrice, University of Nairobi</p>' in html
    assert "<p>Une économiste.</p>" in html
    assert "Séance plénière d&#x27;ouverture" in html


def test_my_agenda_in_french(client, tr_session):
    user = UserFactory()
    from sessions.services import session_star

    session_star(user=user, session=tr_session)
    client.force_login(user)

    html = in_language(client, "fr").get("/agenda/mine/").content.decode()

    assert "Séance plénière d&#x27;ouverture</a>" in html
    assert "Salle Opening plenary" in html


def agenda_queries(client, event) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = in_language(client, "fr").get(f"{event.url}agenda/?day=all")
    assert response.status_code == 200
    return len(queries)


def test_agenda_queries_do_not_grow_with_the_number_of_languages(client, tr_event):
    for hour in range(9, 14):
        session = translated_session(tr_event, title=f"Session at {hour}", hour=hour)
        session.set_translation("ar", title="جلسة")
        session.set_translation("ru", title="Заседание")
        session.save()

    agenda_queries(client, tr_event)  # the site's settings row is made by the first request
    with override_settings(LANGUAGES=FIVE_LANGUAGES[:3]):
        three = agenda_queries(client, tr_event)
    with override_settings(LANGUAGES=FIVE_LANGUAGES):
        five = agenda_queries(client, tr_event)

    assert three == five
    assert three == 16  # the agenda's own pin (tests/sessions/test_queries.py)


# --- registration form ------------------------------------------------------------------


@pytest.fixture
def tr_registration_setup(tr_event):
    RegistrationSettingsFactory(event=tr_event)
    category = CategoryFactory(event=tr_event, name="Civil society", slug="civil-society")
    category.set_translation("fr", name="Société civile")
    category.save()
    question = QuestionFactory(
        event=tr_event, label="Lunch", kind=QuestionKind.SINGLE_CHOICE, choices="Vegetarian\nVegan\nNo preference"
    )
    question.set_translation("fr", label="Déjeuner", choices="Végétarien\nVégane\nSans préférence")
    question.save()
    return category, question


def test_registration_form_in_french_shows_translated_labels(client, tr_event, tr_registration_setup):
    category, question = tr_registration_setup
    client.force_login(UserFactory())

    response = in_language(client, "fr").get(reverse("registration:register", kwargs={"event_id": tr_event.pk}))

    form = response.context["form"]
    assert [str(label) for _value, label in form.fields["category"].choices] == ["---------", "Société civile"]
    field = form.fields[f"question_{question.pk}"]
    assert str(field.label) == "Déjeuner"
    assert [(value, str(label)) for value, label in field.choices] == [
        ("", "---------"),
        ("Vegetarian", "Végétarien"),
        ("Vegan", "Végane"),
        ("No preference", "Sans préférence"),
    ]
    html = response.content.decode()
    assert '<option value="Vegan">Végane</option>' in html


def test_a_choice_answered_in_french_stores_the_source_choice(client, tr_event, tr_registration_setup):
    category, question = tr_registration_setup
    user = UserFactory()
    client.force_login(user)
    data = {
        "category": category.pk,
        "first_name": "Amina",
        "last_name": "Diallo",
        "email": user.email,
        "organisation": "Ministère du Numérique",
        "country": "SN",
        "attendance_mode": "in_person",
        "preferred_language": "fr",
        "privacy_accepted": "on",
        f"question_{question.pk}": "Vegan",
    }

    response = in_language(client, "fr").post(reverse("registration:register", kwargs={"event_id": tr_event.pk}), data)

    assert response.status_code == 302
    assert list(Answer.objects.values_list("question__label", "value")) == [("Lunch", "Vegan")]


def test_a_translated_choice_posted_is_refused_beside_the_field(client, tr_event, tr_registration_setup):
    category, question = tr_registration_setup
    client.force_login(UserFactory())

    response = in_language(client, "en").post(
        reverse("registration:register", kwargs={"event_id": tr_event.pk}),
        {"category": category.pk, f"question_{question.pk}": "Végane"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors[f"question_{question.pk}"] == [
        "Select a valid choice. Végane is not one of the available choices."
    ]
    assert Answer.objects.count() == 0


def test_multiple_choice_labels_mark_a_fallback(tr_event):
    question = Question.objects.create(
        event=tr_event, label="Topics", kind=QuestionKind.MULTIPLE_CHOICE, choices="Health\nEducation"
    )
    from registration.forms import question_field

    with translation.override("es"):
        field = question_field(question)

    assert str(field.label) == '<span lang="en">Topics</span>'
    assert [(value, str(label)) for value, label in field.choices] == [
        ("Health", '<span lang="en">Health</span>'),
        ("Education", '<span lang="en">Education</span>'),
    ]


def test_official_list_names_categories_in_its_language(tr_event, tr_registration_setup):
    from registration.official_list.selectors import participant_list

    category, _question = tr_registration_setup
    make_listed_person(tr_event, category)

    assert [listed.name for listed in participant_list(event=tr_event, language="fr").categories] == ["Société civile"]
    spanish = participant_list(event=tr_event, language="es").categories[0].name
    assert (spanish, spanish.is_fallback, spanish.language) == ("Civil society", True, "en")


# --- the translators' page --------------------------------------------------------------


def translations_url(event) -> str:
    return reverse("agenda_translations:event", kwargs={"event_id": event.pk})


def test_translators_page_counts_each_status_per_language(client, tr_event, tr_session):
    outdated = translated_session(tr_event, title="Closing", fr="Clôture", hour=15)
    outdated.title = "Closing ceremony"
    outdated.save()
    TrackFactory(event=tr_event, name="Human rights")
    client.force_login(make_event_organiser(tr_event))

    response = client.get(translations_url(tr_event))

    assert response.status_code == 200
    reports = {report.code: report.counts for report in response.context["reports"]}
    # Two sessions, their two rooms (translated), one track (not).
    assert reports == {
        "fr": {"current": 3, "outdated": 1, "missing": 1},
        "es": {"current": 0, "outdated": 0, "missing": 5},
    }
    html = response.content.decode()
    assert '<span class="translation-count--outdated">Out of date: <strong>1</strong></span>' in html
    edit = reverse("wagtailsnippets_agenda_session:edit", args=[outdated.pk])
    assert f'<a href="{edit}">Edit<span class="w-sr-only"> Closing ceremony</span></a>' in html


def test_translators_page_of_another_event_is_404(client, tr_event, other_event):
    client.force_login(make_event_organiser(other_event))

    assert client.get(translations_url(tr_event)).status_code == 404
    index = client.get(reverse("agenda_translations:index"))
    assert [event.pk for event in index.context["events"]] == [other_event.pk]


def test_translators_page_is_in_the_admin_menu(client, tr_event):
    client.force_login(make_event_organiser(tr_event))

    html = client.get("/admin/").content.decode()

    assert reverse("agenda_translations:index") in html


def translator_page_queries(client, event) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(translations_url(event))
    assert response.status_code == 200
    return len(queries)


def add_rows(event, n: int, start: int) -> None:
    category = CategoryFactory(event=event, name=f"Category {start}", slug=f"category-{start}")
    category.set_translation("fr", name=f"Catégorie {start}")
    category.save()
    QuestionFactory(event=event, label=f"Question {start}")
    for i in range(start, start + n):
        session = SessionFactory(event=event, title=f"Session {i}", room=RoomFactory(event=event))
        SessionSpeakerFactory(session=session, speaker=SpeakerFactory(bio="<p>Bio</p>"))
        if i % 2:
            session.set_translation("fr", title=f"Séance {i}")
            session.save()


def test_translators_page_queries_do_not_grow_with_rows(client, tr_event):
    client.force_login(make_event_organiser(tr_event))
    add_rows(tr_event, 5, 0)
    five = translator_page_queries(client, tr_event)
    add_rows(tr_event, 45, 5)
    fifty = translator_page_queries(client, tr_event)

    assert five == fifty
    assert len(client.get(translations_url(tr_event)).context["reports"][0].rows) == 50 * 3 + 2 * 2


@pytest.mark.parametrize("n", [5, 50])
def test_translators_page_queries_pinned(client, tr_event, n, django_assert_num_queries):
    client.force_login(make_event_organiser(tr_event))
    add_rows(tr_event, n, 0)
    client.get(translations_url(tr_event))  # the first admin request of a session costs more

    with django_assert_num_queries(TRANSLATOR_PAGE_QUERIES):
        assert client.get(translations_url(tr_event)).status_code == 200


# --- the demo ---------------------------------------------------------------------------


def test_demo_agenda_reads_in_french_and_spanish(client, demo):
    from sessions.models import EventPage

    forum = EventPage.objects.get(title="Global Forum on the Ethics of AI 2026")
    opening = Session.objects.get(event=forum, title="Opening plenary: governing AI for people and planet")

    french = in_language(client, "fr").get(f"{forum.url}sessions/{opening.uid}/").content.decode()
    spanish = in_language(client, "es").get(f"{forum.url}sessions/{opening.uid}/").content.decode()

    assert "<h1>Plénière d&#x27;ouverture : gouverner l&#x27;IA pour les personnes et la planète</h1>" in french
    assert "<h1>Plenaria de apertura: gobernar la IA para las personas y el planeta</h1>" in spanish
    assert "Salle plénière" in french and "Sala plenaria" in spanish


def test_demo_translations_are_complete_and_loading_again_changes_nothing(demo):
    from django.core.management import call_command

    from sessions.models import EventPage
    from sessions.translations import event_translation_report

    before = {session.pk: session.translations for session in Session.objects.all()}
    call_command("load_demo")

    assert {session.pk: session.translations for session in Session.objects.all()} == before
    for event in EventPage.objects.all():
        for report in event_translation_report(event=event):
            assert (event.title, report.code, report.counts["missing"], report.counts["outdated"]) == (
                event.title,
                report.code,
                0,
                0,
            )
