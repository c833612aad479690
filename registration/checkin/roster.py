"""What a scanner downloads to give verdicts offline, per event: the event's
public badge keys, its categories, the roster of confirmed people (enough to
name them at the door) and the revocation list (cancelled and unconfirmed
registrations, badges superseded by a reissue).

A first download is the whole event; afterwards the scanner sends the
cursor it was given and gets only the registrations changed since (their
``updated_at``, read with a margin, so that a change committed while the
previous answer was being read is not missed: it comes twice, which does no
harm). Each answer says how many registrations the event has: a scanner
holding another number (a registration was deleted) asks for everything
again. With nothing changed, the answer is a few hundred bytes.

Rows are arrays, not objects, to keep 3,000 people well under 300 KB
compressed:

- ``people``: ``[reference, name, organisation, category_id, version,
  checked_in_at]`` (``checked_in_at`` ISO 8601 or null): confirmed people;
- ``revoked``: ``[reference, reason, version]``, reason ``cancelled`` or
  ``not_confirmed`` (version 0), or ``superseded`` (badges below
  ``version`` are replaced by a reissue).
- ``sessions`` (on a full answer, or when the door rules differ from those
  the scanner holds: the cursor carries their fingerprint, so any change
  counts, an access rule, a room's capacity, a speaker added; absent
  otherwise: what the scanner holds still stands): every session of the event with a door rule, the whole list,
  ``{"id", "title", "closed", "categories": [ids], "people": [references],
  "capacity"}`` (a cancelled session is closed to everyone). ``people`` are
  the invited and the session's speakers; ``capacity`` null is no limit.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from registration.badges.models import BadgeKey
from registration.badges.signing import current_signer, public_key_text
from registration.checkin.doors import session_access, session_capacity
from registration.checkin.models import SessionAccess
from registration.models import Category, Registration, RegistrationStatus
from sessions.models import EventPage, Session, SessionSpeaker

# A change committed up to this long after it was stamped is still seen.
CURSOR_MARGIN = datetime.timedelta(seconds=30)
PEOPLE_FIELDS = (
    "reference",
    "status",
    "honorific",
    "first_name",
    "last_name",
    "organisation",
    "category_id",
    "badge_version",
    "checked_in_at",
)


_OPEN = SessionAccess(closed=False)  # a session without access rules


class BadCursor(ValueError):
    """A cursor this server did not give."""


@dataclass(frozen=True)
class Cursor:
    """Where a scanner's roster stands: the time of its last answer, and a
    fingerprint of the door rules it holds (``<time>~<fingerprint>``)."""

    moment: datetime.datetime
    door_rules: str = ""

    def __str__(self) -> str:
        return f"{self.moment.isoformat()}~{self.door_rules}"


def parse_cursor(value: str | None) -> Cursor | None:
    if not value:
        return None
    text, _tilde, fingerprint = value.partition("~")
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None or timezone.is_naive(moment) or moment.year < 2000 or len(fingerprint) > 64:
        raise BadCursor(value)
    return Cursor(moment=moment, door_rules=fingerprint)


def _fingerprint(rules: list[dict]) -> str:
    text = json.dumps(rules, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _name(honorific: str, first_name: str, last_name: str) -> str:
    return " ".join(part for part in (honorific, first_name, last_name) if part)


def _speaker_references(event: EventPage, session_ids: list[int]) -> dict[int, set[str]]:
    """Per session, the references of its speakers' registrations at the
    event (the speaker's account, or the same address): two queries."""
    speakers = list(
        SessionSpeaker.objects.filter(session_id__in=session_ids).values_list(
            "session_id", "speaker__user_id", Lower("speaker__email")
        )
    )
    users = {user_id for _session, user_id, _email in speakers if user_id}
    emails = {email for _session, _user, email in speakers if email}
    found = {session_id: set() for session_id in session_ids}
    if not speakers:
        return found
    registrations = (
        Registration.objects.filter(event=event)
        .annotate(address=Lower("email"))
        .filter(Q(user_id__in=users) | Q(address__in=emails))
        .values_list("reference", "user_id", "address")
    )
    by_user, by_email = {}, {}
    for reference, user_id, address in registrations:
        by_user.setdefault(user_id, set()).add(reference)
        by_email.setdefault(address, set()).add(reference)
    for session_id, user_id, email in speakers:
        found[session_id] |= by_user.get(user_id, set()) if user_id else set()
        found[session_id] |= by_email.get(email, set()) if email else set()
    return found


def door_rules(event: EventPage) -> list[dict]:
    """The event's sessions with a door rule (closed, cancelled, or a
    capacity of their own or their room's), for offline verdicts at their
    doors. At most five queries whatever the number of sessions and people."""
    sessions = list(
        Session.objects.filter(event=event)
        .filter(
            Q(access__closed=True) | Q(is_cancelled=True) | Q(capacity__isnull=False) | Q(room__capacity__isnull=False)
        )
        .select_related("room", "access")
        .order_by("starts_at", "pk")
    )
    closed = [
        session.pk for session in sessions if not session.is_cancelled and (session_access(session) or _OPEN).closed
    ]
    categories = {session_id: [] for session_id in closed}
    people = {session_id: set() for session_id in closed}
    if closed:
        through = SessionAccess.categories.through.objects.filter(sessionaccess__session_id__in=closed)
        for session_id, category_id in through.values_list("sessionaccess__session_id", "category_id").order_by(
            "category_id"
        ):
            categories[session_id].append(category_id)
        invited = SessionAccess.registrations.through.objects.filter(sessionaccess__session_id__in=closed)
        for session_id, reference in invited.values_list("sessionaccess__session_id", "registration__reference"):
            people[session_id].add(reference)
        for session_id, references in _speaker_references(event, closed).items():
            people[session_id] |= references
    return [
        {
            "id": session.pk,
            "title": session.title,
            "closed": session.is_cancelled or session.pk in categories,
            "categories": categories.get(session.pk, []),
            "people": sorted(people.get(session.pk, ())),
            "capacity": session_capacity(session),
        }
        for session in sessions
    ]


def roster_snapshot(*, event: EventPage, since: Cursor | None = None) -> dict:
    """The event's keys, categories and, since ``since`` (everything when
    None), its people and revocations, and its sessions' door rules when
    they differ from the scanner's (whatever changed them: an access rule, a
    room's capacity, a speaker added). A fixed number of queries whatever
    the size."""
    now = timezone.now()
    rules = door_rules(event)
    fingerprint = _fingerprint(rules)
    current_signer(event.pk)  # an event whose badges are not drawn yet has its key made now
    keys = BadgeKey.objects.filter(event=event, retired_at__isnull=True).order_by("kid")
    categories = Category.objects.filter(event=event).order_by("sort_order", "name")
    registrations = Registration.objects.filter(event=event).order_by()
    changed = registrations if since is None else registrations.filter(updated_at__gte=since.moment - CURSOR_MARGIN)
    people, revoked = [], []
    for row in changed.values_list(*PEOPLE_FIELDS).iterator(chunk_size=2000):
        reference, status, honorific, first_name, last_name, organisation, category_id, version, checked_in_at = row
        if status == RegistrationStatus.CONFIRMED:
            people.append(
                [
                    reference,
                    _name(honorific, first_name, last_name),
                    organisation,
                    category_id,
                    version,
                    checked_in_at.isoformat() if checked_in_at else None,
                ]
            )
            if version > 1:
                revoked.append([reference, "superseded", version])
        else:
            reason = "cancelled" if status == RegistrationStatus.CANCELLED else "not_confirmed"
            revoked.append([reference, reason, 0])
    answer = {
        "event": {
            "id": event.pk,
            "title": event.title,
            "time_zone": event.time_zone,
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
        },
        "full": since is None,
        "cursor": str(Cursor(moment=now, door_rules=fingerprint)),
        "total": registrations.count(),
        "keys": [{"kid": key.kid, "key": public_key_text(key.public_key)} for key in keys],
        "categories": [[category.pk, category.name, category.badge_colour] for category in categories],
        "people": people,
        "revoked": revoked,
    }
    if since is None or since.door_rules != fingerprint:
        answer["sessions"] = rules
    return answer
