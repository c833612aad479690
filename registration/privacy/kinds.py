"""The kinds of personal data registration itself holds that go after a
time: a participant's needs (there is no phone number in the site). And
what an account deletion erases of a speaker's profile: the private fields
(the public ones, name, position, bio and photo, are the programme's and
stay with the sessions)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registration.privacy.retention import PersonalData, register_account_erasure, register_personal_data
from speakers.models import Invitation, Speaker

SPEAKER_PRIVATE_FIELDS = ("email", "gender", "travel_needs", "accessibility_needs")

NEEDS_FIELDS = ("dietary_needs", "accessibility_needs", "interpretation_needs")


def _needs_holders(registrations):
    condition = Q()
    for field in NEEDS_FIELDS:
        condition |= ~Q(**{field: ""})
    return registrations.filter(condition)


def _erase_needs(registration) -> None:
    for field in NEEDS_FIELDS:
        setattr(registration, field, "")
    registration.save(update_fields=[*NEEDS_FIELDS, "updated_at"])


register_personal_data(
    PersonalData(
        key="needs",
        label=_("Needs (dietary, accessibility, interpretation)"),
        policy_field="needs_days",
        holders=_needs_holders,
        erase=_erase_needs,
    )
)


def _erase_speaker_private_fields(user) -> None:
    speakers = Speaker.objects.filter(user=user)
    # An invitation keeps an address (a constraint): one that reaches no one.
    Invitation.objects.filter(speaker__in=speakers).update(
        email="deleted-account@invalid", decline_reason="", message=""
    )
    speakers.update(gender_consent=False, **dict.fromkeys(SPEAKER_PRIVATE_FIELDS, ""))


register_account_erasure("speakers", _erase_speaker_private_fields)
