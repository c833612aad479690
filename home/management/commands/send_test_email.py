from django.core.management.base import BaseCommand
from django.core.validators import validate_email

from home.tasks import send_test_email


class Command(BaseCommand):
    help = "Queue a test email through Celery and wait for the worker to send it."

    def add_arguments(self, parser):
        parser.add_argument("to", help="Recipient address")
        parser.add_argument("--timeout", type=float, default=60)

    def handle(self, *args, to, timeout, **options):
        validate_email(to)
        result = send_test_email.delay(to=to)
        result.get(timeout=timeout)
        self.stdout.write(self.style.SUCCESS(f"Sent to {to}."))
