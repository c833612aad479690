"""What delegations give the privacy part: the delegates' names in a
delegation's log (erased with the registration), what a focal point's
account deletion erases (their name and address on their delegations, the
log lines that name them), and the delegations in a person's data download."""

from allauth.account.models import EmailAddress
from django.utils.translation import gettext_lazy as _

from registration.delegations.models import Delegation, DelegationLogEntry
from registration.privacy.retention import (
    PersonalData,
    register_account_erasure,
    register_data_export,
    register_personal_data,
)


def _nominated(registrations):
    return registrations.filter(nomination__isnull=False)


def _erase_names_in_log(registration) -> None:
    """The log keeps what was done to the nomination, by its reference."""
    name = registration.full_name
    if not name:
        return
    entries = DelegationLogEntry.objects.filter(delegation__nominations__registration=registration)
    for entry in entries.filter(detail__contains=name):
        entry.detail = entry.detail.replace(name, registration.reference)
        entry.save(update_fields=["detail"])


def _erase_focal_point(user) -> None:
    addresses = {address.email.lower() for address in EmailAddress.objects.filter(user=user)} | {user.email.lower()}
    addresses.discard("")
    delegations = Delegation.objects.filter(focal_point=user)
    for entry in DelegationLogEntry.objects.filter(delegation__in=delegations):
        if entry.detail.strip().lower() in addresses:
            entry.detail = ""
            entry.save(update_fields=["detail"])
    # The organisers name a new focal point (the invitation waits for an address).
    delegations.update(focal_point_name="", focal_point_email="")


def _export(user) -> list[dict]:
    delegations = Delegation.objects.filter(focal_point=user).select_related("event").order_by("pk")
    return [
        {
            "event": delegation.event.title,
            "country": str(delegation.country),
            "organisation": delegation.organisation,
            "focal_point_name": delegation.focal_point_name,
            "focal_point_email": delegation.focal_point_email,
            "accepted_at": delegation.accepted_at.isoformat() if delegation.accepted_at else None,
            "extra_seats_requested": delegation.extra_seats_requested,
            "extra_seats_reason": delegation.extra_seats_reason,
            "note_verbale_uploaded_at": (
                delegation.note_verbale_uploaded_at.isoformat() if delegation.note_verbale_uploaded_at else None
            ),
        }
        for delegation in delegations
    ]


def register() -> None:
    register_personal_data(
        PersonalData(
            key="delegation_log",
            label=_("Delegates' names in their delegation's log"),
            policy_field=None,
            holders=_nominated,
            erase=_erase_names_in_log,
        )
    )
    register_account_erasure("delegations", _erase_focal_point)
    register_data_export("delegations_as_focal_point", _export)
