"""Signals other parts react to (through their receivers), so that
registration does not import them."""

from django.dispatch import Signal

# A registration was cancelled or rejected, inside the transaction that did
# it: ``registration`` (its new status saved), ``by`` (the user, or None).
registration_ended = Signal()
