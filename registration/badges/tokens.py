"""The signed token in each badge's QR code.

Token: ``FB2.<kid>.<reference>.<version>.<signature>``, all in the QR
alphanumeric character set (upper case, digits, ``.``), e.g.
``FB2.1.K7Q2MZ4P.1.<103 base32 characters>`` (about 120 characters: a QR of
version 5 at error correction M). The signature is Ed25519, by the event's
key ``kid`` (``signing.py``), over the text before it
(``FB2.<kid>.<reference>.<version>``), in base32 without padding. The
scanner verifies it offline with the event's public keys; the server
verifies it with the public key stored for that key id.

Badges printed before Ed25519 carry ``FB1.<reference>.<version>.<mac>``: an
HMAC-SHA256 with a key derived from SECRET_KEY and the event, truncated to
120 bits. The server still verifies them, so they keep working at every
online scan; a scanner offline cannot (it holds no secret), so it keeps such
a scan for the server's verdict. Reissuing a badge gives it the new format.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings

from registration.badges import signing
from registration.badges.models import BadgeKey
from registration.models import Registration

TOKEN_PREFIX = "FB2"
LEGACY_PREFIX = "FB1"
LEGACY_SIGNATURE_BYTES = 15  # 120 bits, 24 base32 characters without padding
SIGNATURE_LENGTH = 103  # an Ed25519 signature (64 bytes) in base32 without padding
MAX_CODE_LENGTH = 200
TOKEN_PATTERN = re.compile(r"^FB2\.([1-9][0-9]{0,3})\.([A-Z2-9]{4,12})\.([1-9][0-9]{0,5})\.([A-Z2-7]{103})$")
LEGACY_TOKEN_PATTERN = re.compile(r"^FB1\.([A-Z2-9]{4,12})\.([1-9][0-9]{0,5})\.([A-Z2-7]{24})$")


@dataclass(frozen=True)
class BadgeToken:
    reference: str
    version: int
    signature: str
    kid: int | None = None  # None: the older HMAC format (FB1)

    @property
    def is_legacy(self) -> bool:
        return self.kid is None

    @property
    def signed_text(self) -> str:
        return f"{TOKEN_PREFIX}.{self.kid}.{self.reference}.{self.version}"


def event_badge_key(event_id: int) -> bytes:
    """The per-event HMAC key of FB1 badges, derived from the site secret."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"forum.badges.event-key:{event_id}".encode(), hashlib.sha256
    ).digest()


def _legacy_signature(*, event_id: int, reference: str, version: int) -> str:
    digest = hmac.new(event_badge_key(event_id), f"{reference}.{version}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:LEGACY_SIGNATURE_BYTES]).decode("ascii")


def legacy_badge_token(registration: Registration) -> str:
    """The FB1 text a badge printed before Ed25519 carries (tests, and
    anyone checking an old print)."""
    signature = _legacy_signature(
        event_id=registration.event_id, reference=registration.reference, version=registration.badge_version
    )
    return f"{LEGACY_PREFIX}.{registration.reference}.{registration.badge_version}.{signature}"


def badge_token(registration: Registration, *, signer: signing.BadgeSigner | None = None) -> str:
    """The text of the registration's current badge QR code. ``signer``, the
    event's current key, saves a query when many badges are drawn."""
    if signer is None or signer.event_id != registration.event_id:
        signer = signing.current_signer(registration.event_id)
    text = f"{TOKEN_PREFIX}.{signer.kid}.{registration.reference}.{registration.badge_version}"
    signature = base64.b32encode(signer.sign(text.encode("ascii"))).decode("ascii").rstrip("=")
    return f"{text}.{signature}"


def parse_token(code: object) -> BadgeToken | None:
    """The token's parts if the text has the shape of a badge token (either
    format), else None. Case and surrounding blanks are forgiven (handheld
    scanners with caps lock)."""
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH:
        return None
    text = code.strip().upper()
    match = TOKEN_PATTERN.match(text)
    if match is not None:
        return BadgeToken(reference=match[2], version=int(match[3]), signature=match[4], kid=int(match[1]))
    match = LEGACY_TOKEN_PATTERN.match(text)
    if match is None:
        return None
    return BadgeToken(reference=match[1], version=int(match[2]), signature=match[3])


def _signature_bytes(signature: str) -> bytes | None:
    try:
        return base64.b32decode(signature + "=")
    except ValueError:
        return None


def signature_is_valid(token: BadgeToken, *, event_id: int, public_key: bytes | None = None) -> bool:
    """Whether the token was signed for the event. For FB2, ``public_key`` is
    the event's live key of the token's key id (looked up when not given;
    None if there is no such key or it was retired)."""
    if token.is_legacy:
        expected = _legacy_signature(event_id=event_id, reference=token.reference, version=token.version)
        return hmac.compare_digest(expected, token.signature)
    if public_key is None:
        public_key = (
            BadgeKey.objects.filter(event_id=event_id, kid=token.kid, retired_at__isnull=True)
            .values_list("public_key", flat=True)
            .first()
        )
        if public_key is None:
            return False
    signature = _signature_bytes(token.signature)
    if signature is None:
        return False
    return signing.verify_badge(
        event_id=event_id,
        kid=token.kid,
        public_key=public_key,
        signature=signature,
        message=token.signed_text.encode("ascii"),
    )
