"""API tokens for scanning devices and outside check-in tools: made for
some of the events their user checks people in at, looked up on every
token-authenticated scan. Only a hash of the key is stored; the key is
shown once, when the token is made."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.checkin.models import ScannerToken
from sessions import permissions
from sessions.models import EventPage

MAX_KEY_LENGTH = 100


@dataclass(frozen=True)
class ScannerCaller:
    """Who a presented key acts for: the token's user, the token, and the
    events the token was made for (the user's own rights still apply)."""

    user: AbstractBaseUser
    token_id: int
    event_ids: frozenset[int]


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def scanner_token_create(*, user: AbstractBaseUser, name: str, events: Iterable[EventPage]) -> tuple[ScannerToken, str]:
    """A new token for ``user`` at ``events``, which must be events the user
    checks people in at; returns it with its key, shown only now."""
    events = list(events)
    if not events:
        raise ValidationError({"events": _("Choose at least one event.")})
    allowed = permissions.checkin_event_ids(user)
    if allowed is not None and any(event.pk not in allowed for event in events):
        raise ValidationError({"events": _("You may only choose events you check people in at.")})
    key = secrets.token_urlsafe(32)
    token = ScannerToken(user=user, name=name, key_hash=_hash_key(key))
    token.full_clean(exclude=["key_hash"])
    with transaction.atomic():
        token.save()
        token.events.set(events)
    return token, key


def scanner_tokens_of(*, user: AbstractBaseUser) -> QuerySet[ScannerToken]:
    """The user's tokens, each with its events (for the devices page)."""
    events = EventPage.objects.order_by("-start_date", "title")
    return ScannerToken.objects.filter(user=user).prefetch_related(Prefetch("events", queryset=events))


def scanner_token_revoke(*, token: ScannerToken) -> ScannerToken:
    ScannerToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def user_for_scanner_key(key: str) -> ScannerCaller | None:
    """The active user a live token key belongs to, with the token's events;
    None for an unknown or revoked key. Two queries: the token with its
    user, then its event ids."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    token = (
        ScannerToken.objects.select_related("user")
        .filter(key_hash=_hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    through = ScannerToken.events.through
    event_ids = frozenset(through.objects.filter(scannertoken_id=token.pk).values_list("eventpage_id", flat=True))
    return ScannerCaller(user=token.user, token_id=token.pk, event_ids=event_ids)
