"""Everything the site holds about a person, as JSON: their account, their
registrations (answers, log, detail changes, check-in), their personal
agenda, speaker profiles, the emails sent to them, and each part's own
section (``retention.register_data_export``). A fixed number of queries
whatever the number of registrations."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Prefetch

from home.models import OutgoingEmail
from registration.models import Registration, RegistrationLogEntry
from registration.privacy.retention import data_exports
from sessions.notices import change_notices_enabled


def _when(value):
    return value.isoformat() if value else None


def _registration(registration: Registration) -> dict:
    return {
        "reference": registration.reference,
        "event": registration.event.title,
        "category": registration.category.name,
        "status": registration.status,
        "attendance_mode": registration.attendance_mode,
        "honorific": registration.honorific,
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "email": registration.email,
        "organisation": registration.organisation,
        "position": registration.position,
        "country": str(registration.country),
        "gender": registration.gender,
        "preferred_language": registration.preferred_language,
        "dietary_needs": registration.dietary_needs,
        "accessibility_needs": registration.accessibility_needs,
        "interpretation_needs": registration.interpretation_needs,
        "visa_letter_requested": registration.visa_letter_requested,
        "photo_consent": registration.photo_consent,
        "list_consent": registration.list_consent,
        "privacy_accepted_at": _when(registration.privacy_accepted_at),
        "privacy_notice_version": registration.privacy_notice_version_id,
        "checked_in_at": _when(registration.checked_in_at),
        "created_at": _when(registration.created_at),
        "answers": [
            {"question": answer.question.label, "answer": answer.value} for answer in registration.answers.all()
        ],
        "checked_in_gate": registration.checked_in_gate,
        "claimed_at": _when(registration.claimed_at),
        "log": [
            {"at": _when(entry.at), "from": entry.from_status, "to": entry.to_status, "reason": entry.reason}
            for entry in registration.log_entries.all()
        ],
        "detail_changes": [
            {"at": _when(change.at), "field": change.field, "old": change.old_value, "new": change.new_value}
            for change in registration.detail_changes.all()
        ],
    }


def _speaker(speaker) -> dict:
    return {
        "honorific": speaker.honorific,
        "first_name": speaker.first_name,
        "last_name": speaker.last_name,
        "position": speaker.position,
        "organisation": speaker.organisation,
        "bio": str(speaker.bio),
        "photo": speaker.photo.title if speaker.photo else None,
        "website": speaker.website,
        "social_url": speaker.social_url,
        "email": speaker.email,
        "gender": speaker.gender,
        "language": speaker.language,
        "travel_needs": speaker.travel_needs,
        "accessibility_needs": speaker.accessibility_needs,
        "published": speaker.is_published,
        "sessions": [
            {"session": role.session.title, "event": role.session.event.title, "role": role.role}
            for role in speaker.session_roles.all()
        ],
        "invitations": [
            {
                "event": invitation.event.title,
                "role": invitation.role,
                "status": invitation.status,
                "answered_at": _when(invitation.answered_at),
                "decline_reason": invitation.decline_reason,
            }
            for invitation in speaker.invitations.all()
        ],
    }


def user_data(user) -> dict:
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event", "category")
        .prefetch_related(
            "answers__question",
            Prefetch("log_entries", queryset=RegistrationLogEntry.objects.order_by("at", "pk")),
            "detail_changes",
        )
        .order_by("created_at", "pk")
    )
    speakers = (
        user.speaker_profiles.select_related("photo")
        .prefetch_related("session_roles__session__event", "invitations__event")
        .order_by("pk")
    )
    addresses = EmailAddress.objects.filter(user=user).order_by("email")
    # Mail to the addresses the person proved are theirs only: anyone can add
    # an address to their account without owning it.
    emails = OutgoingEmail.objects.filter(to__in=addresses.filter(verified=True).values("email")).order_by(
        "created_at", "pk"
    )
    data = {
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in addresses
            ],
        },
        "registrations": [_registration(registration) for registration in registrations],
        "starred_sessions": [
            {"session": star.session.title, "event": star.session.event.title}
            for star in user.starred_sessions.select_related("session__event").order_by("pk")
        ],
        "emails_about_session_changes": change_notices_enabled(user=user),
        "speaker_profiles": [_speaker(speaker) for speaker in speakers],
        "emails_received": [
            {"kind": email.kind, "subject": email.subject, "status": email.status, "at": _when(email.created_at)}
            for email in emails
        ],
    }
    for key, collect in data_exports().items():
        data[key] = collect(user)
    return data
