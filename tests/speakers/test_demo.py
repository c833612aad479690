import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command

from speakers.models import Invitation
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db


def status_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Invitation.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_load_demo_adds_invitations_in_every_status_once():
    # The group comes from a migration; an earlier transactional test may have flushed it.
    Group.objects.get_or_create(name="Organisers")
    call_command("load_demo")
    first = status_counts()
    call_command("load_demo")
    assert status_counts() == first == {"pending": 2, "accepted": 1, "declined": 1, "expired": 1, "revoked": 1}
    accepted = Invitation.objects.get(status="accepted")
    assert set(accepted.sessions.all()) <= {link.session for link in accepted.speaker.session_roles.all()}


def test_speaker_gender_needs_consent():
    speaker = SpeakerFactory.build(gender="woman", gender_consent=False)
    with pytest.raises(ValidationError) as error:
        speaker.full_clean()
    assert error.value.message_dict == {"gender": ["Gender can only be stored with the speaker's consent."]}
