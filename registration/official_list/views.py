"""List of participants pages: the list of an event on the site (and its
latest final PDF), for those its visibility lets in; and the organisers'
admin views (ask for a PDF, follow its progress, download it), at the
events they manage."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from forum_site.forms import add_service_errors
from registration.official_list import selectors, services
from registration.official_list.forms import ParticipantListBuildForm
from registration.official_list.models import ParticipantListBuild
from sessions.i18n import event_title
from sessions.models import EventPage
from sessions.permissions import policy_for

BUILD_POLL_SECONDS = 2


def _refusal(request, event: EventPage):
    """None when the visitor may see the event's list; else the answer:
    anonymous visitors of a list for participants are sent to sign in,
    everyone else gets a 404."""
    access = selectors.list_access(user=request.user, event=event)
    if access is selectors.ListAccess.GRANTED:
        return None
    if access is selectors.ListAccess.SIGN_IN:
        return redirect_to_login(request.get_full_path())
    raise Http404


def participant_list_page(request, event_id: int):
    event = get_object_or_404(EventPage.objects.live().originals(), pk=event_id)
    if refusal := _refusal(request, event):
        return refusal
    language = selectors.list_language()
    context = {
        "event": event,
        "event_name": event_title(event, language),
        "listing": selectors.participant_list(event=event, language=language),
        "final_pdf": selectors.latest_final_build(event=event, language=language),
        "language": language,
    }
    response = TemplateResponse(request, "official_list/page.html", context)
    response["Cache-Control"] = "private, no-cache"
    return response


def participant_list_pdf(request, event_id: int, language: str):
    """The latest final PDF of the list in ``language``, for those who may
    see the list."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    event = get_object_or_404(EventPage.objects.live().originals(), pk=event_id)
    if refusal := _refusal(request, event):
        return refusal
    build = selectors.latest_final_build(event=event, language=language)
    if build is None:
        raise Http404
    return _pdf_response(build, filename=f"participants-{event.slug}-{language}.pdf", as_attachment=False)


def _pdf_response(build: ParticipantListBuild, *, filename: str, as_attachment: bool) -> FileResponse:
    try:
        content = build.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(content, as_attachment=as_attachment, filename=filename, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response


# --- admin ------------------------------------------------------------------------------


def _require(request, action: str) -> None:
    if not policy_for(ParticipantListBuild).user_has_permission(request.user, action):
        raise PermissionDenied


def participant_list_build_index(request):
    _require(request, "view")
    can_add = policy_for(ParticipantListBuild).user_has_permission(request.user, "add")
    form = ParticipantListBuildForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            try:
                build = services.participant_list_build_create(
                    event=form.cleaned_data["event"],
                    language=form.cleaned_data["language"],
                    final=form.cleaned_data["final"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("official_list_build", build_id=build.pk)
    context = {"form": form, "can_add": can_add, "builds": selectors.builds_for(user=request.user)[:50]}
    return TemplateResponse(request, "official_list/admin_index.html", context)


def participant_list_build_detail(request, build_id: int):
    _require(request, "view")
    build = get_object_or_404(selectors.builds_for(user=request.user), pk=build_id)
    context = {
        "build": build,
        "running": build.state in (ParticipantListBuild.State.QUEUED, ParticipantListBuild.State.RUNNING),
        "poll_seconds": BUILD_POLL_SECONDS,
    }
    return TemplateResponse(request, "official_list/admin_detail.html", context)


def participant_list_build_download(request, build_id: int):
    _require(request, "view")
    build = get_object_or_404(
        selectors.builds_for(user=request.user), pk=build_id, state=ParticipantListBuild.State.DONE
    )
    if not build.file:
        raise Http404
    version = "final" if build.final else "draft"
    filename = f"participants-{build.event.slug}-{build.language}-{version}-{build.pk}.pdf"
    return _pdf_response(build, filename=filename, as_attachment=True)
