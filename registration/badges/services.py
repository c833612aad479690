"""Badge writes: reissuing a lost badge, queuing a bulk print batch (drawn
by ``tasks.build_badge_batch`` with ``printing.badge_batch_build``)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registration.badges.models import BadgeBatch
from registration.badges.selectors import badge_batch_registrations, parse_references
from registration.badges.tasks import build_badge_batch
from registration.models import Category, Registration, RegistrationLogEntry, RegistrationStatus
from sessions.models import EventPage


@transaction.atomic
def badge_reissue(*, registration: Registration, by: AbstractBaseUser | None) -> Registration:
    """A new badge for a lost one: the version goes up, so the old QR code
    scans as invalid from now on. Recorded in the registration's history."""
    Registration.objects.filter(pk=registration.pk).update(
        badge_version=F("badge_version") + 1, updated_at=timezone.now()
    )
    registration.refresh_from_db(fields=["badge_version", "status", "updated_at"])
    RegistrationLogEntry.objects.create(
        registration=registration,
        from_status=registration.status,
        to_status=registration.status,
        by=by,
        reason=gettext("Badge reissued (version %(version)s).") % {"version": registration.badge_version},
    )
    return registration


def badge_batch_create(
    *,
    event: EventPage,
    by: AbstractBaseUser,
    layout: str = BadgeBatch.Layout.A4_FOUR,
    category: Category | None = None,
    attendance_mode: str = "",
    references: str = "",
) -> BadgeBatch:
    """Queue a bulk badge PDF; the task builds it after commit."""
    if category is not None and category.event_id != event.pk:
        raise ValidationError({"category": _("This category belongs to another event.")})
    wanted = parse_references(references)
    if wanted:
        found = set(
            Registration.objects.filter(
                event=event, status=RegistrationStatus.CONFIRMED, reference__in=wanted
            ).values_list("reference", flat=True)
        )
        unknown = [reference for reference in wanted if reference not in found]
        if unknown:
            raise ValidationError(
                {
                    "references": _("No confirmed registration of this event has these references: %(refs)s")
                    % {"refs": ", ".join(unknown)}
                }
            )
    with transaction.atomic():
        batch = BadgeBatch(
            event=event,
            category=category,
            attendance_mode=attendance_mode,
            references="\n".join(wanted),
            layout=layout,
            created_by=by,
        )
        batch.full_clean(exclude=["file"])
        batch.total = badge_batch_registrations(batch).count()
        batch.save()
        transaction.on_commit(lambda: build_badge_batch.delay(batch_id=batch.pk))
    return batch
