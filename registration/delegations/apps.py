from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    """Delegations: focal points invited per country or organisation, their
    seats, the nominations they make and the note verbale. Part of
    registration: a nomination is a registration made by the focal point."""

    name = "registration.delegations"
    label = "delegations"
    verbose_name = _("Delegations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.account import register_account_section
        from registration.delegations.views import account_section

        register_account_section(account_section, order=30)

        from registration.delegations import personal_data, receivers  # noqa: F401 - receivers connects its own

        personal_data.register()
