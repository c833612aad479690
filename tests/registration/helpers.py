"""Helpers for the registration tests: register someone through the real service."""

from registration.services import registration_register
from tests.factories import UserFactory


def details(**overrides) -> dict:
    values = {
        "first_name": "Amina",
        "last_name": "Diallo",
        "email": "amina@example.org",
        "organisation": "Ministry of Digital Affairs",
        "country": "SN",
        "attendance_mode": "in_person",
        "preferred_language": "en",
    }
    values.update(overrides)
    return values


def register(event, category, *, user=None, **overrides):
    user = user or UserFactory()
    code = overrides.pop("invitation_code", "")
    overrides.setdefault("email", user.email)
    return registration_register(
        event=event,
        category=category,
        user=user,
        details=details(**overrides),
        privacy_accepted=True,
        invitation_code=code,
    )
