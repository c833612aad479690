"""Change notices: one email per person when sessions they starred, or
speak in, change time or room or are cancelled (``sessions.models.notices``).

``notices_record`` runs inside the session's save, under the event lock: it
opens or joins each person's notice, due ``NOTICE_DELAY`` after the first
change, so changes made meanwhile go out together. ``notice_send`` (the beat
task ``sessions.tasks.send_change_notices``) writes the email through the
outbox, in the person's language, with each session as it is now, what it
was, and a calendar file that updates it. A session moved back where it was
is left out; a notice left with nothing to say is closed without an email.

People who turned the notices off get none for the sessions they starred;
speakers always hear of the sessions they speak in."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from home.emails import absolute_url, render_email
from home.languages import user_language as site_language
from home.outbox import email_queue
from sessions import selectors
from sessions.calendar import build_change_calendar
from sessions.i18n import event_title, event_url
from sessions.models import (
    ChangeNotice,
    ChangeNoticeItem,
    ChangeNoticeOptOut,
    Session,
    SessionSpeaker,
    StarredSession,
    Visibility,
)

NOTICE_DELAY = datetime.timedelta(minutes=15)
# What people are told of: when and where a session is, and whether it happens.
NOTICE_FIELDS = ("starts_at", "ends_at", "room_id", "is_cancelled")
EMAIL_KIND = "session_change"


def notices_record(*, session: Session, before: dict | None, now: datetime.datetime | None = None) -> int:
    """Tell of ``session``'s change from ``before`` (its saved fields, None
    for a new session) in the notices of the people who follow it: who
    starred it (unless they turned notices off) and its speakers. Call it
    in the save's transaction, after the event lock. Returns how many
    people will hear of it. Draft sessions were never announced: no notice."""
    if before is None or Visibility.DRAFT in (before["visibility"], session.visibility):
        return 0
    if all(before[name] == getattr(session, name) for name in NOTICE_FIELDS):
        return 0
    now = now or timezone.now()
    starrers = StarredSession.objects.filter(session=session, user__change_notice_opt_out__isnull=True)
    speakers = list(
        SessionSpeaker.objects.filter(session=session).values_list("speaker_id", "speaker__user_id", "speaker__email")
    )
    speaker_users = {user_id for _speaker, user_id, _email in speakers if user_id}
    bare_speakers = {speaker for speaker, user_id, email in speakers if not user_id and email}
    users = set(starrers.values_list("user_id", flat=True)) | speaker_users
    # Locked, and read again once the lock is held: a notice the sender is
    # sending now is no longer open when we get it, and this change opens
    # a new one instead of joining an email already written.
    open_notices = list(
        ChangeNotice.objects.select_for_update()
        .filter(event_id=session.event_id, sent_at__isnull=True)
        .filter(Q(user_id__in=users) | Q(speaker_id__in=bare_speakers))
    )
    by_user = {notice.user_id: notice for notice in open_notices if notice.user_id}
    by_speaker = {notice.speaker_id: notice for notice in open_notices if notice.speaker_id}
    due = now + NOTICE_DELAY
    created = ChangeNotice.objects.bulk_create(
        [ChangeNotice(event_id=session.event_id, user_id=user, due_at=due) for user in users - by_user.keys()]
        + [
            ChangeNotice(event_id=session.event_id, speaker_id=speaker, due_at=due)
            for speaker in bare_speakers - by_speaker.keys()
        ]
    )
    for notice in created:
        if notice.user_id:
            by_user[notice.user_id] = notice
        else:
            by_speaker[notice.speaker_id] = notice
    was = {
        "was_starts_at": before["starts_at"],
        "was_ends_at": before["ends_at"],
        "was_room_id": before["room_id"],
        "was_cancelled": before["is_cancelled"],
    }
    # A session already in an open notice keeps the state the person last
    # heard of (the first change's "before").
    ChangeNoticeItem.objects.bulk_create(
        [
            ChangeNoticeItem(notice=notice, session=session, as_speaker=user in speaker_users, **was)
            for user, notice in by_user.items()
        ]
        + [ChangeNoticeItem(notice=notice, session=session, as_speaker=True, **was) for notice in by_speaker.values()],
        ignore_conflicts=True,
    )
    return len(by_user) + len(by_speaker)


def due_notice_ids(*, now: datetime.datetime | None = None, limit: int = 1000) -> list[int]:
    return list(
        ChangeNotice.objects.filter(sent_at__isnull=True, due_at__lte=now or timezone.now())
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def _recipient(notice: ChangeNotice) -> tuple[str, str, bool]:
    """(address, language, turned off) of the notice's person."""
    if notice.user_id:
        user = notice.user
        language = selectors.user_language(user=user) or site_language(user) or settings.LANGUAGE_CODE
        return user.email, language, ChangeNoticeOptOut.objects.filter(user=user).exists()
    speaker = notice.speaker
    return speaker.email, speaker.language or settings.LANGUAGE_CODE, False


def _changed(item: ChangeNoticeItem, session: Session) -> bool:
    now = (session.starts_at, session.ends_at, session.room_id, session.is_cancelled)
    return not session.is_draft and now != (item.was_starts_at, item.was_ends_at, item.was_room_id, item.was_cancelled)


def notice_send(*, notice_id: int, now: datetime.datetime | None = None) -> bool:
    """Write the notice's email, once: True when one was queued, False when
    there was nothing left to say (or it was sent, or is being sent)."""
    now = now or timezone.now()
    with transaction.atomic():
        notice = (
            ChangeNotice.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event", "user", "speaker")
            .filter(pk=notice_id, sent_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        address, language, turned_off = _recipient(notice)
        items = list(notice.items.select_related("was_room"))
        if turned_off:
            items = [item for item in items if item.as_speaker]
        sessions = {
            session.pk: session for session in selectors.sessions_by_id(ids=[item.session_id for item in items])
        }
        items = [item for item in items if _changed(item, sessions[item.session_id])]
        items.sort(key=lambda item: (sessions[item.session_id].starts_at, item.session_id))
        notice.sent_at = now
        if items and address:
            notice.email = _queue_email(notice, items, sessions, address=address, language=language)
        notice.save(update_fields=["sent_at", "email"])
    return notice.email_id is not None


def _queue_email(notice, items, sessions, *, address: str, language: str):
    event = notice.event
    changed = [sessions[item.session_id] for item in items]
    with translation.override(language):
        page_url = absolute_url(event_url(event, language))
        rows = [
            {
                "session": session,
                "title": session.translated("title", language),
                "room": session.room.translated("name", language) if session.room_id else "",
                "reason": session.translated("cancellation_reason", language) if session.is_cancelled else "",
                "was": item,
                "was_room": item.was_room.translated("name", language) if item.was_room_id else "",
                "url": f"{page_url}sessions/{session.uid}/" if session.is_public else "",
                "as_speaker": item.as_speaker,
            }
            for item, session in zip(items, changed, strict=True)
        ]
        context = {
            "event_name": event_title(event, language),
            "zone": event.time_zone,
            "rows": rows,
            "count": len(rows),
            "starred_any": any(not row["as_speaker"] for row in rows),
            "agenda_url": absolute_url(reverse("agenda:my_agenda")),
        }
    message = render_email(
        "sessions/emails/change_notice",
        context,
        to=[address],
        language=language,
        attachments=[("programme-changes.ics", build_change_calendar(changed, language), "text/calendar")],
    )
    return email_queue(
        message, kind=EMAIL_KIND, event=event, dedupe_key=f"change-notice-{notice.pk}", language=language
    )


def change_notices_set(*, user, enabled: bool) -> None:
    """Turn a person's notices about the sessions they starred on or off
    (those of the sessions they speak in come whatever they choose)."""
    if enabled:
        ChangeNoticeOptOut.objects.filter(user=user).delete()
    else:
        ChangeNoticeOptOut.objects.get_or_create(user=user)


def change_notices_enabled(*, user) -> bool:
    return not ChangeNoticeOptOut.objects.filter(user=user).exists()
