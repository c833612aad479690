"""What the list of participants gives the privacy part: its PDFs name the
people who agreed to be listed, so anonymising one of them removes the
event's list PDFs (the organisers build the list again without them)."""

from django.utils.translation import gettext_lazy as _

from registration.official_list.models import ParticipantListBuild
from registration.privacy.files import files_forget
from registration.privacy.retention import PersonalData, register_personal_data


def _holders(registrations):
    built = ParticipantListBuild.objects.exclude(file="").values("event")
    return registrations.filter(list_consent=True, event__in=built)


def _erase(registration) -> None:
    files_forget(ParticipantListBuild.objects.filter(event_id=registration.event_id))


def register() -> None:
    register_personal_data(
        PersonalData(
            key="participant_list_pdfs",
            label=_("Lists of participants (PDF)"),
            policy_field=None,
            holders=_holders,
            erase=_erase,
        )
    )
