"""Visa letters' reactions to registration signals (connected when this
module is imported, from ``VisasConfig.ready``)."""

from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from registration.signals import registration_ended
from registration.visas.models import VisaLetterRequest, VisaLetterStatus

REGISTRATION_ENDED = gettext_noop("The registration was cancelled or rejected.")


@receiver(registration_ended, dispatch_uid="visas.withdraw_on_registration_end")
def withdraw_on_registration_end(sender, *, registration, by, **kwargs) -> None:
    """A cancelled or rejected registration no longer backs a letter: an
    issued one is withdrawn (its verification page says so), a waiting
    request closed. In the transaction that ended the registration."""
    from registration.visas.services import visa_letter_withdraw

    request = (
        VisaLetterRequest.objects.filter(
            registration=registration, status__in=(VisaLetterStatus.APPROVED, VisaLetterStatus.REQUESTED)
        )
        .only("pk", "language")
        .first()
    )
    if request is not None:
        with translation.override(request.language):
            reason = gettext(REGISTRATION_ENDED)  # shown to the participant, in their language
        visa_letter_withdraw(request=request, by=None, reason=reason, notify=False)
