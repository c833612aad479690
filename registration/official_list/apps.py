from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficialListConfig(AppConfig):
    """The official list of participants: a page per event and its PDF,
    ordered by protocol precedence, with only the people who agreed to be
    listed."""

    name = "registration.official_list"
    label = "official_list"
    verbose_name = _("List of participants")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from registration.official_list import personal_data

        personal_data.register()
