from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from home.roles import ensure_groups

        def recreate_groups(sender, **kwargs):
            # Once per migrate or flush (ensure_groups creates every permission first).
            if sender.label == "home":
                ensure_groups()

        post_migrate.connect(recreate_groups, dispatch_uid="home.ensure_groups", weak=False)
