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
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from registration.badges.models import BadgeKey
from registration.badges.signing import current_signer, public_key_text
from registration.models import Category, Registration, RegistrationStatus
from sessions.models import EventPage

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


class BadCursor(ValueError):
    """A cursor this server did not give."""


def parse_cursor(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None or timezone.is_naive(moment):
        raise BadCursor(value)
    return moment


def _name(honorific: str, first_name: str, last_name: str) -> str:
    return " ".join(part for part in (honorific, first_name, last_name) if part)


def roster_snapshot(*, event: EventPage, since: datetime.datetime | None = None) -> dict:
    """The event's keys, categories and, since ``since`` (everything when
    None), its people and revocations. Five queries whatever the size."""
    now = timezone.now()
    current_signer(event.pk)  # an event whose badges are not drawn yet has its key made now
    keys = BadgeKey.objects.filter(event=event, retired_at__isnull=True).order_by("kid")
    categories = Category.objects.filter(event=event).order_by("sort_order", "name")
    registrations = Registration.objects.filter(event=event).order_by()
    changed = registrations if since is None else registrations.filter(updated_at__gte=since - CURSOR_MARGIN)
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
    return {
        "event": {
            "id": event.pk,
            "title": event.title,
            "time_zone": event.time_zone,
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
        },
        "full": since is None,
        "cursor": now.isoformat(),
        "total": registrations.count(),
        "keys": [{"kid": key.kid, "key": public_key_text(key.public_key)} for key in keys],
        "categories": [[category.pk, category.name, category.badge_colour] for category in categories],
        "people": people,
        "revoked": revoked,
    }
