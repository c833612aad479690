"""Fills the demo's translated fields from the data of this package.

A translation is set only where it is missing: loading the demo again
changes nothing, and an organiser's later edit of a demo text leaves its
translation out of date (``home.translated``) rather than overwritten. Each
kind costs one query to read its rows and one ``bulk_update`` to write the
ones that changed.

The demo's pages (home, events, the two events, about, privacy) are
translated with wagtail-localize (``translate_demo_pages``), each once: a
page that has a translation in a language keeps it. The site settings'
name and footer text are translated fields (``translate_demo_site_settings``);
footer link labels are not. A speaker's organisation is not a translated field, so ``SPEAKER_ORGANISATIONS`` stays data too (the
translated bios already name it in their language)."""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from home.demo_translations.agenda import SESSIONS
from home.demo_translations.pages import PAGES, SITE_SETTINGS
from home.demo_translations.registration import CATEGORIES, QUESTIONS
from home.demo_translations.rooms import ROOMS, TRACKS
from home.demo_translations.session_descriptions import SESSION_DESCRIPTIONS
from home.demo_translations.speakers import SPEAKER_BIOS, SPEAKER_POSITIONS
from home.translated import TranslatedFieldsMixin, TranslationStatus
from registration.models import Category, Question
from sessions.models import EventPage, Room, Session, Track
from speakers.models import Gender, Speaker

LANGUAGES = ("fr", "es")

# {language: {field: text}}
Texts = dict[str, dict[str, str]]


def session_texts(session: Session) -> Texts:
    texts = {}
    for code in LANGUAGES:
        values = dict(SESSIONS.get(session.title, {}).get(code, {}))
        if session.description in SESSION_DESCRIPTIONS:
            values["description"] = SESSION_DESCRIPTIONS[session.description][code]
        texts[code] = values
    return texts


def room_texts(room: Room) -> Texts:
    return ROOMS.get(room.name, {})


def track_texts(track: Track) -> Texts:
    names = TRACKS.get(track.name, {})
    return {code: {"name": name} for code, name in names.items()}


def category_texts(category: Category) -> Texts:
    names = CATEGORIES.get(category.name, {})
    return {code: {"name": name} for code, name in names.items()}


def question_texts(question: Question) -> Texts:
    return QUESTIONS.get(question.label, {})


def speaker_texts(speaker: Speaker) -> Texts:
    # French and Spanish titles agree with the person; without a gender the
    # speaker agreed to give, the form that names none.
    gender = speaker.consented_gender if speaker.consented_gender in (Gender.WOMAN, Gender.MAN) else "other"
    texts = {code: {} for code in LANGUAGES}
    for code in LANGUAGES:
        if speaker.position in SPEAKER_POSITIONS:
            texts[code]["position"] = SPEAKER_POSITIONS[speaker.position][code][gender]
        if speaker.bio in SPEAKER_BIOS:
            texts[code]["bio"] = SPEAKER_BIOS[speaker.bio][code]
    return texts


def apply_missing(rows: Iterable[TranslatedFieldsMixin], texts_of: Callable[..., Texts]) -> int:
    """Sets the translations ``texts_of(row)`` gives where the row has none
    for a field with source text; returns how many rows changed."""
    changed = {}
    for row in rows:
        for code, values in texts_of(row).items():
            missing = {
                field: value
                for field, value in values.items()
                if row.field_translation_status(field, code) == TranslationStatus.MISSING
            }
            if missing:
                row.set_translation(code, **missing)
                changed[row.pk] = row
    if not changed:
        return 0
    model, fields = type(next(iter(changed.values()))), ["translations"]
    if any(field.name == "updated_at" for field in model._meta.fields):
        # What caches a row's rendering (agenda cards, feeds) sees the change.
        now = timezone.now()
        for row in changed.values():
            row.updated_at = now
        fields.append("updated_at")
    model.objects.bulk_update(list(changed.values()), fields)
    return len(changed)


def translate_demo_agenda(*, events: list[EventPage], speakers: list[Speaker]) -> None:
    """The rooms, tracks and sessions of ``events``, and ``speakers``."""
    with transaction.atomic():
        apply_missing(Room.objects.filter(event__in=events), room_texts)
        apply_missing(Track.objects.filter(event__in=events), track_texts)
        apply_missing(Session.objects.filter(event__in=events), session_texts)
        apply_missing(speakers, speaker_texts)


def translate_demo_registration(*, events: list[EventPage]) -> None:
    """The participant categories and questions of ``events``."""
    with transaction.atomic():
        apply_missing(Category.objects.filter(event__in=events), category_texts)
        apply_missing(Question.objects.filter(event__in=events), question_texts)


def _page_text(page, texts: dict, path: str, source_text: str) -> str | None:
    """The translation of one wagtail-localize segment of a demo page: a
    field (``intro``) or a block's (``body.<block id>.text``) in ``texts``,
    where a block is named by its type. A rich text's paragraph is a
    segment without its ``<p>``."""
    field, _dot, rest = path.partition(".")
    text = texts.get(field)
    if isinstance(text, dict):  # a StreamField: {block type: {child: text} or text}
        block_id, _dot, child = rest.partition(".")
        block = next((b for b in getattr(page, field) if b.id == block_id), None)
        text = text.get(block.block_type) if block is not None else None
        if isinstance(text, dict):
            text = text.get(child)
    if not isinstance(text, str):
        return None
    if text.startswith("<p>") and text.endswith("</p>") and not source_text.startswith("<p>"):
        text = text.removeprefix("<p>").removesuffix("</p>")
    return text


def translate_demo_pages(pages: list) -> int:
    """Translates ``pages`` (parents first) that ``PAGES`` has texts for into
    French and Spanish, where they have no translation yet; the slugs stay
    the same in every language. Returns how many it made."""
    from wagtail.models import Locale

    from home.services import page_translation_publish

    made = 0
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        for page in pages:
            texts = PAGES.get(page.slug, {}).get(language)
            if texts is None or page.get_translations().filter(locale=locale, alias_of__isnull=True).exists():
                continue
            page = page.specific
            page_translation_publish(
                page=page,
                language=language,
                text_for=lambda path, source, page=page, texts=texts: (
                    None if path == "slug" else _page_text(page, texts, path, source)
                ),
            )
            made += 1
    return made


def translate_demo_site_settings(row, english: dict[str, str]) -> int:
    """The site settings' name and footer text, where they are still the
    demo's ``english`` ones (an organiser's own name gets no demo French)."""

    def texts_of(row) -> Texts:
        return {
            code: {
                field: SITE_SETTINGS[field][code] for field in SITE_SETTINGS if getattr(row, field) == english[field]
            }
            for code in LANGUAGES
        }

    return apply_missing([row], texts_of)
