"""What badges give the privacy part: the event's printed badge sheets
name its people, so anonymising one of them removes the sheets' PDFs (the
organisers print again; the batches' rows stay)."""

from django.utils.translation import gettext_lazy as _

from registration.badges.models import BadgeBatch
from registration.privacy.files import files_forget
from registration.privacy.retention import PersonalData, register_personal_data


def _holders(registrations):
    return registrations.filter(event__in=BadgeBatch.objects.exclude(file="").values("event"))


def _erase(registration) -> None:
    files_forget(BadgeBatch.objects.filter(event_id=registration.event_id))


def register() -> None:
    register_personal_data(
        PersonalData(
            key="badge_pdfs",
            label=_("Printed badge sheets (PDF)"),
            policy_field=None,
            holders=_holders,
            erase=_erase,
        )
    )
