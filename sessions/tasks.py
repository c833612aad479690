"""Celery tasks of the agenda: the beat task that emails the change notices
that are due (``sessions.notices``)."""

import logging

from celery import shared_task

from sessions.notices import due_notice_ids, notice_send

logger = logging.getLogger(__name__)


@shared_task
def send_change_notices() -> dict:
    """Every minute (beat): write the email of each notice due. Each notice
    is its own transaction, sent at most once (a second worker skips the
    rows the first holds); one that fails stays due, for the next run, and
    the others go."""
    sent = failed = 0
    for notice_id in due_notice_ids():
        try:
            sent += notice_send(notice_id=notice_id)
        except Exception:  # noqa: BLE001 - logged; the notice stays due and is tried again
            failed += 1
            logger.exception("Could not write change notice %s", notice_id)
    return {"sent": sent, "failed": failed}
