"""French and Spanish translations of the demo content (``manage.py
load_demo``), as plain data, so that the demo shows three languages from the
first ``make run``. ``home.demo_translations.apply`` fills the translated
fields of sessions, rooms, tracks, categories, questions and speakers from
them, where a translation is missing; ``PAGES``, ``SITE_SETTINGS`` and
``FOOTER_LINKS`` wait for wagtail-localize, which translates pages.

Every value is formal, as an intergovernmental body publishes it. Rich-text
HTML tags are kept exactly; proper names (people, venues, organisations
without an official French or Spanish name, Chatham House) are kept as they
are.

The shape, one dict per kind:

- Single texts are keyed by the exact English text as the demo stores it,
  value ``{"fr": str, "es": str}``: ``TRACKS`` (track name),
  ``SESSION_DESCRIPTIONS`` (the description's HTML, as generated),
  ``CATEGORIES`` (category name; the demo's categories have no
  description), ``SPEAKER_BIOS`` (the bio's HTML, as generated),
  ``SPEAKER_ORGANISATIONS`` (only the generic government bodies, which have
  no proper name to keep), ``FOOTER_LINKS`` (link label).
- Objects with several fields are keyed by the identifier the demo looks
  them up by, value ``{"fr": {field: str}, "es": {field: str}}`` with the
  model's field names, and only the fields the demo fills with text (a
  page's proper names left as they are, the Forum's venue and city, are
  left out): ``PAGES`` by slug (``title``, ``intro``, ``venue_name``,
  ``venue_city``, and ``body`` as a dict by StreamField
  block type whose value is a dict by child block name, or the HTML of a
  paragraph block); ``ROOMS`` by room name (``name``, ``floor``,
  ``accessibility_notes``); ``SESSIONS`` by English title (``title``, and
  ``cancellation_reason`` where the demo cancels that session);
  ``QUESTIONS`` by label (``label``, and ``choices``, one per line in the
  English order). ``SITE_SETTINGS`` is keyed by field name, value
  ``{"fr": str, "es": str}``.
- ``SPEAKER_POSITIONS`` by English position, value ``{"fr": {gender: str},
  "es": {gender: str}}`` with the keys ``woman``, ``man`` and ``other``
  (non-binary, undisclosed or no gender: a form that names no gender),
  because French and Spanish titles agree with the person.

Session descriptions are not keyed by title: the demo gives one title to
several sessions with different descriptions ("Open session 2-1"), and
renames the ministerial round table after writing its description."""

from home.demo_translations.agenda import SESSIONS
from home.demo_translations.pages import FOOTER_LINKS, PAGES, SITE_SETTINGS
from home.demo_translations.registration import CATEGORIES, QUESTIONS
from home.demo_translations.rooms import ROOMS, TRACKS
from home.demo_translations.session_descriptions import SESSION_DESCRIPTIONS
from home.demo_translations.speakers import SPEAKER_BIOS, SPEAKER_ORGANISATIONS, SPEAKER_POSITIONS

__all__ = [
    "CATEGORIES",
    "FOOTER_LINKS",
    "PAGES",
    "QUESTIONS",
    "ROOMS",
    "SESSIONS",
    "SESSION_DESCRIPTIONS",
    "SITE_SETTINGS",
    "SPEAKER_BIOS",
    "SPEAKER_ORGANISATIONS",
    "SPEAKER_POSITIONS",
    "TRACKS",
]
