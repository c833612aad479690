"""Public views: the invitation page a speaker reaches from the emailed link.

No sign-in is needed: the unguessable token is the credential. Every answer
is a POST; an unknown, expired, revoked or answered link gets a clear page
and changes nothing."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from speakers.forms import InvitationAcceptForm, InvitationDeclineForm
from speakers.models import InvitationStatus
from speakers.selectors import invitation_for_token, invitations_for_user
from speakers.services import InvitationClosed, invitation_accept, invitation_decline, invitation_link_token

CLOSED_STATUS_CODES = {
    "unknown": 404,
    InvitationStatus.EXPIRED: 410,
    InvitationStatus.REVOKED: 410,
    InvitationStatus.ACCEPTED: 200,
    InvitationStatus.DECLINED: 200,
}


def _state(invitation) -> str:
    if invitation is None:
        return "unknown"
    if invitation.status == InvitationStatus.PENDING and timezone.now() >= invitation.expires_at:
        return InvitationStatus.EXPIRED
    return invitation.status


def _closed(request, invitation, state: str):
    response = render(
        request,
        "speakers/invitation_closed.html",
        {"invitation": invitation, "state": state},
        status=CLOSED_STATUS_CODES[state],
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _page(request, invitation, *, accept_form=None, decline_form=None, status=200):
    context = {
        "invitation": invitation,
        "event": invitation.event,
        "sessions": invitation.sessions.all(),
        "accept_form": accept_form or InvitationAcceptForm(initial=InvitationAcceptForm.initial_for(invitation)),
        "decline_form": decline_form or InvitationDeclineForm(),
    }
    response = render(request, "speakers/invitation.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "HEAD"])
def invitation_view(request, token: str):
    invitation = invitation_for_token(token)
    state = _state(invitation)
    if state != InvitationStatus.PENDING:
        return _closed(request, invitation, state)
    return _page(request, invitation)


@never_cache
@require_POST
def invitation_accept_view(request, token: str):
    invitation = invitation_for_token(token)
    state = _state(invitation)
    if state != InvitationStatus.PENDING:
        return _closed(request, invitation, state)
    form = InvitationAcceptForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, invitation, accept_form=form, status=400)
    profile = {key: value for key, value in form.cleaned_data.items() if key != "photo"}
    try:
        invitation_accept(invitation=invitation, profile=profile, photo=form.cleaned_data.get("photo"))
    except InvitationClosed as closed:
        return _closed(request, invitation, closed.status)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return _page(request, invitation, accept_form=form, status=400)
    return redirect("speakers:invitation", token=token)


@never_cache
@require_POST
def invitation_decline_view(request, token: str):
    invitation = invitation_for_token(token)
    state = _state(invitation)
    if state != InvitationStatus.PENDING:
        return _closed(request, invitation, state)
    form = InvitationDeclineForm(request.POST)
    if not form.is_valid():
        return _page(request, invitation, decline_form=form, status=400)
    try:
        invitation_decline(invitation=invitation, reason=form.cleaned_data["reason"])
    except InvitationClosed as closed:
        return _closed(request, invitation, closed.status)
    return redirect("speakers:invitation", token=token)


def account_section(request) -> str | None:
    """ "My account": the user's speaker invitations, with the answer link
    for open ones (the user signed in with the address it was sent to)."""
    if not request.user.is_authenticated:
        return None
    invitations = invitations_for_user(request.user)
    if not invitations:
        return None
    rows = [
        {
            "invitation": invitation,
            "state": _state(invitation),
            "token": invitation_link_token(invitation) if _state(invitation) == InvitationStatus.PENDING else "",
        }
        for invitation in invitations
    ]
    return render_to_string("speakers/account_section.html", {"rows": rows}, request=request)
