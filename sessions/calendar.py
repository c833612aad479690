"""iCalendar (RFC 5545) exports: one session, an event's public feed, a
user's personal agenda and a speaker's sessions. Every feed carries a
VTIMEZONE for each zone it uses, stable UIDs, DTSTAMP, LAST-MODIFIED,
SEQUENCE and STATUS, so subscribed calendars follow moves and drop
cancelled sessions."""

import datetime
import functools
import html
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from home.emails import absolute_url
from sessions import selectors
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


def _location(session: Session, event: EventPage) -> str:
    parts = [session.room.name if session.room_id else "", event.venue_name, event.venue_city]
    return ", ".join(part for part in parts if part)


def _description(session: Session) -> str:
    if session.is_closed:
        return _("Closed session: no details are published.")
    lines = []
    if session.is_cancelled:
        reason = session.cancellation_reason or _("no reason given")
        lines.append(_("Cancelled: %(reason)s") % {"reason": reason})
    speakers = getattr(session, "published_speakers", [])
    if speakers:
        lines.append(_("Speakers:"))
        lines += [f"- {link.speaker.full_name} ({link.role_label})" for link in speakers]
    if session.description:
        if lines:
            lines.append("")
        lines.append(_plain(session.description))
    return "\n".join(lines)


def _vevent(session: Session, event: EventPage, event_url: str, stamp: datetime.datetime) -> Event:
    vevent = Event()
    vevent.add("uid", session_uid(session))
    vevent.add("dtstamp", stamp)
    vevent.add("created", session.created_at)
    vevent.add("last-modified", session.updated_at)
    vevent.add("sequence", session.sequence)
    vevent.add("dtstart", timezone.localtime(session.starts_at, event.tz))
    vevent.add("dtend", timezone.localtime(session.ends_at, event.tz))
    vevent.add("summary", session.title)
    vevent.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    location = _location(session, event)
    if location:
        vevent.add("location", location)
    vevent.add("url", f"{event_url}sessions/{session.uid}/")
    description = _description(session)
    if description:
        vevent.add("description", description)
    categories = [session.type_label] + ([session.track.name] if session.track_id else [])
    vevent.add("categories", [str(c) for c in categories])
    vevent.add("class", "PUBLIC" if session.is_public else "PRIVATE")
    return vevent


def _calendar(*, name: str, sessions: list[Session], zones: list[str], years: tuple[int, int]) -> bytes:
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
            urls[event.pk] = absolute_url(event.url)
        calendar.add_component(_vevent(session, event, urls[event.pk], stamp))
    return calendar.to_ical()


def _years(events: list[EventPage]) -> tuple[int, int]:
    if not events:
        year = timezone.localdate().year
        return year, year
    return min(e.start_date.year for e in events), max(e.end_date.year for e in events)


def _multi_event_calendar(name: str, sessions: list[Session]) -> bytes:
    events = list({s.event.pk: s.event for s in sessions}.values())
    zones = [e.time_zone for e in events]
    return _calendar(name=name, sessions=sessions, zones=zones, years=_years(events))


def build_event_calendar(event: EventPage) -> bytes:
    """The public, subscribable feed of an event: its public sessions, the
    cancelled ones marked CANCELLED; closed and draft sessions left out."""
    sessions = selectors.event_feed_sessions(event=event)
    return _calendar(name=event.title, sessions=sessions, zones=[event.time_zone], years=_years([event]))


FEED_CACHE_SECONDS = 600


def cached_event_calendar(event: EventPage) -> bytes:
    """The event feed, rebuilt only when its sessions or speakers changed
    (or after ten minutes): calendar apps poll feeds often, and building
    hundreds of VEVENTs with icalendar takes a while."""
    fingerprint = selectors.event_feed_fingerprint(event=event)
    published = event.last_published_at.timestamp() if event.last_published_at else 0
    key = "agenda:feed:" + ":".join(
        str(part) for part in (event.pk, published, get_language(), settings.SITE_URL, *fingerprint)
    )
    content = cache.get(key)
    if content is None:
        content = build_event_calendar(event)
        cache.set(key, content, FEED_CACHE_SECONDS)
    return content


def build_session_calendar(session: Session) -> bytes:
    """One session, to add to a calendar."""
    event = session.event
    return _calendar(name=session.title, sessions=[session], zones=[event.time_zone], years=_years([event]))


def build_personal_calendar(user) -> bytes:
    """A user's personal agenda, for the private feed."""
    return _multi_event_calendar(_("My agenda"), selectors.personal_agenda_sessions(user=user))


def build_speaker_calendar(speaker: Speaker) -> bytes:
    """A speaker's public sessions at every event."""
    return _multi_event_calendar(speaker.full_name, selectors.speaker_feed_sessions(speaker=speaker))


def calendar_response(content: bytes, filename: str, *, download: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
