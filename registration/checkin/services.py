"""Check-in writes: a scan's verdict and its log row, manual check-in, undo.

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
import hashlib
import zoneinfo
from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.badges.tokens import MAX_CODE_LENGTH
from registration.checkin import doors
from registration.checkin.answers import ScanAnswer, scan_message
from registration.checkin.models import Direction, Scan, ScanResult
from registration.checkin.selectors import registration_for_code
from registration.models import Registration, RegistrationStatus
from sessions.models import EventPage, Session

# How far from the event's days an offline scan's ``scanned_at`` may be: a
# scanner's clock set a day wrong still uploads, a made-up date does not.
SCANNED_AT_MARGIN = datetime.timedelta(days=1)


class NonceReused(Exception):
    """A scan's nonce was already used for another code or by someone else:
    the first answer is not theirs to see."""


@dataclass(frozen=True)
class ScanContext:
    """Where and how a scan was made, beyond the code: the session's door
    (None: the event's entrance) and the direction, and for a scan made
    offline and uploaded later, what the device showed and which device."""

    session_id: int | None = None
    direction: str = Direction.ENTRY
    offline: bool = False
    device_result: str = ""
    device_id: str = ""
    token_id: int | None = None


AT_THE_ENTRANCE = ScanContext()


def _is_conflict(context: ScanContext, result: str) -> bool:
    """An offline scan the device let in that the server refuses: mostly a
    badge checked in offline on two devices (the second is "already in")."""
    return context.offline and context.device_result == ScanResult.OK and result != ScanResult.OK


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
    if registration.status == RegistrationStatus.CONFIRMED and registration.checked_in_at is None:
        updated = Registration.objects.filter(
            pk=registration.pk, status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=True
        ).update(checked_in_at=when, checked_in_gate=gate, updated_at=timezone.now())
        if updated:
            registration.checked_in_at, registration.checked_in_gate = when, gate
            return ScanResult.OK
        registration.refresh_from_db(fields=["status", "checked_in_at", "checked_in_gate"])
    if registration.status == RegistrationStatus.CANCELLED:
        return ScanResult.CANCELLED
    if registration.status != RegistrationStatus.CONFIRMED:
        return ScanResult.NOT_CONFIRMED
    return ScanResult.ALREADY_CHECKED_IN


def _stored_code(code: str) -> str:
    # PostgreSQL text cannot hold NUL: keep the rest of what was read.
    return code[:MAX_CODE_LENGTH].replace("\x00", "\ufffd")


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
        registration, _superseded = registration_for_code(code)
    if scan.session_id is not None:
        message, session = doors.replayed_door(scan, registration)
        return ScanAnswer(scan.result, registration, message, scan.pk, conflict=scan.conflict, session=session)
    return ScanAnswer(
        scan.result, registration, scan_message(scan.result, registration), scan.pk, conflict=scan.conflict
    )


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
    context: ScanContext = AT_THE_ENTRANCE,
    door: Session | None = None,
) -> ScanAnswer:
    # In UTC, as read back from the database: a replayed answer says the same.
    when = (scanned_at or timezone.now()).astimezone(datetime.UTC)
    outcome = None
    code = _stored_code(code)
    try:
        # A retried nonce is not looked up first (one query less on every
        # scan): its INSERT fails on the unique nonce, which rolls back this
        # transaction's check-in too, and the first answer is replayed.
        with transaction.atomic():
            if door is not None:
                outcome = doors.door_verdict(registration, session=door, direction=context.direction, when=when)
                result = outcome.result
            elif registration is None:
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
                session_id=context.session_id,
                direction=context.direction,
                offline=context.offline,
                device_result=context.device_result,
                device_id=context.device_id,
                token_id=context.token_id,
                conflict=_is_conflict(context, result),
            )
    except IntegrityError:
        replayed = _replay(nonce=nonce, code=code, staff=staff) if nonce else None
        if replayed is None:
            raise
        return replayed
    if outcome is not None:
        message = doors.door_message(result, registration, session=door, attendance=outcome.attendance)
        if result == ScanResult.INVALID and superseded:
            message = scan_message(result, registration, superseded=True)
        return ScanAnswer(
            result,
            registration,
            message,
            scan.pk,
            conflict=scan.conflict,
            session=doors.session_json(door, outcome.inside),
        )
    return ScanAnswer(
        result,
        registration,
        scan_message(result, registration, superseded=superseded),
        scan.pk,
        conflict=scan.conflict,
    )


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
    context: ScanContext = AT_THE_ENTRANCE,
) -> ScanAnswer:
    """Record one scan of a badge code at the event ``event_id`` and give
    its verdict. ``context`` says where (a session's door, see ``doors``:
    a session of another event is a ValidationError) and, for a scan
    uploaded after it was made offline, what the device showed.
    ``allowed_event_ids`` are the events the caller may check
    people in at (``sessions.permissions.checkin_event_ids``; None: every
    event); the caller has made sure ``event_id`` is one of them. Without
    ``event_id``, a badge of an event outside them is "wrong event".

    Anything that is not a genuine, current token of this site is
    "invalid"; an unknown event or a ``scanned_at`` far from the event's
    days is a ValidationError, a nonce already used for another scan is
    NonceReused."""
    door = None
    if context.session_id is not None:
        door = doors.door_session(context.session_id, event_id=event_id, allowed_event_ids=allowed_event_ids)
        event_id = door.event_id
    registration, superseded = registration_for_code(code)
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
        context=context,
        door=door,
    )


def registration_check_in(
    *,
    registration: Registration,
    staff: AbstractBaseUser,
    event: EventPage,
    gate: str = "",
    nonce: str | None = None,
    context: ScanContext = AT_THE_ENTRANCE,
) -> ScanAnswer:
    """Check in someone found by name or reference (no badge at hand) at
    ``event``, which the caller may check people in at; with a session in
    ``context``, let them through that session's door instead."""
    door = None
    if context.session_id is not None:
        door = doors.door_session(context.session_id, event_id=event.pk, allowed_event_ids=None)
    return _record(
        registration=registration,
        code=f"manual:{registration.reference}",
        staff=staff,
        event_id=event.pk,
        allowed_event_ids=None,
        gate=gate,
        nonce=nonce,
        scanned_at=None,
        context=context,
        door=door,
    )


@transaction.atomic
def scan_undo(*, scan: Scan, by: AbstractBaseUser) -> Registration:
    """Undo a mistaken check-in: the scan is marked undone and the
    registration is no longer checked in (unless a later scan did it)."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    if scan.result != ScanResult.OK or scan.registration_id is None or scan.session_id is not None:
        raise ValidationError(_("Only a scan that checked someone in can be undone."))
    if scan.undone_at is not None:
        raise ValidationError(_("This check-in was already undone."))
    scan.undone_at = timezone.now()
    scan.save(update_fields=["undone_at"])
    Registration.objects.filter(pk=scan.registration_id, checked_in_at=scan.scanned_at).update(
        checked_in_at=None, checked_in_gate="", updated_at=timezone.now()
    )
    return Registration.objects.select_related("event", "category").get(pk=scan.registration_id)
