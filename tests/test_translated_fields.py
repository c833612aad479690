"""Translated agenda data on real models: what participants read in their
language, what the registration form stores, and the translators' page."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from home import demo_translations as tr
from home.demo_translations.apply import translate_demo_agenda, translate_demo_registration
from home.translated import TranslationStatus, source_hash
from registration.models import Answer, Category, Question, QuestionKind
from sessions.models import EventPage, Room, Session, Track
from sessions.translations import event_translation_report
from speakers.models import Speaker
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
from tests.helpers import in_language, make_event_organiser, make_listed_person

pytestmark = pytest.mark.django_db

# Wagtail's admin (session, user, permissions, menu) plus one query per kind of object.
TRANSLATOR_PAGE_QUERIES = 18
DEMO_TRANSLATION_QUERIES = 15
FIVE_LANGUAGES = [("en", "English"), ("fr", "French"), ("es", "Spanish"), ("ar", "Arabic"), ("ru", "Russian")]


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
    french = in_language(client, "fr")
    response = french.get(f"{tr_event.url}agenda/?day=all")

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<a href="{french.url(tr_event.url)}sessions/{tr_session.uid}/">Séance plénière d&#x27;ouverture</a>' in html
    )
    assert "Salle Opening plenary" in html
    assert "Opening plenary</a>" not in html


def test_agenda_marks_a_fallback_with_its_language(client, tr_event, tr_session):
    spanish = in_language(client, "es")
    response = spanish.get(f"{tr_event.url}agenda/?day=all")

    html = response.content.decode()
    assert (
        f'<a href="{spanish.url(tr_event.url)}sessions/{tr_session.uid}/"><span lang="en">Opening plenary</span></a>'
        in html
    )


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
    assert three == 19  # the agenda's own pin (AGENDA_QUERIES, tests/sessions/test_queries.py)


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


DEMO_FORUM_SLUG = "global-forum-ethics-ai-2026"
DEMO_DIALOGUE_SLUG = "policy-dialogue-neurotechnology"
DEMO_OPENING = "Opening plenary: governing AI for people and planet"
DEMO_TRANSLATED_KINDS = (Session, Room, Track, Category, Question, Speaker)


def demo_translations_state() -> dict:
    """Each translated row of the loaded demo: its translations, and when it
    last changed (what caches of its rendering go by)."""
    state = {}
    for model in DEMO_TRANSLATED_KINDS:
        fields = ["pk", "translations"] + (["updated_at"] if hasattr(model, "updated_at") else [])
        state[model.__name__] = {row[0]: row[1:] for row in model.objects.values_list(*fields)}
    return state


def test_demo_session_page_reads_in_french_and_spanish(client, demo):
    forum = EventPage.objects.originals().get(slug=DEMO_FORUM_SLUG)
    opening = Session.objects.get(event=forum, title=DEMO_OPENING)

    french = in_language(client, "fr").get(f"{forum.url}sessions/{opening.uid}/").content.decode()
    spanish = in_language(client, "es").get(f"{forum.url}sessions/{opening.uid}/").content.decode()

    assert f"<h1>{escape(tr.SESSIONS[DEMO_OPENING]['fr']['title'])}</h1>" in french
    assert f"<h1>{escape(tr.SESSIONS[DEMO_OPENING]['es']['title'])}</h1>" in spanish
    assert escape(tr.ROOMS["Plenary Hall"]["fr"]["name"]) in french
    assert escape(tr.ROOMS["Plenary Hall"]["es"]["name"]) in spanish


def test_demo_rows_read_in_french_and_spanish_from_the_demo_translations(demo):
    forum = EventPage.objects.originals().get(slug=DEMO_FORUM_SLUG)
    cancelled = Session.objects.get(event=forum, is_cancelled=True)
    plenary = Room.objects.get(event=forum, name="Plenary Hall")
    media = Category.objects.get(event=forum, slug="media")
    themes = Question.objects.get(event=forum, label="Which themes interest you most?")
    # The first two demo speakers: a minister who is a woman, a commissioner who is a man.
    minister = Speaker.objects.get(slug="amara-okafor-1")
    commissioner = Speaker.objects.get(slug="kwame-mensah-2")

    for code in ("fr", "es"):
        assert cancelled.translated("title", code) == tr.SESSIONS[cancelled.title][code]["title"]
        assert cancelled.translated("description", code) == tr.SESSION_DESCRIPTIONS[cancelled.description][code]
        assert (
            cancelled.translated("cancellation_reason", code)
            == tr.SESSIONS[cancelled.title][code]["cancellation_reason"]
        )
        plenary_room = {field: plenary.translated(field, code) for field in Room.translated_fields}
        assert plenary_room == tr.ROOMS["Plenary Hall"][code]
        assert media.translated("name", code) == tr.CATEGORIES["Media"][code]
        assert (themes.translated("label", code), themes.translated("choices", code)) == (
            tr.QUESTIONS["Which themes interest you most?"][code]["label"],
            tr.QUESTIONS["Which themes interest you most?"][code]["choices"],
        )
        assert (minister.translated("position", code), minister.translated("bio", code)) == (
            tr.SPEAKER_POSITIONS["Minister of Digital Economy"][code]["woman"],
            tr.SPEAKER_BIOS[minister.bio][code],
        )
        assert (commissioner.translated("position", code), commissioner.translated("bio", code)) == (
            tr.SPEAKER_POSITIONS["Commissioner"][code]["man"],
            tr.SPEAKER_BIOS[commissioner.bio][code],
        )


def test_demo_forum_sessions_have_french_and_spanish_titles(demo):
    sessions = list(Session.objects.filter(event__slug=DEMO_FORUM_SLUG))
    translated = [
        session
        for session in sessions
        if session.translated("title", "fr") == tr.SESSIONS[session.title]["fr"]["title"]
        and session.translated("title", "es") == tr.SESSIONS[session.title]["es"]["title"]
        and not session.translated("title", "fr").is_fallback
        and not session.translated("title", "es").is_fallback
    ]

    assert len(sessions) >= 30
    assert len(translated) == len(sessions)


def test_demo_loading_again_changes_nothing_and_leaves_an_edit_out_of_date(demo):
    plenary = Room.objects.get(event__slug=DEMO_FORUM_SLUG, name="Plenary Hall")
    plenary.accessibility_notes = "Step-free access; induction loop."  # an organiser's edit
    plenary.save()
    before = demo_translations_state()

    call_command("load_demo", stdout=io.StringIO())

    assert demo_translations_state() == before
    plenary.refresh_from_db()
    for code in ("fr", "es"):
        assert (plenary.translated("accessibility_notes", code), plenary.translation_status(code)) == (
            tr.ROOMS["Plenary Hall"][code]["accessibility_notes"],
            TranslationStatus.OUTDATED,
        )
    # The reports are of the languages other than the demo's own, English.
    counts = {
        (event.slug, report.code): (report.counts["missing"], report.counts["outdated"])
        for event in EventPage.objects.all()
        for report in event_translation_report(event=event)
    }
    assert counts == {
        (DEMO_FORUM_SLUG, "fr"): (0, 1),
        (DEMO_FORUM_SLUG, "es"): (0, 1),
        (DEMO_DIALOGUE_SLUG, "fr"): (0, 0),
        (DEMO_DIALOGUE_SLUG, "es"): (0, 0),
    }


def test_demo_translations_cost_a_read_and_an_update_per_kind(demo, django_assert_num_queries):
    for model in DEMO_TRANSLATED_KINDS:
        model.objects.update(translations={})
    events = list(EventPage.objects.all())
    speakers = list(Speaker.objects.all())

    # A read and one bulk update per kind (the speakers are given), and a savepoint per call.
    with django_assert_num_queries(DEMO_TRANSLATION_QUERIES):
        translate_demo_agenda(events=events, speakers=speakers)
        translate_demo_registration(events=events)

    untranslated = {model.__name__: model.objects.filter(translations={}).count() for model in DEMO_TRANSLATED_KINDS}
    assert untranslated == dict.fromkeys(untranslated, 0)
