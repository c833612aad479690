"""The organisers' delegation admin: the listing of an event's delegations
(a fixed number of queries however many there are), creating a delegation,
a delegation's page (seats, approval, resending, the log), reminders, and
its scope: an organiser of one event never reaches another's."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django_countries import countries

from home.models import OutgoingEmail
from registration.delegations.models import Delegation, DelegationLogEntry, DelegationQuota
from registration.delegations.services import (
    delegation_accept,
    delegation_create,
    delegation_request_seats,
    invitation_link_token,
    nomination_create,
    nomination_make_head,
)
from registration.models import Registration
from tests.factories import (
    CategoryFactory,
    DelegationFactory,
    DelegationQuotaFactory,
    NominationFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.helpers import nominee, signed_in

pytestmark = pytest.mark.django_db

INDEX = "/admin/delegations/"


def listing_rows(html: str) -> dict[str, str]:
    """Delegation name -> its row's HTML, in the listing's order."""
    found = re.findall(
        r'(<tr data-delegation="\d+">.*?<th scope="row"><a href="[^"]+">([^<]+)</a>.*?</tr>)', html, re.S
    )
    return {name: row for row, name in found}


def nominate(delegation, category, **overrides):
    return nomination_create(
        delegation=delegation, category=category, details=nominee(**overrides), by=delegation.focal_point
    )


@pytest.fixture
def japan(other_event, event_organiser):
    """A delegation to an event the organiser does not manage."""
    return delegation_create(
        event=other_event,
        country="JP",
        focal_point_name="Haruto Sato",
        focal_point_email="haruto.sato@mofa.example.org",
        quotas={CategoryFactory(event=other_event): 4},
        by=None,
    )


# --- the listing ---------------------------------------------------------------------------


def test_the_listing_shows_each_delegations_state(
    organiser_client, france, kenya, japan, member_state_category, focal_point
):
    nomination_make_head(nomination=nominate(france, member_state_category), by=focal_point)
    delegation_request_seats(delegation=france, seats=2, reason="Two advisers", by=focal_point)
    Delegation.objects.filter(pk=france.pk).update(note_verbale="notes-verbales/x.pdf")

    response = organiser_client.get(INDEX)

    html = response.content.decode()
    rows = listing_rows(html)
    assert list(rows) == ["France", "Kenya"]
    france_row, kenya_row = rows["France"], rows["Kenya"]
    assert ('data-accepted="yes"' in france_row, 'data-accepted="no"' in kenya_row) == (True, True)
    assert '<li data-category="member-state">Member State delegation: 1 / 2</li>' in france_row
    assert '<li data-category="member-state">Member State delegation: 0 / 5</li>' in kenya_row
    assert f'href="/delegations/{france.pk}/note-verbale/"' in france_row
    assert ('data-note-verbale="no"' in kenya_row, 'data-head="yes"' in france_row) == (True, True)
    assert ('data-head="no"' in kenya_row, 'data-extra-seats="2"' in france_row) == (True, True)
    assert "Japan" not in html


def test_the_event_filter_offers_the_users_events_only(organiser_client, event, other_event, japan):
    html = organiser_client.get(INDEX).content.decode()
    asked_for_another = organiser_client.get(INDEX, {"event": other_event.pk}).content.decode()

    assert re.findall(r'<option value="(\d+)"', html) == [str(event.pk)]
    assert other_event.title not in html
    assert ("Japan" in asked_for_another, other_event.title in asked_for_another) == (False, False)
    assert listing_rows(asked_for_another) == {}


def admin_only_user():
    """Admin access, and no right on delegations."""
    from django.contrib.auth.models import Group

    user = UserFactory()
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def test_an_admin_user_without_the_delegation_rights_is_refused(event, france):
    client = signed_in(admin_only_user())

    assert [client.get(INDEX).status_code, client.get(detail_url(france)).status_code] == [403, 403]


def test_the_menu_has_the_delegations_for_organisers_only(organiser_client):
    menu_item = '"url": "/admin/delegations/"'

    assert menu_item in organiser_client.get("/admin/").content.decode()
    assert menu_item not in signed_in(admin_only_user()).get("/admin/").content.decode()


@pytest.mark.parametrize("count", [2, 193])
def test_the_listing_runs_a_fixed_number_of_queries(
    count, organiser_client, event, member_state_category, django_assert_num_queries
):
    observers = CategoryFactory(event=event, name="Observers")
    for index, code in enumerate(list(countries)[:count]):
        delegation = DelegationFactory(
            event=event, country=code.code, note_verbale="notes-verbales/x.pdf" if index % 2 else ""
        )
        DelegationQuotaFactory(delegation=delegation, category=member_state_category, seats=5)
        DelegationQuotaFactory(delegation=delegation, category=observers, seats=1)
        for number in range(2):
            registration = RegistrationFactory(
                event=event,
                category=member_state_category,
                user=None,
                status="pending",
                email=f"{index}.{number}@example.org",
            )
            NominationFactory(delegation=delegation, registration=registration, is_head=number == 0)

    with django_assert_num_queries(LISTING_QUERIES):
        response = organiser_client.get(INDEX, {"event": event.pk})

    rows = listing_rows(response.content.decode())
    assert len(rows) == count
    assert all("Member State delegation: 2 / 5" in row and "Observers: 0 / 1" in row for row in rows.values())


# The session, the user and their rights, the admin's menu, the event filter
# (validated and drawn), then three for the delegations: the rows, their
# seats, the seats used.
LISTING_QUERIES = 17


# --- creating a delegation -----------------------------------------------------------------


def test_creating_a_delegation_with_its_seats_invites_the_focal_point(
    organiser_client, event, member_state_category, event_organiser, django_capture_on_commit_callbacks
):
    observers = CategoryFactory(event=event, name="Observers")
    url = reverse("delegations_admin:add", kwargs={"event_id": event.pk})

    form = organiser_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            url,
            {
                "country": "SN",
                "organisation": "",
                "focal_point_name": "Awa Ndiaye",
                "focal_point_email": "awa.ndiaye@mfa.example.org",
                "language": "fr",
                f"seats_{member_state_category.pk}": "5",
                f"seats_{observers.pk}": "",
            },
        )

    assert f'name="seats_{member_state_category.pk}"' in form
    delegation = Delegation.objects.get(event=event, country="SN")
    assert response["Location"] == f"/admin/delegations/{delegation.pk}/"
    assert list(DelegationQuota.objects.filter(delegation=delegation).values_list("category__name", "seats")) == [
        ("Member State delegation", 5)
    ]
    assert (delegation.created_by, delegation.language) == (event_organiser, "fr")
    assert [message.to for message in mail.outbox] == [["awa.ndiaye@mfa.example.org"]]


def test_a_refused_delegation_shows_why_beside_the_field(organiser_client, france, member_state_category):
    url = reverse("delegations_admin:add", kwargs={"event_id": france.event_id})

    response = organiser_client.post(
        url,
        {
            "country": "FR",
            "focal_point_name": "Paul Roux",
            "focal_point_email": "paul@example.org",
            "language": "en",
            f"seats_{member_state_category.pk}": "3",
        },
    )
    no_seats = organiser_client.post(
        url,
        {"country": "IT", "focal_point_name": "Gia Rossi", "focal_point_email": "gia@example.org", "language": "en"},
    )

    assert response.status_code == 200
    assert "This country already has a delegation at this event." in response.content.decode()
    assert "Give the delegation at least one seat." in no_seats.content.decode()
    assert Delegation.objects.count() == 1


# --- one delegation ----------------------------------------------------------------------


def detail_url(delegation) -> str:
    return reverse("delegations_admin:detail", kwargs={"delegation_id": delegation.pk})


def test_the_page_shows_the_nominees_and_the_log(organiser_client, france, member_state_category):
    nominate(france, member_state_category)

    html = organiser_client.get(detail_url(france)).content.decode()

    assert "H.E. Jean Dupont" in html
    assert re.findall(r'<tr data-action="(\w+)">', html) == ["nominated", "accepted", "invited", "created"]


def test_seats_are_raised_but_not_lowered_below_those_used(organiser_client, france, member_state_category):
    nominate(france, member_state_category, email="a@example.org")
    nominate(france, member_state_category, email="b@example.org")
    field = f"seats_{member_state_category.pk}"

    lowered = organiser_client.post(detail_url(france), {"action": "quotas", field: "1"})
    raised = organiser_client.post(detail_url(france), {"action": "quotas", field: "6"})

    assert lowered.status_code == 400
    assert "There are 2 active nominations in this category: the seats cannot be fewer." in lowered.content.decode()
    assert raised["Location"] == detail_url(france)
    assert DelegationQuota.objects.get(delegation=france).seats == 6


def test_approving_the_whole_delegation(organiser_client, france, member_state_category):
    nominate(france, member_state_category, email="a@example.org")
    nominate(france, member_state_category, email="b@example.org")

    response = organiser_client.post(detail_url(france), {"action": "approve_all"})

    assert response["Location"] == detail_url(france)
    assert sorted(Registration.objects.values_list("status", flat=True)) == ["confirmed", "confirmed"]


def test_approving_selected_nominees_only_acts_on_this_delegation(
    organiser_client, france, kenya, member_state_category
):
    first = nominate(france, member_state_category, email="a@example.org")
    nominate(france, member_state_category, email="b@example.org")
    delegation_accept(delegation=kenya, user=UserFactory())
    kenyan = nominate(Delegation.objects.get(pk=kenya.pk), member_state_category, email="k@example.org")

    organiser_client.post(detail_url(france), {"action": "approve_selected", "nomination": [first.pk, kenyan.pk]})

    assert dict(Registration.objects.values_list("email", "status")) == {
        "a@example.org": "confirmed",
        "b@example.org": "pending",
        "k@example.org": "pending",
    }


def test_resending_the_invitation_from_the_page(organiser_client, kenya, france):
    token = invitation_link_token(kenya)

    organiser_client.post(detail_url(kenya), {"action": "resend"})
    refused = organiser_client.post(detail_url(france), {"action": "resend"}, follow=True)

    kenya.refresh_from_db()
    assert invitation_link_token(kenya) != token
    assert "The focal point has already accepted the invitation." in refused.content.decode()


def test_an_unknown_action_is_a_400(organiser_client, france):
    assert organiser_client.post(detail_url(france), {"action": "explode"}).status_code == 400


def test_another_events_delegation_is_a_404_and_stays_unchanged(organiser_client, japan, other_event):
    before = (list(Delegation.objects.filter(pk=japan.pk).values()), DelegationLogEntry.objects.count())

    answers = [
        organiser_client.get(detail_url(japan)).status_code,
        organiser_client.post(detail_url(japan), {"action": "resend"}).status_code,
        organiser_client.post(detail_url(japan), {"action": "approve_all"}).status_code,
        organiser_client.get(reverse("delegations_admin:add", kwargs={"event_id": other_event.pk})).status_code,
    ]

    assert answers == [404, 404, 404, 404]
    assert (list(Delegation.objects.filter(pk=japan.pk).values()), DelegationLogEntry.objects.count()) == before


# --- reminders --------------------------------------------------------------------------


def test_reminding_the_selected_focal_points_who_have_not_nominated(
    organiser_client, event, france, kenya, japan, member_state_category
):
    nominate(france, member_state_category)
    OutgoingEmail.objects.all().delete()

    response = organiser_client.post(
        "/admin/delegations/remind/", {"event": event.pk, "delegation": [france.pk, kenya.pk, japan.pk]}, follow=True
    )
    again = organiser_client.post("/admin/delegations/remind/", {"event": event.pk, "all": "1"}, follow=True)

    assert list(OutgoingEmail.objects.values_list("kind", "to")) == [
        ("delegation_reminder", "wanjiru.kamau@mfa.example.org")
    ]
    assert "1 focal point reminded. 1 skipped: it has nominated, or was reminded in the last day." in (
        response.content.decode()
    )
    assert "0 focal points reminded. 2 skipped" in again.content.decode()
    japan.refresh_from_db()
    assert japan.last_reminded_at is None


def test_reminding_nobody_says_so(organiser_client, event):
    response = organiser_client.post("/admin/delegations/remind/", {"event": event.pk}, follow=True)

    assert "Select the delegations whose focal points to remind." in response.content.decode()


def test_approving_the_selected_delegations_from_the_listing(
    organiser_client, event, france, kenya, japan, member_state_category
):
    nominate(france, member_state_category, email="a@example.org")
    nominate(france, member_state_category, email="b@example.org")
    delegation_accept(delegation=kenya, user=UserFactory())
    nominate(Delegation.objects.get(pk=kenya.pk), member_state_category, email="k@example.org")
    japanese = nominate(
        delegation_accept(delegation=japan, user=UserFactory()),
        japan.quotas.get().category,
        email="j@example.org",
    )

    response = organiser_client.post(
        "/admin/delegations/approve/", {"event": event.pk, "delegation": [france.pk, japan.pk]}, follow=True
    )

    assert "2 nominees approved." in response.content.decode()
    assert dict(Registration.objects.values_list("email", "status")) == {
        "a@example.org": "confirmed",
        "b@example.org": "confirmed",
        "k@example.org": "pending",
        japanese.registration.email: "pending",
    }
    assert DelegationLogEntry.objects.filter(delegation=japan, action="approved").exists() is False
