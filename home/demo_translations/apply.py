"""Fills the demo's translated fields from the data of this package.

A translation is set only where it is missing: loading the demo again
changes nothing, and an organiser's later edit of a demo text leaves its
translation out of date (``home.translated``) rather than overwritten. Each
kind costs one query to read its rows and one ``bulk_update`` to write the
ones that changed.

Pages, site settings and footer links are not applied here: page
translations come with wagtail-localize. A speaker's organisation is not a
translated field, so ``SPEAKER_ORGANISATIONS`` stays data too (the
translated bios already name it in their language)."""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from home.demo_translations.agenda import SESSIONS
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
