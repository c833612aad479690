"""Reads of delegations, each with the joins its page needs: the focal
point's pages, the organisers' listing (a fixed number of queries however
many delegations the event has) and a delegation's detail page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from home.tokens import hash_token
from registration.delegations.models import Delegation, DelegationLogEntry, DelegationQuota, Nomination
from registration.models import Category, RegistrationSettings
from registration.services import ACTIVE_STATUSES


@dataclass(frozen=True)
class SeatRow:
    """One category of a delegation's quota: seats taken by active nominations, and seats given."""

    category: Category
    used: int
    seats: int

    @property
    def left(self) -> int:
        return max(self.seats - self.used, 0)


# --- the deadline ------------------------------------------------------------------------


def nominations_close_at(event) -> datetime.datetime | None:
    return RegistrationSettings.objects.filter(event=event).values_list("nominations_close_at", flat=True).first()


def nominations_are_open(close_at: datetime.datetime | None, *, now: datetime.datetime | None = None) -> bool:
    return close_at is None or (now or timezone.now()) < close_at


# --- nominations and seats ---------------------------------------------------------------


def active_nominations(delegation: Delegation) -> QuerySet[Nomination]:
    """The nominations that hold a seat: registrations awaiting approval, confirmed or waitlisted."""
    return Nomination.objects.filter(delegation=delegation, registration__status__in=ACTIVE_STATUSES)


def _used_seats(delegations: QuerySet[Delegation] | list[Delegation]) -> dict[tuple[int, int], int]:
    """(delegation id, category id) -> active nominations, in one query."""
    rows = (
        Nomination.objects.filter(delegation__in=delegations, registration__status__in=ACTIVE_STATUSES)
        .order_by()
        .values_list("delegation_id", "registration__category_id")
        .annotate(n=Count("pk"))
    )
    return {(delegation_id, category_id): n for delegation_id, category_id, n in rows}


def _seat_rows(delegation: Delegation, quotas, used: dict[tuple[int, int], int]) -> list[SeatRow]:
    return [
        SeatRow(category=quota.category, used=used.get((delegation.pk, quota.category_id), 0), seats=quota.seats)
        for quota in quotas
    ]


def _quotas_prefetch() -> Prefetch:
    return Prefetch("quotas", queryset=DelegationQuota.objects.select_related("category"))


def delegation_seats(delegation: Delegation) -> list[SeatRow]:
    """The delegation's quota per category with the seats used (two queries)."""
    quotas = DelegationQuota.objects.filter(delegation=delegation).select_related("category")
    return _seat_rows(delegation, quotas, _used_seats([delegation]))


def delegation_nominations(delegation: Delegation) -> QuerySet[Nomination]:
    """Every nomination of the delegation (the withdrawn ones too), head first."""
    return Nomination.objects.filter(delegation=delegation).select_related("registration__category")


def quota_categories(delegation: Delegation) -> QuerySet[Category]:
    """The categories the delegation has seats in, for the nomination form."""
    return Category.objects.filter(pk__in=DelegationQuota.objects.filter(delegation=delegation).values("category_id"))


# --- the focal point --------------------------------------------------------------------


def delegation_for_token(token: str) -> Delegation | None:
    """The delegation an invitation link opens, or None. Only the hash is compared."""
    if not token or len(token) > 100:
        return None
    return Delegation.objects.select_related("event", "focal_point").filter(token_hash=hash_token(token)).first()


def delegations_of_focal_point(user) -> list[Delegation]:
    """The delegations whose focal point the user is, latest events first, with their seats."""
    if not user.is_authenticated:
        return []
    delegations = list(
        Delegation.objects.filter(focal_point=user)
        .select_related("event")
        .prefetch_related(_quotas_prefetch())
        .order_by("-event__start_date", "event__title", "pk")
    )
    used = _used_seats(delegations)
    for delegation in delegations:
        delegation.seat_rows = _seat_rows(delegation, delegation.quotas.all(), used)
    return delegations


def focal_point_delegation(*, user, delegation_id: int) -> Delegation | None:
    """The delegation if the user is its focal point, else None (a 404 for the view)."""
    if not user.is_authenticated:
        return None
    return Delegation.objects.select_related("event").filter(pk=delegation_id, focal_point=user).first()


# --- the organisers ---------------------------------------------------------------------


def admin_delegations(delegations: QuerySet[Delegation]) -> list[Delegation]:
    """The organisers' listing: each delegation (already scoped to the
    user's events) with its focal point, seats per category, whether a head
    is named; three queries whatever their number."""
    heads = Nomination.objects.filter(delegation=OuterRef("pk"), is_head=True, registration__status__in=ACTIVE_STATUSES)
    rows = list(
        delegations.select_related("event", "focal_point")
        .prefetch_related(_quotas_prefetch())
        .annotate(has_head=Exists(heads))
    )
    used = _used_seats(delegations)
    for delegation in rows:
        delegation.seat_rows = _seat_rows(delegation, delegation.quotas.all(), used)
        delegation.seats_used = sum(row.used for row in delegation.seat_rows)
    return sorted(rows, key=lambda delegation: delegation.name.casefold())


def delegation_log(delegation: Delegation) -> QuerySet[DelegationLogEntry]:
    return DelegationLogEntry.objects.filter(delegation=delegation).select_related("by").order_by("-at", "-pk")
