"""Building a list's PDF: the work of ``tasks.build_participant_list``, with
its state, the number of people listed and any failure recorded on the
build."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from registration.official_list import pdf
from registration.official_list.models import ParticipantListBuild
from registration.official_list.selectors import participant_list


def participant_list_build(*, build: ParticipantListBuild) -> ParticipantListBuild:
    """Draw the build's PDF from the list as it is now. Each step is its own
    small write, visible at once to the progress page."""
    ParticipantListBuild.objects.filter(pk=build.pk).update(
        state=ParticipantListBuild.State.RUNNING, total=0, error="", finished_at=None
    )
    listing = participant_list(event=build.event, language=build.language)
    ParticipantListBuild.objects.filter(pk=build.pk).update(total=listing.total)
    document = pdf.render_participant_list_pdf(listing, event=build.event, final=build.final)
    with transaction.atomic():
        build.refresh_from_db()
        previous = build.file.name
        # Into the private storage, under an unguessable name (the field's
        # upload_to): only the permission-checked views hand it out.
        build.file.save("participants.pdf", ContentFile(document), save=False)
        build.state = ParticipantListBuild.State.DONE
        build.total = listing.total
        build.listed = listing.registration_ids()
        build.finished_at = timezone.now()
        build.save(update_fields=["file", "state", "total", "listed", "finished_at"])
        if previous:
            storage = build.file.storage
            transaction.on_commit(lambda: storage.delete(previous))
    return build


def participant_list_fail(*, build: ParticipantListBuild, error: str) -> None:
    ParticipantListBuild.objects.filter(pk=build.pk).update(
        state=ParticipantListBuild.State.FAILED, error=error[:2000], finished_at=timezone.now()
    )
