"""Scans at a session's door: who may enter (a closed session admits only
its categories, its invited people and its own speakers), whether the room
has a seat left, and who is inside now.

The count of people inside is read and changed under a lock on the
session's row (``SELECT ... FOR UPDATE``), taken by every scan at that
session's doors and by nothing else: two doors of one room cannot both let
in the last person. The event's entrance check-in (``checked_in_at``) is
not touched here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registration.checkin.answers import scan_message
from registration.checkin.models import Direction, ScanResult, SessionAccess, SessionAttendance
from registration.models import Registration, RegistrationStatus
from sessions.models import Session, SessionSpeaker


@dataclass(frozen=True)
class DoorOutcome:
    """A door scan's verdict, the person's attendance row after it (None
    when they never entered) and how many are inside now."""

    result: str
    attendance: SessionAttendance | None
    inside: int


def door_session(session_id: int, *, event_id: int | None, allowed_event_ids) -> Session:
    """The session whose door is scanned at, which must be of ``event_id``
    (when given) and of an event the caller checks people in at; any other
    is refused without saying whether it exists."""
    session = Session.objects.select_related("room", "access", "event").filter(pk=session_id).first()
    if (
        session is None
        or (event_id is not None and session.event_id != event_id)
        or (allowed_event_ids is not None and session.event_id not in allowed_event_ids)
    ):
        raise ValidationError(_("There is no such session at this event."), code="unknown_session")
    return session


def session_capacity(session: Session) -> int | None:
    """The session's own capacity, else its room's; None: no limit."""
    if session.capacity is not None:
        return session.capacity
    return session.room.capacity if session.room_id else None


def session_access(session: Session) -> SessionAccess | None:
    try:
        return session.access
    except SessionAccess.DoesNotExist:
        return None


def speaker_registrations(session_ids) -> Q:
    """Registrations that belong to a speaker of one of the sessions: the
    speaker's account, or the same address (as registration finds them)."""
    speakers = SessionSpeaker.objects.filter(session_id__in=session_ids)
    by_account = speakers.filter(speaker__user_id=OuterRef("user_id"))
    by_email = (
        speakers.exclude(speaker__email="")
        .annotate(address=Lower("speaker__email"))
        .filter(address=Lower(OuterRef("email")))
    )
    return Q(Exists(by_account)) | Q(Exists(by_email))


def is_admitted(registration: Registration, session: Session) -> bool:
    """Whether the session's door lets this person in (one query for a
    closed session, none for an open one)."""
    access = session_access(session)
    if access is None or not access.closed:
        return True
    invited = SessionAccess.registrations.through.objects.filter(sessionaccess_id=access.pk)
    admitted_categories = SessionAccess.categories.through.objects.filter(sessionaccess_id=access.pk)
    return (
        Registration.objects.filter(pk=registration.pk)
        .filter(
            Q(category_id__in=admitted_categories.values("category_id"))
            | Q(pk__in=invited.values("registration_id"))
            | speaker_registrations([session.pk])
        )
        .exists()
    )


def inside_count(session: Session) -> int:
    return SessionAttendance.objects.filter(session=session, inside=True).count()


def _lock(session: Session) -> None:
    """The lock every scan at this session's doors takes first."""
    # No ordering: the default one joins the room, which FOR UPDATE refuses.
    list(Session.objects.select_for_update().filter(pk=session.pk).order_by().values_list("pk", flat=True))


def _enter(registration: Registration, session: Session, when: datetime.datetime) -> DoorOutcome:
    _lock(session)
    attendance = SessionAttendance.objects.filter(session=session, registration=registration).first()
    inside = inside_count(session)
    if attendance is not None and attendance.inside:
        return DoorOutcome(ScanResult.ALREADY_CHECKED_IN, attendance, inside)
    if attendance is not None and when < attendance.last_scan_at:
        # Uploaded late: a later scan (an exit) already decided where the
        # person is; the entry still counts as attended.
        attendance.first_entry_at = min(attendance.first_entry_at, when)
        attendance.entries += 1
        attendance.save(update_fields=["first_entry_at", "entries"])
        return DoorOutcome(ScanResult.OK, attendance, inside)
    capacity = session_capacity(session)
    if capacity is not None and inside >= capacity:
        return DoorOutcome(ScanResult.ROOM_FULL, attendance, inside)
    if attendance is None:
        attendance = SessionAttendance.objects.create(
            session=session, registration=registration, first_entry_at=when, last_scan_at=when, inside=True, entries=1
        )
    else:
        if not attendance.entries:  # only an exit was recorded before this entry
            attendance.first_entry_at = when
        attendance.inside, attendance.last_scan_at = True, when
        attendance.entries += 1
        attendance.save(update_fields=["first_entry_at", "inside", "last_scan_at", "entries"])
    return DoorOutcome(ScanResult.OK, attendance, inside + 1)


def _leave(registration: Registration, session: Session, when: datetime.datetime) -> DoorOutcome:
    _lock(session)
    attendance = SessionAttendance.objects.filter(session=session, registration=registration).first()
    if attendance is None:
        # An exit that arrives before its entry (the entry's door was
        # offline): kept, so that the entry, uploaded later, finds a later
        # scan and does not put the person inside for good. Not "attended"
        # until an entry comes.
        attendance = SessionAttendance.objects.create(
            session=session, registration=registration, first_entry_at=when, last_scan_at=when, inside=False, entries=0
        )
    elif when >= attendance.last_scan_at:
        attendance.inside, attendance.last_scan_at = False, when
        attendance.save(update_fields=["inside", "last_scan_at"])
    return DoorOutcome(ScanResult.LEFT, attendance, inside_count(session))


def door_verdict(
    registration: Registration | None, *, session: Session, direction: str, when: datetime.datetime
) -> DoorOutcome:
    """The verdict at the session's door; runs inside the scan's transaction.
    The badge checks of the entrance come first (invalid, another event,
    cancelled, not confirmed), then who the session admits, then the seats."""
    if registration is None:
        result = ScanResult.INVALID
    elif registration.event_id != session.event_id:
        result = ScanResult.WRONG_EVENT
    elif direction == Direction.EXIT:
        # Whoever leaves is let out and counted out, even if their
        # registration was cancelled or their badge reissued meanwhile.
        return _leave(registration, session, when)
    elif registration.status == RegistrationStatus.CANCELLED:
        result = ScanResult.CANCELLED
    elif registration.status != RegistrationStatus.CONFIRMED:
        result = ScanResult.NOT_CONFIRMED
    elif session.is_cancelled or not is_admitted(registration, session):
        result = ScanResult.NOT_ADMITTED
    else:
        return _enter(registration, session, when)
    return DoorOutcome(result, None, inside_count(session))


def door_message(
    result: str, registration: Registration | None, *, session: Session, attendance: SessionAttendance | None
) -> str:
    """The sentence for the person at the door."""
    if result == ScanResult.OK:
        return gettext("Admitted to this session.")
    if result == ScanResult.ALREADY_CHECKED_IN and attendance is not None:
        time = timezone.localtime(attendance.last_scan_at, session.event.tz).strftime("%H:%M")
        return gettext("Already inside since %(time)s.") % {"time": time}
    if result == ScanResult.ROOM_FULL:
        return gettext("The room is full (%(capacity)s places): wait until someone leaves.") % {
            "capacity": session_capacity(session)
        }
    if result == ScanResult.LEFT:
        return gettext("Left the session.")
    if result == ScanResult.NOT_ADMITTED:
        if session.is_cancelled:
            return gettext("This session is cancelled: nobody is admitted.")
        return gettext("Not admitted to this session.")
    return scan_message(result, registration)


def session_json(session: Session, inside: int) -> dict:
    """The session block of a door scan's answer: inside now, after it."""
    return {"id": session.pk, "title": session.title, "inside": inside, "capacity": session_capacity(session)}


def replayed_door(scan, registration: Registration | None) -> tuple[str, dict]:
    """The message and session block of a door scan answered before (its
    nonce sent again), from what is recorded now."""
    session = Session.objects.select_related("room", "event").get(pk=scan.session_id)
    attendance = None
    if registration is not None and scan.result == ScanResult.ALREADY_CHECKED_IN:
        attendance = SessionAttendance.objects.filter(session=session, registration=registration).first()
    message = door_message(scan.result, registration, session=session, attendance=attendance)
    return message, session_json(session, inside_count(session))
