"""The Fernet keys for personal data kept encrypted at rest (the passport
details of visa letter requests), read by settings: comma-separated, the
first encrypts, every one decrypts, so a key is rotated by putting a new
one first and running ``manage.py rotate_encryption_key``
(docs/visa-letters.md). Like SECRET_KEY, production refuses to start
without one; development derives one from it."""

import base64
import hashlib

from django.core.exceptions import ImproperlyConfigured


def field_encryption_keys(configured: list[str], *, secret_key: str, derive: bool) -> list[str]:
    """The keys given, checked; without any, one derived from ``secret_key``
    when ``derive`` (development, tests), else an error saying how to make one."""
    from cryptography.fernet import Fernet

    if not configured:
        if not derive:
            raise ImproperlyConfigured(
                "FIELD_ENCRYPTION_KEYS is not set. Generate a key with "
                '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"` '
                "and set it in the FIELD_ENCRYPTION_KEYS environment variable."
            )
        digest = hashlib.sha256(f"field-encryption:{secret_key}".encode()).digest()
        return [base64.urlsafe_b64encode(digest).decode()]
    for number, key in enumerate(configured, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS: key {number} is not a Fernet key (32 url-safe base64-encoded bytes)."
            ) from None
    return configured
