"""Shared by the delegation services: limits, the nominee's fields, locking,
the log, the invitation link and the focal point's emails."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from home.emails import absolute_url, render_email
from home.outbox import email_queue
from home.tokens import hash_token, new_salt, token_for_salt
from registration.delegations import selectors
from registration.delegations.models import (
    Delegation,
    DelegationLogEntry,
)
from sessions.i18n import event_title

logger = logging.getLogger(__name__)

# What the invitation links' tokens are for (``home.tokens``).
TOKEN_PURPOSE = "delegations.invitation"
# A focal point is reminded at most once in this interval.
REMINDER_INTERVAL = datetime.timedelta(days=1)
EXTRA_SEATS_MAX = 100
PDF_SIGNATURE = b"%PDF-"
# The details a focal point gives for a delegate (the rest is the person's own).
NOMINEE_FIELDS = (
    "honorific",
    "first_name",
    "last_name",
    "position",
    "email",
    "organisation",
    "country",
    "attendance_mode",
    "preferred_language",
)


class InvitationTaken(Exception):
    """Another account already accepted this focal point's invitation."""


def _closed_error() -> ValidationError:
    return ValidationError(_("Nominations are closed for this event."), code="closed")


def _already_registered() -> ValidationError:
    return ValidationError({"email": _("This person is already registered for this event.")})


# --- helpers ---------------------------------------------------------------------------


def _lock(delegation: Delegation) -> Delegation:
    return Delegation.objects.select_for_update(of=("self",)).select_related("event").get(pk=delegation.pk)


def _log(delegation: Delegation, action: str, *, by, detail: str = "") -> DelegationLogEntry:
    author = by if by is not None and getattr(by, "is_authenticated", False) else None
    return DelegationLogEntry.objects.create(delegation=delegation, action=action, by=author, detail=str(detail))


def _check_open(delegation: Delegation) -> None:
    if not selectors.nominations_are_open(selectors.nominations_close_at(delegation.event_id)):
        raise _closed_error()


def invitation_link_token(delegation: Delegation) -> str:
    return token_for_salt(delegation.token_salt, purpose=TOKEN_PURPOSE)


def _rotate_token(delegation: Delegation) -> None:
    delegation.token_salt = new_salt()
    delegation.token_hash = hash_token(invitation_link_token(delegation))


def _queue_to_focal_point(delegation: Delegation, template: str, *, kind: str, dedupe_key: str) -> None:
    """The focal point's email, in their language; the invitation link is
    in it while the invitation is not accepted (the outbox then forgets it
    once sent), the delegation's page afterwards."""
    if delegation.accepted_at is None:
        link = absolute_url(reverse("delegations:invitation", kwargs={"token": invitation_link_token(delegation)}))
    else:
        link = absolute_url(reverse("delegations:detail", kwargs={"delegation_id": delegation.pk}))
    context = {
        "delegation": delegation,
        "event": delegation.event,
        # Category names are translated in the templates, in the email's language.
        "event_name": event_title(delegation.event, delegation.language),
        "seats": selectors.delegation_seats(delegation),
        "close_at": selectors.nominations_close_at(delegation.event_id),
        "link": link,
    }
    message = render_email(template, context, to=[delegation.focal_point_email], language=delegation.language)
    email_queue(
        message,
        kind=kind,
        event=delegation.event,
        dedupe_key=dedupe_key,
        language=delegation.language,
        holds_secret=delegation.accepted_at is None,
    )
