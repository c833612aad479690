from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registration.badges.models import BadgeKey
from registration.badges.signing import badge_key_retire, badge_key_rotate
from sessions.models import EventPage


class Command(BaseCommand):
    help = (
        "An event's badge signing keys: list them, rotate (new badges are signed "
        "with a new key, older badges stay valid), or retire one (badges signed "
        "with it scan as invalid, online and on every scanner at its next "
        "refresh, until reissued). list|rotate --event ID; retire --event ID --kid N."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "rotate", "retire"])
        parser.add_argument("--event", type=int, metavar="ID", required=True, help="The event (its page id)")
        parser.add_argument("--kid", type=int, metavar="N", help="The key id to retire")

    def handle(self, *args, action, event, kid, **options):
        if not EventPage.objects.filter(pk=event).exists():
            raise CommandError(_("There is no event with the id %(ids)s.") % {"ids": event})
        if action == "rotate":
            key = badge_key_rotate(event_id=event)
            self.stdout.write(
                _("New badges of event %(event)s are signed with key %(kid)s.") % {"event": event, "kid": key.kid}
            )
        elif action == "retire":
            if kid is None:
                raise CommandError(_("retire needs --kid."))
            key = BadgeKey.objects.filter(event_id=event, kid=kid).first()
            if key is None:
                raise CommandError(_("Event %(event)s has no badge key %(kid)s.") % {"event": event, "kid": kid})
            if key.retired_at is not None:
                raise CommandError(_("Key %(kid)s is already retired.") % {"kid": kid})
            badge_key_retire(key=key)
            self.stdout.write(_("Key %(kid)s is retired: badges signed with it must be reissued.") % {"kid": kid})
        for key in BadgeKey.objects.filter(event_id=event).order_by("kid"):
            state = _("retired %(when)s") % {"when": key.retired_at.isoformat()} if key.retired_at else _("in use")
            self.stdout.write(f"{key.kid}\t{state}")
