import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import DEMO_PASSWORD, load_site_demo
from home.demo_translations.apply import translate_demo_pages
from home.demo_translations.pages import PAGES

# Each app may add demo content with a ``load_demo(context)`` function in its
# ``demo.py``; they run in this order after the site shell.
APP_DEMOS = [
    "sessions.demo",
    "speakers.demo",
    "registration.demo",
    "registration.delegations.demo",
    "registration.checkin.demo",
    "registration.visas.demo",
]

DEMO_ADMIN_EMAIL = "admin@example.org"
DEMO_ADMIN_PASSWORD = DEMO_PASSWORD
# Two more demo accounts (same password) show that each event has its own
# team: an organiser of the policy dialogue only, and check-in staff of the
# Forum only.
DEMO_DIALOGUE_ORGANISER_EMAIL = "dialogue.organiser@example.org"
DEMO_CHECKIN_EMAIL = "checkin@example.org"
DIALOGUE_TEAM = "Policy dialogue team"


def _demo_pages(context) -> list:
    """The demo's pages, each after its parent (a translation needs its parent's)."""
    from wagtail.models import Page

    home = context["home"]
    return [home, *Page.objects.descendant_of(home).filter(slug__in=PAGES).order_by("path")]


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
            translate_demo_pages(_demo_pages(context))
            if settings.DEBUG:
                self._ensure_admin()
                self._ensure_event_teams(context)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        if settings.DEBUG:
            self.stdout.write(f"Admin sign-in: {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}")
            self.stdout.write(
                f"Policy dialogue organiser: {DEMO_DIALOGUE_ORGANISER_EMAIL}; "
                f"Forum check-in staff: {DEMO_CHECKIN_EMAIL} (same password)"
            )
            # App demos list the accounts they made in context["accounts"].
            for description, email in context.get("accounts", []):
                self.stdout.write(f"{description}: {email} (same password)")

    def _demo_user(self, email: str, username: str):
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(email=email).first()
        if user is None:
            user = get_user_model().objects.create_user(username=username, email=email, password=DEMO_ADMIN_PASSWORD)
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        return user

    def _ensure_event_teams(self, context):
        from django.contrib.auth.models import Group, Permission
        from wagtail.models import GroupPagePermission

        from home.roles import ORGANISERS
        from sessions.services import checkin_staff_add

        team, _created = Group.objects.get_or_create(name=DIALOGUE_TEAM)
        team.permissions.set(Group.objects.get(name=ORGANISERS).permissions.all())
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=team,
                page=context["dialogue"],
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
        self._demo_user(DEMO_DIALOGUE_ORGANISER_EMAIL, "dialogue-organiser").groups.add(team)
        checkin_staff_add(event=context["forum"], user=self._demo_user(DEMO_CHECKIN_EMAIL, "checkin"), by=None)

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
