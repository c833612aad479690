"""An event's own texts (its title, venue and city) in a language, for what
is sent or printed outside a page request: emails, calendar files, badges,
lists.

These are page fields, so their translations are pages: a translated event
is another live page with the same ``translation_key`` in a locale of that
language (wagtail-localize). One query brings the event's texts in every
language; it is kept on the event object, and within ``event_texts_kept()``
for every object of that event, so a caller that sends to many people of one
event pays it once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Q

from home.translated import Translated, default_source_language, language_code
from sessions.models import EventPage

TEXT_FIELDS = ("title", "venue_name", "venue_city")
_MEMO = "_i18n_texts"
# {event pk: what _known found}, while an event_texts_kept() block runs.
_kept: ContextVar[dict | None] = ContextVar("event_texts_kept", default=None)


@contextmanager
def event_texts_kept() -> Iterator[None]:
    """Within the block, each event's texts are read once, however many
    objects of it the work loads (a bulk action over many registrations,
    each fetched again under its lock). Nothing outlives the block."""
    if _kept.get() is not None:
        yield
        return
    token = _kept.set({})
    try:
        yield
    finally:
        _kept.reset(token)


@dataclass(frozen=True)
class EventTexts:
    """The event's title, venue and city in one language (each a
    ``Translated``: a fallback to the event's own text says so)."""

    title: Translated
    venue_name: Translated
    venue_city: Translated


@dataclass(frozen=True)
class _Known:
    own_language: str
    texts: dict[str, dict[str, str]]
    url_paths: dict[str, str]


def _known(event: EventPage) -> _Known:
    """The event's own language and {language code: {field: text}} of its
    live translations: one query (the event's own row included, so its
    locale costs nothing more), then kept on the event."""
    known = event.__dict__.get(_MEMO)
    kept = _kept.get()
    if known is None and kept is not None:
        known = kept.get(event.pk)
    if known is None:
        own, texts, url_paths = "", {}, {}
        if event.pk:
            rows = (
                EventPage.objects.filter(Q(pk=event.pk) | Q(translation_key=event.translation_key, live=True))
                .order_by()
                .values_list("pk", "locale__language_code", "url_path", *TEXT_FIELDS)
            )
            for pk, code, url_path, *values in rows:
                if pk == event.pk:
                    own = language_code(code)
                else:
                    texts[language_code(code)] = dict(zip(TEXT_FIELDS, values, strict=True))
                    url_paths[language_code(code)] = url_path
        known = _Known(own_language=own or default_source_language(), texts=texts, url_paths=url_paths)
        if kept is not None and event.pk:
            kept[event.pk] = known
    event.__dict__[_MEMO] = known
    return known


def event_texts(event: EventPage, language: str | None = None) -> EventTexts:
    """The event's title, venue and city in ``language`` (default: the
    active one): from its live translation in that language, field by field,
    else the event's own text, marked as a fallback."""
    code = language_code(language)
    known = _known(event)
    own = known.own_language
    translation = {} if code == own else known.texts.get(code, {})
    values = {}
    for field in TEXT_FIELDS:
        text = translation.get(field) or ""
        if text.strip():
            values[field] = Translated(text, language=code, is_fallback=False)
        else:
            values[field] = Translated(getattr(event, field) or "", language=own, is_fallback=code != own)
    return EventTexts(**values)


def event_title(event: EventPage, language: str | None = None) -> Translated:
    """The event's name in ``language``, else its own, marked as a fallback."""
    return event_texts(event, language).title


def event_url(event: EventPage, language: str | None = None) -> str:
    """The event page's URL in ``language`` (relative to the site): its live
    translation's, else its own under that language's prefix, where it is
    served with the interface in that language (home.views.serve_page)."""
    from wagtail.models import Page

    from home.languages import linking_in

    code = language_code(language)
    url_path = _known(event).url_paths.get(code)
    # A page's URL needs only its url_path (the site's root paths are cached).
    page = Page(url_path=url_path) if url_path else event
    with linking_in(code):
        return page.url or "/"


def forget_event_texts(event: EventPage) -> None:
    """Drop what ``event_texts`` keeps on the event (after its translations
    changed within the same call)."""
    event.__dict__.pop(_MEMO, None)
    kept = _kept.get()
    if kept is not None:
        kept.pop(event.pk, None)
