"""Who a session's door admits (``SessionAccess``): the one service that
writes it, and the receiver that keeps its ``updated_at`` moving when its
lists change by any other path, so that scanners refresh the rule."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import m2m_changed
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.checkin.models import SessionAccess
from registration.models import Category, Registration
from sessions.models import Session


def session_access_save(
    *,
    session: Session,
    closed: bool,
    categories: Iterable[Category] = (),
    registrations: Iterable[Registration] = (),
) -> SessionAccess:
    """Set who the session's door admits: closed or open to every confirmed
    participant, and when closed, the categories and people invited (the
    session's speakers always are). Categories and people of another event
    are refused and nothing changes."""
    categories, registrations = list(categories), list(registrations)
    errors = {}
    if any(category.event_id != session.event_id for category in categories):
        errors["categories"] = _("Choose categories of this session's event only.")
    if any(registration.event_id != session.event_id for registration in registrations):
        errors["registrations"] = _("Choose people registered for this session's event only.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        access, _created = SessionAccess.objects.select_for_update().get_or_create(session=session)
        access.closed = closed
        access.categories.set(categories)
        access.registrations.set(registrations)
        access.updated_at = timezone.now()
        access.save(update_fields=["closed", "updated_at"])
    return access


def _lists_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    # From a category's or a person's side, pk_set names the accesses
    # (a reverse clear names none: it happens only when one is deleted).
    ids = {instance.pk} if not reverse else set(pk_set or ())
    if ids:
        SessionAccess.objects.filter(pk__in=ids).update(updated_at=timezone.now())


def connect_signals() -> None:
    for through in (SessionAccess.categories.through, SessionAccess.registrations.through):
        m2m_changed.connect(_lists_changed, sender=through, dispatch_uid=f"session-access-{through.__name__}")
