"""Translated fields: one row per object, its other languages in a JSON column.

A session, room, category... is one row whatever the language, so everything
that points at it (registrations, scans, stars, calendar UIDs) is the same in
every language. The row's own columns hold the text in ``source_language``;
``translations`` holds the others::

    {"fr": {"title": "…", "@title": "<hash of the source title it translates>"},
     "es": {...}}

Adding a language is a settings change, not a migration, and a row's
translations come with the row, so a page costs the same queries in three
languages as in thirty.

Nothing here needs an active request: emails, calendar files and badges call
``obj.translated("title", language)`` with the participant's language.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

HASH_PREFIX = "@"


def default_source_language() -> str:
    """The language a row's own columns are written in unless told otherwise
    (a callable, so migrations do not freeze today's setting)."""
    return settings.LANGUAGE_CODE


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_code(language: str | None = None) -> str:
    """``language`` (default: the active one) reduced to a code of
    settings.LANGUAGES: "fr-ca" is "fr". A language the site does not offer
    keeps its own base code, so an explicit request for it falls back."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).lower().replace("_", "-")
    codes = site_languages()
    if code in codes:
        return code
    base = code.split("-")[0]
    for candidate in codes:
        if candidate == base or candidate.split("-")[0] == base:
            return candidate
    return base


def source_hash(text: str | None) -> str:
    """A short fingerprint of the source text a translation was made from."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:12]


_MEDIA = re.compile(r"<(img|embed|iframe|video|audio)\b", re.IGNORECASE)


def is_blank(value) -> bool:
    """Empty text, or rich text with nothing in it (Wagtail's empty ``<p></p>``)."""
    if value is None:
        return True
    text = str(value)
    if not text.strip():
        return True
    return "<" in text and not strip_tags(text).strip() and not _MEDIA.search(text)


class Translated(str):
    """The text shown for one field: ``.language`` is the language it is
    written in, ``.is_fallback`` is True when that is not the language asked
    for (the page then marks it with a ``lang`` attribute)."""

    language: str
    is_fallback: bool

    def __new__(cls, value="", language: str = "", is_fallback: bool = False):
        text = super().__new__(cls, value)
        text.language = language
        text.is_fallback = is_fallback
        return text

    def __repr__(self):
        return f"Translated({str(self)!r}, language={self.language!r}, is_fallback={self.is_fallback!r})"


def marked(text: Translated) -> SafeString:
    """The text escaped, in ``<span lang="xx">`` when it is a fallback (for
    labels and other places where HTML is allowed; not inside ``<option>``)."""
    if text and getattr(text, "is_fallback", False):
        return format_html('<span lang="{}">{}</span>', text.language, str(text))
    return conditional_escape(str(text))


class TranslationStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    OUTDATED = "outdated", _("Out of date")
    MISSING = "missing", _("Missing")


class TranslatedFieldsMixin(models.Model):
    """Gives a model translations of the columns named in ``translated_fields``."""

    translated_fields: tuple[str, ...] = ()

    translations = models.JSONField(default=dict, blank=True, editable=False)
    source_language = models.CharField(max_length=10, default=default_source_language, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding:
            owner = self.source_language_owner()
            if owner is not None:
                self.source_language = owner.source_language
        super().save(*args, **kwargs)

    def source_language_owner(self):
        """What a new row takes its source language from (its event), or
        None to keep its own; subclasses that belong to an event say so."""
        return None

    def translated(self, field: str, language: str | None = None) -> Translated:
        """The text of ``field`` in ``language`` (default: the active one),
        else the row's own column, marked as a fallback."""
        self._check_translated_field(field)
        code = language_code(language)
        source_language = self.source_language or default_source_language()
        if code != source_language:
            value = self._translations_for(code).get(field)
            if not is_blank(value):
                return Translated(value, language=code, is_fallback=False)
        source = getattr(self, field) or ""
        return Translated(source, language=source_language, is_fallback=code != source_language)

    def set_translation(self, language: str, **values) -> None:
        """Sets the text of some fields in ``language`` and remembers which
        source text each one translates (no save). An empty value removes the
        translation; the source language writes the columns themselves."""
        for field in values:
            self._check_translated_field(field)
        code = language_code(language)
        if code == (self.source_language or default_source_language()):
            for field, value in values.items():
                setattr(self, field, value)
            return
        entry = dict(self._translations_for(code))
        for field, value in values.items():
            if is_blank(value):
                entry.pop(field, None)
                entry.pop(HASH_PREFIX + field, None)
            else:
                entry[field] = value
                entry[HASH_PREFIX + field] = source_hash(getattr(self, field))
        translations = dict(self.translations or {})
        if entry:
            translations[code] = entry
        else:
            translations.pop(code, None)
        # A new dict, not an edited one, so nothing holding the old value
        # (a form's initial data, a cached copy) changes under it.
        self.translations = translations

    def field_translation_status(self, field: str, language: str | None = None) -> TranslationStatus | None:
        """The status of one field in ``language``; None when its source is
        empty (there is nothing to translate)."""
        self._check_translated_field(field)
        code = language_code(language)
        source = getattr(self, field)
        if is_blank(source):
            return None
        if code == (self.source_language or default_source_language()):
            return TranslationStatus.CURRENT
        entry = self._translations_for(code)
        if is_blank(entry.get(field)):
            return TranslationStatus.MISSING
        if entry.get(HASH_PREFIX + field) != source_hash(source):
            return TranslationStatus.OUTDATED
        return TranslationStatus.CURRENT

    def translation_status(self, language: str | None = None) -> TranslationStatus:
        """The row's status in ``language``: missing when a field with source
        text has no translation, else outdated when a source text changed
        since its translation was written, else current."""
        statuses = {self.field_translation_status(field, language) for field in self.translated_fields}
        if TranslationStatus.MISSING in statuses:
            return TranslationStatus.MISSING
        if TranslationStatus.OUTDATED in statuses:
            return TranslationStatus.OUTDATED
        return TranslationStatus.CURRENT

    def translation_languages(self) -> list[str]:
        """The site's languages other than the row's own."""
        source_language = self.source_language or default_source_language()
        return [code for code in site_languages() if code != source_language]

    def _translations_for(self, code: str) -> dict:
        entry = (self.translations or {}).get(code)
        return entry if isinstance(entry, dict) else {}

    def _check_translated_field(self, field: str) -> None:
        if field not in self.translated_fields:
            raise ValueError(f"{type(self).__name__}.{field} is not a translated field")
