"""Official list reads: who is listed and in which order (protocol
precedence), who may see an event's list, and its PDFs.

The order of precedence: categories in the organisers' order; in each, the
delegations (and the people who came without one, under their own country,
else their organisation) alphabetically by name in the list's language;
in each delegation its head first, then by last and first name. Names sort
by a key that does not depend on the server's locale (accents folded, case
ignored), so "États-Unis d'Amérique" sorts among the E's in French."""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, QuerySet
from django.utils import translation
from django_countries import countries

from registration.models import Category, ListVisibility, Registration, RegistrationSettings, RegistrationStatus
from registration.official_list.models import ParticipantListBuild
from sessions.models import EventPage
from sessions.permissions import scoped_objects, user_can_manage_event


def sort_key(text: str) -> str:
    """``text`` for sorting: compatibility-decomposed (NFKD), combining marks
    dropped, case-folded. "Émirats" and "emirats" give the same key."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def list_language(language: str | None = None) -> str:
    """One of the site's languages: ``language`` (or the active one, or its
    base language: "fr-ca" gives "fr"), else the default."""
    known = dict(settings.LANGUAGES)
    language = (language or translation.get_language() or "").lower()
    if language in known:
        return language
    base = language.split("-")[0]
    return base if base in known else settings.LANGUAGE_CODE


# --- the order of precedence ---------------------------------------------------------------


@dataclass(frozen=True)
class ListedPerson:
    """One line of the list."""

    honorific: str
    first_name: str
    last_name: str
    position: str
    organisation: str
    is_head: bool = False
    registration_id: int = 0

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def full_name(self) -> str:
        """The honorific and the name, as the list shows them."""
        return " ".join(part for part in (self.honorific, self.name) if part)


@dataclass
class ListedGroup:
    """A delegation, or the people of one country (or organisation) who came
    without one, in one category."""

    name: str
    people: list[ListedPerson] = field(default_factory=list)


@dataclass
class ListedCategory:
    name: str
    groups: list[ListedGroup] = field(default_factory=list)


@dataclass
class ParticipantList:
    language: str
    categories: list[ListedCategory] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(group.people) for category in self.categories for group in category.groups)

    def registration_ids(self) -> list[int]:
        return [
            person.registration_id
            for category in self.categories
            for group in category.groups
            for person in group.people
        ]


LISTED_FIELDS = (
    "pk",
    "honorific",
    "first_name",
    "last_name",
    "position",
    "organisation",
    "country",
    "category_id",
    "category__name",
    "category__translations",
    "category__source_language",
    "category__sort_order",
    "nomination__is_head",
    "nomination__delegation__country",
    "nomination__delegation__organisation",
)


def listed_registrations(*, event: EventPage | int) -> QuerySet[Registration]:
    """The registrations the list shows: confirmed, and the person agreed to
    be listed (a registration made for someone who has not claimed it has
    no consent, so it is not listed either)."""
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED, list_consent=True)


def participant_list(*, event: EventPage, language: str) -> ParticipantList:
    """The event's list in the order of precedence, in ``language`` (country
    names and their order). One query, whatever the number of people."""
    language = list_language(language)
    rows = listed_registrations(event=event).order_by().values(*LISTED_FIELDS)
    country_names: dict[str, str] = {}

    def country_name(code: str) -> str:
        if code not in country_names:
            with translation.override(language):
                country_names[code] = str(countries.name(code)) or code
        return country_names[code]

    categories: dict[int, tuple[tuple, ListedCategory]] = {}
    # (category id, group key) -> (the group, the sort keys of its people)
    groups: dict[tuple, tuple[ListedGroup, list[tuple]]] = {}
    for row in rows:
        category_id = row["category_id"]
        if category_id not in categories:
            name = _category_name(row, language)
            order = (row["category__sort_order"], sort_key(name), name, category_id)
            categories[category_id] = (order, ListedCategory(name=name))
        key, name = _group_of(row, country_name)
        group, people = groups.setdefault((category_id, key), (ListedGroup(name=name), []))
        if row["nomination__delegation__organisation"] and key[0] == "organisation":
            group.name = name  # a delegation's own spelling of its name wins
        person = ListedPerson(
            honorific=row["honorific"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            position=row["position"],
            organisation=row["organisation"],
            is_head=bool(row["nomination__is_head"]),
            registration_id=row["pk"],
        )
        person_order = (
            not person.is_head,
            sort_key(person.last_name),
            sort_key(person.first_name),
            person.last_name,
            person.first_name,
            row["pk"],
        )
        people.append((person_order, person))

    listing = ParticipantList(language=language)
    for _order, category in sorted(categories.values(), key=lambda item: item[0]):
        listing.categories.append(category)
    by_category: dict[int, list[tuple]] = {}
    for (category_id, key), (group, people) in groups.items():
        group.people = [person for _order, person in sorted(people, key=lambda item: item[0])]
        by_category.setdefault(category_id, []).append(((sort_key(group.name), group.name, key), group))
    for category_id, (_order, category) in categories.items():
        category.groups = [group for _order, group in sorted(by_category[category_id], key=lambda item: item[0])]
    return listing


def _category_name(row: dict, language: str) -> str:
    """The category's name in the list's language (its own where it has no
    translation), from the row's columns: no query."""
    category = Category(
        name=row["category__name"],
        translations=row["category__translations"] or {},
        source_language=row["category__source_language"],
    )
    return category.translated("name", language)


def _group_of(row: dict, country_name) -> tuple[tuple, str]:
    """The key and the name of the group a listed registration goes in: its
    delegation's country or organisation; without a delegation, the person's
    own country, else their organisation. A delegation and the people of its
    country who came without one share the country's heading."""
    country = row["nomination__delegation__country"]
    organisation = row["nomination__delegation__organisation"]
    if country is None and organisation is None:  # no delegation
        country, organisation = row["country"], row["organisation"]
    if country:
        return ("country", country), country_name(country)
    return ("organisation", sort_key(organisation)), organisation


# --- who may see it ---------------------------------------------------------------------


class ListAccess(enum.Enum):
    GRANTED = "granted"
    SIGN_IN = "sign_in"  # an anonymous visitor, who may see it once signed in
    NOT_FOUND = "not_found"


def list_visibility(*, event: EventPage) -> str:
    """The event's setting; an event without registration settings keeps
    the default (its confirmed participants and its organisers)."""
    visibility = RegistrationSettings.objects.filter(event=event).values_list("list_visibility", flat=True).first()
    return visibility or ListVisibility.PARTICIPANTS


def user_is_confirmed_at(*, user, event: EventPage) -> bool:
    return Registration.objects.filter(user=user, event=event, status=RegistrationStatus.CONFIRMED).exists()


def list_access(*, user, event: EventPage) -> ListAccess:
    """Whether ``user`` may see the event's list (page and final PDF):
    everyone when it is public; its confirmed participants and organisers
    when it is for participants (anonymous visitors are asked to sign in);
    its organisers only when it is hidden."""
    visibility = list_visibility(event=event)
    if visibility == ListVisibility.PUBLIC:
        return ListAccess.GRANTED
    if not user.is_authenticated:
        return ListAccess.SIGN_IN if visibility == ListVisibility.PARTICIPANTS else ListAccess.NOT_FOUND
    if visibility == ListVisibility.PARTICIPANTS and user_is_confirmed_at(user=user, event=event):
        return ListAccess.GRANTED
    return ListAccess.GRANTED if user_can_manage_event(user, event) else ListAccess.NOT_FOUND


# --- the PDFs ---------------------------------------------------------------------------


def latest_final_build(*, event: EventPage, language: str) -> ParticipantListBuild | None:
    """The newest final PDF of the event's list in ``language``, while every
    person it lists is still listed: once one of them withdraws their
    consent (or their registration is cancelled), the PDF is no longer
    handed out on the site until the organisers build it again. Two
    queries, whatever the number of people."""
    build = (
        ParticipantListBuild.objects.filter(
            event=event, language=language, final=True, state=ParticipantListBuild.State.DONE
        )
        .exclude(file="")
        .order_by(F("finished_at").desc(nulls_last=True), "-pk")
        .first()
    )
    if build is None or not build_is_current(build):
        return None
    return build


def build_is_current(build: ParticipantListBuild) -> bool:
    """Whether everyone the PDF lists may still be listed."""
    if not build.listed:
        return True
    still_listed = set(listed_registrations(event=build.event_id).values_list("pk", flat=True))
    return set(build.listed) <= still_listed


def builds_for(*, user) -> QuerySet[ParticipantListBuild]:
    """The PDFs of the events the user manages, the latest first."""
    return scoped_objects(ParticipantListBuild, user).select_related("event", "created_by")
