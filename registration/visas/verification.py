"""The code that, with its number, makes a letter's verification URL: an
HMAC of the number under the site's secret, so knowing numbers (they
follow each other) does not give the page of a letter one was not shown."""

from __future__ import annotations

import base64

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "registration.visas.verification"
CODE_LENGTH = 12


def _code(number: str, secret: str) -> str:
    digest = salted_hmac(SALT, number, secret=secret, algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii")[:CODE_LENGTH]


def verification_code(number: str) -> str:
    return _code(number, settings.SECRET_KEY)


def code_is_valid(number: str, code: str) -> bool:
    code = (code or "").upper()
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(_code(number, secret), code) for secret in secrets)


def verification_path(number: str) -> str:
    return reverse("visas:verify", kwargs={"number": number, "code": verification_code(number)})


def verification_url(number: str) -> str:
    """The absolute URL printed on the letter (a file: ``SITE_URL``)."""
    return f"{settings.SITE_URL}{verification_path(number)}"
