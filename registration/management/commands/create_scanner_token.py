from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from registration.checkin import scanner_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for a scanning device or check-in tool, acting as the given user "
        "(who needs the scan permission). The key is printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Email of the staff account the token acts as")
        parser.add_argument("--name", required=True, help="Which device or tool uses it, e.g. 'Gate B tablet'")

    def handle(self, *args, email, name, **options):
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the email {email}.")
        if not user.has_perm("registration.scan_badges"):
            raise CommandError(f"{email} may not scan badges: add them to the 'Check-in staff' group first.")
        token, key = scanner_token_create(user=user, name=name)
        self.stdout.write(f"Token {token.name!r} for {email}. Send with every request:")
        self.stdout.write(f"Authorization: Token {key}")
