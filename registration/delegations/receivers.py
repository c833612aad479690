"""Delegations' reactions to other apps' signals (connected from
``DelegationsConfig.ready``)."""

from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from registration.delegations.models import Delegation, DelegationLogEntry


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="delegations.focal_point_account_deleted")
def reopen_invitations_of_deleted_focal_point(sender, instance, **kwargs) -> None:
    """A focal point's account is deleted: their delegations have no focal
    point again, so the organisers can send a new invitation (a new link)."""
    for delegation in Delegation.objects.filter(focal_point=instance):
        DelegationLogEntry.objects.create(
            delegation=delegation,
            action=DelegationLogEntry.Action.ACCOUNT_DELETED,
        )
    Delegation.objects.filter(focal_point=instance).update(accepted_at=None)
