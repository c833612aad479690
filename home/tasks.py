from celery import shared_task
from django.core.mail import send_mail
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
