"""Celery tasks of visa letters: building and emailing an issued letter."""

from celery import shared_task

from registration.visas.models import VisaLetterRequest
from registration.visas.sending import visa_letter_send


@shared_task
def send_visa_letter(*, request_id: int) -> None:
    """Email an issued letter; nothing to do if the request is gone, no
    longer issued or already emailed (the outbox's key makes it once)."""
    request = VisaLetterRequest.objects.filter(pk=request_id).only("pk").first()
    if request is None:
        return
    visa_letter_send(request=request)
