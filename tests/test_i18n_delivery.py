"""What a participant receives follows their language: the event's name in a
language (sessions.i18n) and the calendar files. (Emails, badges and lists:
tests/test_i18n_delivery_mail.py and tests/test_i18n_delivery_print.py.)"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from sessions.calendar import build_event_calendar
from sessions.i18n import event_texts, event_title
from sessions.models import EventPage, Session
from sessions.services import agenda_feed_token_get_or_create, session_star, session_update
from tests.factories import (
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    TrackFactory,
    UserFactory,
    local,
    make_event,
)
from tests.helpers import publish_event_translation


def vevents(content: bytes) -> dict[str, object]:
    return {str(vevent["UID"]): vevent for vevent in Calendar.from_ical(content).walk("VEVENT")}


# --- the event's name in a language ------------------------------------------------------


def test_event_title_without_translations_is_the_event_title_marked_as_fallback(
    geneva_forum, django_assert_num_queries
):
    event = EventPage.objects.get(pk=geneva_forum.pk)
    with django_assert_num_queries(1):
        french = event_title(event, "fr")
        english = event_title(event, "en")
    assert (str(french), french.language, french.is_fallback) == ("Global Forum on the Ethics of AI", "en", True)
    assert (str(english), english.language, english.is_fallback) == ("Global Forum on the Ethics of AI", "en", False)


def test_event_texts_come_from_the_live_translated_page(geneva_forum, french_geneva_forum, django_assert_num_queries):
    event = EventPage.objects.get(pk=geneva_forum.pk)
    with django_assert_num_queries(1):
        french = event_texts(event, "fr")
        spanish = event_texts(event, "es")
        french_again = event_title(event, "fr-ca")
    assert (str(french.title), french.title.is_fallback) == ("Forum mondial sur l’éthique de l’IA", False)
    assert (str(french.venue_city), french.venue_city.language) == ("Genève", "fr")
    assert str(french.venue_name) == "Palais des Nations"
    assert str(french_again) == "Forum mondial sur l’éthique de l’IA"
    assert (str(spanish.title), spanish.title.language, spanish.title.is_fallback) == (
        "Global Forum on the Ethics of AI",
        "en",
        True,
    )


def test_event_title_ignores_an_unpublished_translation(geneva_forum, french_geneva_forum):
    french_geneva_forum.unpublish()
    assert event_title(EventPage.objects.get(pk=geneva_forum.pk), "fr").is_fallback is True


def test_event_title_of_the_translated_page_in_the_source_language(geneva_forum, french_geneva_forum):
    english = event_title(EventPage.objects.get(pk=french_geneva_forum.pk), "en")
    assert (str(english), english.is_fallback) == ("Global Forum on the Ethics of AI", False)


# --- calendar files ----------------------------------------------------------------------


def test_french_feed_has_french_texts_and_the_same_uids_and_sequence(client, geneva_session, french_geneva_forum):
    session_update(
        session=Session.objects.get(pk=geneva_session.pk),
        starts_at=local(geneva_session.event, 1, 9),
        ends_at=local(geneva_session.event, 1, 10),
    )
    english = client.get("/en/events/global-forum/calendar.ics?lang=en")
    french = client.get("/en/events/global-forum/calendar.ics?lang=fr")
    assert (english.status_code, french.status_code) == (200, 200)
    assert (english["Content-Language"], french["Content-Language"]) == ("en", "fr")
    in_english, in_french = vevents(english.content), vevents(french.content)
    assert list(in_french) == list(in_english) == [f"session-{geneva_session.uid}@127.0.0.1"]
    (vevent,) = in_french.values()
    (source,) = in_english.values()
    assert vevent["SEQUENCE"] == source["SEQUENCE"] == 1
    assert str(vevent["SUMMARY"]) == "La reconnaissance faciale dans l’espace public"
    assert vevent["SUMMARY"].params["LANGUAGE"] == "fr"
    assert str(vevent["LOCATION"]) == "Salle des Assemblées, Palais des Nations, Genève"
    assert (
        str(vevent["DESCRIPTION"]) == "Intervenants :\n- Amara Okafor (Modérateur)\n\nQui surveille les surveillants ?"
    )
    assert [str(c) for c in vevent["CATEGORIES"].cats] == ["Table ronde", "Droits humains"]
    assert str(Calendar.from_ical(french.content)["X-WR-CALNAME"]) == "Forum mondial sur l’éthique de l’IA"
    assert str(source["SUMMARY"]) == "Facial recognition in public spaces"
    assert str(source["LOCATION"]) == "Assembly Hall, Palais des Nations, Geneva"
    assert str(Calendar.from_ical(english.content)["X-WR-CALNAME"]) == "Global Forum on the Ethics of AI"


def test_spanish_feed_falls_back_to_the_source_text_field_by_field(geneva_session, geneva_forum):
    (vevent,) = vevents(build_event_calendar(geneva_forum, "es")).values()
    assert str(vevent["SUMMARY"]) == "El reconocimiento facial en los espacios públicos"
    assert vevent["SUMMARY"].params["LANGUAGE"] == "es"
    # No Spanish description, track or event page: the English ones.
    assert str(vevent["DESCRIPTION"]).endswith("\n\nWho watches the watchers?")
    assert str(vevent["DESCRIPTION"]).startswith("Ponentes:")
    assert str(vevent["LOCATION"]) == "Sala de Asambleas, Palais des Nations, Geneva"
    assert [str(c) for c in vevent["CATEGORIES"].cats][1] == "Human rights"


@pytest.mark.parametrize("lang", ["xx", "", "fr';--", "%00"])
def test_unknown_language_gives_the_default_language_feed(client, geneva_session, lang):
    response = client.get(f"/en/events/global-forum/calendar.ics?lang={lang}")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    (vevent,) = vevents(response.content).values()
    assert str(vevent["SUMMARY"]) == "Facial recognition in public spaces"


def test_feed_without_lang_follows_the_language_of_its_url(client, geneva_session):
    response = client.get("/es/events/global-forum/calendar.ics")
    assert response["Content-Language"] == "es"
    (vevent,) = vevents(response.content).values()
    assert str(vevent["SUMMARY"]) == "El reconocimiento facial en los espacios públicos"


def test_feed_cache_keeps_one_copy_per_language(client, geneva_session, geneva_forum):
    french = client.get("/en/events/global-forum/calendar.ics?lang=fr").content
    english = client.get("/en/events/global-forum/calendar.ics?lang=en").content
    assert french != english
    assert client.get("/en/events/global-forum/calendar.ics?lang=fr").content == french
    # A new French title is seen at once, in French only.
    session = Session.objects.get(pk=geneva_session.pk)
    session.set_translation("fr", title="Reconnaissance faciale")
    session.save()
    (vevent,) = vevents(client.get("/en/events/global-forum/calendar.ics?lang=fr").content).values()
    assert str(vevent["SUMMARY"]) == "Reconnaissance faciale"
    (vevent,) = vevents(client.get("/en/events/global-forum/calendar.ics?lang=en").content).values()
    assert str(vevent["SUMMARY"]) == "Facial recognition in public spaces"


def test_feed_cache_sees_a_newly_published_event_translation(client, geneva_session, geneva_forum):
    before = Calendar.from_ical(client.get("/en/events/global-forum/calendar.ics?lang=fr").content)
    assert str(before["X-WR-CALNAME"]) == "Global Forum on the Ethics of AI"
    publish_event_translation(geneva_forum, "fr", title="Forum mondial")
    after = Calendar.from_ical(client.get("/en/events/global-forum/calendar.ics?lang=fr").content)
    assert str(after["X-WR-CALNAME"]) == "Forum mondial"


def _translated_event(languages: list[str], sessions: int) -> EventPage:
    """An event with ``sessions`` sessions (room, track, speaker each) whose
    every text is translated into ``languages``."""
    event = make_event(slug=f"feed-{len(languages)}-{sessions}")
    for language in languages:
        publish_event_translation(event, language, title=f"Forum ({language})", slug=f"forum-{language}")
    for n in range(sessions):
        room, track = RoomFactory(event=event), TrackFactory(event=event)
        session = SessionFactory(event=event, room=room, track=track, starts_at=local(event, 0, 8 + n % 8))
        for language in languages:
            for row, fields in ((room, {"name": "Salle"}), (track, {"name": "Thème"})):
                row.set_translation(language, **fields)
                row.save()
            session.set_translation(language, title=f"Séance {n}", description="<p>Texte</p>")
            session.save()
        SessionSpeakerFactory(session=session)
    return event


def _feed_queries(client, event: EventPage, language: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/events/{event.slug}/calendar.ics?lang={language}")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("sessions", [1, 10])
def test_feed_queries_are_the_same_for_one_and_three_languages(client, db, sessions):
    source_only = _translated_event([], sessions)
    three_languages = _translated_event(["fr", "es"], sessions)
    counts = {
        (name, language): _feed_queries(client, event, language)
        for name, event in (("one", source_only), ("three", three_languages))
        for language in ("en", "fr", "es")
    }
    assert len(set(counts.values())) == 1, counts
    assert counts["one", "en"] <= 16


def test_session_ics_in_a_language(client, geneva_session):
    response = client.get(f"/en/events/global-forum/sessions/{geneva_session.uid}.ics?lang=fr")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"session-{geneva_session.uid}@127.0.0.1"
    assert str(vevent["SUMMARY"]) == str(calendar["X-WR-CALNAME"]) == "La reconnaissance faciale dans l’espace public"
    assert [str(c) for c in vevent["CATEGORIES"].cats] == ["Table ronde", "Droits humains"]
    assert str(vevent["DESCRIPTION"]).startswith("Intervenants :\n- Amara Okafor (Modérateur)\n")
    assert client.get(f"/en/events/global-forum/sessions/{geneva_session.uid}.ics?lang=zz")["Content-Language"] == "en"


def test_personal_feed_follows_the_registration_language_unless_asked(client, geneva_session, geneva_forum):
    user = UserFactory()
    RegistrationFactory(event=geneva_forum, user=user, preferred_language="es")
    session_star(user=user, session=geneva_session)
    token = agenda_feed_token_get_or_create(user=user).token
    spanish = client.get(f"/calendar/agenda/{token}.ics")
    french = client.get(f"/calendar/agenda/{token}.ics?lang=fr")
    assert (spanish["Content-Language"], french["Content-Language"]) == ("es", "fr")
    assert [str(v["SUMMARY"]) for v in vevents(spanish.content).values()] == [
        "El reconocimiento facial en los espacios públicos"
    ]
    assert [str(v["SUMMARY"]) for v in vevents(french.content).values()] == [
        "La reconnaissance faciale dans l’espace public"
    ]
    assert str(Calendar.from_ical(spanish.content)["X-WR-CALNAME"]) == "Mi agenda"
    assert list(vevents(spanish.content)) == list(vevents(french.content))


def test_personal_feed_without_registration_follows_the_visitor_language(client, geneva_session):
    user = UserFactory()
    session_star(user=user, session=geneva_session)
    token = agenda_feed_token_get_or_create(user=user).token
    response = client.get(f"/calendar/agenda/{token}.ics", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "fr"
    (vevent,) = vevents(response.content).values()
    assert str(vevent["SUMMARY"]) == "La reconnaissance faciale dans l’espace public"


def test_personal_feed_queries_do_not_grow_with_starred_sessions(client, geneva_forum, django_assert_num_queries):
    user = UserFactory()
    token = agenda_feed_token_get_or_create(user=user).token
    counts = []
    for _ in range(2):
        for _n in range(5):
            session = SessionFactory(event=geneva_forum, room=RoomFactory(event=geneva_forum))
            session.set_translation("fr", title="Séance")
            session.save()
            session_star(user=user, session=session)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/calendar/agenda/{token}.ics?lang=fr").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("lang", ["fr", "es", "en"])
def test_pages_offer_the_feeds_in_their_language(client, geneva_session, lang):
    event_page = client.get(f"/{lang}/events/global-forum/").content.decode()
    assert f'href="/{lang}/events/global-forum/calendar.ics?lang={lang}"' in event_page
    assert f'href="webcal://testserver/{lang}/events/global-forum/calendar.ics?lang={lang}"' in event_page
    agenda = client.get(f"/{lang}/events/global-forum/agenda/").content.decode()
    assert f'href="/{lang}/events/global-forum/calendar.ics?lang={lang}"' in agenda
    detail = client.get(f"/{lang}/events/global-forum/sessions/{geneva_session.uid}/").content.decode()
    assert f'href="/{lang}/events/global-forum/sessions/{geneva_session.uid}.ics?lang={lang}"' in detail


def test_my_agenda_offers_the_private_feed_in_the_page_language(client, geneva_session):
    user = UserFactory()
    client.force_login(user)
    page = client.get("/agenda/mine/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    token = agenda_feed_token_get_or_create(user=user).token
    assert f'value="http://testserver/calendar/agenda/{token}.ics?lang=es"' in page
    assert f'href="webcal://testserver/calendar/agenda/{token}.ics?lang=es"' in page


def test_feed_links_each_session_in_the_feeds_language(client, geneva_session, french_geneva_forum):
    by_language = {
        language: vevents(client.get(f"/en/events/global-forum/calendar.ics?lang={language}").content)
        for language in ("en", "fr", "es")
    }

    site = settings.SITE_URL
    assert [str(v["URL"]) for v in by_language["en"].values()] == [
        f"{site}/en/events/global-forum/sessions/{geneva_session.uid}/"
    ]
    assert [str(v["URL"]) for v in by_language["fr"].values()] == [
        f"{site}/fr/events/forum-mondial/sessions/{geneva_session.uid}/"
    ]
    assert [str(v["URL"]) for v in by_language["es"].values()] == [
        f"{site}/es/events/global-forum/sessions/{geneva_session.uid}/"
    ]
