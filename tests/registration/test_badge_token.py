"""The badge's signed code: Ed25519 per event with a key id (FB2), and the
HMAC codes printed before it (FB1), which the server still verifies."""

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from registration.badges import pdf as badge_pdf
from registration.badges import signing
from registration.badges import tokens as badge_tokens
from registration.badges.models import BadgeKey
from registration.badges.services import badge_reissue
from registration.checkin.selectors import registration_for_code
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _verified(code: str, event_id: int) -> bool:
    parsed = badge_tokens.parse_token(code)
    return parsed is not None and badge_tokens.signature_is_valid(parsed, event_id=event_id)


def test_badge_token_has_key_id_reference_version_and_ed25519_signature():
    registration = RegistrationFactory()

    token = badge_tokens.badge_token(registration)

    prefix, kid, reference, version, signature = token.split(".")
    assert (prefix, kid, reference, version) == ("FB2", "1", registration.reference, "1")
    raw = base64.b32decode(signature + "=")
    assert len(raw) == 64
    key = BadgeKey.objects.get(event=registration.event, kid=1)
    # Anyone holding the public key alone verifies it (as the scanner does offline).
    Ed25519PublicKey.from_public_bytes(bytes(key.public_key)).verify(raw, token.rsplit(".", 1)[0].encode())


def test_badge_token_fits_qr_version_5_at_error_correction_m():
    registration = RegistrationFactory()
    registration.badge_version = 999_999

    assert badge_pdf.qr_version(badge_tokens.badge_token(registration)) <= 6


def test_parse_token_accepts_own_token_in_lower_case_with_blanks():
    registration = RegistrationFactory()
    token = badge_tokens.badge_token(registration)

    parsed = badge_tokens.parse_token(f"  {token.lower()}\n")

    assert parsed == badge_tokens.BadgeToken(registration.reference, 1, token.split(".")[4], kid=1)
    assert badge_tokens.signature_is_valid(parsed, event_id=registration.event_id) is True


@pytest.mark.parametrize(
    "code",
    [
        "",
        "garbage",
        "FB1",
        "FB1...",
        "FB2.ABCDEFGH.1.AAAAAAAAAAAAAAAAAAAAAAAA",
        "FB2.1.ABCDEFGH.1." + "A" * 102,
        "FB2.0.ABCDEFGH.1." + "A" * 103,
        "FB3.1.ABCDEFGH.1." + "A" * 103,
        "x" * 5000,
        None,
        42,
        ["FB1"],
        {"a": 1},
    ],
)
def test_parse_token_rejects_malformed_codes(code):
    assert badge_tokens.parse_token(code) is None


def _tampered(token: str, part: int, value: str) -> str:
    parts = token.split(".")
    parts[part] = value
    return ".".join(parts)


def test_signature_fails_when_any_part_is_altered():
    registration = RegistrationFactory()
    other = RegistrationFactory(event=registration.event)
    badge_tokens.badge_token(other)  # key 1
    badge_key_2 = signing.badge_key_rotate(event_id=registration.event_id)
    token = badge_tokens.badge_token(registration)
    assert token.split(".")[1] == str(badge_key_2.kid)
    signature = token.split(".")[4]
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    last_flipped = signature[:-1] + ("Q" if signature[-1] == "A" else "A")

    altered = {
        "prefix": "FB1" + token[3:],
        "key id": _tampered(token, 1, "1"),
        "reference": _tampered(token, 2, other.reference),
        "version": _tampered(token, 3, "2"),
        "signature": _tampered(token, 4, flipped),
        "signature end": _tampered(token, 4, last_flipped),
        "truncated": token[:-1],
    }

    verdicts = {name: _verified(code, registration.event_id) for name, code in altered.items()}
    assert verdicts == dict.fromkeys(altered, False)
    assert _verified(token, registration.event_id) is True


def test_keys_differ_per_event():
    first = RegistrationFactory()
    second = RegistrationFactory()
    second.reference = first.reference  # same text, another event's key

    token = badge_tokens.badge_token(first)
    signing.current_signer(second.event_id)

    assert _verified(token, second.event_id) is False
    assert bytes(BadgeKey.objects.get(event=first.event).public_key) != bytes(
        BadgeKey.objects.get(event=second.event).public_key
    )


def test_rotation_signs_new_badges_with_the_new_key_and_old_badges_stay_valid():
    registration = RegistrationFactory()
    old = badge_tokens.badge_token(registration)

    signing.badge_key_rotate(event_id=registration.event_id)
    new = badge_tokens.badge_token(registration)

    assert (old.split(".")[1], new.split(".")[1]) == ("1", "2")
    assert registration_for_code(old) == (registration, False)
    assert registration_for_code(new) == (registration, False)


def test_a_retired_key_makes_its_badges_invalid_and_the_next_badge_uses_a_live_key():
    registration = RegistrationFactory()
    old = badge_tokens.badge_token(registration)

    signing.badge_key_retire(key=BadgeKey.objects.get(event=registration.event, kid=1))

    assert registration_for_code(old) == (None, False)
    assert _verified(old, registration.event_id) is False
    new = badge_tokens.badge_token(registration)
    assert new.split(".")[1] == "2"
    assert registration_for_code(new) == (registration, False)


def test_a_changed_site_secret_makes_a_new_key_and_keeps_old_badges_valid(settings):
    registration = RegistrationFactory()
    old = badge_tokens.badge_token(registration)

    settings.SECRET_KEY = "another-secret-entirely-for-this-test-only"
    new = badge_tokens.badge_token(registration)

    assert new.split(".")[1] == "2"  # key 1's public key no longer matches what the secret derives
    assert registration_for_code(old) == (registration, False)  # checked against key 1's public key
    assert registration_for_code(new) == (registration, False)


def test_no_private_key_is_stored():
    registration = RegistrationFactory()
    badge_tokens.badge_token(registration)

    key = BadgeKey.objects.get(event=registration.event)

    assert len(bytes(key.public_key)) == 32
    assert {field.name for field in BadgeKey._meta.concrete_fields} == {
        "id",
        "event",
        "kid",
        "public_key",
        "created_at",
        "retired_at",
    }


def test_a_badge_printed_before_ed25519_keeps_working_on_the_server():
    registration = RegistrationFactory()
    legacy = badge_tokens.legacy_badge_token(registration)
    signature = legacy.split(".")[3]

    assert legacy.startswith("FB1.")
    assert registration_for_code(legacy) == (registration, False)
    assert registration_for_code(legacy.lower()) == (registration, False)
    forged = legacy[:-1] + ("A" if signature[-1] != "A" else "B")
    assert registration_for_code(forged) == (None, False)


def test_legacy_signature_key_differs_per_event_and_with_the_site_secret(settings):
    first = RegistrationFactory()
    second = RegistrationFactory()
    second.reference = first.reference
    parsed = badge_tokens.parse_token(badge_tokens.legacy_badge_token(first))

    assert badge_tokens.signature_is_valid(parsed, event_id=second.event_id) is False
    settings.SECRET_KEY = "another-secret-entirely-for-this-test-only"
    assert badge_tokens.signature_is_valid(parsed, event_id=first.event_id) is False


def test_badge_reissue_supersedes_the_old_badge(user):
    registration = RegistrationFactory()
    old_token = badge_tokens.badge_token(registration)

    badge_reissue(registration=registration, by=user)

    registration.refresh_from_db()
    assert registration.badge_version == 2
    assert badge_tokens.badge_token(registration) != old_token
    assert registration_for_code(old_token) == (None, True)
    change = registration.log_entries.get()
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        "confirmed",
        "confirmed",
        user,
        "Badge reissued (version 2).",
    )


def test_many_badges_drawn_with_one_signer_cost_no_query_each(django_assert_num_queries):
    registration = RegistrationFactory()
    signer = signing.current_signer(registration.event_id)

    with django_assert_num_queries(0):
        token = badge_tokens.badge_token(registration, signer=signer)

    assert _verified(token, registration.event_id)
