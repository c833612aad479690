"""The focal point's pages on the public site: the invitation link, the list
of their delegations, and each delegation's page with its forms (nominate,
edit, withdraw, head of delegation, note verbale, extra seats).

A delegation's pages answer its focal point only: anyone else signed in
gets a 404 on every route, whatever the id; a visitor is sent to sign in.
The note verbale is also handed to the organisers of the event."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from forum_site.forms import add_service_errors
from registration.delegations import selectors, services
from registration.delegations.forms import (
    HONORIFICS_LIST_ID,
    ExtraSeatsForm,
    NominationForm,
    NomineeForm,
    NoteVerbaleForm,
)
from registration.delegations.models import Delegation, Nomination
from registration.models import HONORIFICS
from sessions.permissions import policy_for


def _own_delegation(request, delegation_id: int) -> Delegation:
    delegation = selectors.focal_point_delegation(user=request.user, delegation_id=delegation_id)
    if delegation is None:
        raise Http404
    return delegation


def _own_nomination(delegation: Delegation, nomination_id: int) -> Nomination:
    return get_object_or_404(
        Nomination.objects.select_related("registration__category"), pk=nomination_id, delegation=delegation
    )


def _refused_when_closed(request, delegation: Delegation):
    """After the deadline: a message and back to the page, nothing changed."""
    if selectors.nominations_are_open(selectors.nominations_close_at(delegation.event_id)):
        return None
    messages.error(request, _("Nominations are closed for this event: nothing was changed."))
    return redirect("delegations:detail", delegation_id=delegation.pk)


# --- the invitation link ----------------------------------------------------------------


def _invitation_page(request, delegation, state: str, *, status: int = 200):
    response = render(request, "delegations/invitation.html", {"delegation": delegation, "state": state}, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token: str):
    """Signed out: what the link is for, and signing in or up to come back
    here. Signed in: accept (a POST), which makes this account the focal
    point. Accepted by another account: said so, nothing changes."""
    delegation = selectors.delegation_for_token(token)
    if delegation is None:
        return _invitation_page(request, None, "unknown", status=404)
    user = request.user
    if delegation.focal_point_id is not None and delegation.focal_point_id != user.pk:
        return _invitation_page(request, delegation, "taken")
    if not user.is_authenticated:
        if request.method == "POST":
            return redirect(f"{reverse('account_login')}?next={request.path}")
        return _invitation_page(request, delegation, "signed_out")
    if delegation.focal_point_id == user.pk:
        return redirect("delegations:detail", delegation_id=delegation.pk)
    if request.method != "POST":
        return _invitation_page(request, delegation, "open")
    try:
        services.delegation_accept(delegation=delegation, user=user)
    except services.InvitationTaken:
        return _invitation_page(request, delegation, "taken")
    messages.success(request, _("You are now the focal point of this delegation."))
    return redirect("delegations:detail", delegation_id=delegation.pk)


# --- the focal point's pages -------------------------------------------------------------


@login_required
def delegation_list(request):
    return render(request, "delegations/list.html", {"delegations": selectors.delegations_of_focal_point(request.user)})


def _page(request, delegation: Delegation, *, status: int = 200, **forms):
    """The delegation's page; a form refused by the service comes back bound, its errors beside its fields."""
    close_at = selectors.nominations_close_at(delegation.event_id)
    categories = selectors.quota_categories(delegation)
    context = {
        "delegation": delegation,
        "event": delegation.event,
        "seats": selectors.delegation_seats(delegation),
        "nominations": list(selectors.delegation_nominations(delegation)),
        "close_at": close_at,
        "open": selectors.nominations_are_open(close_at),
        "nomination_form": forms.get("nomination_form")
        or NominationForm(delegation=delegation, categories=categories, auto_id="nominate_%s"),
        "note_verbale_form": forms.get("note_verbale_form") or NoteVerbaleForm(auto_id="note_%s"),
        "extra_seats_form": forms.get("extra_seats_form") or ExtraSeatsForm(auto_id="seats_%s"),
        "honorifics": HONORIFICS,
        "honorifics_list_id": HONORIFICS_LIST_ID,
    }
    return render(request, "delegations/detail.html", context, status=status)


@login_required
def delegation_detail(request, delegation_id: int):
    return _page(request, _own_delegation(request, delegation_id))


@login_required
@require_POST
def nominate(request, delegation_id: int):
    delegation = _own_delegation(request, delegation_id)
    if refused := _refused_when_closed(request, delegation):
        return refused
    form = NominationForm(
        request.POST,
        delegation=delegation,
        categories=selectors.quota_categories(delegation),
        auto_id="nominate_%s",
    )
    if form.is_valid():
        try:
            nomination = services.nomination_create(
                delegation=delegation, category=form.cleaned_data["category"], details=form.details(), by=request.user
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "closed":
                return _refused_when_closed(request, delegation) or _page(request, delegation)
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is nominated and awaits the organisers' approval.")
                % {"name": nomination.registration.full_name},
            )
            return redirect("delegations:detail", delegation_id=delegation.pk)
    return _page(request, delegation, nomination_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_edit(request, delegation_id: int, nomination_id: int):
    delegation = _own_delegation(request, delegation_id)
    nomination = _own_nomination(delegation, nomination_id)
    if refused := _refused_when_closed(request, delegation):
        return refused
    registration = nomination.registration
    form = NomineeForm(request.POST or None, instance=registration, delegation=delegation)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_update(nomination=nomination, details=form.details(), by=request.user)
        except ValidationError as error:
            if getattr(error, "code", None) == "closed":
                return _refused_when_closed(request, delegation) or redirect("delegations:detail", delegation.pk)
            add_service_errors(form, error)
        else:
            messages.success(request, _("The delegate's details are saved."))
            return redirect("delegations:detail", delegation_id=delegation.pk)
    if form.is_bound:
        # The heading shows the registration as saved (the model form wrote
        # the refused input onto its instance; the fields keep it).
        registration.refresh_from_db()
    context = {
        "delegation": delegation,
        "nomination": nomination,
        "registration": registration,
        "form": form,
        "honorifics": HONORIFICS,
        "honorifics_list_id": HONORIFICS_LIST_ID,
    }
    return render(request, "delegations/edit.html", context, status=400 if form.is_bound else 200)


def _nomination_action(request, delegation_id: int, nomination_id: int, service, success: str, *, deadline: bool):
    delegation = _own_delegation(request, delegation_id)
    nomination = _own_nomination(delegation, nomination_id)
    if deadline and (refused := _refused_when_closed(request, delegation)):
        return refused
    try:
        nomination = service(nomination=nomination, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success % {"name": nomination.registration.full_name})
    return redirect("delegations:detail", delegation_id=delegation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_withdraw(request, delegation_id: int, nomination_id: int):
    """GET asks to confirm; POST withdraws."""
    if request.method == "GET":
        delegation = _own_delegation(request, delegation_id)
        nomination = _own_nomination(delegation, nomination_id)
        if refused := _refused_when_closed(request, delegation):
            return refused
        context = {"delegation": delegation, "nomination": nomination, "registration": nomination.registration}
        return render(request, "delegations/withdraw.html", context)
    return _nomination_action(
        request,
        delegation_id,
        nomination_id,
        services.nomination_withdraw,
        _("%(name)s is withdrawn; the seat is free again."),
        deadline=True,
    )


@login_required
@require_POST
def nomination_head(request, delegation_id: int, nomination_id: int):
    return _nomination_action(
        request,
        delegation_id,
        nomination_id,
        services.nomination_make_head,
        _("%(name)s is the head of the delegation."),
        deadline=False,
    )


@login_required
@require_POST
def note_verbale_upload(request, delegation_id: int):
    delegation = _own_delegation(request, delegation_id)
    form = NoteVerbaleForm(request.POST, request.FILES, auto_id="note_%s")
    if form.is_valid():
        try:
            services.delegation_note_verbale_upload(
                delegation=delegation, upload=form.cleaned_data["note_verbale"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note verbale is received."))
            return redirect("delegations:detail", delegation_id=delegation.pk)
    return _page(request, delegation, note_verbale_form=form, status=400)


@login_required
@require_POST
def extra_seats(request, delegation_id: int):
    delegation = _own_delegation(request, delegation_id)
    form = ExtraSeatsForm(request.POST, auto_id="seats_%s")
    if form.is_valid():
        try:
            services.delegation_request_seats(
                delegation=delegation,
                seats=form.cleaned_data["seats"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request is sent to the organisers."))
            return redirect("delegations:detail", delegation_id=delegation.pk)
    return _page(request, delegation, extra_seats_form=form, status=400)


@login_required
def note_verbale_download(request, delegation_id: int):
    """The note verbale, for the delegation's focal point and the organisers
    of its event; a 404 for anyone else."""
    delegation = Delegation.objects.select_related("event").filter(pk=delegation_id).first()
    if delegation is None:
        raise Http404
    may_read = delegation.focal_point_id == request.user.pk or policy_for(Delegation).user_has_permission_for_instance(
        request.user, "view", delegation
    )
    if not may_read or not delegation.note_verbale:
        raise Http404
    try:
        content = delegation.note_verbale.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    slug = delegation.country.code.lower() if delegation.country else f"delegation-{delegation.pk}"
    response = FileResponse(
        content, as_attachment=True, filename=f"note-verbale-{slug}.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def account_section(request) -> str | None:
    """ "My account": the delegations the user is the focal point of."""
    if not request.user.is_authenticated:
        return None
    delegations = selectors.delegations_of_focal_point(request.user)
    if not delegations:
        return None
    return render_to_string("delegations/account_section.html", {"delegations": delegations}, request=request)
