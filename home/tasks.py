import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives, send_mail
from django.utils.translation import gettext as _


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_test_email(*, to: str) -> str:
    """Send a test message through the worker: checks broker, worker and mail
    server together (``manage.py send_test_email``)."""
    send_mail(
        subject=_("Forum site: test email"),
        message=_("This message was sent by a Celery worker. Email delivery works."),
        from_email=None,
        recipient_list=[to],
    )
    return to


@shared_task(autoretry_for=(OSError, smtplib.SMTPException), retry_backoff=True, max_retries=8)
def send_email_message(*, payload: dict) -> None:
    """Send an email already rendered in the request (account emails)."""
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload.get("from_email"),
        to=payload["to"],
        headers=payload.get("headers") or {},
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    message.send()
