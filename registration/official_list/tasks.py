"""Celery tasks of the official list: building its PDF."""

import logging

from celery import shared_task

from registration.official_list.building import participant_list_build, participant_list_fail
from registration.official_list.models import ParticipantListBuild

logger = logging.getLogger(__name__)


@shared_task
def build_participant_list(*, build_id: int) -> None:
    """Build a list's PDF; nothing to do if it is gone or already built."""
    build = ParticipantListBuild.objects.select_related("event").filter(pk=build_id).first()
    if build is None or build.state == ParticipantListBuild.State.DONE:
        return
    try:
        participant_list_build(build=build)
    except Exception as error:
        logger.exception("List of participants %s failed", build_id)
        participant_list_fail(build=build, error=f"{type(error).__name__}: {error}")
        raise
