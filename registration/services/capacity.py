"""Changing an event's or a category's capacity: refused below the number
of people confirmed now, and a raise fills the new seats from the waiting
list at once, first come first served.

The change is saved under the same lock as every seat decision (the
event's ``RegistrationSettings`` row, then the category's), so a
registration or a cancellation running meanwhile waits for it and sees the
new capacity."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registration.models import AttendanceMode, Category, Registration, RegistrationStatus
from registration.services.changes import _promote_waiting
from registration.services.common import _lock_category, _lock_settings

EVENT_CAPACITIES = {"capacity_in_person": AttendanceMode.IN_PERSON, "capacity_online": AttendanceMode.ONLINE}


def capacity_errors(*, event, capacities: dict[str, int | None], category: Category | None = None) -> dict[str, str]:
    """Field → why, for each capacity set below the people confirmed now.
    ``capacities``: the event's ``capacity_in_person``/``capacity_online``,
    or a category's ``capacity`` (with ``category``)."""
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    errors = {}
    for field, capacity in capacities.items():
        if capacity is None:
            continue
        if field == "capacity":
            taken = confirmed.filter(category=category).count() if category and category.pk else 0
        else:
            taken = confirmed.filter(attendance_mode=EVENT_CAPACITIES[field]).count()
        if capacity < taken:
            errors[field] = _(
                "%(taken)s people are confirmed already: the capacity cannot be below that. Cancel "
                "registrations first if seats must go."
            ) % {"taken": taken}
    return errors


def capacity_save(
    *,
    event,
    capacities: dict[str, int | None],
    save: Callable[[], object],
    by: AbstractBaseUser | None,
    category: Category | None = None,
) -> list[Registration]:
    """Save new capacities (``save`` writes the admin's form) once they are
    checked against the people confirmed, with the seats locked; then
    confirm waiting people into the seats now free, in the order they came.
    Returns those promoted (each emailed). Raises ``ValidationError`` (per
    field) and saves nothing when a capacity is below the confirmed."""
    with transaction.atomic():
        settings = _lock_settings(event)
        if category is not None and category.pk:
            _lock_category(category)
        if errors := capacity_errors(event=event, capacities=capacities, category=category):
            raise ValidationError(errors)
        save()
        settings.refresh_from_db()
        return _promote_waiting(settings, by=by)
