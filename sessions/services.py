"""Operations that change agendas: create and move sessions, put speakers on
them, star sessions on a personal agenda and manage the private feed token.
Each is keyword-only and runs in one transaction."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from sessions.models import (
    AgendaFeedToken,
    CheckinStaff,
    EventPage,
    Session,
    SessionSpeaker,
    SpeakerRole,
    StarredSession,
    Visibility,
    new_feed_token,
)


def _local_time(value: datetime.datetime, event: EventPage) -> str:
    return time_format(timezone.localtime(value, event.tz), "H:i")


def session_schedule_errors(*, session: Session) -> dict[str, list[str]]:
    """The reasons a session's time or room is not acceptable, by field:
    end after start, inside the event's days, room and track of the same
    event, and no other session in the room at the same time."""
    errors: dict[str, list[str]] = {}
    if not session.event_id or session.starts_at is None or session.ends_at is None:
        return errors
    event = session.event
    if session.ends_at <= session.starts_at:
        errors["ends_at"] = [_("The session must end after it starts.")]
        return errors
    first_moment, _next = event.local_day_bounds(event.start_date)
    _last_day, last_moment = event.local_day_bounds(event.end_date)
    if session.starts_at < first_moment:
        errors["starts_at"] = [
            _("The session must start on or after the event's first day (%(date)s).")
            % {"date": date_format(event.start_date, "j F Y")}
        ]
    if session.ends_at > last_moment:
        errors["ends_at"] = [
            _("The session must end by the end of the event's last day (%(date)s).")
            % {"date": date_format(event.end_date, "j F Y")}
        ]
    if session.room_id and session.room.event_id != session.event_id:
        errors["room"] = [_("This room belongs to another event.")]
    if session.track_id and session.track.event_id != session.event_id:
        errors["track"] = [_("This track belongs to another event.")]
    if errors or not session.room_id or session.is_cancelled:
        return errors
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
    if clash is not None:
        errors["room"] = [
            _("%(room)s is already taken by “%(title)s” from %(start)s to %(end)s.")
            % {
                "room": session.room.name,
                "title": clash.title,
                "start": _local_time(clash.starts_at, event),
                "end": _local_time(clash.ends_at, event),
            }
        ]
    return errors


def speaker_conflicts(
    *,
    speaker_ids: list[int],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    exclude_session_id: int | None = None,
) -> list[SessionSpeaker]:
    """Places where one of the speakers is already booked at that time."""
    return list(
        SessionSpeaker.objects.filter(
            speaker_id__in=speaker_ids,
            session__is_cancelled=False,
            session__starts_at__lt=ends_at,
            session__ends_at__gt=starts_at,
        )
        .exclude(session_id=exclude_session_id)
        .exclude(session__visibility=Visibility.DRAFT)
        .select_related("speaker", "session")
        .order_by("session__starts_at")
    )


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


def event_lock(event_id: int) -> None:
    """Session placement for one event is serialised on the event's page row,
    so two organisers cannot put two sessions into one room at once. Call it
    inside a transaction, before the checks: it holds until the commit."""
    Page.objects.select_for_update().filter(pk=event_id).values_list("pk", flat=True).first()


def session_create(
    *,
    event: EventPage,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    **fields,
) -> Session:
    with transaction.atomic():
        event_lock(event.pk)
        session = Session(event=event, title=title, starts_at=starts_at, ends_at=ends_at, **fields)
        session.full_clean()
        session.save()
    return session


def session_update(*, session: Session, **changes) -> Session:
    """Change a session; moving it, changing its room or its status raises
    its iCalendar SEQUENCE (see ``Session.save``)."""
    with transaction.atomic():
        event_lock(session.event_id)
        for name, value in changes.items():
            setattr(session, name, value)
        session.full_clean()
        speaker_ids = list(session.session_speakers.values_list("speaker_id", flat=True))
        if speaker_ids and not session.is_cancelled:
            conflicts = speaker_conflicts(
                speaker_ids=speaker_ids,
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                exclude_session_id=session.pk,
            )
            if conflicts:
                raise ValidationError({"starts_at": [speaker_conflict_message(c, session.event) for c in conflicts]})
        session.save()
    return session


def session_speaker_add(*, session: Session, speaker, role: str = SpeakerRole.PANELLIST) -> SessionSpeaker:
    """Put a speaker on a session, refusing a speaker already booked then."""
    with transaction.atomic():
        event_lock(session.event_id)
        conflicts = speaker_conflicts(
            speaker_ids=[speaker.pk],
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            exclude_session_id=session.pk,
        )
        if conflicts:
            raise ValidationError({"speaker": [speaker_conflict_message(conflicts[0], session.event)]})
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


def checkin_staff_add(*, event: EventPage, user: AbstractBaseUser, by: AbstractBaseUser | None) -> CheckinStaff:
    """Let ``user`` check people in at ``event`` (idempotent)."""
    if not user.is_active:
        raise ValidationError({"user": _("This account is not active.")})
    assignment, _created = CheckinStaff.objects.get_or_create(event=event, user=user, defaults={"added_by": by})
    return assignment


def checkin_staff_remove(*, event: EventPage, user: AbstractBaseUser) -> bool:
    """Stop ``user`` checking people in at ``event``: their scans, searches
    and tokens for it are refused from the next request on."""
    deleted, _details = CheckinStaff.objects.filter(event=event, user=user).delete()
    return bool(deleted)
