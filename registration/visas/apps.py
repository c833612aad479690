from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisasConfig(AppConfig):
    """Visa support letters: a confirmed participant's request with their
    passport details (encrypted at rest), the organisers' review, the
    numbered letter (PDF with a QR code) and its public verification page.
    Part of registration, with its own job."""

    name = "registration.visas"
    label = "visas"
    verbose_name = _("Visa support letters")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from registration.visas import personal_data, receivers  # noqa: F401 - receivers connects its own

        personal_data.register()
