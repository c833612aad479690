"""What the purge will erase, and when: per event and kind of data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise

from registration.models import Registration
from registration.privacy.models import RetentionPolicy, RetentionRun
from registration.privacy.retention import PersonalData, personal_data


@dataclass(frozen=True)
class Due:
    kind: PersonalData
    label: Promise
    days: int
    due_on: datetime.date
    holders: int


def policy_of(event) -> RetentionPolicy:
    """The event's policy, or the defaults (unsaved) when it has none."""
    return RetentionPolicy.objects.filter(event=event).first() or RetentionPolicy(event=event)


def schedule(*, event) -> list[Due]:
    """Each kind of data with a period: its days, the day it goes, how many
    of the event's registrations still hold it (one query per kind)."""
    policy = policy_of(event)
    registrations = Registration.objects.filter(event=event)
    rows = []
    for kind in personal_data():
        if kind.policy_field is None:
            continue
        days = getattr(policy, kind.policy_field)
        rows.append(
            Due(
                kind=kind,
                label=kind.label,
                days=days,
                due_on=event.end_date + datetime.timedelta(days=days),
                holders=kind.holders(registrations).count(),
            )
        )
    return rows


def recent_runs(*, event, limit: int = 10):
    return RetentionRun.objects.filter(event=event).order_by("-started_at", "-pk")[:limit]
