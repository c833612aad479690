"""Drawing a bulk badge batch: the work of ``tasks.build_badge_batch``,
with its progress and its failure recorded on the batch."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from registration.badges import pdf
from registration.badges.models import BadgeBatch
from registration.badges.selectors import badge_batch_registrations


def badge_batch_build(*, batch: BadgeBatch) -> BadgeBatch:
    """Draw the batch's PDF, recording progress as it goes (each progress
    step is its own small write, visible at once to the progress page)."""
    registrations = badge_batch_registrations(batch)
    total = registrations.count()
    BadgeBatch.objects.filter(pk=batch.pk).update(state=BadgeBatch.State.RUNNING, total=total, done=0, error="")

    def progress(done: int) -> None:
        BadgeBatch.objects.filter(pk=batch.pk).update(done=done)

    document = pdf.render_badges_pdf(registrations.iterator(chunk_size=500), layout=batch.layout, progress=progress)
    with transaction.atomic():
        batch.refresh_from_db()
        previous = batch.file.name
        # Into the private storage, under an unguessable name (the field's
        # upload_to): only badge_batch_download hands it out.
        batch.file.save("badges.pdf", ContentFile(document), save=False)
        batch.state = BadgeBatch.State.DONE
        batch.done = batch.total = total
        batch.finished_at = timezone.now()
        batch.save(update_fields=["file", "state", "done", "total", "finished_at"])
        if previous:
            storage = batch.file.storage
            transaction.on_commit(lambda: storage.delete(previous))
    return batch


def badge_batch_fail(*, batch: BadgeBatch, error: str) -> None:
    BadgeBatch.objects.filter(pk=batch.pk).update(
        state=BadgeBatch.State.FAILED, error=error[:2000], finished_at=timezone.now()
    )
