"""The claim link's token: a registration's reference and a signature over
that reference and the registration's email, lower-cased, with a salt of
its own. Changing the registration's email makes old links invalid.

The link is no secret that opens anything by itself: claiming still needs
signing in with that address verified, so the emails that carry it are
kept in the outbox like any other."""

from __future__ import annotations

from django.core import signing
from django.utils.crypto import constant_time_compare

from registration.models import Registration

SALT = "registration.claim"
SEPARATOR = "."


def _signature(reference: str, email: str) -> str:
    return signing.Signer(salt=SALT).signature(f"{reference}:{email.strip().lower()}")


def claim_token(registration: Registration) -> str:
    return f"{registration.reference}{SEPARATOR}{_signature(registration.reference, registration.email)}"


def registration_for_claim_token(token: str) -> Registration | None:
    """The registration the token was made for, while its email is still
    the one it was made with; None for a malformed, tampered or stale token."""
    reference, separator, signature = (token or "").partition(SEPARATOR)
    if not separator or not reference or not signature or not reference.isalnum():
        return None
    registration = Registration.objects.select_related("event", "category").filter(reference=reference).first()
    if registration is None:
        return None
    if not constant_time_compare(signature, _signature(registration.reference, registration.email)):
        return None
    return registration
