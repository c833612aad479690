"""Participant pages (``participant``, ``claim``) and the organisers' admin views (``admin``)."""

from registration.views.claim import claim, consent
from registration.views.participant import account_section, cancel, detail, edit, my_registrations, register

__all__ = ["account_section", "cancel", "claim", "consent", "detail", "edit", "my_registrations", "register"]
