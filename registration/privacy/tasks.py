"""Celery tasks of personal data: the beat job that erases what is due,
and the anonymisation of an ended event's registrations (thousands of
them: not in the organiser's request)."""

from celery import shared_task
from django.utils import timezone

from registration.privacy.services import event_anonymise, retention_apply


@shared_task
def apply_retention() -> int:
    """Erase what each event's retention policy says is due today (nothing
    twice: what is erased no longer holds data). Returns how many erasures."""
    runs = retention_apply(today=timezone.localdate())
    return sum(run.erased for run in runs)


@shared_task
def anonymise_event(event_id: int, by_id: int | None) -> int:
    from django.contrib.auth import get_user_model

    from sessions.models import EventPage

    event = EventPage.objects.get(pk=event_id)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    return event_anonymise(event=event, by=by)
