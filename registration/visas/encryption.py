"""Encryption at rest for personal data (Fernet: AES-128-CBC with an
HMAC-SHA256, from the ``cryptography`` package).

The keys come from ``settings.FIELD_ENCRYPTION_KEYS``: the first one
encrypts, every one decrypts, so a key is rotated without downtime by
putting a new one first, running ``manage.py rotate_encryption_key`` (which
writes every value again under the new key) and then removing the old one."""

from __future__ import annotations

import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@functools.lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    keys = tuple(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    return _fernet(keys)


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        # Never the value in the message: it would land in a log.
        raise ImproperlyConfigured(
            "An encrypted value could not be decrypted: none of FIELD_ENCRYPTION_KEYS is the key it was written with."
        ) from None


def rotate(token: str) -> str:
    """``token`` encrypted again with the first key."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise ImproperlyConfigured(
            "An encrypted value could not be decrypted: none of FIELD_ENCRYPTION_KEYS is the key it was written with."
        ) from None
