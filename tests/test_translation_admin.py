"""Editing translations in the admin: the session, room, track, category,
question and speaker forms carry a field per other language."""

import pytest

from registration.models import Question
from sessions.models import Room, Session
from speakers.models import Speaker
from tests.factories import QuestionFactory, RoomFactory, SessionFactory, SpeakerFactory, local
from tests.helpers import SESSIONS, form_data, rich_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_session(event):
    return SessionFactory(
        event=event, title="Opening plenary", starts_at=local(event, 1, 14), ends_at=local(event, 1, 15, 30)
    )


def test_session_form_has_a_labelled_prefilled_field_per_language(organiser_client, panel_session):
    panel_session.set_translation("fr", title="Séance d'ouverture")
    panel_session.save()

    response = organiser_client.get(f"{SESSIONS}edit/{panel_session.pk}/")

    assert response.status_code == 200
    form = response.context["form"]
    assert form["translation-fr-title"].value() == "Séance d'ouverture"
    assert form["translation-es-title"].value() == ""
    assert str(form["translation-fr-title"].label) == "Title (French)"
    assert str(form["translation-es-description"].label) == "Description (Spanish)"
    assert "translation-en-title" not in form.fields
    html = response.content.decode()
    assert '<label class="w-field__label" for="id_translation-fr-title" id="id_translation-fr-title-label">' in html
    assert "<legend" in html and ">Translations<" in html


def test_session_form_saves_translations_through_set_translation(organiser_client, event, panel_session):
    data = form_data(
        event,
        title="Opening plenary",
        **{
            "translation-fr-title": "Séance d'ouverture",
            "translation-es-title": "Sesión de apertura",
            "translation-fr-description": rich_text("Bienvenue."),
        },
    )

    response = organiser_client.post(f"{SESSIONS}edit/{panel_session.pk}/", data)

    assert response.status_code == 302
    saved = Session.objects.get(pk=panel_session.pk)
    assert saved.translated("title", "fr") == "Séance d'ouverture"
    assert saved.translated("title", "es") == "Sesión de apertura"
    assert saved.translated("description", "fr") == '<p data-block-key="a1b2c">Bienvenue.</p>'
    assert saved.field_translation_status("title", "fr") == "current"
    assert saved.field_translation_status("description", "es") == "missing"


def test_a_new_session_gets_its_translations(organiser_client, event):
    data = form_data(event, **{"translation-fr-title": "Évaluation de l'état de préparation"})

    response = organiser_client.post(SESSIONS + "add/", data)

    assert response.status_code == 302
    created = Session.objects.get(title="Readiness assessment: lessons")
    assert created.source_language == "en"
    assert created.translated("title", "fr") == "Évaluation de l'état de préparation"


def test_a_too_long_translation_is_an_error_beside_its_field_and_nothing_changes(
    organiser_client, event, panel_session
):
    data = form_data(event, title="Opening plenary, renamed", **{"translation-fr-title": "x" * 256})

    response = organiser_client.post(f"{SESSIONS}edit/{panel_session.pk}/", data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "translation-fr-title": ["Ensure this value has at most 255 characters (it has 256)."]
    }
    html = response.content.decode()
    field = html[html.index('data-contentpath="translation-fr-title"') : html.index('name="translation-fr-title"')]
    assert "Ensure this value has at most 255 characters (it has 256)." in field  # beside its own input
    saved = Session.objects.get(pk=panel_session.pk)
    assert (saved.title, saved.translations) == ("Opening plenary", {})


def test_an_unchanged_translation_stays_out_of_date_when_the_source_changes(organiser_client, event, panel_session):
    panel_session.set_translation("fr", title="Séance d'ouverture")
    panel_session.save()
    data = form_data(event, title="Opening plenary session", **{"translation-fr-title": "Séance d'ouverture"})

    response = organiser_client.post(f"{SESSIONS}edit/{panel_session.pk}/", data)

    assert response.status_code == 302
    saved = Session.objects.get(pk=panel_session.pk)
    assert saved.field_translation_status("title", "fr") == "outdated"
    response = organiser_client.get(f"{SESSIONS}edit/{panel_session.pk}/")
    assert str(response.context["form"].fields["translation-fr-title"].help_text) == (
        "Out of date: the source text has changed since this was translated."
    )


def test_room_form_saves_a_translated_floor(organiser_client, event):
    room = RoomFactory(event=event, name="Room XII", floor="Ground floor")
    data = {
        "event": event.pk,
        "name": "Room XII",
        "capacity": "",
        "floor": "Ground floor",
        "accessibility_notes": "",
        "sort_order": "0",
        "translation-fr-floor": "Rez-de-chaussée",
        "translation-fr-name": "Salle XII",
    }

    response = organiser_client.post(f"/admin/agenda/rooms/edit/{room.pk}/", data)

    assert response.status_code == 302
    saved = Room.objects.get(pk=room.pk)
    assert (saved.translated("floor", "fr"), saved.translated("name", "fr")) == ("Rez-de-chaussée", "Salle XII")


def test_translated_choices_need_one_line_per_choice(organiser_client, event):
    question = QuestionFactory(event=event, label="Lunch", kind="single_choice", choices="Vegetarian\nVegan\nNone")
    url = f"/admin/snippets/registration/question/edit/{question.pk}/"
    data = {
        "event": event.pk,
        "label": "Lunch",
        "kind": "single_choice",
        "required": "",
        "sort_order": "0",
        "choices": "Vegetarian\nVegan\nNone",
        "translation-fr-choices": "Végétarien\nVégane",
    }

    response = organiser_client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "translation-fr-choices": ["Give one translated choice per line, as many as the choices (3), in their order."]
    }
    assert Question.objects.get(pk=question.pk).translations == {}

    response = organiser_client.post(url, {**data, "translation-fr-choices": "Végétarien\nVégane\nAucun"})
    assert response.status_code == 302


def test_speaker_form_saves_a_translated_biography(organiser_client, event):
    speaker = SpeakerFactory(added_for_event=event, first_name="Ana", last_name="Silva", slug="ana-silva")
    data = {
        "honorific": "",
        "first_name": "Ana",
        "last_name": "Silva",
        "slug": "ana-silva",
        "position": "Director",
        "organisation": "Universidade de Lisboa",
        "country": "PT",
        "bio": rich_text("An economist."),
        "photo": "",
        "website": "",
        "social_url": "",
        "email": "",
        "language": "en",
        "gender": "",
        "travel_needs": "",
        "accessibility_needs": "",
        "is_published": "on",
        "added_for_event": event.pk,
        "translation-es-position": "Directora",
        "translation-fr-bio": rich_text("Une économiste."),
    }

    response = organiser_client.post(f"/admin/snippets/speakers/speaker/edit/{speaker.pk}/", data)

    assert response.status_code == 302, response.context["form"].errors
    saved = Speaker.objects.get(pk=speaker.pk)
    assert saved.translated("position", "es") == "Directora"
    assert saved.translated("bio", "fr") == '<p data-block-key="a1b2c">Une économiste.</p>'
    assert saved.translation_status("fr") == "missing"  # its position is not in French yet


@pytest.mark.parametrize(
    "name", ["translation-fr-title", "translation-es-description", "translation-fr-cancellation_reason"]
)
def test_each_translation_field_is_rendered_once(organiser_client, panel_session, name):
    html = organiser_client.get(f"{SESSIONS}edit/{panel_session.pk}/").content.decode()

    assert html.count(f'name="{name}"') == 1
    assert html.count(f'id="id_{name}"') == 1


def test_room_and_question_forms_render_each_translation_field_once(organiser_client, event):
    room = RoomFactory(event=event)
    question = QuestionFactory(event=event, kind="single_choice", choices="A\nB")

    room_html = organiser_client.get(f"/admin/agenda/rooms/edit/{room.pk}/").content.decode()
    question_html = organiser_client.get(f"/admin/snippets/registration/question/edit/{question.pk}/").content.decode()

    assert (room_html.count('name="translation-fr-floor"'), question_html.count('name="translation-es-choices"')) == (
        1,
        1,
    )
