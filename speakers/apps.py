from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    name = "speakers"
    verbose_name = _("Speakers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.account import register_account_section
        from speakers.views import account_section

        register_account_section(account_section, order=40)
