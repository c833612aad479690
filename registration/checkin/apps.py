from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinConfig(AppConfig):
    """Check-in: the scan verdict, the scan API and scanner pages, scanner
    device tokens and the scan log. Part of registration, with its own job."""

    name = "registration.checkin"
    label = "checkin"
    verbose_name = _("Check-in")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from registration.checkin import session_access

        session_access.connect_signals()
