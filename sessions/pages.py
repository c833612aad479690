"""What the event pages show: the events index, an event, its agenda, its
sessions, its speakers and its calendar files. The page models' routes
(``EventIndexPage``, ``EventPage``) call these, so each is served by
Wagtail, which checks that the page is live and that the visitor may see
it; each builds its context from ``sessions.selectors``.

A translated event page shows its own text (title, summary, body) and the
data of its original page (``EventPage.original``), which the sessions,
speakers and registrations hang on: ``page`` is the page served, ``event``
its original. Links stay in the page's language (``event_url``)."""

import datetime
import hashlib

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sessions import calendar, selectors
from sessions.forms import AgendaFilterForm, parse_day
from sessions.models import EventKind, EventPage, Session


def utc_offset_label(event: EventPage, day: datetime.date) -> str:
    """``UTC+07:00`` for the event's zone on that day (midday, after any
    daylight-saving switch)."""
    offset = datetime.datetime.combine(day, datetime.time(12), tzinfo=event.tz).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def render_in_event_zone(request, template: str, context: dict, event: EventPage) -> TemplateResponse:
    """Render with the event's time zone active, so every time on the page
    reads as the event's local time."""
    response = TemplateResponse(request, template, context)
    with timezone.override(event.tz):
        response.render()
    return response


def with_language(path: str) -> str:
    """A calendar file's path asking for it in the page's language."""
    return f"{path}?{urlencode({'lang': calendar.calendar_language(None)})}"


def feed_urls(request, page: EventPage) -> dict:
    path = with_language(page.url + "calendar.ics")
    absolute = request.build_absolute_uri(path)
    return {"feed_url": path, "webcal_url": "webcal://" + absolute.split("://", 1)[1]}


def event_index_context(request, *, index) -> dict:
    kind = request.GET.get("kind", "")
    if kind not in EventKind.values:
        kind = ""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    listing = selectors.event_listing(index=index, kind=kind, year=year)
    if year not in listing["years"]:
        year = None
        listing = selectors.event_listing(index=index, kind=kind, year=None)
    return {**listing, "kinds": EventKind.choices, "selected_kind": kind, "selected_year": year}


def event_context(request, *, page: EventPage) -> dict:
    event = page.original
    page_url = page.url
    return {
        "event": event,
        **feed_urls(request, page),
        "agenda_url": page_url + page.reverse_subpage("agenda"),
        "speakers_url": page_url + page.reverse_subpage("speaker_index"),
        "show_stream": bool(event.stream_url) and selectors.user_is_confirmed(user=request.user, event=event),
        "offset_label": utc_offset_label(event, event.start_date),
    }


ANY_UUID = "00000000-0000-0000-0000-000000000000"


def _page_context(request, page: EventPage, **extra) -> dict:
    """What every event subpage needs, computed once rather than per session."""
    return {
        "page": page,
        "self": page,
        "event": page.original,
        "event_url": page.url,
        **feed_urls(request, page),
        "star_prefix": reverse("agenda:star", kwargs={"uid": ANY_UUID}).removesuffix(f"{ANY_UUID}/"),
        "next_path": request.get_full_path(),
        "labels": {
            "cancelled": _("Cancelled"),
            "closed": _("Closed session: no details are published."),
            "on": _("On my agenda"),
            "add": _("Add to my agenda"),
        },
        **extra,
    }


CARD_CACHE_SECONDS = 3600


def _card_key(session: Session, event: EventPage, event_url: str) -> str:
    """Changes with anything a session card shows."""
    parts = (
        session.pk,
        session.updated_at.timestamp(),
        session.room.translated("name") if session.room_id else "",
        (session.track.translated("name"), session.track.colour) if session.track_id else "",
        tuple((link.speaker_id, link.speaker.updated_at.timestamp()) for link in session.published_speakers),
        event.time_zone,
        event_url,
        get_language(),
    )
    return "agenda:card:" + hashlib.sha1(repr(parts).encode()).hexdigest()


def attach_cards(sessions: list[Session], event: EventPage, context: dict) -> None:
    """Sets ``card_html`` on each session: the card's content, which is the
    same for every visitor, rendered once and kept in the cache (one cache
    round trip per page). The per-user star form is rendered around it."""
    keys = {session.pk: _card_key(session, event, context["event_url"]) for session in sessions}
    cached = cache.get_many(list(keys.values()))
    fresh = {}
    with timezone.override(event.tz):
        for session in sessions:
            html = cached.get(keys[session.pk])
            if html is None:
                html = render_to_string(
                    "sessions/includes/session_card_body.html",
                    {"session": session, "event_url": context["event_url"], "labels": context["labels"]},
                )
                fresh[keys[session.pk]] = html
            session.card_html = mark_safe(html)  # noqa: S308 - our own rendered template
    if fresh:
        cache.set_many(fresh, CARD_CACHE_SECONDS)


def _mark_starred(request, event: EventPage, sessions: list[Session]) -> None:
    starred = selectors.starred_session_ids(user=request.user, event=event)
    for session in sessions:
        session.is_starred = session.pk in starred


def agenda_page(request, *, page: EventPage) -> TemplateResponse:
    event = page.original
    options = selectors.agenda_filter_options(event=event)
    form = AgendaFilterForm(request.GET, **options)
    all_days = request.GET.get("day") == "all"
    day = None if all_days else (parse_day(request.GET.get("day"), event) or event.start_date)
    sessions = selectors.agenda_sessions(event=event, filters=form.filters(day=day), user=request.user)
    kept = form.active_values()
    context = _page_context(request, page)
    attach_cards(sessions, event, context)
    tabs = [
        {"date": d, "href": "?" + urlencode({**kept, "day": d.isoformat()}), "current": d == day} for d in event.days
    ]
    context.update(
        form=form,
        days=selectors.group_by_day_and_slot(sessions, event),
        session_count=len(sessions),
        day=day,
        all_days=all_days,
        tabs=tabs,
        all_days_href="?" + urlencode({**kept, "day": "all"}),
        starred={session.pk for session in sessions if getattr(session, "is_starred", False)},
        offset_label=utc_offset_label(event, day or event.start_date),
    )
    return render_in_event_zone(request, "sessions/agenda.html", context, event)


def _session_or_404(event: EventPage, uid: str) -> Session:
    session = selectors.visible_session(event=event, uid=uid)
    if session is None:
        raise Http404(_("No such session."))
    return session


def session_page(request, *, page: EventPage, uid: str) -> TemplateResponse:
    event = page.original
    session = _session_or_404(event, uid)
    confirmed = selectors.user_is_confirmed(user=request.user, event=event)
    _mark_starred(request, event, [session])
    context = _page_context(
        request,
        page,
        session=session,
        documents=[] if session.is_closed else selectors.session_documents(session=session),
        show_stream=confirmed and bool(session.stream_url or event.stream_url) and session.is_public,
        stream_url=session.stream_url or event.stream_url,
        session_ics_url=with_language(f"{page.url}sessions/{session.uid}.ics"),
        offset_label=utc_offset_label(event, session.local_starts_at.date()),
    )
    return render_in_event_zone(request, "sessions/session_page.html", context, event)


def speaker_index_page(request, *, page: EventPage) -> TemplateResponse:
    event = page.original
    context = _page_context(request, page, speakers=selectors.event_speakers(event=event))
    return render_in_event_zone(request, "sessions/speaker_index.html", context, event)


def speaker_page(request, *, page: EventPage, slug: str) -> TemplateResponse:
    event = page.original
    speaker = selectors.event_speaker(event=event, slug=slug)
    if speaker is None:
        raise Http404(_("No such speaker."))
    sessions = selectors.speaker_sessions_at_event(event=event, speaker=speaker)
    _mark_starred(request, event, sessions)
    context = _page_context(request, page)
    attach_cards(sessions, event, context)
    context.update(
        speaker=speaker,
        sessions=sessions,
        speaker_feed_url=with_language(reverse("agenda:speaker_feed", kwargs={"slug": speaker.slug})),
        offset_label=utc_offset_label(event, event.start_date),
    )
    return render_in_event_zone(request, "sessions/speaker_page.html", context, event)


def event_feed(request, *, page: EventPage) -> HttpResponse:
    """The event's feed in ``?lang=`` (else the page's language)."""
    language = calendar.calendar_language(request.GET.get("lang"))
    content = calendar.cached_event_calendar(page.original, language)
    return calendar.calendar_response(content, f"{page.slug}.ics", language=language)


def session_feed(request, *, page: EventPage, uid: str) -> HttpResponse:
    session = _session_or_404(page.original, uid)
    language = calendar.calendar_language(request.GET.get("lang"))
    # The file name stays in the source language: the same file whatever the language.
    filename = f"{slugify(session.title)[:60] or 'session'}.ics"
    content = calendar.build_session_calendar(session, language)
    return calendar.calendar_response(content, filename, download=True, language=language)
