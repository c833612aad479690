"""Registration's reactions to other apps' signals (connected when this
module is imported, from ``RegistrationConfig.ready``)."""

from allauth.account.signals import email_confirmed, user_logged_in
from django.dispatch import receiver

from home.signals import render_legacy_email
from registration.services import registration_register_speaker, registrations_claim
from speakers.signals import invitation_accepted


@receiver(invitation_accepted, dispatch_uid="registration.register_accepted_speaker")
def register_accepted_speaker(sender, *, invitation, speaker, **kwargs) -> None:
    """An accepted speaker gets a confirmed registration in the event's
    Speaker category, in the same transaction as the acceptance."""
    registration_register_speaker(event=invitation.event, speaker=speaker, user=speaker.user, by=None)


@receiver(user_logged_in, dispatch_uid="registration.claim_on_login")
def claim_on_login(sender, *, user, **kwargs) -> None:
    """Signing in takes the registrations made for the account's verified addresses."""
    registrations_claim(user=user)


@receiver(email_confirmed, dispatch_uid="registration.claim_on_email_confirmed")
def claim_on_email_confirmed(sender, *, email_address, **kwargs) -> None:
    """A newly verified address brings the registrations made for it."""
    registrations_claim(user=email_address.user)


@receiver(render_legacy_email, dispatch_uid="registration.legacy_email")
def render_legacy_registration_email(sender, *, email, **kwargs):
    """A registration email queued before the outbox stored messages."""
    from registration.emails import build_legacy_message

    return build_legacy_message(email)
