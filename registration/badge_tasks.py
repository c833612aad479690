"""Celery tasks for badges: building a bulk badge PDF."""

import logging

from celery import shared_task

from registration.models import BadgeBatch

logger = logging.getLogger(__name__)


@shared_task(name="registration.badge_tasks.build_badge_batch")
def build_badge_batch(*, batch_id: int) -> None:
    """Build a batch's PDF; nothing to do if it is gone or already built."""
    from registration.checkin import badge_batch_build, badge_batch_fail

    batch = BadgeBatch.objects.select_related("event").filter(pk=batch_id).first()
    if batch is None or batch.state == BadgeBatch.State.DONE:
        return
    try:
        badge_batch_build(batch=batch)
    except Exception as error:
        logger.exception("Badge batch %s failed", batch_id)
        badge_batch_fail(batch=batch, error=f"{type(error).__name__}: {error}")
        raise
