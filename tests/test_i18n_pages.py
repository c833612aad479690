"""Translated pages and a URL per language (issue 14): an event translated
with wagtail-localize shows its own text under /fr/ and the sessions,
speakers and registrations of its original page."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from home.languages import equivalent_url
from registration.models import Registration
from sessions.models import EventPage
from tests.factories import (
    CategoryFactory,
    RegistrationSettingsFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    events_index,
    home_page,
    make_content_page,
    make_event,
)
from tests.helpers import translate_page

pytestmark = pytest.mark.django_db

FRENCH = {
    "Global Forum 2026": "Forum mondial 2026",
    "Three days on the ethics of AI.": "Trois jours sur l'éthique de l'IA.",
}


def hrefs(html: str, rel_class: str = "") -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


@pytest.fixture
def global_forum(db):
    return make_event(title="Global Forum 2026", slug="forum-2026", time_zone="Asia/Bangkok")


@pytest.fixture
def forum_panel(global_forum):
    """A public panel with one speaker."""
    forum_panel = SessionFactory(
        event=global_forum,
        title="Facial recognition in public spaces",
        starts_at=datetime.datetime(2026, 6, 24, 2, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 6, 24, 3, tzinfo=datetime.UTC),
    )
    SessionSpeakerFactory(session=forum_panel, speaker=SpeakerFactory(first_name="Amara", last_name="Okafor"))
    return forum_panel


@pytest.fixture
def french_forum(global_forum):
    global_forum.intro = "Three days on the ethics of AI."
    global_forum.save_revision().publish()
    return translate_page(global_forum, "fr", FRENCH)


def test_locales_come_from_the_languages_setting(db):
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["en", "es", "fr"]


def test_translation_is_another_page_whose_original_is_the_first(global_forum, french_forum):
    assert french_forum.pk != global_forum.pk
    assert french_forum.locale.language_code == "fr"
    assert french_forum.original == global_forum
    assert global_forum.original is global_forum
    assert french_forum.source_language == "en"
    assert list(EventPage.objects.originals()) == [global_forum]


def test_original_is_one_query(global_forum, french_forum, django_assert_num_queries):
    page = EventPage.objects.get(pk=french_forum.pk)
    with django_assert_num_queries(1):
        assert page.original.pk == global_forum.pk
        assert page.original.pk == global_forum.pk


def test_french_event_page_shows_its_own_text_under_fr(client, global_forum, french_forum):
    assert french_forum.url == "/fr/events/forum-2026/"
    response = client.get(french_forum.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Forum mondial 2026</h1>" in html
    assert '<p class="lead">Trois jours sur l&#x27;éthique de l&#x27;IA.</p>' in html
    assert '<html lang="fr" dir="ltr">' in html
    assert 'href="/fr/events/forum-2026/agenda/"' in html


def test_english_page_stays_english_under_en(client, global_forum, french_forum):
    html = client.get("/en/events/forum-2026/").content.decode()
    assert "<h1>Global Forum 2026</h1>" in html
    assert '<html lang="en" dir="ltr">' in html


def test_french_agenda_lists_the_originals_sessions_with_french_links(client, global_forum, french_forum, forum_panel):
    response = client.get("/fr/events/forum-2026/agenda/?day=all")

    assert response.status_code == 200
    assert [s.pk for s in response.context["days"][0].slots[0].sessions] == [forum_panel.pk]
    html = response.content.decode()
    # The session has no French title: the English one, marked as such.
    assert (
        f'<a href="/fr/events/forum-2026/sessions/{forum_panel.uid}/"><span lang="en">{forum_panel.title}</span></a>'
        in html
    )
    assert "Forum mondial 2026" in html


def test_french_session_and_speaker_pages_show_the_originals_data(client, global_forum, french_forum, forum_panel):
    speaker = forum_panel.session_speakers.first().speaker

    session_response = client.get(f"/fr/events/forum-2026/sessions/{forum_panel.uid}/")
    speaker_response = client.get(f"/fr/events/forum-2026/speakers/{speaker.slug}/")

    assert (session_response.status_code, speaker_response.status_code) == (200, 200)
    assert session_response.context["session"] == forum_panel
    assert session_response.context["event"] == global_forum
    assert session_response.context["page"] == french_forum
    assert f'href="/fr/events/forum-2026/speakers/{speaker.slug}/"' in session_response.content.decode()
    assert [s.pk for s in speaker_response.context["sessions"]] == [forum_panel.pk]


def test_french_calendar_is_the_originals(client, global_forum, french_forum, forum_panel):
    response = client.get("/fr/events/forum-2026/calendar.ics")
    assert response.status_code == 200
    assert f"session-{forum_panel.uid}@".encode() in response.content


def test_session_url_follows_the_active_language(global_forum, french_forum, forum_panel):
    from django.utils import translation

    with translation.override("fr"):
        assert forum_panel.get_absolute_url() == f"/fr/events/forum-2026/sessions/{forum_panel.uid}/"
    with translation.override("es"):  # no Spanish page: the original's
        assert forum_panel.get_absolute_url() == f"/en/events/forum-2026/sessions/{forum_panel.uid}/"


def test_hreflang_alternates_on_a_translated_page(client, global_forum, french_forum):
    html = client.get("/fr/events/forum-2026/agenda/").content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert alternates == [
        ("en", "http://testserver/en/events/forum-2026/agenda/"),
        ("fr", "http://testserver/fr/events/forum-2026/agenda/"),
        ("x-default", "http://testserver/en/events/forum-2026/agenda/"),
    ]


def test_hreflang_on_an_untranslated_page_names_its_one_language(client, global_forum):
    html = client.get("/en/events/forum-2026/").content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert alternates == [
        ("en", "http://testserver/en/events/forum-2026/"),
        ("x-default", "http://testserver/en/events/forum-2026/"),
    ]


@pytest.mark.parametrize("path", ["/de/", "/de/events/forum-2026/", "/it/events/forum-2026/agenda/"])
def test_a_language_the_site_does_not_offer_is_a_404(client, global_forum, path):
    assert client.get(path).status_code == 404


def test_old_unprefixed_url_redirects_to_the_negotiated_language(client, global_forum, french_forum):
    response = client.get("/events/forum-2026/agenda/?day=all", HTTP_ACCEPT_LANGUAGE="fr")
    assert (response.status_code, response["Location"]) == (302, "/fr/events/forum-2026/agenda/?day=all")
    english = client.get("/events/forum-2026/")
    assert (english.status_code, english["Location"]) == (302, "/en/events/forum-2026/")


def test_non_page_urls_keep_their_path_and_their_404s(client, user, global_forum):
    client.force_login(user)
    assert client.get("/my/registrations/").status_code == 200
    assert client.get("/my/registrations/NO-SUCH-REF/").status_code == 404
    assert client.get("/fr/my/registrations/").status_code == 404
    assert reverse("checkin:scan") == "/api/checkin/scan/"


def test_registering_from_the_french_page_registers_for_the_original(client, user, global_forum, french_forum):
    RegistrationSettingsFactory(event=global_forum)
    category = CategoryFactory(event=global_forum)
    client.force_login(user)
    html = client.get(french_forum.url).content.decode()
    register_url = reverse("registration:register", kwargs={"event_id": global_forum.pk})
    assert f'href="{register_url}"' in html

    client.post(
        register_url,
        {
            "category": category.pk,
            "first_name": "Amina",
            "last_name": "Diallo",
            "email": user.email,
            "organisation": "Ministère",
            "country": "SN",
            "attendance_mode": "in_person",
            "preferred_language": "fr",
            "privacy_accepted": "on",
        },
    )

    assert list(Registration.objects.values_list("event_id", flat=True)) == [global_forum.pk]
    translated = reverse("registration:register", kwargs={"event_id": french_forum.pk})
    assert client.get(translated).status_code == 404


# --- the language switcher -----------------------------------------------------------


def switch(client, language: str, next_url: str):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_switcher_keeps_the_agenda_and_its_filters(client, global_forum, french_forum):
    response = switch(client, "fr", "/en/events/forum-2026/agenda/?day=all&track=3")
    assert (response.status_code, response["Location"]) == (302, "/fr/events/forum-2026/agenda/?day=all&track=3")
    assert response.cookies["django_language"].value == "fr"


def test_switcher_keeps_session_and_speaker_pages(client, global_forum, french_forum, forum_panel):
    speaker = forum_panel.session_speakers.first().speaker
    assert switch(client, "fr", f"/en/events/forum-2026/sessions/{forum_panel.uid}/")["Location"] == (
        f"/fr/events/forum-2026/sessions/{forum_panel.uid}/"
    )
    assert switch(client, "en", f"/fr/events/forum-2026/speakers/{speaker.slug}/")["Location"] == (
        f"/en/events/forum-2026/speakers/{speaker.slug}/"
    )


def test_switcher_keeps_an_untranslated_page_in_the_other_language(client, global_forum, french_forum):
    # Served in its own language under the other's prefix, with that
    # language's interface (home.views.serve_page).
    programme = make_content_page(parent=global_forum, title="Practical information", slug="practical")
    assert switch(client, "fr", programme.url)["Location"] == "/fr/events/forum-2026/practical/"
    assert switch(client, "es", "/en/events/forum-2026/agenda/?day=all")["Location"] == (
        "/es/events/forum-2026/agenda/?day=all"
    )


def test_an_untranslated_page_is_served_under_every_language(client, global_forum, french_forum):
    make_content_page(parent=global_forum, title="Practical information", slug="practical")

    response = client.get("/fr/events/forum-2026/practical/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert '<article lang="en">\n  <h1>Practical information</h1>' in html
    # Links from it stay in French: the French event page, the French home.
    assert 'href="/fr/"' in html


def test_switcher_keeps_a_translated_content_page(client, global_forum):
    about = make_content_page(title="About", slug="about")
    french = translate_page(about, "fr", {"About": "À propos"})
    assert switch(client, "fr", about.url)["Location"] == french.url


def test_switcher_leaves_non_page_urls_alone(client, global_forum):
    assert switch(client, "fr", "/accounts/login/")["Location"] == "/accounts/login/"


def test_switcher_refuses_a_language_the_site_does_not_offer(client, global_forum):
    response = switch(client, "de", "/en/events/forum-2026/")
    assert response.status_code == 400
    assert "django_language" not in response.cookies


def test_equivalent_url_of_an_unknown_page_is_the_home_page(rf, global_forum):
    assert equivalent_url(rf.get("/"), "/en/no-such-page/", "fr") == "/fr/"


# --- queries -------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 10])
def test_french_pages_cost_the_queries_of_the_english_ones(client, global_forum, n, django_assert_max_num_queries):
    # The whole path translated, as organisers do (not the copies of the
    # parents that wagtail-localize makes as aliases, which cost more).
    translate_page(home_page(), "fr", {"Home": "Accueil"})
    translate_page(events_index(), "fr", {"Events": "Événements"})
    translate_page(global_forum, "fr", FRENCH)
    for i in range(n):
        SessionSpeakerFactory(session=SessionFactory(event=global_forum, title=f"Panel {i}"), speaker=SpeakerFactory())
    client.get("/en/events/forum-2026/")  # fills Wagtail's site-root cache
    client.get("/fr/events/forum-2026/")
    counts = {}
    for language in ("en", "fr"):
        for route in ("", "agenda/?day=all"):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                assert client.get(f"/{language}/events/forum-2026/{route}").status_code == 200
            counts[(language, route)] = len(captured)
    assert counts[("fr", "")] == counts[("en", "")]
    assert counts[("fr", "agenda/?day=all")] == counts[("en", "agenda/?day=all")]
    with django_assert_max_num_queries(counts[("en", "agenda/?day=all")]):
        client.get("/fr/events/forum-2026/agenda/?day=all")


def test_french_events_index_lists_each_event_once_in_french_where_it_can(client, global_forum, french_forum):
    dialogue = make_event(title="Dialogue on neurotechnology", slug="neuro-dialogue")

    response = client.get("/fr/events/")

    assert response.status_code == 200
    listed = response.context["upcoming"] + response.context["past"]
    assert sorted(event.pk for event in listed) == sorted([french_forum.pk, dialogue.pk])
    english = client.get("/en/events/").context
    assert sorted(event.pk for event in english["upcoming"] + english["past"]) == sorted([global_forum.pk, dialogue.pk])


def test_a_page_translated_under_another_slug_is_reached_from_the_source_path(client, global_forum, french_forum):
    about = make_content_page(parent=global_forum, title="Practical information", slug="practical")
    french = translate_page(about, "fr", {"Practical information": "Informations pratiques", "practical": "pratique"})
    assert french.slug == "pratique"

    response = client.get("/fr/events/forum-2026/practical/?from=mail")

    assert (response.status_code, response["Location"]) == (302, "/fr/events/forum-2026/pratique/?from=mail")


def test_a_path_no_tree_has_costs_the_same_whatever_the_number_of_languages(client, global_forum, french_forum):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def miss_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/fr/events/forum-2026/no-such-page/").status_code == 404
        return len(queries)

    miss_queries()  # the first request makes the site's settings row
    two_languages = miss_queries()
    translate_page(global_forum, "es")  # a third tree (home and events copied into Spanish)

    assert miss_queries() == two_languages


@pytest.mark.parametrize("next_url", ["/en/events", "/en/events//agenda/", "/en/events/forum-2026/calendar.ics"])
def test_switching_from_odd_paths_never_fails(client, global_forum, french_forum, next_url):
    response = switch(client, "fr", next_url)

    assert response.status_code == 302
    assert response["Location"].startswith("/fr/")


def test_switching_from_a_page_served_in_another_language_keeps_it(client, global_forum, french_forum):
    make_event(title="Workshop", slug="workshop")

    assert switch(client, "es", "/fr/events/workshop/")["Location"] == "/es/events/workshop/"
    assert switch(client, "en", "/fr/events/workshop/agenda/")["Location"] == "/en/events/workshop/agenda/"


def test_a_page_in_two_other_trees_is_served_from_the_sites_own_first(client, settings, global_forum):
    languages = [("en", "English"), ("fr", "French"), ("es", "Spanish"), ("ar", "Arabic")]
    settings.LANGUAGES = languages
    settings.WAGTAIL_CONTENT_LANGUAGES = languages
    Locale.objects.get_or_create(language_code="ar")
    translate_page(home_page(), "ar")  # Arabic has a home of its own, without the event
    for language in ("es", "fr"):
        translate_page(global_forum, language, {"Global Forum 2026": f"Forum ({language})"})

    response = client.get("/ar/events/forum-2026/")

    assert response.status_code == 200
    assert response.context["page"].pk == global_forum.pk  # English, the site's own tree, before the others
