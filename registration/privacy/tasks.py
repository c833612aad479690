"""Celery tasks of personal data: the beat job that erases what is due."""

from celery import shared_task
from django.utils import timezone

from registration.privacy.services import retention_apply


@shared_task
def apply_retention() -> int:
    """Erase what each event's retention policy says is due today (nothing
    twice: what is erased no longer holds data). Returns how many erasures."""
    runs = retention_apply(today=timezone.localdate())
    return sum(run.erased for run in runs)
