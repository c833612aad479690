"""Reads for speakers, invitations and panel balance, each with the joins its
page needs so that no template runs a query per row."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from home.tokens import hash_token
from sessions.models import EventPage, Session, SessionSpeaker
from sessions.permissions import scoped_objects
from speakers.models import Invitation, InvitationStatus, Speaker

# The paths from a speaker to the events their profile belongs to; the
# speakers' permission policy scopes with them.
SPEAKER_EVENT_LOOKUPS = ("session_roles__session__event", "invitations__event", "added_for_event")


def speakers_to_choose(user) -> QuerySet[Speaker]:
    """The profiles an organiser may put on a session or invite: every
    published speaker (one person speaks at several events) and the
    unpublished ones of the user's events. Shown by name and organisation
    only; the private fields stay with the events the speaker belongs to."""
    own = scoped_objects(Speaker, user).filter(is_published=False).values("pk")
    return Speaker.objects.filter(Q(is_published=True) | Q(pk__in=own)).order_by("last_name", "first_name", "pk")


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token opens, or None. Only the hash is compared."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("event", "speaker")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.select_related("room", "event").order_by("starts_at"))
        )
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitations_for_admin(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    """The admin listing's invitations (already limited to the user's events
    by the viewset) with what each row shows."""
    return invitations.select_related("event", "speaker", "created_by").prefetch_related("sessions")


def invitation_status_counts(queryset: QuerySet[Invitation]) -> dict[str, int]:
    """Counts per status over the given invitations (one query)."""
    aggregates = queryset.order_by().aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in InvitationStatus.values}
    )
    return {status: aggregates[status] for status in InvitationStatus.values}


def sessions_of_event(event: EventPage) -> QuerySet[Session]:
    return Session.objects.filter(event=event).select_related("room").order_by("starts_at", "title")


def balance_sessions_for_event(event: EventPage) -> QuerySet[Session]:
    """Sessions that count for panel balance: every visibility (drafts too,
    to check before publishing) except cancelled ones, with their speakers."""
    speakers = SessionSpeaker.objects.select_related("speaker").order_by("sort_order", "pk")
    return (
        Session.objects.filter(event=event, is_cancelled=False)
        .select_related("room")
        .prefetch_related(Prefetch("session_speakers", queryset=speakers))
        .order_by("starts_at", "title")
    )


def invitations_due_for_reminder(*, today, days: list[int]) -> QuerySet[Invitation]:
    """Pending invitations whose reply-by date is within the largest reminder window."""
    horizon = today + datetime.timedelta(days=max(days, default=0))
    return Invitation.objects.filter(status=InvitationStatus.PENDING, reply_by__gte=today, reply_by__lte=horizon)


def invitations_for_user(user) -> list[Invitation]:
    """Invitations addressed to one of the user's verified emails or to their
    speaker profile, newest first, with what the account page shows."""
    from allauth.account.models import EmailAddress

    emails = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    condition = Q(speaker__user=user)
    for email in emails:
        condition |= Q(email__iexact=email)
    return list(
        Invitation.objects.filter(condition)
        .select_related("event")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("starts_at")))
        .order_by("-created_at", "-pk")
    )
