"""The list's page on the site: who may see it under each visibility, what
it shows (headings per category and delegation, a list per delegation, in
the visitor's language), the final PDF it offers, the links to it, and a
fixed number of queries."""

from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from registration.models import ListVisibility
from registration.official_list.models import ParticipantListBuild
from tests.factories import (
    CategoryFactory,
    DelegationFactory,
    ParticipantListBuildFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    UserFactory,
)
from tests.helpers import make_listed_person

ANONYMOUS, SIGN_IN, OK, NOT_FOUND = "anonymous", "sign in", 200, 404
KINDS = [
    "anonymous",
    "stranger",
    "participant_elsewhere",
    "pending_participant",
    "participant",
    "organiser_elsewhere",
    "organiser",
]
EXPECTED = {
    ListVisibility.PUBLIC: dict.fromkeys(KINDS, OK),
    ListVisibility.PARTICIPANTS: {
        "anonymous": SIGN_IN,
        "stranger": NOT_FOUND,
        "participant_elsewhere": NOT_FOUND,
        "pending_participant": NOT_FOUND,
        "participant": OK,
        "organiser_elsewhere": NOT_FOUND,
        "organiser": OK,
    },
    ListVisibility.HIDDEN: {**dict.fromkeys(KINDS, NOT_FOUND), "organiser": OK},
}
CASES = [(visibility, kind, expected) for visibility, row in EXPECTED.items() for kind, expected in row.items()]


def page_url(event) -> str:
    return reverse("official_list:page", kwargs={"event_id": event.pk})


def answer(response):
    """200, 404, or "sign in" for a redirect to the sign-in page."""
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/?next="):
        return SIGN_IN
    return response.status_code


def as_visitor(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


class Outline(HTMLParser):
    """The page's headings and list items, as (tag, text), in order."""

    TAGS = {"h1", "h2", "h3", "li"}

    def __init__(self, html: str):
        super().__init__()
        self.items, self.open, self.main = [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.main = True
        if self.main and tag in self.TAGS:
            self.open.append([tag, ""])

    def handle_endtag(self, tag):
        if tag == "main":
            self.main = False
        if self.open and self.open[-1][0] == tag:
            name, text = self.open.pop()
            self.items.append((name, " ".join(text.split())))

    def handle_data(self, data):
        for item in self.open:
            item[1] += data


@pytest.mark.django_db
@pytest.mark.parametrize(("visibility", "kind", "expected"), CASES, ids=[f"{v}-{k}" for v, k, _ in CASES])
def test_who_may_see_the_list(client, event, list_visitors, visibility, kind, expected):
    RegistrationSettingsFactory(event=event, list_visibility=visibility)

    response = as_visitor(client, list_visitors.get(kind)).get(page_url(event))

    assert answer(response) == expected


@pytest.mark.django_db
def test_an_event_without_registration_settings_shows_it_to_participants(client, event, list_visitors):
    answers = [answer(as_visitor(client, list_visitors.get(kind)).get(page_url(event))) for kind in KINDS]

    assert answers == [EXPECTED[ListVisibility.PARTICIPANTS][kind] for kind in KINDS]


@pytest.mark.django_db
def test_a_draft_event_page_has_no_list(client, event):
    RegistrationSettingsFactory(event=event, list_visibility=ListVisibility.PUBLIC)
    event.unpublish()

    assert client.get(page_url(event)).status_code == 404


def test_headings_per_category_and_delegation_and_a_list_per_delegation(client, protocol_event):
    RegistrationSettingsFactory(event=protocol_event.event, list_visibility=ListVisibility.PUBLIC)

    html = client.get(page_url(protocol_event.event)).content.decode()

    items = Outline(html).items
    assert items[:8] == [
        ("h1", "List of participants"),
        ("h2", "Member States"),
        ("h3", "Brazil"),
        ("li", "João Silva Ministry of Digital Affairs"),
        ("h3", "Colombia"),
        ("li", "Camila Gómez Ministry of Digital Affairs"),
        ("h3", "Côte d'Ivoire"),
        ("li", "Yao Kouassi Head of delegation Ministry of Digital Affairs"),
    ]
    assert [text for tag, text in items if tag == "h2"] == ["Member States", "Observers", "Civil society"]
    assert (
        "li",
        "H.E. Ms Laura Zimmerman Head of delegation Ambassador Permanent Mission of the United States",
    ) in items
    assert '<span class="participant__honorific">H.E. Ms</span> Laura Zimmerman' in html
    assert [name for name in ("Declined", "Unclaimed", "Elsewhere") if name in html] == []


def test_the_page_is_in_the_visitors_language(client, protocol_event):
    RegistrationSettingsFactory(event=protocol_event.event, list_visibility=ListVisibility.PUBLIC)

    html = client.get(page_url(protocol_event.event), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    groups = [text for tag, text in Outline(html).items if tag == "h3"]
    assert groups[:7] == [
        "Allemagne",
        "Brésil",
        "Colombie",
        "Côte d'Ivoire",
        "Croatie",
        "États-Unis d'Amérique",
        "France",
    ]
    assert '<html lang="fr" dir="ltr">' in html


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_page_query_count_does_not_grow(client, event, count, django_assert_num_queries):
    RegistrationSettingsFactory(event=event, list_visibility=ListVisibility.PARTICIPANTS)
    categories = [CategoryFactory(event=event) for _ in range(3)]
    delegations = [DelegationFactory(event=event, country=code) for code in ("FR", "DE", "SN")]
    for n in range(count):
        make_listed_person(event, categories[n % 3], delegation=delegations[n % 2] if n % 3 else None)
    participant = UserFactory()
    RegistrationFactory(event=event, user=participant, category=categories[0])
    ParticipantListBuildFactory(event=event, final=True, state="done", file=ContentFile(b"%PDF-", name="list.pdf"))
    client.force_login(participant)
    client.get(page_url(event))  # Wagtail's site root paths, cached from then on
    # The event, its visibility, the session and user, the confirmed check,
    # the event's name in the list's language, the list (one query), its
    # final PDF, then what every page of the site asks (site, settings, the
    # admin link's permissions, menu, footer).
    with django_assert_num_queries(14):
        response = client.get(page_url(event))

    assert response.content.decode().count('class="participant"') == count


# --- the final PDF ----------------------------------------------------------------------


def _build(event, *, language="en", final=True, state="done", content=b"%PDF-1.4 final list"):
    return ParticipantListBuildFactory(
        event=event, language=language, final=final, state=state, file=ContentFile(content, name="list.pdf")
    )


def pdf_url(event, language="en") -> str:
    return reverse("official_list:pdf", kwargs={"event_id": event.pk, "language": language})


@pytest.mark.django_db
def test_the_latest_final_pdf_in_the_pages_language_is_offered(client, event):
    RegistrationSettingsFactory(event=event, list_visibility=ListVisibility.PUBLIC)
    _build(event, content=b"%PDF-1.4 older final")
    newest = _build(event, content=b"%PDF-1.4 newest final")
    ParticipantListBuild.objects.filter(pk=newest.pk).update(finished_at="2030-01-01T00:00:00Z")
    _build(event, final=False, content=b"%PDF-1.4 a later draft")
    _build(event, language="fr", content=b"%PDF-1.4 la liste")

    html = client.get(page_url(event)).content.decode()
    response = client.get(pdf_url(event))

    assert f'href="{pdf_url(event)}"' in html
    assert (response.status_code, b"".join(response.streaming_content)) == (200, b"%PDF-1.4 newest final")
    assert response["Content-Type"] == "application/pdf"
    french = client.get(pdf_url(event, "fr"))
    assert b"".join(french.streaming_content) == b"%PDF-1.4 la liste"


@pytest.mark.django_db
def test_no_pdf_offered_without_a_final_build_in_that_language(client, event):
    RegistrationSettingsFactory(event=event, list_visibility=ListVisibility.PUBLIC)
    _build(event, final=False)
    _build(event, state="running")
    _build(event, language="fr")

    html = client.get(page_url(event)).content.decode()

    assert ("Download the list (PDF)" in html, client.get(pdf_url(event)).status_code) == (False, 404)
    assert client.get(pdf_url(event, "de")).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("visibility", "kind", "expected"), CASES, ids=[f"{v}-{k}" for v, k, _ in CASES])
def test_the_pdf_is_seen_by_those_who_see_the_page(client, event, list_visitors, visibility, kind, expected):
    RegistrationSettingsFactory(event=event, list_visibility=visibility)
    _build(event)

    response = as_visitor(client, list_visitors.get(kind)).get(pdf_url(event))

    assert answer(response) == expected


# --- links to the list ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("visibility", "kind", "linked"),
    [
        (ListVisibility.PUBLIC, "anonymous", True),
        (ListVisibility.PARTICIPANTS, "anonymous", False),
        (ListVisibility.PARTICIPANTS, "stranger", False),
        (ListVisibility.PARTICIPANTS, "participant", True),
        (ListVisibility.HIDDEN, "participant", False),
        (ListVisibility.HIDDEN, "organiser", True),
    ],
)
def test_the_event_page_links_to_the_list_when_the_visitor_may_see_it(
    client, event, list_visitors, visibility, kind, linked
):
    RegistrationSettingsFactory(event=event, list_visibility=visibility)

    html = as_visitor(client, list_visitors.get(kind)).get(event.url).content.decode()

    assert (f'href="{page_url(event)}"' in html) is linked


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("visibility", "status", "linked"),
    [
        (ListVisibility.PARTICIPANTS, "confirmed", True),
        (ListVisibility.PARTICIPANTS, "pending", False),
        (ListVisibility.HIDDEN, "confirmed", False),
        (ListVisibility.PUBLIC, "pending", True),
    ],
)
def test_a_registrations_page_links_to_the_list_when_its_holder_may_see_it(client, event, visibility, status, linked):
    RegistrationSettingsFactory(event=event, list_visibility=visibility)
    registration = RegistrationFactory(event=event, status=status)
    client.force_login(registration.user)

    html = client.get(reverse("registration:detail", kwargs={"reference": registration.reference})).content.decode()

    assert (f'href="{page_url(event)}"' in html) is linked
