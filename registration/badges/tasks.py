"""Celery tasks for badges: building a bulk badge PDF."""

import logging

from celery import shared_task

from registration.badges.models import BadgeBatch
from registration.badges.printing import badge_batch_build, badge_batch_fail

logger = logging.getLogger(__name__)


# Named as before the move, so a batch queued by the previous release still runs.
@shared_task(name="registration.badge_tasks.build_badge_batch")
def build_badge_batch(*, batch_id: int) -> None:
    """Build a batch's PDF; nothing to do if it is gone or already built."""
    batch = BadgeBatch.objects.select_related("event").filter(pk=batch_id).first()
    if batch is None or batch.state == BadgeBatch.State.DONE:
        return
    try:
        badge_batch_build(batch=batch)
    except Exception as error:
        logger.exception("Badge batch %s failed", batch_id)
        badge_batch_fail(batch=batch, error=f"{type(error).__name__}: {error}")
        raise
