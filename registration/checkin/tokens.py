"""API tokens for scanning devices and outside check-in tools: made for
some of the events their user checks people in at, looked up on every
token-authenticated scan. Only a hash of the key is stored; the key is
shown once, when the token is made."""

from __future__ import annotations

import datetime
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


# A device's ``last_seen_at`` is written at most this often, not on every scan.
LAST_SEEN_EVERY = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class ScannerCaller:
    """Who a presented key acts for: the token's user, the token, and the
    events the token was made for (the user's own rights still apply).
    ``is_device``: a device registered for one event (see ``devices``)."""

    user: AbstractBaseUser
    token_id: int
    event_ids: frozenset[int]
    is_device: bool = False


@dataclass(frozen=True)
class RevokedDevice:
    """A registered device whose token was revoked: it is told to wipe what
    it holds (``wiped_at`` records the first time it was told)."""

    token_id: int


def hash_key(key: str) -> str:
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
    token = ScannerToken(user=user, name=name, key_hash=hash_key(key))
    token.full_clean(exclude=["key_hash"])
    with transaction.atomic():
        token.save()
        token.events.set(events)
    return token, key


def scanner_tokens_of(*, user: AbstractBaseUser) -> QuerySet[ScannerToken]:
    """The user's own API tokens, each with its events (for the tokens page;
    registered devices are listed per event, see ``devices``)."""
    events = EventPage.objects.originals().order_by("-start_date", "title")
    return ScannerToken.objects.filter(user=user, is_device=False).prefetch_related(Prefetch("events", queryset=events))


def scanner_token_revoke(*, token: ScannerToken) -> ScannerToken:
    ScannerToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def user_for_scanner_key(key: str) -> ScannerCaller | RevokedDevice | None:
    """The active user a live token key belongs to, with the token's events;
    a RevokedDevice for a registered device's revoked key; None for any
    other unknown or revoked key. Two queries: the token with its user,
    then its event ids (a device's ``last_seen_at`` adds one a minute)."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    token = ScannerToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None or (token.revoked_at is not None and not token.is_device):
        return None
    if token.revoked_at is not None:
        # Told to wipe even when the person who registered it has left.
        _mark_wiped(token)
        return RevokedDevice(token_id=token.pk)
    if not token.user.is_active:
        return None
    if token.is_device:
        _mark_seen(token)
    through = ScannerToken.events.through
    event_ids = frozenset(through.objects.filter(scannertoken_id=token.pk).values_list("eventpage_id", flat=True))
    return ScannerCaller(user=token.user, token_id=token.pk, event_ids=event_ids, is_device=token.is_device)


def _mark_wiped(token: ScannerToken) -> None:
    """The device is being told to wipe its data: the first time is kept."""
    if token.wiped_at is None:
        ScannerToken.objects.filter(pk=token.pk, wiped_at__isnull=True).update(wiped_at=timezone.now())


def _mark_seen(token: ScannerToken) -> None:
    """A device's last contact, written at most once a minute so that a
    busy gate's scans do not each write the token's row."""
    now = timezone.now()
    if token.last_seen_at is not None and now - token.last_seen_at < LAST_SEEN_EVERY:
        return
    ScannerToken.objects.filter(pk=token.pk).update(last_seen_at=now)
