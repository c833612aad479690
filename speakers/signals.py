"""What the speakers app tells the others. Receivers run inside the
transaction of the change, so what they write commits or rolls back with it."""

from django.dispatch import Signal

# Sent by ``invitation_accept`` once the speaker is on the invitation's
# sessions, with ``invitation`` and ``speaker`` (registration gives the
# speaker a confirmed seat: ``registration.receivers``).
invitation_accepted = Signal()
