"""iCalendar (RFC 5545) exports: one session, an event's public feed, a
user's personal agenda and a speaker's sessions. Every feed carries a
VTIMEZONE for each zone it uses, stable UIDs, DTSTAMP, LAST-MODIFIED,
SEQUENCE and STATUS, so subscribed calendars follow moves and drop
cancelled sessions.

Each is built in one language (``language``, default: the active one):
titles, descriptions, rooms, tracks, the event's name and venue in that
language where translated (the text's own language otherwise), the labels
in it too. UIDs and SEQUENCE are the session's, the same in every language,
so a calendar that switches language updates its entries instead of
adding new ones."""

import datetime
import functools
import hashlib
import html
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from home.emails import absolute_url
from home.translated import language_code, site_languages
from sessions import selectors
from sessions.i18n import event_texts, event_title, event_url
from sessions.models import EventPage, Session
from speakers.models import Speaker

PRODID = "-//Forum on the Ethics of AI//Agenda//EN"


@functools.lru_cache(maxsize=64)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of a zone over the years a calendar spans (building it
    walks the zone's transitions, hence the cache)."""
    return Timezone.from_tzid(
        tzid, first_date=datetime.date(first_year - 1, 1, 1), last_date=datetime.date(last_year + 1, 12, 31)
    )


def _uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def session_uid(session: Session) -> str:
    """Stable for the life of the session, whatever is edited."""
    return f"session-{session.uid}@{_uid_domain()}"


def _plain(text: str) -> str:
    return html.unescape(strip_tags(text)).strip()


def calendar_language(requested: str | None, default: str | None = None) -> str:
    """The language of a calendar file asked for with ``?lang=``: one of the
    site's languages ("fr-CA" is "fr"); none asked, ``default`` (else the
    active language); one the site does not offer, the site's default."""
    if not requested:
        requested = default or translation.get_language() or settings.LANGUAGE_CODE
    code = language_code(requested)
    return code if code in site_languages() else language_code(settings.LANGUAGE_CODE)


def _location(session: Session, event: EventPage, language: str) -> str:
    venue = event_texts(event, language)
    parts = [session.room.translated("name", language) if session.room_id else "", venue.venue_name, venue.venue_city]
    return ", ".join(part for part in parts if part)


def _description(session: Session, language: str) -> str:
    if session.is_closed:
        return _("Closed session: no details are published.")
    lines = []
    if session.is_cancelled:
        reason = session.translated("cancellation_reason", language) or _("no reason given")
        lines.append(_("Cancelled: %(reason)s") % {"reason": reason})
    speakers = getattr(session, "published_speakers", [])
    if speakers:
        lines.append(_("Speakers:"))
        lines += [f"- {link.speaker.full_name} ({link.role_label})" for link in speakers]
    description = session.translated("description", language)
    if description:
        if lines:
            lines.append("")
        lines.append(_plain(description))
    return "\n".join(lines)


def _vevent(session: Session, event: EventPage, event_url: str, stamp: datetime.datetime, language: str) -> Event:
    vevent = Event()
    vevent.add("uid", session_uid(session))
    vevent.add("dtstamp", stamp)
    vevent.add("created", session.created_at)
    vevent.add("last-modified", session.updated_at)
    vevent.add("sequence", session.sequence)
    vevent.add("dtstart", timezone.localtime(session.starts_at, event.tz))
    vevent.add("dtend", timezone.localtime(session.ends_at, event.tz))
    title = session.translated("title", language)
    vevent.add("summary", str(title), parameters={"LANGUAGE": title.language})
    vevent.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    location = _location(session, event, language)
    if location:
        vevent.add("location", location)
    vevent.add("url", f"{event_url}sessions/{session.uid}/")
    description = _description(session, language)
    if description:
        vevent.add("description", description)
    categories = [session.type_label] + ([session.track.translated("name", language)] if session.track_id else [])
    vevent.add("categories", [str(c) for c in categories])
    vevent.add("class", "PUBLIC" if session.is_public else "PRIVATE")
    return vevent


def _calendar(*, name: str, sessions: list[Session], zones: list[str], years: tuple[int, int], language: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    if len(zones) == 1:
        calendar.add("x-wr-timezone", zones[0])
    for tzid in sorted(set(zones)):
        calendar.add_component(_vtimezone(tzid, *years))
    stamp = timezone.now().replace(microsecond=0)
    urls: dict[int, str] = {}
    for session in sessions:
        event = session.event
        if event.pk not in urls:
            urls[event.pk] = absolute_url(event_url(event, language))
        calendar.add_component(_vevent(session, event, urls[event.pk], stamp, language))
    return calendar.to_ical()


def _years(events: list[EventPage]) -> tuple[int, int]:
    if not events:
        year = timezone.localdate().year
        return year, year
    return min(e.start_date.year for e in events), max(e.end_date.year for e in events)


def _multi_event_calendar(name: str, sessions: list[Session], language: str) -> bytes:
    events_by_pk = {s.event.pk: s.event for s in sessions}
    for session in sessions:
        # One object per event, so its texts are looked up once (sessions.i18n).
        session.event = events_by_pk[session.event.pk]
    events = list(events_by_pk.values())
    zones = [e.time_zone for e in events]
    return _calendar(name=name, sessions=sessions, zones=zones, years=_years(events), language=language)


def build_event_calendar(event: EventPage, language: str | None = None) -> bytes:
    """The public, subscribable feed of an event: its public sessions, the
    cancelled ones marked CANCELLED; closed and draft sessions left out."""
    code = calendar_language(language)
    with translation.override(code):
        sessions = selectors.event_feed_sessions(event=event)
        return _calendar(
            name=event_title(event, code),
            sessions=sessions,
            zones=[event.time_zone],
            years=_years([event]),
            language=code,
        )


FEED_CACHE_SECONDS = 600


def cached_event_calendar(event: EventPage, language: str | None = None) -> bytes:
    """The event feed in a language, rebuilt only when its sessions or
    speakers or the event's texts in that language changed (or after ten
    minutes): calendar apps poll feeds often, and building hundreds of
    VEVENTs with icalendar takes a while. One cached copy per language."""
    code = calendar_language(language)
    fingerprint = selectors.event_feed_fingerprint(event=event)
    published = event.last_published_at.timestamp() if event.last_published_at else 0
    texts = event_texts(event, code)
    key = "agenda:feed:" + ":".join(str(part) for part in (event.pk, published, code, settings.SITE_URL, *fingerprint))
    # The event's name and venue in that language come from its translated
    # page, whose publishing the fingerprint does not see.
    key += ":" + hashlib.sha1(repr((texts.title, texts.venue_name, texts.venue_city)).encode()).hexdigest()
    content = cache.get(key)
    if content is None:
        content = build_event_calendar(event, code)
        cache.set(key, content, FEED_CACHE_SECONDS)
    return content


def build_session_calendar(session: Session, language: str | None = None) -> bytes:
    """One session, to add to a calendar."""
    code = calendar_language(language)
    event = session.event
    with translation.override(code):
        selectors.with_labels([session])  # its type and roles in this language
        return _calendar(
            name=session.translated("title", code),
            sessions=[session],
            zones=[event.time_zone],
            years=_years([event]),
            language=code,
        )


def build_personal_calendar(user, language: str | None = None) -> bytes:
    """A user's personal agenda, for the private feed."""
    code = calendar_language(language)
    with translation.override(code):
        return _multi_event_calendar(_("My agenda"), selectors.personal_agenda_sessions(user=user), code)


def build_speaker_calendar(speaker: Speaker, language: str | None = None) -> bytes:
    """A speaker's public sessions at every event."""
    code = calendar_language(language)
    with translation.override(code):
        return _multi_event_calendar(speaker.full_name, selectors.speaker_feed_sessions(speaker=speaker), code)


def build_change_calendar(sessions: list[Session], language: str | None = None) -> bytes:
    """The sessions a change notice tells of, as they are now (a cancelled
    one CANCELLED), with their raised SEQUENCE: opening the file updates
    the entries a calendar already holds."""
    code = calendar_language(language)
    with translation.override(code):
        return _multi_event_calendar(_("Programme changes"), sessions, code)


def calendar_response(content: bytes, filename: str, *, download: bool = False, language: str = "") -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if language:
        response["Content-Language"] = language
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
