from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sessions.models import CheckinStaff, EventPage
from sessions.services import checkin_staff_add, checkin_staff_remove


class Command(BaseCommand):
    help = (
        "Assign check-in staff to an event, remove them, or list them. "
        "add|remove EMAIL --event ID; list [EMAIL] [--event ID]."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "remove", "list"])
        parser.add_argument("email", nargs="?", help="Email of the person's account")
        parser.add_argument("--event", type=int, metavar="ID", help="The event (its page id)")

    def handle(self, *args, action, email, event, **options):
        event_page = self._event(event) if event is not None else None
        if action == "list":
            self._list(email=email, event=event_page)
            return
        if email is None or event_page is None:
            raise CommandError(_("%(action)s needs an email and --event.") % {"action": action})
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(_("No user with the email %(email)s.") % {"email": email})
        context = {"email": user.email, "event": event_page.title, "id": event_page.pk}
        if action == "add":
            try:
                checkin_staff_add(event=event_page, user=user, by=None)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(_("%(email)s checks people in at %(event)s (%(id)s).") % context)
        elif checkin_staff_remove(event=event_page, user=user):
            self.stdout.write(_("%(email)s no longer checks people in at %(event)s (%(id)s).") % context)
        else:
            self.stdout.write(_("%(email)s was not check-in staff at %(event)s (%(id)s).") % context)

    def _event(self, event_id: int) -> EventPage:
        event = EventPage.objects.filter(pk=event_id).first()
        if event is None:
            raise CommandError(_("There is no event with the id %(ids)s.") % {"ids": event_id})
        return event

    def _list(self, *, email: str | None, event: EventPage | None) -> None:
        assignments = CheckinStaff.objects.select_related("event", "user").order_by("event__title", "user__email")
        if email is not None:
            assignments = assignments.filter(user__email__iexact=email)
        if event is not None:
            assignments = assignments.filter(event=event)
        for assignment in assignments:
            self.stdout.write(f"{assignment.event.pk}\t{assignment.event.title}\t{assignment.user.email}")
