from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    """Badges: the signed QR token, the PDF, bulk print batches and the
    organisers' badge admin. Part of registration, with its own job."""

    name = "registration.badges"
    label = "badges"
    verbose_name = _("Badges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from registration.badges import personal_data

        personal_data.register()
