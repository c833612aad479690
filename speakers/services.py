"""Operations that change speakers and invitations. Each runs in one
transaction, locks the invitation row it changes, and writes its emails to
the site's outbox (``home.outbox``) in that transaction, each with a dedupe
key, so a message that must go out once can only ever be queued once."""

import datetime
import html
import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from home.emails import absolute_url, render_email
from home.outbox import email_queue
from home.tokens import hash_token, new_salt, token_for_salt
from sessions.i18n import event_title
from sessions.models import EventPage, Session, SessionSpeaker
from sessions.services import event_lock, session_speaker_add
from speakers.models import Invitation, InvitationStatus, Speaker
from speakers.signals import invitation_accepted

logger = logging.getLogger(__name__)

DEFAULT_REMINDER_DAYS = (7, 2)
# What the invitation links' tokens are for (``home.tokens``).
TOKEN_PURPOSE = "speakers.invitation"


class InvitationClosed(Exception):
    """The invitation can no longer be answered (expired, revoked, answered)."""

    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


def reminder_days() -> list[int]:
    """Days before the reply-by date on which pending speakers are reminded
    (setting ``SPEAKER_INVITATION_REMINDER_DAYS``)."""
    return sorted({int(days) for days in getattr(settings, "SPEAKER_INVITATION_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)})


def invitation_expiry(*, event: EventPage, reply_by: datetime.date) -> datetime.datetime:
    """The link works until the end of the reply-by day in the event's time zone."""
    next_day = reply_by + datetime.timedelta(days=1)
    return datetime.datetime.combine(next_day, datetime.time.min, tzinfo=event.tz)


def invitation_link_token(invitation: Invitation) -> str:
    return token_for_salt(invitation.token_salt, purpose=TOKEN_PURPOSE)


def _rotate_token(invitation: Invitation) -> None:
    invitation.token_salt = new_salt()
    invitation.token_hash = hash_token(token_for_salt(invitation.token_salt, purpose=TOKEN_PURPOSE))


def _lock(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update(of=("self",)).select_related("event", "speaker").get(pk=invitation.pk)


def invitation_create(
    *,
    event: EventPage,
    sessions: list[Session],
    role: str,
    reply_by: datetime.date,
    by,
    speaker: Speaker | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    message: str = "",
    language: str = "",
) -> Invitation:
    """Invite a speaker (an existing profile, or a name and an email) to
    sessions of one event, and queue the invitation email."""
    if speaker is not None:
        first_name = first_name or speaker.first_name
        last_name = last_name or speaker.last_name
        email = email or speaker.email
        language = language or speaker.language
    errors = {}
    if not email:
        errors["email"] = _("Give an email address (the speaker profile has none).")
    if not (first_name and last_name):
        errors["last_name"] = _("Give the speaker's first and last name, or choose a speaker profile.")
    if not sessions:
        errors["sessions"] = _("Choose at least one session.")
    elif any(session.event_id != event.pk for session in sessions):
        errors["sessions"] = _("Every session must belong to the event.")
    if reply_by < timezone.localdate():
        errors["reply_by"] = _("The reply-by date cannot be in the past.")
    if email and Invitation.objects.filter(event=event, email__iexact=email, status=InvitationStatus.PENDING).exists():
        errors["email"] = _("This person already has a pending invitation to this event.")
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        invitation = Invitation(
            event=event,
            speaker=speaker,
            first_name=first_name,
            last_name=last_name,
            email=email,
            language=language or settings.LANGUAGE_CODE,
            role=role,
            message=message,
            reply_by=reply_by,
            expires_at=invitation_expiry(event=event, reply_by=reply_by),
            created_by=by,
        )
        _rotate_token(invitation)
        invitation.full_clean()
        invitation.save()
        invitation.sessions.set(sessions)
        invitation_send(invitation=invitation)
    return invitation


def _email_context(invitation: Invitation) -> dict:
    token = invitation_link_token(invitation)
    sessions = list(invitation.sessions.select_related("room", "event").order_by("starts_at"))
    return {
        "invitation": invitation,
        "event": invitation.event,
        # Sessions and rooms are translated in the templates, in the email's language.
        "event_name": event_title(invitation.event, invitation.language),
        "sessions": sessions,
        "link": absolute_url(reverse("speakers:invitation", kwargs={"token": token})),
    }


def _queue_to_speaker(invitation: Invitation, template: str, *, kind: str, dedupe_key: str, **context) -> None:
    message = render_email(
        template,
        {**_email_context(invitation), **context},
        to=[invitation.email],
        language=invitation.language,
    )
    # The invitation link is the speaker's key: the outbox forgets it once sent.
    email_queue(
        message,
        kind=kind,
        event=invitation.event,
        dedupe_key=dedupe_key,
        language=invitation.language,
        holds_secret=True,
    )


def invitation_send(*, invitation: Invitation) -> None:
    """Write the invitation email to the outbox: once per link (a resend
    rotates the link, so it is a new email; the same link is never mailed
    twice). Call inside the transaction that made or rotated the link."""
    token_hash = invitation.token_hash
    if invitation.sent_token_hash == token_hash:
        return
    _queue_to_speaker(
        invitation,
        "speakers/emails/invitation",
        kind="speaker_invitation",
        dedupe_key=f"speakers.invitation.{invitation.pk}.link.{token_hash}",
    )
    invitation.sent_at, invitation.sent_token_hash = timezone.now(), token_hash
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=invitation.sent_at, sent_token_hash=token_hash, updated_at=invitation.sent_at
    )


def invitation_resend(*, invitation: Invitation, by) -> Invitation:
    """Send a pending invitation again with a fresh link; the old link stops working."""
    with transaction.atomic():
        invitation = _lock(invitation)
        if invitation.status != InvitationStatus.PENDING:
            raise ValidationError(_("Only a pending invitation can be sent again."))
        _rotate_token(invitation)
        invitation.save(update_fields=["token_salt", "token_hash", "updated_at"])
        invitation_send(invitation=invitation)
    return invitation


def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    """Withdraw a pending (or expired) invitation; its link then answers nothing."""
    with transaction.atomic():
        invitation = _lock(invitation)
        if invitation.status == InvitationStatus.REVOKED:
            return invitation
        if invitation.status not in (InvitationStatus.PENDING, InvitationStatus.EXPIRED):
            raise ValidationError(_("An answered invitation cannot be revoked."))
        invitation.status = InvitationStatus.REVOKED
        invitation.save(update_fields=["status", "updated_at"])
    return invitation


def invitation_extend(*, invitation: Invitation, reply_by: datetime.date, by) -> Invitation:
    """Move the reply-by date (reopening an expired invitation); reminders
    start again from the new date."""
    with transaction.atomic():
        invitation = _lock(invitation)
        if invitation.status not in (InvitationStatus.PENDING, InvitationStatus.EXPIRED):
            raise ValidationError(_("Only a pending or expired invitation can be extended."))
        if reply_by < timezone.localdate():
            raise ValidationError({"reply_by": _("The reply-by date cannot be in the past.")})
        invitation.reply_by = reply_by
        invitation.expires_at = invitation_expiry(event=invitation.event, reply_by=reply_by)
        invitation.reminders_sent = []
        invitation.status = InvitationStatus.PENDING
        invitation.save(update_fields=["reply_by", "expires_at", "reminders_sent", "status", "updated_at"])
    return invitation


def _check_answerable(invitation: Invitation) -> None:
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationClosed(invitation.status)
    if timezone.now() >= invitation.expires_at:
        raise InvitationClosed(InvitationStatus.EXPIRED)


def _bio_html(text: str) -> str:
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join(f"<p>{html.escape(part)}</p>" for part in paragraphs)


def _user_for_email(email: str):
    address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    return address.user if address else None


def invitation_accept(*, invitation: Invitation, profile: dict, photo=None) -> Invitation:
    """Accept: complete the speaker profile, put the speaker on the sessions
    with the invited role, and send ``invitation_accepted`` (registration
    gives them a confirmed Speaker registration), all in one transaction.
    Accepting an accepted invitation again changes nothing; a speaker
    already booked at a session's time is refused (ValidationError) and
    nothing is saved."""
    with transaction.atomic():
        invitation = _lock(invitation)
        if invitation.status == InvitationStatus.ACCEPTED:
            return invitation
        _check_answerable(invitation)
        # The agenda's lock order, event before speaker, taken before the
        # profile's row is written (an admin edit of the agenda takes both).
        event_lock(invitation.event_id)

        speaker = (
            invitation.speaker
            or Speaker.objects.filter(email__iexact=invitation.email).first()
            # A new profile is written in the event's language, like its agenda.
            or Speaker(source_language=invitation.event.source_language)
        )
        speaker.email = speaker.email or invitation.email
        speaker.language = invitation.language
        for field in ("honorific", "first_name", "last_name", "position", "organisation", "country"):
            setattr(speaker, field, profile.get(field, getattr(speaker, field)))
        for field in ("travel_needs", "accessibility_needs"):
            setattr(speaker, field, profile.get(field, ""))
        if profile.get("bio"):
            speaker.bio = _bio_html(profile["bio"])
        speaker.gender_consent = bool(profile.get("gender_consent") and profile.get("gender"))
        speaker.gender = profile.get("gender", "") if speaker.gender_consent else ""
        if photo is not None:
            speaker.photo = get_image_model().objects.create(
                title=f"{speaker.first_name} {speaker.last_name}", file=photo
            )
        speaker.user = speaker.user or _user_for_email(speaker.email)
        speaker.full_clean()
        speaker.save()

        # Through the sessions service, as the admin does: under the event's
        # and the speaker's locks, refusing a speaker already booked then.
        already = set(SessionSpeaker.objects.filter(speaker=speaker).values_list("session_id", flat=True))
        for session in invitation.sessions.select_related("event").order_by("starts_at", "pk"):
            if session.pk not in already:
                session_speaker_add(session=session, speaker=speaker, role=invitation.role)
        invitation.speaker = speaker
        invitation.status = InvitationStatus.ACCEPTED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["speaker", "status", "answered_at", "updated_at"])
        invitation_accepted.send(sender=Invitation, invitation=invitation, speaker=speaker)
    return invitation


def invitation_decline(*, invitation: Invitation, reason: str = "") -> Invitation:
    """Decline, with an optional reason; the organiser who invited is told.
    Declining a declined invitation again changes nothing."""
    with transaction.atomic():
        invitation = _lock(invitation)
        if invitation.status == InvitationStatus.DECLINED:
            return invitation
        _check_answerable(invitation)
        invitation.status = InvitationStatus.DECLINED
        invitation.decline_reason = reason.strip()
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "decline_reason", "answered_at", "updated_at"])
        _queue_declined_notice(invitation)
    return invitation


def _queue_declined_notice(invitation: Invitation) -> None:
    """Tell the organiser who sent the invitation (or the event's contact) that it was declined."""
    recipient = (invitation.created_by.email if invitation.created_by else "") or invitation.event.contact_email
    if not recipient:
        logger.warning("Declined invitation %s has nobody to notify", invitation.pk)
        return
    # For the organisers, in the site's language.
    language = settings.LANGUAGE_CODE
    context = {
        "invitation": invitation,
        "event": invitation.event,
        "event_name": event_title(invitation.event, language),
        "sessions": list(invitation.sessions.order_by("starts_at")),
        "admin_link": absolute_url(reverse("speakers_invitations:edit", args=[invitation.pk])),
    }
    message = render_email("speakers/emails/invitation_declined", context, to=[recipient], language=language)
    email_queue(
        message,
        kind="speaker_declined",
        event=invitation.event,
        dedupe_key=f"speakers.invitation.{invitation.pk}.declined",
        language=language,
    )


def invitation_expire_overdue(*, now: datetime.datetime | None = None) -> int:
    """Mark pending invitations whose link has expired; returns how many."""
    now = now or timezone.now()
    return Invitation.objects.filter(status=InvitationStatus.PENDING, expires_at__lte=now).update(
        status=InvitationStatus.EXPIRED, updated_at=now
    )


def invitation_queue_reminder(*, invitation: Invitation, today: datetime.date) -> bool:
    """Record and queue the reminder due today, if any; each configured
    reminder goes out at most once (a late run sends one reminder for all
    the windows it crossed). Returns whether a reminder was queued.

    The reminder's dedupe key names the invitation, its reply-by date and
    the window, so a run that repeats (two beats, a redelivered task) can
    never mail the same reminder twice, while an extended invitation is
    reminded again for its new date."""
    with transaction.atomic():
        invitation = _lock(invitation)
        if invitation.status != InvitationStatus.PENDING:
            return False
        days_left = (invitation.reply_by - today).days
        due = [days for days in reminder_days() if days_left <= days and days not in invitation.reminders_sent]
        if days_left < 0 or not due:
            return False
        invitation.reminders_sent = sorted({*invitation.reminders_sent, *due}, reverse=True)
        invitation.save(update_fields=["reminders_sent", "updated_at"])
        _queue_to_speaker(
            invitation,
            "speakers/emails/invitation_reminder",
            kind="speaker_reminder",
            dedupe_key=f"speakers.invitation.{invitation.pk}.reminder.{invitation.reply_by.isoformat()}.{min(due)}",
            days_left=days_left,
        )
    return True
