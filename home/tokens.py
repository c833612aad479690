"""One-time link tokens (a speaker's invitation, a focal point's invitation).

A token is an HMAC, under the site's secret key, of a random per-link salt
and the link's purpose; the database keeps the salt and the token's SHA-256
only, so a copy of the database alone gives no working link, and a token
made for one purpose opens nothing of another. Rotating the salt (a resend)
kills the old link."""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings


def new_salt() -> str:
    return secrets.token_urlsafe(32)


def token_for_salt(salt: str, *, purpose: str) -> str:
    """The link's token for ``salt``; ``purpose`` names the kind of link
    ("speakers.invitation", "delegations.invitation")."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{purpose}:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token: str) -> str:
    """What the database keeps of a token, to find the row a link opens."""
    return hashlib.sha256(token.encode()).hexdigest()
