"""Badges and the official list in the participant's (or the list's)
language: the category and the event's name, read back with pdftotext."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registration.badges import pdf as badge_pdf
from registration.badges.models import BadgeBatch
from registration.badges.printing import badge_batch_build
from registration.models import ListVisibility
from registration.official_list.pdf import render_participant_list_pdf
from registration.official_list.selectors import participant_list
from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory
from tests.helpers import make_listed_person, pdf_text, publish_event_translation

BUILT_ON = datetime.date(2026, 6, 1)


@pytest.fixture
def observers(geneva_forum):
    category = CategoryFactory(event=geneva_forum, name="Observers", slug="observers", sort_order=2)
    category.set_translation("fr", name="Observateurs")
    category.set_translation("es", name="Observadores")
    category.save()
    return category


@pytest.fixture
def geneva_in_three_languages(geneva_forum):
    publish_event_translation(geneva_forum, "fr", title="Forum mondial", venue_city="Genève", slug="forum-fr")
    publish_event_translation(geneva_forum, "es", title="Foro Mundial", venue_city="Ginebra", slug="foro-es")
    return geneva_forum


def pages(pdf: bytes) -> list[list[str]]:
    """Each page's non-empty lines."""
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pdf_text(pdf).split("\f")[:-1]]


def test_a_badge_is_in_its_persons_language(geneva_in_three_languages, observers):
    registration = RegistrationFactory(
        event=geneva_in_three_languages, category=observers, user=None, preferred_language="es", country="SN"
    )
    (page,) = pages(badge_pdf.render_badges_pdf([registration]))
    assert page[:2] == ["Foro Mundial", "24–26 junio 2026"]
    assert "Senegal" in page
    assert page[-1] == "Observadores"


def test_a_badge_without_a_translation_shows_the_source_text(geneva_forum, observers):
    registration = RegistrationFactory(event=geneva_forum, user=None, preferred_language="fr")
    (page,) = pages(badge_pdf.render_badges_pdf([registration]))
    assert page[:2] == ["Global Forum on the Ethics of AI", "24–26 juin 2026"]
    assert page[-1] == registration.category.name


def test_a_batch_prints_each_badge_in_its_persons_language_reading_the_event_once(geneva_in_three_languages, observers):
    event = geneva_in_three_languages
    for last_name, language in (("Adams", "en"), ("Bernard", "fr"), ("Castro", "es"), ("Dubois", "fr")):
        RegistrationFactory(
            event=event, category=observers, user=None, last_name=last_name, preferred_language=language
        )
    batch = BadgeBatch.objects.create(event=event, layout=BadgeBatch.Layout.A6)

    with CaptureQueriesContext(connection) as queries:
        badge_batch_build(batch=batch)

    batch.refresh_from_db()
    printed = pages(batch.file.read())
    assert [(page[0], page[-1]) for page in printed] == [
        ("Global Forum on the Ethics of AI", "Observers"),
        ("Forum mondial", "Observateurs"),
        ("Foro Mundial", "Observadores"),
        ("Forum mondial", "Observateurs"),
    ]
    assert len([q for q in queries if '"translation_key" = ' in q["sql"]]) == 1


def test_a_language_given_prints_every_badge_in_it(geneva_in_three_languages, observers):
    registrations = [
        RegistrationFactory(event=geneva_in_three_languages, category=observers, user=None, preferred_language=code)
        for code in ("es", "en")
    ]
    printed = pages(badge_pdf.render_badges_pdf(registrations, language="fr"))
    assert [(page[0], page[-1]) for page in printed] == [("Forum mondial", "Observateurs")] * 2


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Forum mondial", "24–26 juin 2026 · Genève", "Liste des participants", "Observateurs"]),
        ("es", ["Foro Mundial", "24–26 junio 2026 · Ginebra", "Lista de participantes", "Observadores"]),
        ("en", ["Global Forum on the Ethics of AI", "24–26 June 2026 · Geneva", "List of participants", "Observers"]),
    ],
)
def test_the_official_list_names_the_event_and_categories_in_its_language(
    geneva_in_three_languages, observers, language, expected
):
    make_listed_person(geneva_in_three_languages, observers, first_name="Awa", last_name="Traoré", country="SN")
    listing = participant_list(event=geneva_in_three_languages, language=language)
    assert [category.name for category in listing.categories] == [expected[3]]
    pdf = render_participant_list_pdf(listing, event=geneva_in_three_languages, final=True, built_on=BUILT_ON)
    (page,) = pages(pdf)
    assert page[:3] == expected[:3]
    assert expected[3] in page


def test_the_official_list_queries_do_not_grow_with_languages(geneva_forum, observers, django_assert_num_queries):
    make_listed_person(geneva_forum, observers)
    with django_assert_num_queries(1):
        plain = participant_list(event=geneva_forum, language="fr")
    publish_event_translation(geneva_forum, "fr", title="Forum mondial", slug="forum-fr")
    with django_assert_num_queries(1):
        translated = participant_list(event=geneva_forum, language="fr")
    assert [c.name for c in plain.categories] == [c.name for c in translated.categories] == ["Observateurs"]


def test_the_official_list_page_names_the_event_and_categories_in_the_visitors_language(
    client, geneva_in_three_languages, observers
):
    event = geneva_in_three_languages
    RegistrationSettingsFactory(event=event, list_visibility=ListVisibility.PUBLIC)
    make_listed_person(event, observers)
    url = reverse("official_list:page", kwargs={"event_id": event.pk})

    html = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "<title>Lista de participantes: Foro Mundial" in html
    assert '<h2 id="participant-category-1">Observadores</h2>' in html
