"""Demo invitations for the Global Forum: a few in each status. Idempotent
(looked up by event and email). Runs after ``sessions.demo``, which creates
the speakers and puts them on sessions."""

import datetime

from django.db import transaction
from django.utils import timezone

from home.tokens import hash_token, new_salt, token_for_salt
from sessions.models import Session, SessionSpeaker
from speakers.models import Invitation, InvitationStatus
from speakers.services import TOKEN_PURPOSE, invitation_expiry

PEOPLE = [
    ("Nadia", "Haddad", "nadia.haddad@example.org", InvitationStatus.PENDING, ""),
    ("Tomás", "Lindqvist", "tomas.lindqvist@example.org", InvitationStatus.PENDING, ""),
    (
        "Mei",
        "Okonkwo",
        "mei.okonkwo@example.org",
        InvitationStatus.DECLINED,
        "I am travelling to another summit that week.",
    ),
    ("Rafael", "Ivanova", "rafael.ivanova@example.org", InvitationStatus.EXPIRED, ""),
    ("Yuki", "Mensah", "yuki.mensah@example.org", InvitationStatus.REVOKED, ""),
]


def _invitation(event, sessions, *, first_name, last_name, email, status, reason="", speaker=None, role="panellist"):
    existing = Invitation.objects.filter(event=event, email=email).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    reply_by = (
        today - datetime.timedelta(days=3) if status == InvitationStatus.EXPIRED else today + datetime.timedelta(days=7)
    )
    salt = new_salt()
    token_hash = hash_token(token_for_salt(salt, purpose=TOKEN_PURPOSE))
    invitation = Invitation.objects.create(
        event=event,
        speaker=speaker,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        message="We would be honoured to have you on this panel.",
        reply_by=reply_by,
        expires_at=invitation_expiry(event=event, reply_by=reply_by),
        token_salt=salt,
        token_hash=token_hash,
        sent_at=timezone.now(),
        sent_token_hash=token_hash,
        status=status,
        decline_reason=reason,
        answered_at=timezone.now() if status in (InvitationStatus.ACCEPTED, InvitationStatus.DECLINED) else None,
    )
    invitation.sessions.set(sessions)
    return invitation


def load_demo(context: dict) -> None:
    forum = context["forum"]
    sessions = list(Session.objects.filter(event=forum, is_cancelled=False).order_by("starts_at")[:6])
    if not sessions:
        return
    with transaction.atomic():
        for index, (first_name, last_name, email, status, reason) in enumerate(PEOPLE):
            _invitation(
                forum,
                [sessions[(index + 1) % len(sessions)]],
                first_name=first_name,
                last_name=last_name,
                email=email,
                status=status,
                reason=reason,
            )
        # An accepted invitation for a speaker who is already on a session.
        link = SessionSpeaker.objects.filter(session__in=sessions).select_related("speaker", "session").first()
        if link is not None:
            speaker = link.speaker
            _invitation(
                forum,
                [link.session],
                first_name=speaker.first_name,
                last_name=speaker.last_name,
                email=speaker.email or f"{speaker.slug}@example.org",
                status=InvitationStatus.ACCEPTED,
                speaker=speaker,
                role=link.role,
            )
