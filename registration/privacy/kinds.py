"""The kinds of personal data registration itself holds that go after a
time: a participant's needs (there is no phone number in the site)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registration.privacy.retention import PersonalData, register_personal_data

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
