"""The demo's French and Spanish translations (``home.demo_translations``)
against the demo itself: every text ``load_demo`` writes has both
translations, no translation is left for a text the demo no longer writes,
and translations keep the source's HTML tags and placeholders."""

import io
import re
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page, Site

from home import demo_translations as tr
from home.models import FooterLink, SiteSettings
from registration.models import Category, Question
from sessions.models import Room, Session, Track
from speakers.models import Speaker

# pytest-django sets the test database up only for tests marked so; the demo
# itself is loaded once for the module (``demo_texts``) and the tests read plain data.
pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "es")
# English texts whose translation may be the same text: floors given as numbers.
LANGUAGE_NEUTRAL = {"1", "2", "3"}
# Texts a translation keeps as they are, with the language that keeps them: a
# proper noun, and a word spelt the same in Spanish.
SAME_IN_TRANSLATION = {("Paris", "fr"), ("Director", "es")}
# Page fields the demo fills with proper nouns only, left untranslated.
UNTRANSLATED_PAGE_TEXTS = {"Queen Sirikit National Convention Center", "Bangkok"}
# Organisations with a proper name: a biography keeps it as it is.
KEPT_ORGANISATIONS = {
    "Centre for AI and Human Rights",
    "Open Futures Foundation",
    "Southern Neurotech Lab",
    "Institute for Climate and Computing",
    "AI Supervisory Board",
}
PAGE_FIELDS = ("title", "intro", "venue_name", "venue_city", "directions")
TAG = re.compile(r"<[^>]+>")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{[^{}]*\}")


@dataclass
class DemoTexts:
    """The English texts the demo writes, read once from a loaded demo."""

    sessions: list[tuple[str, str, str]] = field(default_factory=list)  # title, description, cancellation reason
    rooms: list[tuple[str, str, str]] = field(default_factory=list)  # name, floor, accessibility notes
    tracks: set[str] = field(default_factory=set)
    categories: list[tuple[str, str]] = field(default_factory=list)  # name, description
    questions: list[tuple[str, str]] = field(default_factory=list)  # label, choices
    speakers: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    pages: dict[str, dict] = field(default_factory=dict)  # slug: {field: text, "body": {block type: value}}
    site_settings: dict[str, str] = field(default_factory=dict)
    footer_links: set[str] = field(default_factory=set)


def _page_texts(page) -> dict:
    texts = {name: getattr(page, name) for name in PAGE_FIELDS if getattr(page, name, "")}
    body = getattr(page, "body", None)
    if body:
        texts["body"] = {}
        for block in body.raw_data:
            value = block["value"]
            if isinstance(value, dict):
                value = {
                    name: text
                    for name, text in value.items()
                    if isinstance(text, str) and text and not name.endswith("url")
                }
            assert block["type"] not in texts["body"], f"{page.slug}: two {block['type']} blocks, keyed by type"
            texts["body"][block["type"]] = value
    return texts


@pytest.fixture(scope="module")
def demo_texts(django_db_setup, django_db_blocker, tmp_path_factory) -> DemoTexts:
    """Loads the whole demo once, reads its texts, then rolls it back."""
    texts = DemoTexts()
    private_root = tmp_path_factory.mktemp("private")
    email = "django.core.mail.backends.locmem.EmailBackend"
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=private_root, EMAIL_BACKEND=email),
        transaction.atomic(),
    ):
        # The group comes from a migration; an earlier transactional test may have flushed it.
        Group.objects.get_or_create(name="Organisers")
        call_command("load_demo", stdout=io.StringIO())
        texts.sessions = list(Session.objects.values_list("title", "description", "cancellation_reason"))
        texts.rooms = list(Room.objects.values_list("name", "floor", "accessibility_notes"))
        texts.tracks = set(Track.objects.values_list("name", flat=True))
        texts.categories = list(Category.objects.values_list("name", "description"))
        texts.questions = list(Question.objects.values_list("label", "choices"))
        texts.speakers = list(
            Speaker.objects.values_list("first_name", "last_name", "gender", "position", "organisation", "bio")
        )
        for page in Page.objects.filter(depth__gt=1, locale__language_code="en").specific():  # the originals
            texts.pages[page.slug] = _page_texts(page)
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        texts.site_settings = {
            "organisation_name": site_settings.organisation_name,
            "footer_text": site_settings.footer_text,
        }
        texts.footer_links = set(FooterLink.objects.values_list("label", flat=True))
        transaction.set_rollback(True)
    return texts


def _gender_key(gender: str) -> str:
    return gender if gender in ("woman", "man") else "other"


def _at(data, *path):
    """``data[path[0]][path[1]]...``, or None where an entry is missing (the
    coverage tests report those; the others check what is there)."""
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _source_pairs(demo: DemoTexts, language: str):
    """(English source, translation or None) for every text of the loaded demo."""
    for title, description, reason in demo.sessions:
        yield title, _at(tr.SESSIONS, title, language, "title")
        if description:
            yield description, _at(tr.SESSION_DESCRIPTIONS, description, language)
        if reason:
            yield reason, _at(tr.SESSIONS, title, language, "cancellation_reason")
    for name, floor, notes in demo.rooms:
        yield name, _at(tr.ROOMS, name, language, "name")
        if floor:
            yield floor, _at(tr.ROOMS, name, language, "floor")
        if notes:
            yield notes, _at(tr.ROOMS, name, language, "accessibility_notes")
    for name in demo.tracks:
        yield name, _at(tr.TRACKS, name, language)
    for name, _description in demo.categories:
        yield name, _at(tr.CATEGORIES, name, language)
    for label, choices in demo.questions:
        yield label, _at(tr.QUESTIONS, label, language, "label")
        translated = (_at(tr.QUESTIONS, label, language, "choices") or "").splitlines()
        yield from zip(choices.splitlines(), translated, strict=False)
    for _first, _last, gender, position, organisation, bio in demo.speakers:
        yield position, _at(tr.SPEAKER_POSITIONS, position, language, _gender_key(gender))
        yield bio, _at(tr.SPEAKER_BIOS, bio, language)
        if organisation in tr.SPEAKER_ORGANISATIONS:
            yield organisation, _at(tr.SPEAKER_ORGANISATIONS, organisation, language)
    for slug, texts in demo.pages.items():
        for name in PAGE_FIELDS:
            if texts.get(name) and texts[name] not in UNTRANSLATED_PAGE_TEXTS:
                yield texts[name], _at(tr.PAGES, slug, language, name)
        for block_type, value in texts.get("body", {}).items():
            if isinstance(value, dict):
                for child, text in value.items():
                    yield text, _at(tr.PAGES, slug, language, "body", block_type, child)
            else:
                yield value, _at(tr.PAGES, slug, language, "body", block_type)
    for name, text in demo.site_settings.items():
        yield text, _at(tr.SITE_SETTINGS, name, language)
    for label in demo.footer_links:
        yield label, _at(tr.FOOTER_LINKS, label, language)


def translation_pairs(demo: DemoTexts):
    """Every (English source, language, translation) of the loaded demo that
    has a translation."""
    for language in LANGUAGES:
        for source, translation in _source_pairs(demo, language):
            if translation is not None:
                yield source, language, translation


def _missing(keys, translations: dict, *fields: str) -> set[str]:
    """The keys without a translation in both languages (with every field named)."""
    return {
        key
        for key in keys
        if key not in translations
        or any(
            not translations[key].get(language) or any(not translations[key][language].get(name) for name in fields)
            for language in LANGUAGES
        )
    }


def test_demo_session_titles_all_translated(demo_texts):
    titles = {title for title, _description, _reason in demo_texts.sessions}
    assert len(titles) >= 30
    assert _missing(titles, tr.SESSIONS, "title") == set()
    assert set(tr.SESSIONS) == titles  # no translation of a title the demo no longer writes


def test_demo_session_descriptions_and_cancellations_all_translated(demo_texts):
    descriptions = {description for _title, description, _reason in demo_texts.sessions if description}
    cancelled = {title for title, _description, reason in demo_texts.sessions if reason}
    assert _missing(descriptions, tr.SESSION_DESCRIPTIONS) == set()
    assert set(tr.SESSION_DESCRIPTIONS) == descriptions
    assert _missing(cancelled, tr.SESSIONS, "cancellation_reason") == set()
    assert {title for title, value in tr.SESSIONS.items() if "cancellation_reason" in value["fr"]} == cancelled


def test_demo_rooms_all_translated(demo_texts):
    names = {name for name, _floor, _notes in demo_texts.rooms}
    assert _missing(names, tr.ROOMS, "name") == set()
    assert set(tr.ROOMS) == names
    for name, floor, notes in demo_texts.rooms:
        for language in LANGUAGES:
            room = tr.ROOMS[name][language]
            assert (bool(room.get("floor")), bool(room.get("accessibility_notes"))) == (bool(floor), bool(notes)), name


def test_demo_tracks_all_translated(demo_texts):
    assert _missing(demo_texts.tracks, tr.TRACKS) == set()
    assert set(tr.TRACKS) == demo_texts.tracks


def test_demo_categories_all_translated(demo_texts):
    names = {name for name, _description in demo_texts.categories}
    assert _missing(names, tr.CATEGORIES) == set()
    assert set(tr.CATEGORIES) == names
    # The categories' translations are names only: a description in the demo needs its own.
    assert {description for _name, description in demo_texts.categories} == {""}


def test_demo_questions_all_translated_choice_by_choice(demo_texts):
    labels = {label for label, _choices in demo_texts.questions}
    assert _missing(labels, tr.QUESTIONS, "label") == set()
    assert set(tr.QUESTIONS) == labels
    for label, choices in demo_texts.questions:
        for language in LANGUAGES:
            translated = tr.QUESTIONS[label][language].get("choices", "").splitlines()
            assert len(translated) == len(choices.splitlines()), (label, language)
            assert all(translated), (label, language)


def test_demo_speakers_positions_and_bios_all_translated(demo_texts):
    bios = {bio for *_names, bio in demo_texts.speakers}
    positions = {position for _first, _last, _gender, position, _organisation, _bio in demo_texts.speakers}
    assert _missing(bios, tr.SPEAKER_BIOS) == set()
    assert set(tr.SPEAKER_BIOS) == bios
    assert _missing(positions, tr.SPEAKER_POSITIONS, "woman", "man", "other") == set()
    assert set(tr.SPEAKER_POSITIONS) == positions
    assert set(tr.SPEAKER_ORGANISATIONS) <= {organisation for *_rest, organisation, _bio in demo_texts.speakers}


def test_demo_speakers_bios_keep_names_and_agree_with_position(demo_texts):
    for first, last, gender, position, organisation, bio in demo_texts.speakers:
        for language in LANGUAGES:
            translated = tr.SPEAKER_BIOS[bio][language]
            title = tr.SPEAKER_POSITIONS[position][language][_gender_key(gender)]
            assert translated.startswith(f"<p>{first} {last} "), (bio, language)
            # The bio names the position in the form of the speaker's gender, as the position field does.
            assert title[0].lower() + title[1:] in translated, (bio, language)
            if organisation in KEPT_ORGANISATIONS:
                assert organisation in translated, (bio, language)


def test_demo_pages_and_site_settings_all_translated(demo_texts):
    assert set(tr.PAGES) == set(demo_texts.pages)
    for slug, texts in demo_texts.pages.items():
        for language in LANGUAGES:
            page = tr.PAGES[slug][language]
            expected = {name for name in PAGE_FIELDS if texts.get(name) and texts[name] not in UNTRANSLATED_PAGE_TEXTS}
            assert set(page) - {"body"} == expected, (slug, language)
            body = texts.get("body", {})
            assert set(page.get("body", {})) == set(body), (slug, language)
            for block_type, value in body.items():
                if isinstance(value, dict):
                    assert set(page["body"][block_type]) == set(value), (slug, language, block_type)
    assert _missing(demo_texts.site_settings, tr.SITE_SETTINGS) == set()
    assert set(tr.SITE_SETTINGS) == set(demo_texts.site_settings)
    assert _missing(demo_texts.footer_links, tr.FOOTER_LINKS) == set()
    assert set(tr.FOOTER_LINKS) == demo_texts.footer_links


def test_demo_translations_differ_from_english_except_listed_names(demo_texts):
    same = {
        (source, language)
        for source, language, translation in translation_pairs(demo_texts)
        if translation == source and source not in LANGUAGE_NEUTRAL and (source, language) not in SAME_IN_TRANSLATION
    }
    assert same == set()


def test_demo_translations_keep_tags_and_placeholders(demo_texts):
    changed = {
        (source, language)
        for source, language, translation in translation_pairs(demo_texts)
        if TAG.findall(source) != TAG.findall(translation)
        or sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation))
    }
    assert changed == set()


def test_demo_translations_french_uses_typographic_apostrophe(demo_texts):
    straight = {translation for _source, language, translation in translation_pairs(demo_texts) if language == "fr"}
    assert {text for text in straight if "'" in text} == set()
