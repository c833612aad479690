"""The kinds of personal data that go after a time: each part registers its
own (``register_personal_data``, from its AppConfig.ready), so the purge and
a registration's anonymisation erase all of them without knowing the parts.
And the sections of a person's data download (``register_data_export``),
and what a part erases of an account that is deleted
(``register_account_erasure``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise


@dataclass(frozen=True)
class PersonalData:
    key: str
    label: Promise
    # The RetentionPolicy field with its days after the event's end; None:
    # kept until the organisers purge the event's registrations.
    policy_field: str | None
    # Those of the given registrations that still hold this data.
    holders: Callable[[QuerySet], QuerySet]
    # Erase it for one registration (inside the caller's transaction, the row locked).
    erase: Callable[[Any], None]


_KINDS: dict[str, PersonalData] = {}
_EXPORTS: dict[str, Callable[[Any], Any]] = {}
_ACCOUNT_ERASURES: dict[str, Callable[[Any], None]] = {}


def register_personal_data(data: PersonalData) -> None:
    _KINDS[data.key] = data


def personal_data() -> list[PersonalData]:
    return list(_KINDS.values())


def register_data_export(key: str, collect: Callable[[Any], Any]) -> None:
    """``collect(user)`` gives the JSON-ready section ``key`` of the user's download."""
    _EXPORTS[key] = collect


def data_exports() -> dict[str, Callable[[Any], Any]]:
    return dict(_EXPORTS)


def register_account_erasure(key: str, erase: Callable[[Any], None]) -> None:
    """``erase(user)`` removes what the part holds about the person beyond
    their registrations, inside the account deletion's transaction, before
    the account itself goes."""
    _ACCOUNT_ERASURES[key] = erase


def account_erasures() -> dict[str, Callable[[Any], None]]:
    return dict(_ACCOUNT_ERASURES)
