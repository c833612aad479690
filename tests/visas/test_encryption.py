"""Encryption at rest: keys from the settings, rotation to a new key."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from registration.visas import services
from registration.visas.models import VisaLetterRequest

pytestmark = pytest.mark.django_db


def raw_passport_number(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT passport_number FROM visas_visaletterrequest WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_rotation_rewrites_every_value_under_the_new_key(participant, passport, settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    request = services.visa_request_submit(registration=participant, by=participant.user, data=passport)
    before = raw_passport_number(request.pk)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]

    call_command("rotate_encryption_key", stdout=io.StringIO())

    after = raw_passport_number(request.pk)
    assert after != before
    assert Fernet(new_key).decrypt(after.encode()) == b"G1234567"
    # The old key can now go: everything reads with the new one alone.
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    stored = VisaLetterRequest.objects.get(pk=request.pk)
    assert (stored.passport_number, stored.passport_name) == ("G1234567", "KWAME KOFI MENSAH")


def test_a_value_written_under_a_key_no_longer_configured_is_a_clear_error(participant, passport, settings):
    request = services.visa_request_submit(registration=participant, by=participant.user, data=passport)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ImproperlyConfigured) as error:
        VisaLetterRequest.objects.get(pk=request.pk)
    assert "none of FIELD_ENCRYPTION_KEYS is the key it was written with" in str(error.value)
    assert "G1234567" not in str(error.value)
