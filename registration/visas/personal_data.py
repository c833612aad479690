"""What visa letters give the privacy part: passport details as a kind of
personal data with a retention period (erased with the event's
``passport_days``), and their section of a person's data download."""

from django.utils.translation import gettext_lazy as _

from registration.privacy.retention import PersonalData, register_data_export, register_personal_data
from registration.visas.models import PASSPORT_FIELDS, VisaLetterRequest
from registration.visas.services import passport_data_erase


def _holders(registrations):
    return registrations.filter(visa_letter_request__isnull=False, visa_letter_request__passport_erased_at__isnull=True)


def _erase(registration) -> None:
    request = VisaLetterRequest.objects.filter(registration=registration).only("pk").first()
    if request is not None:
        passport_data_erase(request=request)


def _export(user) -> list[dict]:
    requests = VisaLetterRequest.objects.filter(registration__user=user).select_related("registration")
    rows = []
    for request in requests.order_by("pk"):
        row = {
            "registration": request.registration.reference,
            "status": request.status,
            "number": request.number,
            "consulate_city": request.consulate_city,
            "stay_from": request.stay_from.isoformat(),
            "stay_until": request.stay_until.isoformat(),
            "passport_erased_at": request.passport_erased_at.isoformat() if request.passport_erased_at else None,
        }
        for field in PASSPORT_FIELDS:
            value = getattr(request, field)
            row[field] = value.isoformat() if hasattr(value, "isoformat") else value
        rows.append(row)
    return rows


def register() -> None:
    register_personal_data(
        PersonalData(
            key="passport",
            label=_("Passport details (visa letter requests)"),
            policy_field="passport_days",
            holders=_holders,
            erase=_erase,
        )
    )
    register_data_export("visa_letter_requests", _export)
