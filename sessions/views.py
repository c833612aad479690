"""The personal agenda (star, my agenda, its private feed), the speaker
feeds, and the hand-over of an event's calendar files to Wagtail. The event
pages themselves are served by Wagtail through ``EventPage``'s routes
(``sessions.pages``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.views import serve_page
from sessions import calendar, notices, pages, selectors, services
from sessions.models import Session, Visibility


def event_file_view(request, event_path: str, file: str) -> HttpResponse:
    """An event's calendar file (``<event>/calendar.ics``,
    ``<event>/sessions/<uid>.ics``), served by the event page's route through
    Wagtail, as its other pages are: Wagtail's page URLs end with a slash, so
    the route is the file name with one."""
    return serve_page(request, f"{event_path}{file}/")


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
            page_urls[session.event_id] = session.event.localized_url()
        session.page_url = page_urls[session.event_id]
    days: list[dict] = []
    for session in sessions:
        local = timezone.localtime(session.starts_at, session.event.tz)
        key = (session.event.pk, local.date())
        if not days or days[-1]["key"] != key:
            days.append({"key": key, "event": session.event, "date": local.date(), "sessions": []})
        days[-1]["sessions"].append(session)
    token = services.agenda_feed_token_get_or_create(user=request.user)
    feed_path = pages.with_language(reverse("agenda:personal_feed", kwargs={"token": token.token}))
    absolute = request.build_absolute_uri(feed_path)
    context = {
        "days": days,
        "session_count": len(sessions),
        "overlap_count": sum(1 for s in sessions if s.overlaps),
        "feed_url": absolute,
        "webcal_url": "webcal://" + absolute.split("://", 1)[1],
        "notices_enabled": notices.change_notices_enabled(user=request.user),
    }
    return TemplateResponse(request, "sessions/my_agenda.html", context)


@require_POST
@login_required
def change_notices_view(request):
    """Turn the emails about changes to starred sessions on or off."""
    enabled = request.POST.get("enabled") == "on"
    notices.change_notices_set(user=request.user, enabled=enabled)
    if enabled:
        messages.success(request, _("You will get an email when a session on your agenda moves or is cancelled."))
    else:
        messages.success(request, _("You will no longer get emails about changes to the sessions on your agenda."))
    return redirect("agenda:my_agenda")


@require_POST
@login_required
def reset_feed_token_view(request):
    services.agenda_feed_token_reset(user=request.user)
    messages.success(request, _("Your private calendar link was replaced. The old link no longer works."))
    return redirect("agenda:my_agenda")


def personal_feed_view(request, token: str) -> HttpResponse:
    """The private feed in ``?lang=``, else in the person's own language (a
    calendar app sends no useful Accept-Language)."""
    user = selectors.feed_token_owner(token=token)
    if user is None:
        raise Http404(_("No such calendar."))
    language = calendar.calendar_language(request.GET.get("lang"), default=selectors.user_language(user=user))
    content = calendar.build_personal_calendar(user, language)
    return calendar.calendar_response(content, "my-agenda.ics", language=language)


def speaker_feed_view(request, slug: str) -> HttpResponse:
    speaker = selectors.published_speaker(slug=slug)
    if speaker is None:
        raise Http404(_("No such speaker."))
    language = calendar.calendar_language(request.GET.get("lang"))
    content = calendar.build_speaker_calendar(speaker, language)
    return calendar.calendar_response(content, f"{speaker.slug}.ics", language=language)


def account_section(request) -> str | None:
    """The "My agenda" section of the account page."""
    count = len(selectors.starred_session_ids(user=request.user))
    return render_to_string("sessions/account_section.html", {"count": count}, request=request)
