import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import load_site_demo

# Each app may add demo content with a ``load_demo(context)`` function in its
# ``demo.py``; they run in this order after the site shell.
APP_DEMOS = ["sessions.demo", "speakers.demo", "registration.demo"]

DEMO_ADMIN_EMAIL = "admin@example.org"
DEMO_ADMIN_PASSWORD = "forum-demo-admin"


class Command(BaseCommand):
    help = "Load the demo Global Forum and policy dialogue (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            context = load_site_demo()
            for module_name in APP_DEMOS:
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError as error:
                    if error.name != module_name:
                        raise
                    continue
                module.load_demo(context)
            if settings.DEBUG:
                self._ensure_admin()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        if settings.DEBUG:
            self.stdout.write(f"Admin sign-in: {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}")

    def _ensure_admin(self):
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model

        User = get_user_model()
        user = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
        if user is None:
            user = User.objects.create_superuser(username="admin", email=DEMO_ADMIN_EMAIL, password=DEMO_ADMIN_PASSWORD)
        EmailAddress.objects.update_or_create(
            user=user, email=DEMO_ADMIN_EMAIL, defaults={"verified": True, "primary": True}
        )
