"""Invitation link tokens.

A token is an HMAC of a random per-invitation salt under the site's secret
key; the database keeps the salt and the token's SHA-256 only, so a copy of
the database alone gives no working link. Rotating the salt (resend) kills
the old link."""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings


def new_salt() -> str:
    return secrets.token_urlsafe(32)


def token_for_salt(salt: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"speakers.invitation:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
