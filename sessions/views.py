"""Public event pages (reached through ``EventPage`` routes), the personal
agenda and the calendar feeds. Views validate input, call one selector or
service, and render."""

import datetime
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import PageViewRestriction, Site

from sessions import calendar, selectors, services
from sessions.forms import AgendaFilterForm, parse_day
from sessions.models import EventKind, EventPage, Session, Visibility


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


def calendar_response(content: bytes, filename: str, *, download: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def feed_urls(request, event: EventPage) -> dict:
    path = event.url + "calendar.ics"
    absolute = request.build_absolute_uri(path)
    return {"feed_url": path, "webcal_url": "webcal://" + absolute.split("://", 1)[1]}


# --- pages reached through EventIndexPage / EventPage ------------------------------


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


def event_context(request, *, event: EventPage) -> dict:
    return {
        **feed_urls(request, event),
        "agenda_url": event.url + event.reverse_subpage("agenda"),
        "speakers_url": event.url + event.reverse_subpage("speaker_index"),
        "show_stream": bool(event.stream_url) and selectors.user_is_confirmed(user=request.user, event=event),
        "offset_label": utc_offset_label(event, event.start_date),
    }


ANY_UUID = "00000000-0000-0000-0000-000000000000"


def _page_context(request, event: EventPage, **extra) -> dict:
    """What every event subpage needs, computed once rather than per session."""
    return {
        "page": event,
        "self": event,
        "event": event,
        "event_url": event.url,
        **feed_urls(request, event),
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
        session.room.name if session.room_id else "",
        (session.track.name, session.track.colour) if session.track_id else "",
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


def agenda_view(request, *, event: EventPage) -> TemplateResponse:
    options = selectors.agenda_filter_options(event=event)
    form = AgendaFilterForm(request.GET, **options)
    all_days = request.GET.get("day") == "all"
    day = None if all_days else (parse_day(request.GET.get("day"), event) or event.start_date)
    sessions = selectors.agenda_sessions(event=event, filters=form.filters(day=day), user=request.user)
    kept = form.active_values()
    context = _page_context(request, event)
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


def session_view(request, *, event: EventPage, uid: str) -> TemplateResponse:
    session = _session_or_404(event, uid)
    confirmed = selectors.user_is_confirmed(user=request.user, event=event)
    _mark_starred(request, event, [session])
    context = _page_context(
        request,
        event,
        session=session,
        documents=[] if session.is_closed else selectors.session_documents(session=session),
        show_stream=confirmed and bool(session.stream_url or event.stream_url) and session.is_public,
        stream_url=session.stream_url or event.stream_url,
        session_ics_url=f"{event.url}sessions/{session.uid}.ics",
        offset_label=utc_offset_label(event, session.local_starts_at.date()),
    )
    return render_in_event_zone(request, "sessions/session_page.html", context, event)


def find_live_event(request, event_path: str) -> EventPage | None:
    """The live, public event page at ``event_path`` of the request's site,
    found in one query instead of Wagtail's walk down the page tree."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    restricted = PageViewRestriction.objects.annotate(
        event_path=ExpressionWrapper(OuterRef("path"), output_field=CharField())
    ).filter(event_path__startswith=F("page__path"))
    return (
        EventPage.objects.live()
        .filter(url_path=site.root_page.url_path + event_path)
        .exclude(Exists(restricted))
        .first()
    )


def live_event_at(request, event_path: str) -> EventPage:
    event = find_live_event(request, event_path)
    if event is None:
        raise Http404(_("No such event."))
    return event


def event_agenda_view(request, event_path: str):
    """``<event>/agenda/`` served directly (it is the busiest page). Anything
    else at such a path (a restricted event, a page that is not an event)
    goes on to Wagtail as usual."""
    event = find_live_event(request, event_path)
    if event is None:
        from wagtail.views import serve

        return serve(request, event_path + "agenda/")
    return agenda_view(request, event=event)


def session_feed_view(request, event_path: str, uid: str) -> HttpResponse:
    event = live_event_at(request, event_path)
    session = _session_or_404(event, uid)
    filename = f"{slugify(session.title)[:60] or 'session'}.ics"
    return calendar_response(calendar.build_session_calendar(session), filename, download=True)


def event_feed_view(request, event_path: str) -> HttpResponse:
    event = live_event_at(request, event_path)
    return calendar_response(calendar.cached_event_calendar(event), f"{event.slug}.ics")


def speaker_index_view(request, *, event: EventPage) -> TemplateResponse:
    context = _page_context(request, event, speakers=selectors.event_speakers(event=event))
    return render_in_event_zone(request, "sessions/speaker_index.html", context, event)


def speaker_view(request, *, event: EventPage, slug: str) -> TemplateResponse:
    speaker = selectors.event_speaker(event=event, slug=slug)
    if speaker is None:
        raise Http404(_("No such speaker."))
    sessions = selectors.speaker_sessions_at_event(event=event, speaker=speaker)
    _mark_starred(request, event, sessions)
    context = _page_context(request, event)
    attach_cards(sessions, event, context)
    context.update(
        speaker=speaker,
        sessions=sessions,
        speaker_feed_url=reverse("agenda:speaker_feed", kwargs={"slug": speaker.slug}),
        offset_label=utc_offset_label(event, event.start_date),
    )
    return render_in_event_zone(request, "sessions/speaker_page.html", context, event)


# --- personal agenda ---------------------------------------------------------------


@require_POST
@login_required
def star_view(request, uid):
    session = get_object_or_404(
        Session.objects.select_related("event").exclude(visibility=Visibility.DRAFT).filter(event__live=True), uid=uid
    )
    starring = request.POST.get("action", "star") != "unstar"
    if starring:
        services.session_star(user=request.user, session=session)
    else:
        services.session_unstar(user=request.user, session=session)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"starred": starring, "session": str(session.uid)})
    if starring:
        messages.success(request, _("“%(title)s” is on your agenda.") % {"title": session.title})
    else:
        messages.success(request, _("“%(title)s” is off your agenda.") % {"title": session.title})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = session.get_absolute_url()
    return redirect(target)


def _with_overlaps(sessions: list[Session]) -> list[Session]:
    """Marks each session that overlaps another one of the list."""
    for session in sessions:
        session.overlaps = []
    active = [s for s in sessions if not s.is_cancelled]
    for i, first in enumerate(active):
        for second in active[i + 1 :]:
            if second.starts_at >= first.ends_at:
                break
            first.overlaps.append(second)
            second.overlaps.append(first)
    return sessions


@login_required
def my_agenda_view(request):
    sessions = _with_overlaps(selectors.personal_agenda_sessions(user=request.user))
    page_urls: dict[int, str] = {}
    for session in sessions:
        if session.event_id not in page_urls:
            page_urls[session.event_id] = session.event.url
        session.page_url = page_urls[session.event_id]
    days: list[dict] = []
    for session in sessions:
        local = timezone.localtime(session.starts_at, session.event.tz)
        key = (session.event.pk, local.date())
        if not days or days[-1]["key"] != key:
            days.append({"key": key, "event": session.event, "date": local.date(), "sessions": []})
        days[-1]["sessions"].append(session)
    token = services.agenda_feed_token_get_or_create(user=request.user)
    feed_path = reverse("agenda:personal_feed", kwargs={"token": token.token})
    absolute = request.build_absolute_uri(feed_path)
    context = {
        "days": days,
        "session_count": len(sessions),
        "overlap_count": sum(1 for s in sessions if s.overlaps),
        "feed_url": absolute,
        "webcal_url": "webcal://" + absolute.split("://", 1)[1],
    }
    return TemplateResponse(request, "sessions/my_agenda.html", context)


@require_POST
@login_required
def reset_feed_token_view(request):
    services.agenda_feed_token_reset(user=request.user)
    messages.success(request, _("Your private calendar link was replaced. The old link no longer works."))
    return redirect("agenda:my_agenda")


def personal_feed_view(request, token: str) -> HttpResponse:
    user = selectors.feed_token_owner(token=token)
    if user is None:
        raise Http404(_("No such calendar."))
    return calendar_response(calendar.build_personal_calendar(user), "my-agenda.ics")


def speaker_feed_view(request, slug: str) -> HttpResponse:
    speaker = selectors.published_speaker(slug=slug)
    if speaker is None:
        raise Http404(_("No such speaker."))
    return calendar_response(calendar.build_speaker_calendar(speaker), f"{speaker.slug}.ics")


def account_section(request) -> str | None:
    """The "My agenda" section of the account page."""
    from django.template.loader import render_to_string

    count = len(selectors.starred_session_ids(user=request.user))
    return render_to_string("sessions/account_section.html", {"count": count}, request=request)
