from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.account import register_account_section
        from registration import receivers
        from registration.views.participant import account_section

        register_account_section(account_section, order=20)
        receivers.connect()
