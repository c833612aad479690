"""The demo's pages in French and Spanish, made with wagtail-localize by
``load_demo``: the switch is visible from the first ``make run``."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.demo import GLOBAL_FORUM_SLUG as FORUM_SLUG
from home.demo_translations.pages import PAGES, SITE_SETTINGS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("path", "language", "texts"),
    [
        (
            "/fr/",
            "fr",
            [
                PAGES["home"]["fr"]["body"]["hero"]["title"],
                PAGES["home"]["fr"]["body"]["call_to_action"]["button_label"],
            ],
        ),
        (
            "/es/",
            "es",
            [PAGES["home"]["es"]["body"]["hero"]["title"], PAGES["home"]["es"]["body"]["featured_events"]["title"]],
        ),
        ("/fr/events/", "fr", [PAGES["events"]["fr"]["title"], PAGES[FORUM_SLUG]["fr"]["title"]]),
        (f"/es/events/{FORUM_SLUG}/", "es", [PAGES[FORUM_SLUG]["es"]["title"], PAGES[FORUM_SLUG]["es"]["intro"]]),
        ("/fr/about/", "fr", [PAGES["about"]["fr"]["title"], PAGES["about"]["fr"]["intro"]]),
        ("/es/privacy/", "es", [PAGES["privacy"]["es"]["title"]]),
    ],
)
def test_demo_pages_read_in_french_and_spanish(client, demo_site, path, language, texts):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    for text in texts:
        assert text.replace("’", "&#x27;") in html or text in html, text
    assert ' lang="en"' not in html.split("<main", 1)[1].split("</main>", 1)[0]  # nothing fell back


def test_demo_home_links_the_events_in_its_language(client, demo_site):
    html = client.get("/fr/").content.decode()

    assert f'<a href="/fr/events/{FORUM_SLUG}/">{PAGES[FORUM_SLUG]["fr"]["title"]}</a>' in html


def test_demo_site_name_and_footer_in_the_page_language(client, demo_site):
    html = client.get("/es/").content.decode()

    assert f"<span>{SITE_SETTINGS['organisation_name']['es']}</span>" in html
    assert f"<p>{SITE_SETTINGS['footer_text']['es']}</p>" in html
    assert "<span>Forum on the Ethics of AI</span>" in client.get("/en/").content.decode()


def test_loading_the_demo_again_adds_no_page(demo_site):
    before = list(Page.objects.order_by("pk").values_list("pk", "locale__language_code", "title", "live"))

    call_command("load_demo", stdout=io.StringIO())

    assert list(Page.objects.order_by("pk").values_list("pk", "locale__language_code", "title", "live")) == before
    assert {language for _pk, language, _title, _live in before} == {"en", "fr", "es"}
