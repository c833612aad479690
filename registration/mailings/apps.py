from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingsConfig(AppConfig):
    """Messages from an event's organisers to a group of its participants
    (by category, status, attendance, check-in, country), written in one
    language or several, previewed, then sent through the outbox at a
    steady rate with a log of who got what. Part of registration."""

    name = "registration.mailings"
    label = "mailings"
    verbose_name = _("Messages to participants")
