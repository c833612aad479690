import pytest

from registration.badges import pdf as badge_pdf
from registration.badges import tokens as badge_tokens
from registration.badges.services import badge_reissue
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_badge_token_has_reference_version_and_120_bit_signature():
    registration = RegistrationFactory()

    token = badge_tokens.badge_token(registration)

    prefix, reference, version, signature = token.split(".")
    assert (prefix, reference, version) == ("FB1", registration.reference, "1")
    assert len(signature) == 24  # base32 of 15 bytes = 120 bits
    assert len(token) == 4 + 9 + 2 + 24


def test_badge_token_fits_qr_version_6_at_error_correction_m():
    registration = RegistrationFactory()
    registration.badge_version = 999_999

    assert badge_pdf.qr_version(badge_tokens.badge_token(registration)) <= 3


def test_parse_token_accepts_own_token_in_lower_case_with_blanks():
    registration = RegistrationFactory()
    token = badge_tokens.badge_token(registration)

    parsed = badge_tokens.parse_token(f"  {token.lower()}\n")

    assert parsed == badge_tokens.BadgeToken(registration.reference, 1, token.split(".")[3])
    assert badge_tokens.signature_is_valid(parsed, event_id=registration.event_id) is True


@pytest.mark.parametrize(
    "code",
    [
        "",
        "garbage",
        "FB1",
        "FB1...",
        "FB2.ABCDEFGH.1.AAAAAAAAAAAAAAAAAAAAAAAA",
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
    token = badge_tokens.badge_token(registration)
    signature = token.split(".")[3]
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]

    altered = {
        "reference": _tampered(token, 1, other.reference),
        "version": _tampered(token, 2, "2"),
        "signature": _tampered(token, 3, flipped),
        "truncated": token[:-1],
    }

    verdicts = {}
    for name, code in altered.items():
        parsed = badge_tokens.parse_token(code)
        verdicts[name] = parsed is not None and badge_tokens.signature_is_valid(parsed, event_id=registration.event_id)
    assert verdicts == {"reference": False, "version": False, "signature": False, "truncated": False}


def test_signature_key_differs_per_event_and_with_the_site_secret(settings):
    first = RegistrationFactory()
    second = RegistrationFactory()
    second.reference = first.reference  # same text, another event's key
    parsed = badge_tokens.parse_token(badge_tokens.badge_token(first))

    assert badge_tokens.signature_is_valid(parsed, event_id=second.event_id) is False
    settings.SECRET_KEY = "another-secret-entirely-for-this-test-only"
    assert badge_tokens.signature_is_valid(parsed, event_id=first.event_id) is False


def test_badge_reissue_raises_version_and_records_it(user):
    registration = RegistrationFactory()
    old_token = badge_tokens.badge_token(registration)

    badge_reissue(registration=registration, by=user)

    registration.refresh_from_db()
    assert registration.badge_version == 2
    assert badge_tokens.badge_token(registration) != old_token
    change = registration.log_entries.get()
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        "confirmed",
        "confirmed",
        user,
        "Badge reissued (version 2).",
    )
