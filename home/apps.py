from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from home import localize_fixes, page_permissions, receivers, services  # noqa: F401 - receivers connects its own
        from home.roles import ensure_groups

        page_permissions.connect_signals()
        localize_fixes.install()

        def recreate_groups(sender, **kwargs):
            # Once per migrate or flush (ensure_groups creates every permission
            # first); a language added to LANGUAGES gets its locale.
            if sender.label == "home":
                ensure_groups()
                services.locales_ensure()

        post_migrate.connect(recreate_groups, dispatch_uid="home.ensure_groups", weak=False)
