from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    """Events and their agendas. Labelled ``agenda`` because
    ``django.contrib.sessions`` already owns the label ``sessions``."""

    name = "sessions"
    label = "agenda"
    verbose_name = _("Events and agendas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.account import register_account_section
        from sessions import permissions
        from sessions.views import account_section

        register_account_section(account_section, order=20)
        permissions.connect_signals()
