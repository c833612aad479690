from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data kept only as long as needed: each event's retention
    policy, the purge that anonymises what is due (Celery beat) and its log,
    anonymising a registration, and a person's own data (download, account
    deletion). Part of registration, with its own job."""

    name = "registration.privacy"
    label = "privacy"
    verbose_name = _("Personal data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.account import register_account_section
        from registration.privacy import kinds  # noqa: F401 - registers the kinds of data it knows
        from registration.privacy.views import account_section

        register_account_section(account_section, order=90)
