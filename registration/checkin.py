"""Check-in: the scan verdict, manual check-in, undo, badge reissue and
bulk badge batches (services), and the reads the scanner needs (selectors).

The database guarantees one check-in per registration: the check-in is a
conditional ``UPDATE ... WHERE checked_in_at IS NULL``, so of two gates
scanning one badge at the same moment exactly one updates the row; the other
sees zero rows and answers "already checked in". A scan's optional nonce is
unique in the database, so a retried request records one scan and replays
the first answer (to the same person, for the same code only).

Who may check in where is decided by ``sessions.permissions``; the services
here get its answer (``allowed_event_ids``, None for every event) so that a
badge of an event the caller does not work at is "wrong event" and shows no
more than the person's name and that event's title.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import zoneinfo
from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from registration import badges
from registration.models import (
    BadgeBatch,
    Category,
    Registration,
    Scan,
    ScanResult,
    Status,
    StatusChange,
)
from sessions import permissions
from sessions.models import EventPage

SEARCH_LIMIT = 25
# How far from the event's days an offline scan's ``scanned_at`` may be: a
# scanner's clock set a day wrong still uploads, a made-up date does not.
SCANNED_AT_MARGIN = datetime.timedelta(days=1)


class NonceReused(Exception):
    """A scan's nonce was already used for another code or by someone else:
    the first answer is not theirs to see."""


@dataclass
class ScanAnswer:
    """What the scanner shows: the verdict, whose badge, a sentence."""

    result: str
    registration: Registration | None
    message: str
    scan_id: int | None = None

    def as_json(self) -> dict:
        if self.registration is None:
            shown = None
        elif self.result == ScanResult.WRONG_EVENT:
            shown = wrong_event_json(self.registration)
        else:
            shown = registration_json(self.registration)
        return {"result": self.result, "registration": shown, "message": str(self.message), "scan": self.scan_id}


def local_time(registration: Registration, moment: datetime.datetime) -> str:
    return timezone.localtime(moment, registration.event.tz).strftime("%H:%M")


def registration_json(registration: Registration) -> dict:
    checked_in_at = registration.checked_in_at
    return {
        "reference": registration.reference,
        "name": registration.full_name,
        "organisation": registration.organisation,
        "country": str(registration.country.name) if registration.country else "",
        "category": registration.category.name,
        "category_colour": registration.category.badge_colour,
        "status": registration.status,
        "event": registration.event.title,
        "checked_in_at": checked_in_at.isoformat() if checked_in_at else None,
        "checked_in_time": local_time(registration, checked_in_at) if checked_in_at else None,
        "checked_in_gate": registration.checked_in_gate,
    }


def wrong_event_json(registration: Registration) -> dict:
    """What a badge of another event shows: whose it is and for which event,
    so that the person can be sent to the right door; nothing more."""
    return {"name": registration.full_name, "event": registration.event.title}


def _message(result: str, registration: Registration | None, *, superseded: bool = False) -> str:
    if result == ScanResult.OK:
        return gettext("Checked in.")
    if result == ScanResult.ALREADY_CHECKED_IN:
        time = local_time(registration, registration.checked_in_at)
        if registration.checked_in_gate:
            return gettext("Already checked in at %(time)s (gate %(gate)s).") % {
                "time": time,
                "gate": registration.checked_in_gate,
            }
        return gettext("Already checked in at %(time)s.") % {"time": time}
    if result == ScanResult.CANCELLED:
        return gettext("This registration was cancelled.")
    if result == ScanResult.NOT_CONFIRMED:
        return gettext("This registration is not confirmed (%(status)s).") % {
            "status": registration.get_status_display()
        }
    if result == ScanResult.WRONG_EVENT:
        return gettext("This badge is for another event: %(event)s.") % {"event": registration.event.title}
    if superseded:
        return gettext("This badge was replaced by a newer one and is no longer valid.")
    return gettext("Invalid badge: this code was not issued by this site.")


# What a scan's answer shows of the registration, and no more.
SCAN_FIELDS = (
    "id",
    "reference",
    "event_id",
    "category_id",
    "status",
    "honorific",
    "first_name",
    "last_name",
    "organisation",
    "country",
    "badge_version",
    "checked_in_at",
    "checked_in_gate",
)


@functools.cache
def _scan_lookup_sql() -> str:
    """The registration a badge names, with its event's title, days and time
    zone and its category's name and colour, in one SELECT. Written out because it
    is the hottest query of the site (every scan at the door): the ORM took
    1.4 ms of CPU to build it, this takes 0.3 ms, and RawQuerySet still
    converts the values as the ORM does (dates on SQLite)."""
    registration, event, page, category = (model._meta.db_table for model in (Registration, EventPage, Page, Category))
    columns = ", ".join(f"r.{Registration._meta.get_field(name).column}" for name in SCAN_FIELDS)
    return (
        f"SELECT {columns}, p.title AS scan_event_title, e.time_zone AS scan_event_time_zone, "
        "e.start_date AS scan_event_start_date, e.end_date AS scan_event_end_date, "
        "c.name AS scan_category_name, c.badge_colour AS scan_category_colour "
        f"FROM {registration} r "
        f"JOIN {event} e ON e.page_ptr_id = r.event_id "
        f"JOIN {page} p ON p.id = r.event_id "
        f"JOIN {category} c ON c.id = r.category_id "
        "WHERE r.reference = %s"
    )


def _partial(model, db: str, **values):
    """An instance of ``model`` with these fields loaded (the others load on
    first use), made as the ORM makes the objects of a select_related."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


def _as_date(value) -> datetime.date:
    """A date column read by raw SQL: SQLite gives its text."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def _scan_registration(reference: str) -> Registration | None:
    found = list(Registration.objects.raw(_scan_lookup_sql(), [reference]))
    if not found:
        return None
    registration = found[0]
    db = registration._state.db
    registration.event = _partial(
        EventPage,
        db,
        id=registration.event_id,
        page_ptr_id=registration.event_id,
        title=registration.scan_event_title,
        time_zone=registration.scan_event_time_zone,
        start_date=_as_date(registration.scan_event_start_date),
        end_date=_as_date(registration.scan_event_end_date),
    )
    registration.category = _partial(
        Category,
        db,
        id=registration.category_id,
        name=registration.scan_category_name,
        badge_colour=registration.scan_category_colour,
    )
    return registration


def _registration_for_code(code: object) -> tuple[Registration | None, bool]:
    """The registration a genuine, current token names; and whether the
    token was genuine but superseded by a reissued badge."""
    token = badges.parse_token(code)
    if token is None:
        return None, False
    registration = _scan_registration(token.reference)
    if registration is None or not badges.signature_is_valid(token, event_id=registration.event_id):
        return None, False
    if token.version != registration.badge_version:
        return None, True
    return registration, False


def _is_wrong_event(
    registration: Registration, *, event_id: int | None, allowed_event_ids: Collection[int] | None
) -> bool:
    """A badge of another event than the one scanned at; with no event
    given, of an event the caller does not check people in at."""
    if event_id is not None:
        return registration.event_id != event_id
    return allowed_event_ids is not None and registration.event_id not in allowed_event_ids


def _verdict(
    registration: Registration,
    *,
    event_id: int | None,
    allowed_event_ids: Collection[int] | None,
    gate: str,
    when: datetime.datetime,
) -> str:
    """Check the registration in if it may be; runs inside the transaction.

    What was read a moment ago decides without another query when it says
    no (already in, cancelled): the morning's repeat scans cost less. When
    it says yes, the conditional UPDATE decides, and a scan that lost the
    race to another gate reads what that gate wrote."""
    if _is_wrong_event(registration, event_id=event_id, allowed_event_ids=allowed_event_ids):
        return ScanResult.WRONG_EVENT
    if registration.status == Status.CONFIRMED and registration.checked_in_at is None:
        updated = Registration.objects.filter(
            pk=registration.pk, status=Status.CONFIRMED, checked_in_at__isnull=True
        ).update(checked_in_at=when, checked_in_gate=gate, updated_at=timezone.now())
        if updated:
            registration.checked_in_at, registration.checked_in_gate = when, gate
            return ScanResult.OK
        registration.refresh_from_db(fields=["status", "checked_in_at", "checked_in_gate"])
    if registration.status == Status.CANCELLED:
        return ScanResult.CANCELLED
    if registration.status != Status.CONFIRMED:
        return ScanResult.NOT_CONFIRMED
    return ScanResult.ALREADY_CHECKED_IN


def _stored_code(code: str) -> str:
    # PostgreSQL text cannot hold NUL: keep the rest of what was read.
    return code[: badges.MAX_CODE_LENGTH].replace("\x00", "\ufffd")


def _masked_code(code: str) -> str:
    """What the scan log keeps of another event's badge: not the code, which
    still opens that event's doors, nor whose it is; enough to match a retry."""
    return "wrong-event:" + hashlib.sha256(code.encode()).hexdigest()[:40]


def _replay(*, nonce: str, code: str, staff: AbstractBaseUser) -> ScanAnswer | None:
    """The first answer given for ``nonce``, if that scan was of the same
    code by the same person; None if there is no such scan."""
    scan = Scan.objects.select_related("registration__event", "registration__category").filter(nonce=nonce).first()
    if scan is None:
        return None
    if scan.code not in (code, _masked_code(code)) or scan.staff_id != staff.pk:
        raise NonceReused
    registration = scan.registration
    if scan.result == ScanResult.WRONG_EVENT:
        registration, _superseded = _registration_for_code(code)
    return ScanAnswer(scan.result, registration, _message(scan.result, registration), scan.pk)


def _record(
    *,
    registration: Registration | None,
    code: str,
    staff: AbstractBaseUser,
    event_id: int | None,
    allowed_event_ids: Collection[int] | None,
    gate: str,
    nonce: str | None,
    scanned_at: datetime.datetime | None,
    superseded: bool = False,
) -> ScanAnswer:
    when = scanned_at or timezone.now()
    code = _stored_code(code)
    try:
        # A retried nonce is not looked up first (one query less on every
        # scan): its INSERT fails on the unique nonce, which rolls back this
        # transaction's check-in too, and the first answer is replayed.
        with transaction.atomic():
            if registration is None:
                result = ScanResult.INVALID
            else:
                result = _verdict(
                    registration, event_id=event_id, allowed_event_ids=allowed_event_ids, gate=gate, when=when
                )
            wrong_event = result == ScanResult.WRONG_EVENT
            if event_id is None and registration is not None and not wrong_event:
                event_id = registration.event_id  # the badge's event, which the caller works at
            scan = Scan.objects.create(
                event_id=event_id,
                # Another event's participant stays out of this event's log.
                registration=None if wrong_event else registration,
                code=_masked_code(code) if wrong_event else code,
                gate=gate,
                staff=staff,
                result=result,
                scanned_at=when,
                nonce=nonce or None,
            )
    except IntegrityError:
        replayed = _replay(nonce=nonce, code=code, staff=staff) if nonce else None
        if replayed is None:
            raise
        return replayed
    return ScanAnswer(result, registration, _message(result, registration, superseded=superseded), scan.pk)


@dataclass(frozen=True)
class _EventDays:
    start_date: datetime.date
    end_date: datetime.date
    time_zone: str


def _event_days(event_id: int | None, registration: Registration | None) -> _EventDays | None:
    """The days of the event a scan is made at (the badge's when none is
    given), which must exist: the registration's own needs no query (the
    common case); any other is looked up."""
    if registration is not None and event_id in (None, registration.event_id):
        event = registration.event
        return _EventDays(event.start_date, event.end_date, event.time_zone)
    if event_id is None:
        return None
    found = EventPage.objects.filter(pk=event_id).values_list("start_date", "end_date", "time_zone").first()
    if found is None:
        raise ValidationError(_("There is no such event."), code="unknown_event")
    return _EventDays(*found)


def _check_scanned_at(scanned_at: datetime.datetime, days: _EventDays) -> None:
    """An offline scan is uploaded with the time it was made: it must fall
    on the event's days, give or take SCANNED_AT_MARGIN, in its time zone."""
    day = timezone.localtime(scanned_at, zoneinfo.ZoneInfo(days.time_zone)).date()
    if days.start_date - SCANNED_AT_MARGIN <= day <= days.end_date + SCANNED_AT_MARGIN:
        return
    raise ValidationError(
        _("scanned_at is too far from the days of the event (%(start)s to %(end)s)."),
        code="scanned_at_outside_event",
        params={"start": days.start_date.isoformat(), "end": days.end_date.isoformat()},
    )


def scan_record(
    *,
    code: object,
    staff: AbstractBaseUser,
    allowed_event_ids: Collection[int] | None,
    event_id: int | None = None,
    gate: str = "",
    nonce: str | None = None,
    scanned_at: datetime.datetime | None = None,
) -> ScanAnswer:
    """Record one scan of a badge code at the event ``event_id`` and give
    its verdict. ``allowed_event_ids`` are the events the caller may check
    people in at (``sessions.permissions.checkin_event_ids``; None: every
    event); the caller has made sure ``event_id`` is one of them. Without
    ``event_id``, a badge of an event outside them is "wrong event".

    Anything that is not a genuine, current token of this site is
    "invalid"; an unknown event or a ``scanned_at`` far from the event's
    days is a ValidationError, a nonce already used for another scan is
    NonceReused."""
    registration, superseded = _registration_for_code(code)
    days = _event_days(event_id, registration)
    if scanned_at is not None and days is not None:
        _check_scanned_at(scanned_at, days)
    return _record(
        registration=registration,
        code=code if isinstance(code, str) else "",
        staff=staff,
        event_id=event_id,
        allowed_event_ids=allowed_event_ids,
        gate=gate,
        nonce=nonce,
        scanned_at=scanned_at,
        superseded=superseded,
    )


def registration_check_in(
    *,
    registration: Registration,
    staff: AbstractBaseUser,
    event: EventPage,
    gate: str = "",
    nonce: str | None = None,
) -> ScanAnswer:
    """Check in someone found by name or reference (no badge at hand) at
    ``event``, which the caller may check people in at."""
    return _record(
        registration=registration,
        code=f"manual:{registration.reference}",
        staff=staff,
        event_id=event.pk,
        allowed_event_ids=None,
        gate=gate,
        nonce=nonce,
        scanned_at=None,
    )


@transaction.atomic
def scan_undo(*, scan: Scan, by: AbstractBaseUser) -> Registration:
    """Undo a mistaken check-in: the scan is marked undone and the
    registration is no longer checked in (unless a later scan did it)."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    if scan.result != ScanResult.OK or scan.registration_id is None:
        raise ValidationError(_("Only a scan that checked someone in can be undone."))
    if scan.undone_at is not None:
        raise ValidationError(_("This check-in was already undone."))
    scan.undone_at = timezone.now()
    scan.save(update_fields=["undone_at"])
    Registration.objects.filter(pk=scan.registration_id, checked_in_at=scan.scanned_at).update(
        checked_in_at=None, checked_in_gate="", updated_at=timezone.now()
    )
    return Registration.objects.select_related("event", "category").get(pk=scan.registration_id)


@transaction.atomic
def badge_reissue(*, registration: Registration, by: AbstractBaseUser | None) -> Registration:
    """A new badge for a lost one: the version goes up, so the old QR code
    scans as invalid from now on. Recorded in the registration's history."""
    Registration.objects.filter(pk=registration.pk).update(
        badge_version=F("badge_version") + 1, updated_at=timezone.now()
    )
    registration.refresh_from_db(fields=["badge_version", "status", "updated_at"])
    StatusChange.objects.create(
        registration=registration,
        from_status=registration.status,
        to_status=registration.status,
        by=by,
        reason=gettext("Badge reissued (version %(version)s).") % {"version": registration.badge_version},
    )
    return registration


# --- bulk badges ------------------------------------------------------------------------


def parse_references(text: str) -> list[str]:
    return [item.strip().upper() for item in text.replace(",", " ").split() if item.strip()]


def badge_batch_registrations(batch: BadgeBatch) -> QuerySet[Registration]:
    """The confirmed registrations a batch prints, sorted by last name."""
    registrations = Registration.objects.filter(event_id=batch.event_id, status=Status.CONFIRMED)
    if batch.category_id:
        registrations = registrations.filter(category_id=batch.category_id)
    if batch.attendance_mode:
        registrations = registrations.filter(attendance_mode=batch.attendance_mode)
    references = parse_references(batch.references)
    if references:
        registrations = registrations.filter(reference__in=references)
    return registrations.select_related("event", "category").order_by(
        Lower("last_name"), Lower("first_name"), "reference"
    )


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
    from registration.badge_tasks import build_badge_batch

    if category is not None and category.event_id != event.pk:
        raise ValidationError({"category": _("This category belongs to another event.")})
    wanted = parse_references(references)
    if wanted:
        found = set(
            Registration.objects.filter(event=event, status=Status.CONFIRMED, reference__in=wanted).values_list(
                "reference", flat=True
            )
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


def badge_batch_build(*, batch: BadgeBatch) -> BadgeBatch:
    """Draw the batch's PDF, recording progress as it goes (each progress
    step is its own small write, visible at once to the progress page)."""
    registrations = badge_batch_registrations(batch)
    total = registrations.count()
    BadgeBatch.objects.filter(pk=batch.pk).update(state=BadgeBatch.State.RUNNING, total=total, done=0, error="")

    def progress(done: int) -> None:
        BadgeBatch.objects.filter(pk=batch.pk).update(done=done)

    pdf = badges.render_badges_pdf(registrations.iterator(chunk_size=500), layout=batch.layout, progress=progress)
    with transaction.atomic():
        batch.refresh_from_db()
        previous = batch.file.name
        # Into the private storage, under an unguessable name (the field's
        # upload_to): only badge_batch_download hands it out.
        batch.file.save("badges.pdf", ContentFile(pdf), save=False)
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


# --- selectors --------------------------------------------------------------------------


def checkin_counts(*, event: EventPage) -> dict:
    """Checked in against confirmed, in total and by category (one query)."""
    confirmed = Q(registrations__status=Status.CONFIRMED)
    categories = (
        Category.objects.filter(event=event)
        .annotate(
            confirmed=Count("registrations", filter=confirmed),
            checked_in=Count("registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False)),
        )
        .order_by("sort_order", "name")
    )
    rows = [
        {
            "category": category.name,
            "colour": category.badge_colour,
            "checked_in": category.checked_in,
            "confirmed": category.confirmed,
        }
        for category in categories
    ]
    return {
        "checked_in": sum(row["checked_in"] for row in rows),
        "confirmed": sum(row["confirmed"] for row in rows),
        "categories": rows,
    }


def checkin_search(*, event: EventPage, query: str) -> list[Registration]:
    """Confirmed registrations of the event matching every word of the query
    in the name, organisation, email or reference (for people without a
    badge): the only ones who may be checked in, so the only ones shown."""
    words = query.split()[:5]
    if not words:
        return []
    registrations = Registration.objects.filter(event=event, status=Status.CONFIRMED)
    for word in words:
        registrations = registrations.filter(
            Q(reference__iexact=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(organisation__icontains=word)
            | Q(email__icontains=word)
        )
    return list(
        registrations.select_related("event", "category").order_by(Lower("last_name"), Lower("first_name"))[
            :SEARCH_LIMIT
        ]
    )


def scanner_events(user) -> QuerySet[EventPage]:
    """The live events the user may check people in at, the latest first."""
    return permissions.checkin_events(user).live()


def participant_badge_registration(*, user, reference: str) -> Registration | None:
    """The signed-in participant's own confirmed registration, else None."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.select_related("event", "category")
        .filter(user=user, reference=reference.upper(), status=Status.CONFIRMED)
        .first()
    )
