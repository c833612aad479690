"""Signals of the site shell, for the apps built on it."""

from django.dispatch import Signal

# Sent by ``home.tasks.send_outgoing_email`` for an outbox row written before
# the outbox stored messages (``OutgoingEmail.needs_legacy_render``), with
# ``email=<the row>``. The app that wrote such rows (registration) answers
# with the message to send, or None when the row is not its own.
render_legacy_email = Signal()
