"""``manage.py badge_keys``: how an organiser's technician rotates and retires
an event's badge signing keys."""

import io

import pytest
from django.core.management import CommandError, call_command

from registration.badges import tokens as badge_tokens
from registration.badges.models import BadgeKey
from registration.checkin.selectors import registration_for_code
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("badge_keys", *args, stdout=out)
    return out.getvalue()


def test_rotate_then_retire_the_old_key():
    registration = RegistrationFactory()
    old = badge_tokens.badge_token(registration)
    event = str(registration.event_id)

    rotated = _run("rotate", "--event", event)
    new = badge_tokens.badge_token(registration)
    assert "key 2" in rotated
    assert registration_for_code(old) == (registration, False)  # still valid after the rotation

    retired = _run("retire", "--event", event, "--kid", "1")

    assert "Key 1 is retired" in retired
    assert retired.splitlines()[-2].startswith("1\tretired ")
    assert retired.splitlines()[-1] == "2\tin use"
    assert registration_for_code(old) == (None, False)
    assert registration_for_code(new) == (registration, False)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "--event", "999999"), "There is no event with the id 999999."),
        (("retire", "--event", "{event}"), "retire needs --kid."),
        (("retire", "--event", "{event}", "--kid", "7"), "has no badge key 7"),
    ],
)
def test_bad_input_says_why_and_changes_nothing(args, message):
    registration = RegistrationFactory()
    badge_tokens.badge_token(registration)
    args = [arg.format(event=registration.event_id) for arg in args]

    with pytest.raises(CommandError, match=message):
        _run(*args)

    assert list(BadgeKey.objects.values_list("kid", "retired_at")) == [(1, None)]


def test_retiring_a_retired_key_is_refused():
    registration = RegistrationFactory()
    badge_tokens.badge_token(registration)
    _run("retire", "--event", str(registration.event_id), "--kid", "1")

    with pytest.raises(CommandError, match="already retired"):
        _run("retire", "--event", str(registration.event_id), "--kid", "1")
