"""Visa letter reads: an event's letter settings, the organisers' requests
(scoped to their events), and a participant's own request."""

from __future__ import annotations

from django.db.models import QuerySet

from registration.visas.models import PASSPORT_FIELDS, VisaLetterRequest, VisaLetterSettings
from sessions.permissions import scoped_objects


def letter_settings(*, event) -> VisaLetterSettings | None:
    return VisaLetterSettings.objects.filter(event=event).first()


def requests_for(*, user) -> QuerySet[VisaLetterRequest]:
    """The requests of the events the user manages (another event's: none)."""
    return (
        scoped_objects(VisaLetterRequest, user)
        .select_related("registration", "registration__category", "event")
        .defer(*PASSPORT_FIELDS)  # read when shown, by those allowed to see them
    )


def request_of(registration) -> VisaLetterRequest | None:
    return VisaLetterRequest.objects.filter(registration=registration).first()


def status_counts(requests: QuerySet[VisaLetterRequest]) -> dict[str, int]:
    """How many of ``requests`` are in each status (one query)."""
    from django.db.models import Count

    rows = requests.order_by().values("status").annotate(count=Count("pk"))
    return {row["status"]: row["count"] for row in rows}
