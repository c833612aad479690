"""Registration's reactions to other apps' signals (connected in
``RegistrationConfig.ready``)."""

from django.dispatch import receiver

from registration.services import registration_register_speaker
from speakers.signals import invitation_accepted


@receiver(invitation_accepted, dispatch_uid="registration.register_accepted_speaker")
def register_accepted_speaker(sender, *, invitation, speaker, **kwargs) -> None:
    """An accepted speaker gets a confirmed registration in the event's
    Speaker category, in the same transaction as the acceptance."""
    registration_register_speaker(event=invitation.event, speaker=speaker, user=speaker.user, by=None)
