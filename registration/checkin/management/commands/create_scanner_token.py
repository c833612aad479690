from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from registration.checkin.tokens import scanner_token_create
from sessions import permissions
from sessions.models import EventPage


class Command(BaseCommand):
    help = (
        "Create an API token for a scanning device or check-in tool, acting as the given user at the "
        "given events (which the user must check people in at). The key is printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Email of the staff account the token acts as")
        parser.add_argument("--name", required=True, help="Which device or tool uses it, e.g. 'Gate B tablet'")
        parser.add_argument(
            "--event",
            dest="events",
            action="append",
            type=int,
            required=True,
            metavar="ID",
            help="An event the token checks people in at (its page id); repeat for several events",
        )

    def handle(self, *args, email, name, events, **options):
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user with the email %(email)s.") % {"email": email})
        found = EventPage.objects.in_bulk(set(events))
        missing = sorted(set(events) - set(found))
        if missing:
            raise CommandError(
                ngettext(
                    "There is no event with the id %(ids)s.", "There are no events with the ids %(ids)s.", len(missing)
                )
                % {"ids": ", ".join(str(pk) for pk in missing)}
            )
        allowed = permissions.checkin_event_ids(user)
        refused = sorted(pk for pk in found if allowed is not None and pk not in allowed)
        if refused:
            raise CommandError(
                _(
                    "%(email)s does not check people in at %(events)s: an organiser of the event assigns them "
                    "first (python manage.py checkin_staff add %(email)s --event <id>)."
                )
                % {"email": email, "events": ", ".join(f"{found[pk].title} ({pk})" for pk in refused)}
            )
        try:
            token, key = scanner_token_create(user=user, name=name, events=found.values())
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        titles = ", ".join(event.title for event in found.values())
        self.stdout.write(
            _("Token “%(name)s” for %(email)s at %(events)s. Send with every request:")
            % {"name": token.name, "email": email, "events": titles}
        )
        self.stdout.write(f"Authorization: Token {key}")
