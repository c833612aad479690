"""The order of precedence: categories in the organisers' order, groups by
name in the list's language (accents folded), heads of delegation first;
only confirmed people who agreed to be listed."""

import pytest

from registration.models import Registration
from registration.official_list.selectors import ListedPerson, participant_list, sort_key
from tests.factories import CategoryFactory, DelegationFactory, make_event
from tests.helpers import make_listed_person


def outline(listing) -> list:
    return [
        (category.name, [(group.name, [person.last_name for person in group.people]) for group in category.groups])
        for category in listing.categories
    ]


ENGLISH = [
    (
        "Member States",
        [
            ("Brazil", ["Silva"]),
            ("Colombia", ["Gómez"]),
            ("Côte d'Ivoire", ["Kouassi", "Traoré"]),
            ("Croatia", ["Horvat"]),
            ("France", ["Martin"]),
            ("Germany", ["Schmidt", "Becker", "Wagner"]),
            ("United States of America", ["Zimmerman", "Adams", "Ávila"]),
        ],
    ),
    ("Observers", [("African Union", ["Mahamat"]), ("Senegal", ["Diallo"]), ("UNESCO", ["Azoulay"])]),
    ("Civil society", [("Nigeria", ["Okafor"])]),
]

FRENCH = [
    (
        "Member States",
        [
            ("Allemagne", ["Schmidt", "Becker", "Wagner"]),
            ("Brésil", ["Silva"]),
            ("Colombie", ["Gómez"]),
            ("Côte d'Ivoire", ["Kouassi", "Traoré"]),
            ("Croatie", ["Horvat"]),
            ("États-Unis d'Amérique", ["Zimmerman", "Adams", "Ávila"]),
            ("France", ["Martin"]),
        ],
    ),
    ("Observers", [("African Union", ["Mahamat"]), ("Sénégal", ["Diallo"]), ("UNESCO", ["Azoulay"])]),
    ("Civil society", [("Nigeria", ["Okafor"])]),
]


def test_english_order_of_precedence(protocol_event):
    listing = participant_list(event=protocol_event.event, language="en")

    assert outline(listing) == ENGLISH
    assert listing.total == 16


def test_french_order_differs_country_names_and_accents_folded(protocol_event):
    listing = participant_list(event=protocol_event.event, language="fr")

    assert outline(listing) == FRENCH


def test_spanish_names_and_order(protocol_event):
    listing = participant_list(event=protocol_event.event, language="es")

    assert [group.name for group in listing.categories[0].groups] == [
        "Alemania",
        "Brasil",
        "Colombia",
        "Costa de Marfil",
        "Croacia",
        "Estados Unidos",
        "Francia",
    ]


def test_an_entry_has_honorific_name_position_organisation(protocol_event):
    listing = participant_list(event=protocol_event.event, language="en")

    head = listing.categories[0].groups[-1].people[0]
    assert head.registration_id == Registration.objects.get(last_name="Zimmerman").pk
    assert head == ListedPerson(
        honorific="H.E. Ms",
        first_name="Laura",
        last_name="Zimmerman",
        position="Ambassador",
        organisation="Permanent Mission of the United States",
        is_head=True,
        registration_id=head.registration_id,
    )
    assert head.full_name == "H.E. Ms Laura Zimmerman"


def test_the_active_language_does_not_change_the_lists_language(protocol_event):
    from django.utils import translation

    with translation.override("fr"):
        listing = participant_list(event=protocol_event.event, language="en")

    assert outline(listing) == ENGLISH


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("États-Unis d'Amérique", "etats-unis d'amerique"),
        ("Ávila", "avila"),
        ("Straße", "strasse"),
        ("ﬁnance", "finance"),
    ],
)
def test_sort_key_folds_accents_case_and_compatibility_forms(text, key):
    assert sort_key(text) == key


@pytest.mark.django_db
def test_people_of_one_delegation_by_last_then_first_name():
    event = make_event()
    category = CategoryFactory(event=event)
    delegation = DelegationFactory(event=event, country="SN")
    for first_name, last_name in [("Moussa", "Ndiaye"), ("Awa", "ndiaye"), ("Fatou", "Ba"), ("Élodie", "Ndiaye")]:
        make_listed_person(event, category, delegation=delegation, first_name=first_name, last_name=last_name)

    people = participant_list(event=event, language="en").categories[0].groups[0].people

    assert [person.name for person in people] == ["Fatou Ba", "Awa ndiaye", "Élodie Ndiaye", "Moussa Ndiaye"]


@pytest.mark.django_db
def test_categories_of_the_same_order_by_name():
    event = make_event()
    for name in ["Press", "Academia", "Member States"]:
        make_listed_person(
            event, CategoryFactory(event=event, name=name, sort_order=0 if name != "Member States" else 1)
        )

    assert [category.name for category in participant_list(event=event, language="en").categories] == [
        "Academia",
        "Press",
        "Member States",
    ]


@pytest.mark.django_db
def test_nobody_listed():
    assert participant_list(event=make_event(), language="en").categories == []


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_one_query_whatever_the_number_of_people(count, django_assert_num_queries):
    event = make_event()
    categories = [CategoryFactory(event=event) for _ in range(3)]
    delegations = [DelegationFactory(event=event, country=code) for code in ("FR", "DE", "US")]
    for n in range(count):
        make_listed_person(event, categories[n % 3], delegation=delegations[n % 3], last_name=f"Person {n}")

    with django_assert_num_queries(1):
        listing = participant_list(event=event, language="fr")

    assert listing.total == count
