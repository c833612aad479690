"""Badge pages: a participant's own badge, and the organisers' admin views
(bulk batches with progress, download, reissuing a lost badge), at the
events they manage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from forum_site.forms import add_service_errors
from registration.badges import pdf, selectors, services
from registration.badges.forms import BadgeBatchForm
from registration.badges.models import BadgeBatch
from registration.models import Registration
from sessions.permissions import manageable_events

BATCH_POLL_SECONDS = 2


@login_required
def badge_pdf(request, reference: str):
    """The signed-in participant's own badge; anyone else's is a 404."""
    registration = selectors.participant_badge_registration(user=request.user, reference=reference)
    if registration is None:
        raise Http404
    if registration.awaits_consent:
        # Made for the person: their own consent comes first, then the badge.
        consent = reverse("registration:consent", kwargs={"reference": registration.reference})
        return redirect(f"{consent}?{urlencode({'next': request.get_full_path()})}")
    document = pdf.render_badges_pdf([registration], layout=BadgeBatch.Layout.A6)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badge-{registration.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def badge_batch_index(request):
    if not request.user.has_perm("badges.view_badgebatch"):
        raise PermissionDenied
    can_add = request.user.has_perm("badges.add_badgebatch")
    form = BadgeBatchForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            try:
                batch = services.badge_batch_create(
                    event=form.cleaned_data["event"],
                    category=form.cleaned_data["category"],
                    attendance_mode=form.cleaned_data["attendance_mode"],
                    references=form.cleaned_data["references"],
                    layout=form.cleaned_data["layout"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("badges_batch", batch_id=batch.pk)
    context = {"form": form, "can_add": can_add, "batches": selectors.badge_batches_for(user=request.user)[:50]}
    return TemplateResponse(request, "badges/admin_index.html", context)


def badge_batch_detail(request, batch_id: int):
    if not request.user.has_perm("badges.view_badgebatch"):
        raise PermissionDenied
    batch = get_object_or_404(selectors.badge_batches_for(user=request.user), pk=batch_id)
    running = batch.state in (BadgeBatch.State.QUEUED, BadgeBatch.State.RUNNING)
    context = {
        "batch": batch,
        "running": running,
        "poll_seconds": BATCH_POLL_SECONDS,
        "percent": round(100 * batch.done / batch.total) if batch.total else 100,
    }
    return TemplateResponse(request, "badges/admin_detail.html", context)


def badge_batch_download(request, batch_id: int):
    if not request.user.has_perm("badges.view_badgebatch"):
        raise PermissionDenied
    batch = get_object_or_404(selectors.badge_batches_for(user=request.user), pk=batch_id, state=BadgeBatch.State.DONE)
    if not batch.file:
        raise Http404
    try:
        content = batch.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(content, as_attachment=True, filename=f"badges-{batch.event.slug}-{batch.pk}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


def badge_reissue_view(request, registration_id: int):
    """Confirm, then reissue a lost badge (the old QR code stops working)."""
    if not request.user.has_perm("registration.change_registration"):
        raise PermissionDenied
    registrations = Registration.objects.filter(event__in=manageable_events(request.user))
    registration = get_object_or_404(registrations.select_related("event", "category"), pk=registration_id)
    if request.method == "POST":
        registration = services.badge_reissue(registration=registration, by=request.user)
        messages.success(
            request,
            _("A new badge (version %(version)s) was issued for %(name)s; the old one no longer scans.")
            % {"version": registration.badge_version, "name": registration.full_name},
        )
        return redirect("badges_reissue", registration_id=registration.pk)
    return TemplateResponse(request, "badges/admin_reissue.html", {"registration": registration})
