"""Ed25519 badge keys: a key pair per event, each with a key id (``kid``)
that the badge's code carries, so keys can rotate without reprinting.

The private key is never stored, nor sent anywhere: it is derived when a
badge is drawn from the site secret, the event and the key id (HMAC-SHA256
of the three, the Ed25519 seed). The database keeps the public key, which
verifies badges on the server and is handed to the scanners of the event,
which verify badges offline. A database dump, a scanner or its roster
holds nothing that signs a badge.

Rotating (``badge_key_rotate``) makes a new key id that new badges are
signed with; badges signed with an older key keep working until that key is
retired (``badge_key_retire``), after which they scan as invalid and must be
reissued. If the site secret changes, the key a badge would be signed with
no longer matches its stored public key: a new key id is made at once (old
badges stay valid, checked against the public key they were signed with).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from registration.badges.models import BadgeKey

MAX_KID = 9999


@dataclass(frozen=True)
class BadgeSigner:
    """What draws a badge's signature: the event's current key."""

    event_id: int
    kid: int
    private_key: Ed25519PrivateKey

    def sign(self, message: bytes) -> bytes:
        return self.private_key.sign(message)


def _derived_private_key(event_id: int, kid: int) -> Ed25519PrivateKey:
    seed = hmac.new(
        settings.SECRET_KEY.encode(), f"forum.badges.ed25519:{event_id}:{kid}".encode(), hashlib.sha256
    ).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def raw_public_key(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_text(public_key: bytes) -> str:
    """A public key as the scanners receive it: base64url, no padding."""
    return base64.urlsafe_b64encode(bytes(public_key)).rstrip(b"=").decode("ascii")


def _create_key(event_id: int) -> BadgeKey:
    """A new key for the event, with the next key id (two processes making
    one at the same time: one wins, the other takes the winner's)."""
    for _attempt in range(3):
        kid = (BadgeKey.objects.filter(event_id=event_id).aggregate(top=Max("kid"))["top"] or 0) + 1
        if kid > MAX_KID:
            raise RuntimeError("No key id left for this event's badges.")
        try:
            with transaction.atomic():
                return BadgeKey.objects.create(
                    event_id=event_id, kid=kid, public_key=raw_public_key(_derived_private_key(event_id, kid))
                )
        except IntegrityError:
            # Another process made key ``kid`` first: take it, as it is the
            # one this secret derives (else try the next id).
            winner = BadgeKey.objects.filter(event_id=event_id, kid=kid, retired_at__isnull=True).first()
            if winner is not None and bytes(winner.public_key) == raw_public_key(_derived_private_key(event_id, kid)):
                return winner
    raise RuntimeError("Could not make a badge key for this event.")


def current_signer(event_id: int) -> BadgeSigner:
    """The key new badges of the event are signed with (made on first use)."""
    key = BadgeKey.objects.filter(event_id=event_id, retired_at__isnull=True).order_by("-kid").first()
    if key is not None:
        private_key = _derived_private_key(event_id, key.kid)
        if raw_public_key(private_key) == bytes(key.public_key):
            return BadgeSigner(event_id=event_id, kid=key.kid, private_key=private_key)
    # No key yet, or the site secret changed since this key was made.
    key = _create_key(event_id)
    return BadgeSigner(event_id=event_id, kid=key.kid, private_key=_derived_private_key(event_id, key.kid))


def badge_key_rotate(*, event_id: int) -> BadgeKey:
    """A new key for new badges; badges signed with older keys stay valid."""
    return _create_key(event_id)


def badge_key_retire(*, key: BadgeKey) -> BadgeKey:
    """Badges signed with this key scan as invalid from now on, online and
    (at their next refresh) on every scanner."""
    BadgeKey.objects.filter(pk=key.pk, retired_at__isnull=True).update(retired_at=timezone.now())
    key.refresh_from_db(fields=["retired_at"])
    return key


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


@functools.lru_cache(maxsize=256)
def _own_private_key(secret_digest: bytes, event_id: int, kid: int, public_key: bytes) -> Ed25519PrivateKey | None:
    """The private key this site derives for (event, kid), if it is the one
    whose public key is stored (not after the site secret changed). Cached
    per process: deriving it costs as much as signing."""
    private_key = _derived_private_key(event_id, kid)
    return private_key if raw_public_key(private_key) == public_key else None


def verify_badge(*, event_id: int, kid: int, public_key: bytes, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is the event's key ``kid``'s signature of
    ``message``, on the server, at every scan.

    Ed25519 signatures are deterministic (RFC 8032): the server, which can
    derive the private key, signs the message again and compares, at a third
    of the cost of verifying with the public key (which scanners do offline).
    Only a signature byte for byte equal to the one this site draws passes,
    which is stricter than verifying. After a change of the site secret the
    derived key no longer matches the stored one: the public key decides."""
    public_key = bytes(public_key)
    secret_digest = hashlib.sha256(settings.SECRET_KEY.encode()).digest()
    private_key = _own_private_key(secret_digest, event_id, kid, public_key)
    if private_key is None:
        return verify(public_key, signature, message)
    return hmac.compare_digest(private_key.sign(message), signature)
