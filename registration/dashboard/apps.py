from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """Each event at a glance for its organisers: registrations over time,
    by category against capacity, by country and regional group, gender
    balance, and during the event the check-in curve. Part of registration;
    no models of its own (it reads registrations and scans)."""

    name = "registration.dashboard"
    label = "dashboard"
    verbose_name = _("Event dashboard")
