"""Scanning devices registered for one event: an organiser or lead staff
member names the device and shows a one-time setup code as a QR code; the
phone scans it and exchanges the code for its token's key; revoking the
device ends its token, and the device wipes its data when it is next told
(``tokens.user_for_scanner_key``).

A registered device is a :class:`ScannerToken` with ``is_device``, made
for exactly one event, acting as the person who registered it
(``sessions.permissions.device_event_ids``). Neither the setup code nor the
key is stored, only their hashes; the key exists from the moment the code
is used, and is handed to the device only then.
"""

from __future__ import annotations

import datetime
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.checkin.models import ScannerToken
from registration.checkin.tokens import hash_key
from sessions import permissions
from sessions.models import EventPage

SETUP_CODE_LIFETIME = datetime.timedelta(minutes=10)
MAX_SETUP_CODE_LENGTH = 64


class SetupCodeUnusable(Exception):
    """A setup code that is unknown, already used, expired or whose device
    was revoked: ``reason`` says which, for the page the phone shows."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _require_device_rights(user: AbstractBaseUser, event: EventPage) -> None:
    if not permissions.may_manage_devices(user, event):
        raise PermissionDenied


def device_register(*, event: EventPage, name: str, by: AbstractBaseUser) -> tuple[ScannerToken, str]:
    """A new device for ``event`` registered by ``by`` (an organiser or lead
    staff of it), with its one-time setup code, valid SETUP_CODE_LIFETIME.
    Its token has no usable key until the code is used."""
    _require_device_rights(by, event)
    code = secrets.token_urlsafe(24)
    token = ScannerToken(
        user=by,
        created_by=by,
        name=name.strip(),
        is_device=True,
        # A placeholder nobody holds: the device's key is made at setup.
        key_hash=hash_key("unset:" + secrets.token_urlsafe(32)),
        setup_code_hash=hash_key(code),
        setup_expires_at=timezone.now() + SETUP_CODE_LIFETIME,
    )
    token.full_clean(exclude=["key_hash", "setup_code_hash"])
    with transaction.atomic():
        token.save()
        token.events.set([event])
    return token, code


def _device_for_code(code: str) -> ScannerToken | None:
    if not code or len(code) > MAX_SETUP_CODE_LENGTH:
        return None
    return ScannerToken.objects.filter(setup_code_hash=hash_key(code), is_device=True).first()


def setup_code_check(*, code: str) -> ScannerToken:
    """The device a setup code would set up, for the confirmation page
    (reading it does not use the code up); SetupCodeUnusable if it cannot."""
    token = _device_for_code(code)
    if token is None:
        raise SetupCodeUnusable("unknown")
    if token.revoked_at is not None:
        raise SetupCodeUnusable("revoked")
    if token.set_up_at is not None:
        raise SetupCodeUnusable("used")
    if token.setup_expires_at is None or token.setup_expires_at <= timezone.now():
        raise SetupCodeUnusable("expired")
    return token


def device_set_up(*, code: str) -> tuple[ScannerToken, str]:
    """Use the setup code: the device's token gets its key, returned now and
    never again. Of two phones sending the same code, one gets the key (the
    conditional UPDATE decides); the other is told the code is used."""
    token = setup_code_check(code=code)
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    updated = ScannerToken.objects.filter(
        pk=token.pk, set_up_at__isnull=True, revoked_at__isnull=True, setup_expires_at__gt=now
    ).update(key_hash=hash_key(key), set_up_at=now, last_seen_at=now)
    if not updated:
        raise SetupCodeUnusable("used")
    token.refresh_from_db()
    return token, key


def device_revoke(*, token: ScannerToken, by: AbstractBaseUser) -> ScannerToken:
    """End a device's token (an organiser or lead staff of its event): its
    next call is answered "device revoked" and the device wipes its data."""
    event = token.events.first()
    if event is None or not token.is_device:
        raise ValidationError(_("This is not a registered device."))
    _require_device_rights(by, event)
    ScannerToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token
