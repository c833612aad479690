"""Operations that change agendas: create and move sessions, put speakers on
them, star sessions on a personal agenda and manage the private feed token.
Each is keyword-only and runs in one transaction. The admin writes through
them too: its forms validate the fields, these lock, check and save."""

import datetime
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from sessions.models import (
    AgendaFeedToken,
    CheckinStaff,
    EventPage,
    Session,
    SessionDocument,
    SessionSpeaker,
    SpeakerRole,
    StarredSession,
    Visibility,
    new_feed_token,
)
from sessions.notices import notices_record
from speakers.models import Speaker

# (speaker, role), in the order the session lists them.
SpeakerSlot = tuple[Speaker, str]
# (document, link text), in order.
DocumentSlot = tuple[object, str]

# The fields whose change makes calendars re-read the entry (SEQUENCE).
SCHEDULE_FIELDS = ("starts_at", "ends_at", "room_id", "is_cancelled", "visibility")


class SpeakerConflict(ValidationError):
    """A speaker who cannot be put on the session (already booked at that
    time, or listed twice); names the speaker, so that a form can show the
    message on that speaker's row."""

    def __init__(self, message: str, *, speaker_id: int):
        super().__init__(message, code="speaker_conflict")
        self.speaker_id = speaker_id


def _local_time(value: datetime.datetime, event: EventPage) -> str:
    return time_format(timezone.localtime(value, event.tz), "H:i")


def event_lock(event_id: int) -> None:
    """Session placement for one event is serialised on the event's page row,
    so two organisers cannot put two sessions into one room at once. Call it
    inside a transaction, before the checks: it holds until the commit."""
    Page.objects.select_for_update().filter(pk=event_id).values_list("pk", flat=True).first()


def _lock(*, event_id: int, speaker_ids: Sequence[int]) -> None:
    """The one lock order of every agenda write: the event's row, then the
    speakers' rows by id (a speaker may be booked by two events' teams at
    once, and the event's lock alone does not order them)."""
    event_lock(event_id)
    if speaker_ids:
        list(Speaker.objects.select_for_update().filter(pk__in=speaker_ids).order_by("pk").values_list("pk", flat=True))


def _room_errors(session: Session) -> dict[str, list[str]]:
    """No other session in the room at the same time (call under the lock)."""
    if not session.room_id or session.is_cancelled:
        return {}
    clash = (
        Session.objects.filter(
            room_id=session.room_id,
            is_cancelled=False,
            starts_at__lt=session.ends_at,
            ends_at__gt=session.starts_at,
        )
        .exclude(pk=session.pk)
        .order_by("starts_at")
        .first()
    )
    if clash is None:
        return {}
    return {
        "room": [
            _("%(room)s is already taken by “%(title)s” from %(start)s to %(end)s.")
            % {
                "room": session.room.name,
                "title": clash.title,
                "start": _local_time(clash.starts_at, session.event),
                "end": _local_time(clash.ends_at, session.event),
            }
        ]
    }


def speaker_conflict_message(conflict: SessionSpeaker, event: EventPage) -> str:
    if conflict.session.event_id != event.pk:
        # Another team's event: its programme is not this organiser's to read.
        return _("%(speaker)s already speaks at another event from %(start)s to %(end)s.") % {
            "speaker": conflict.speaker.full_name,
            "start": _local_time(conflict.session.starts_at, event),
            "end": _local_time(conflict.session.ends_at, event),
        }
    return _("%(speaker)s already speaks at “%(title)s” from %(start)s to %(end)s.") % {
        "speaker": conflict.speaker.full_name,
        "title": conflict.session.title,
        "start": _local_time(conflict.session.starts_at, event),
        "end": _local_time(conflict.session.ends_at, event),
    }


def _speaker_errors(session: Session, speaker_ids: Sequence[int], *, field: str) -> dict[str, list[ValidationError]]:
    """Speakers listed twice, or already speaking elsewhere at the session's
    time (call under the lock). A cancelled or draft session books nobody."""
    errors: list[ValidationError] = []
    seen: set[int] = set()
    for speaker_id in speaker_ids:
        if speaker_id in seen:
            errors.append(SpeakerConflict(_("This speaker is already on this session."), speaker_id=speaker_id))
        seen.add(speaker_id)
    if seen and not session.is_cancelled and session.visibility != Visibility.DRAFT:
        conflicts = (
            SessionSpeaker.objects.filter(
                speaker_id__in=seen,
                session__is_cancelled=False,
                session__starts_at__lt=session.ends_at,
                session__ends_at__gt=session.starts_at,
            )
            .exclude(session_id=session.pk)
            .exclude(session__visibility=Visibility.DRAFT)
            .select_related("speaker", "session")
            .order_by("session__starts_at", "pk")
        )
        reported: set[int] = set()
        for conflict in conflicts:
            if conflict.speaker_id not in reported:
                reported.add(conflict.speaker_id)
                message = speaker_conflict_message(conflict, session.event)
                errors.append(SpeakerConflict(message, speaker_id=conflict.speaker_id))
    return {field: errors} if errors else {}


def _validate(session: Session, speaker_ids: Sequence[int], *, speaker_field: str) -> None:
    """The session's own fields (``full_clean``), then, under the lock, its
    room and its speakers, by field."""
    session.full_clean()
    errors = {**_room_errors(session), **_speaker_errors(session, speaker_ids, field=speaker_field)}
    if errors:
        raise ValidationError(errors)


def _saved_schedule(session: Session) -> dict | None:
    """The session's schedule fields as saved (None for a new session)."""
    if session.pk is None:
        return None
    return Session.objects.filter(pk=session.pk).values(*SCHEDULE_FIELDS).first()


def _raise_sequence(session: Session, before: dict | None) -> None:
    """Calendars re-read an entry whose SEQUENCE rose: when its time, room or
    status changed since it was last saved."""
    if before is not None and any(before[name] != getattr(session, name) for name in SCHEDULE_FIELDS):
        session.sequence += 1


def _set_speakers(session: Session, speakers: Sequence[SpeakerSlot]) -> None:
    """Make the session's speaker rows exactly ``speakers``, keeping the rows
    of the speakers who stay."""
    existing = {link.speaker_id: link for link in SessionSpeaker.objects.filter(session=session)}
    wanted = {speaker.pk for speaker, _role in speakers}
    SessionSpeaker.objects.filter(pk__in=[link.pk for sid, link in existing.items() if sid not in wanted]).delete()
    for order, (speaker, role) in enumerate(speakers):
        link = existing.get(speaker.pk) or SessionSpeaker(session=session, speaker=speaker)
        link.role, link.sort_order = role, order
        link.save()


def _set_documents(session: Session, documents: Sequence[DocumentSlot]) -> None:
    existing = list(SessionDocument.objects.filter(session=session).order_by("sort_order", "pk"))
    SessionDocument.objects.filter(pk__in=[row.pk for row in existing[len(documents) :]]).delete()
    for order, (document, title) in enumerate(documents):
        row = existing[order] if order < len(existing) else SessionDocument(session=session)
        row.document, row.title, row.sort_order = document, title, order
        row.save()


def _session_save(
    session: Session,
    *,
    speakers: Sequence[SpeakerSlot] | None,
    documents: Sequence[DocumentSlot] | None,
) -> Session:
    """The one way a session is written: lock, check, save (telling those who
    follow it of a move or a cancellation: ``sessions.notices``), then its
    rows."""
    with transaction.atomic():
        if speakers is None:
            speaker_ids = list(session.session_speakers.values_list("speaker_id", flat=True)) if session.pk else []
            speaker_field = "starts_at"  # its speakers stay: it is the move that clashes
        else:
            speaker_ids = [speaker.pk for speaker, _role in speakers]
            speaker_field = "speaker"
        _lock(event_id=session.event_id, speaker_ids=speaker_ids)
        _validate(session, speaker_ids, speaker_field=speaker_field)
        before = _saved_schedule(session)
        _raise_sequence(session, before)
        session.save()
        if speakers is not None:
            _set_speakers(session, speakers)
        if documents is not None:
            _set_documents(session, documents)
        notices_record(session=session, before=before)
    return session


def session_create(
    *,
    event: EventPage,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    speakers: Sequence[SpeakerSlot] = (),
    documents: Sequence[DocumentSlot] = (),
    **fields,
) -> Session:
    """A new session of ``event``, with its speakers and documents, refused
    (ValidationError by field) if its room or a speaker is taken then."""
    session = Session(event=event, title=title, starts_at=starts_at, ends_at=ends_at, **fields)
    return _session_save(session, speakers=speakers, documents=documents)


def session_update(
    *,
    session: Session,
    speakers: Sequence[SpeakerSlot] | None = None,
    documents: Sequence[DocumentSlot] | None = None,
    **changes,
) -> Session:
    """Change a session (and, when given, replace its speakers or documents);
    moving it, changing its room or its status raises its iCalendar
    SEQUENCE. Refused like ``session_create``, and then nothing changes."""
    for name, value in changes.items():
        setattr(session, name, value)
    return _session_save(session, speakers=speakers, documents=documents)


def session_speaker_add(*, session: Session, speaker: Speaker, role: str = SpeakerRole.PANELLIST) -> SessionSpeaker:
    """Put a speaker on a session, refusing a speaker already booked then.
    Locks and checks as every other agenda write does."""
    with transaction.atomic():
        _lock(event_id=session.event_id, speaker_ids=[speaker.pk])
        listed = [speaker.pk] * (1 + session.session_speakers.filter(speaker=speaker).count())
        errors = _speaker_errors(session, listed, field="speaker")
        if errors:
            raise ValidationError(errors)
        order = session.session_speakers.count()
        link = SessionSpeaker(session=session, speaker=speaker, role=role, sort_order=order)
        link.full_clean()
        link.save()
    return link


def session_star(*, user: AbstractBaseUser, session: Session) -> StarredSession:
    with transaction.atomic():
        star, _created = StarredSession.objects.get_or_create(user=user, session=session)
    return star


def session_unstar(*, user: AbstractBaseUser, session: Session) -> None:
    with transaction.atomic():
        StarredSession.objects.filter(user=user, session=session).delete()


def agenda_feed_token_get_or_create(*, user: AbstractBaseUser) -> AgendaFeedToken:
    with transaction.atomic():
        token, _created = AgendaFeedToken.objects.get_or_create(user=user)
    return token


def agenda_feed_token_reset(*, user: AbstractBaseUser) -> AgendaFeedToken:
    """Give the user a new secret feed URL; the old one answers 404 from now on."""
    with transaction.atomic():
        token, created = AgendaFeedToken.objects.select_for_update().get_or_create(user=user)
        if not created:
            token.token = new_feed_token()
            token.created_at = timezone.now()
            token.save(update_fields=["token", "created_at"])
    return token


def checkin_staff_add(
    *, event: EventPage, user: AbstractBaseUser, by: AbstractBaseUser | None, is_lead: bool = False
) -> CheckinStaff:
    """Let ``user`` check people in at ``event`` (idempotent); as lead staff,
    they also register and revoke the event's scanning devices."""
    if not user.is_active:
        raise ValidationError({"user": _("This account is not active.")})
    assignment, created = CheckinStaff.objects.get_or_create(
        event=event, user=user, defaults={"added_by": by, "is_lead": is_lead}
    )
    if not created and assignment.is_lead != is_lead:
        assignment = checkin_staff_set_lead(assignment=assignment, is_lead=is_lead)
    return assignment


def checkin_staff_set_lead(*, assignment: CheckinStaff, is_lead: bool) -> CheckinStaff:
    """Make a check-in staff member lead staff of their event (they register
    and revoke its scanning devices), or no longer."""
    assignment.is_lead = is_lead
    assignment.save(update_fields=["is_lead"])
    return assignment


def checkin_staff_remove(*, event: EventPage, user: AbstractBaseUser) -> bool:
    """Stop ``user`` checking people in at ``event``: their scans, searches
    and tokens for it are refused from the next request on."""
    deleted, _details = CheckinStaff.objects.filter(event=event, user=user).delete()
    return bool(deleted)
