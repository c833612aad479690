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


def test_rotation_never_puts_back_what_was_erased_while_it_ran(participant, passport, settings, monkeypatch):
    """The retention job erases a request between the rotation's read of
    the batch and its rewrite: the erasure stands."""
    from registration.visas.management.commands import rotate_encryption_key

    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    request = services.visa_request_submit(registration=participant, by=participant.user, data=passport)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old_key]
    real_rotate, erased = rotate_encryption_key.rotate, []

    def rotate_after_an_erase(token):
        if not erased:
            erased.append(services.passport_data_erase(request=request))
        return real_rotate(token)

    monkeypatch.setattr(rotate_encryption_key, "rotate", rotate_after_an_erase)
    call_command("rotate_encryption_key", stdout=io.StringIO())

    assert erased == [True]
    assert raw_passport_number(request.pk) is None
    stored = VisaLetterRequest.objects.get(pk=request.pk)
    assert stored.passport_number is None and stored.passport_erased_at is not None


def test_dumpdata_never_carries_passport_details_and_loaddata_stores_none(participant, passport, tmp_path):
    """Serialisers leave the encrypted fields out, in clear and as tokens: a
    fixture loaded back has no passport details (never a token encrypted
    twice, nor a date in clear); the rest of the request is restored."""
    import json

    request = services.visa_request_submit(registration=participant, by=participant.user, data=passport)
    token = raw_passport_number(request.pk)
    out = io.StringIO()
    call_command("dumpdata", "visas.visaletterrequest", stdout=out)
    dumped = out.getvalue()
    for secret in ("G1234567", "KWAME", "1985-03-14", "2032-01-09", token):
        assert secret not in dumped
    (fields,) = [row["fields"] for row in json.loads(dumped)]
    assert "passport_number" not in fields and fields["consulate_city"] == "Accra"

    fixture = tmp_path / "requests.json"
    fixture.write_text(dumped)
    call_command("loaddata", str(fixture), stdout=io.StringIO())
    stored = VisaLetterRequest.objects.get(pk=request.pk)
    assert (stored.passport_number, stored.date_of_birth, stored.consulate_city) == (None, None, "Accra")
    assert raw_passport_number(request.pk) is None
