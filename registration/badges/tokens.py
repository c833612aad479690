"""The signed token in each badge's QR code.

Token: ``FB1.<reference>.<version>.<signature>``, all in the QR alphanumeric
character set (upper case, digits, ``.``), e.g.
``FB1.K7Q2MZ4P.1.MFRGGZDFMZTWQ2LKNNWG23TP`` (39 characters: a QR of
version 3 at error correction M). The signature is HMAC-SHA256 over
``<reference>.<version>`` with a key derived from SECRET_KEY and the event,
truncated to 120 bits and written in base32. Verifying needs the server anyway
(the verdict depends on the check-in state and the current badge version), so
a shared-secret MAC is enough, and it is three times shorter than an Ed25519
signature, which keeps the QR small enough for cheap phones off paper.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings

from registration.models import Registration

TOKEN_PREFIX = "FB1"
SIGNATURE_BYTES = 15  # 120 bits, 24 base32 characters without padding
MAX_CODE_LENGTH = 200
TOKEN_PATTERN = re.compile(r"^FB1\.([A-Z2-9]{4,12})\.([1-9][0-9]{0,5})\.([A-Z2-7]{24})$")


@dataclass(frozen=True)
class BadgeToken:
    reference: str
    version: int
    signature: str


def event_badge_key(event_id: int) -> bytes:
    """The per-event signing key, derived from the site secret."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"forum.badges.event-key:{event_id}".encode(), hashlib.sha256
    ).digest()


def _signature(*, event_id: int, reference: str, version: int) -> str:
    digest = hmac.new(event_badge_key(event_id), f"{reference}.{version}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:SIGNATURE_BYTES]).decode("ascii")


def badge_token(registration: Registration) -> str:
    """The text of the registration's current badge QR code."""
    signature = _signature(
        event_id=registration.event_id, reference=registration.reference, version=registration.badge_version
    )
    return f"{TOKEN_PREFIX}.{registration.reference}.{registration.badge_version}.{signature}"


def parse_token(code: object) -> BadgeToken | None:
    """The token's parts if the text has the token's shape, else None. Case
    and surrounding blanks are forgiven (handheld scanners with caps lock)."""
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH:
        return None
    match = TOKEN_PATTERN.match(code.strip().upper())
    if match is None:
        return None
    return BadgeToken(reference=match[1], version=int(match[2]), signature=match[3])


def signature_is_valid(token: BadgeToken, *, event_id: int) -> bool:
    expected = _signature(event_id=event_id, reference=token.reference, version=token.version)
    return hmac.compare_digest(expected, token.signature)
