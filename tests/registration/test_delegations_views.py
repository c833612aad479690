"""The focal point's pages: the invitation link, the delegation's page and
its forms (errors beside their fields, nothing after the deadline), and who
may reach them: the focal point only (404 for anyone else on every route,
sign-in for visitors); the note verbale also for the event's organisers."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.delegations.models import Delegation, DelegationLogEntry, Nomination
from registration.delegations.services import (
    delegation_accept,
    delegation_create,
    delegation_note_verbale_upload,
    invitation_link_token,
    nomination_create,
    nomination_make_head,
)
from registration.models import Registration, RegistrationSettings
from tests.factories import CategoryFactory, UserFactory
from tests.helpers import make_event_organiser, nominee, pdf_upload, register, signed_in

pytestmark = pytest.mark.django_db


def error_beside(html: str, field_id: str) -> list[str]:
    """The errors shown beside one field (includes/field.html)."""
    match = re.search(rf'<ul class="errorlist" id="{field_id}_error">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1)) if match else []


def nominate_data(category, **overrides) -> dict:
    return {"category": category.pk, **nominee(**overrides)}


def state(delegation) -> tuple:
    """What a refused request must leave as it was."""
    return (
        Nomination.objects.filter(delegation=delegation).count(),
        DelegationLogEntry.objects.filter(delegation=delegation).count(),
        list(Registration.objects.order_by("pk").values_list("status", "last_name")),
        list(Delegation.objects.filter(pk=delegation.pk).values_list("note_verbale", "extra_seats_requested")),
        list(Nomination.objects.filter(delegation=delegation).values_list("is_head", flat=True)),
    )


@pytest.fixture
def jean(france, member_state_category, focal_point) -> Nomination:
    """Jean Dupont, nominated by France's focal point."""
    return nomination_create(delegation=france, category=member_state_category, details=nominee(), by=focal_point)


@pytest.fixture
def germany(france, member_state_category, event_organiser) -> Delegation:
    """Another delegation to the same event, with a focal point of its own."""
    delegation = delegation_create(
        event=france.event,
        country="DE",
        focal_point_name="Jonas Weber",
        focal_point_email="jonas.weber@auswaertiges-amt.example.org",
        quotas={member_state_category: 5},
        by=event_organiser,
    )
    return delegation_accept(delegation=delegation, user=UserFactory(email="jonas.weber@auswaertiges-amt.example.org"))


def routes(delegation, nomination, category) -> list[tuple[str, str, dict]]:
    """Every route of a delegation's pages: (method, URL, data)."""
    ids = {"delegation_id": delegation.pk}
    both = {**ids, "nomination_id": nomination.pk}
    return [
        ("get", reverse("delegations:detail", kwargs=ids), {}),
        ("get", reverse("delegations:nomination_edit", kwargs=both), {}),
        ("get", reverse("delegations:nomination_withdraw", kwargs=both), {}),
        ("get", reverse("delegations:note_verbale", kwargs=ids), {}),
        ("post", reverse("delegations:nominate", kwargs=ids), nominate_data(category, email="new@example.org")),
        ("post", reverse("delegations:nomination_edit", kwargs=both), nominee(last_name="Changed")),
        ("post", reverse("delegations:nomination_withdraw", kwargs=both), {}),
        ("post", reverse("delegations:nomination_head", kwargs=both), {}),
        ("post", reverse("delegations:note_verbale_upload", kwargs=ids), {"note_verbale": pdf_upload()}),
        ("post", reverse("delegations:extra_seats", kwargs=ids), {"seats": "2", "reason": "Advisers"}),
    ]


# --- who may reach the pages -----------------------------------------------------------


def test_another_delegations_focal_point_gets_404_on_every_route_and_changes_nothing(
    france, germany, jean, member_state_category, focal_point
):
    delegation_note_verbale_upload(delegation=france, upload=pdf_upload(), by=focal_point)
    client = signed_in(germany.focal_point)
    before = state(france)

    answers = [
        getattr(client, method)(url, data).status_code
        for method, url, data in routes(france, jean, member_state_category)
    ]

    assert answers == [404] * 10
    assert state(france) == before


def test_a_nomination_of_another_delegation_is_404_under_ones_own(germany, jean, member_state_category):
    client = signed_in(germany.focal_point)
    before = state(jean.delegation)

    answers = [
        getattr(client, method)(url, data).status_code
        for method, url, data in routes(germany, jean, member_state_category)
        if "nominees" in url
    ]

    assert answers == [404] * 5
    assert state(jean.delegation) == before


def test_other_signed_in_users_get_404_on_every_route(france, jean, member_state_category, event_organiser):
    # The event's organiser too: the focal point's pages are the focal point's.
    for user in (UserFactory(), event_organiser):
        client = signed_in(user)
        answers = [
            getattr(client, method)(url, data).status_code
            for method, url, data in routes(france, jean, member_state_category)
            if "note-verbale/" not in url or "upload" in url
        ]
        assert answers == [404] * 9


def test_visitors_are_sent_to_sign_in_from_every_route(client, france, jean, member_state_category):
    before = state(france)

    answers = []
    for method, url, data in routes(france, jean, member_state_category):
        response = getattr(client, method)(url, data)
        answers.append((response.status_code, response["Location"]))

    assert answers == [
        (302, f"/accounts/login/?next={url}") for _method, url, _data in routes(france, jean, member_state_category)
    ]
    assert client.get(reverse("delegations:list"))["Location"] == "/accounts/login/?next=/delegations/"
    assert state(france) == before


def test_the_list_shows_the_users_own_delegations_only(france, germany, focal_point):
    response = signed_in(focal_point).get(reverse("delegations:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'<h2 id="delegation-\d+"><a href="([^"]+)">([^<]+)</a>', html) == [
        (f"/delegations/{france.pk}/", "France")
    ]


def test_my_account_links_the_delegations(france, focal_point):
    html = signed_in(focal_point).get("/account/").content.decode()

    assert f'<a href="/delegations/{france.pk}/">France</a>' in html


# --- the invitation link -------------------------------------------------------------------


def invitation_url(delegation) -> str:
    return reverse("delegations:invitation", kwargs={"token": invitation_link_token(delegation)})


def test_an_unknown_link_is_a_404_page(client, kenya):
    response = client.get(reverse("delegations:invitation", kwargs={"token": "not-a-token"}))

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_signed_out_the_link_explains_and_offers_to_sign_in_or_up_coming_back(client, kenya):
    url = invitation_url(kenya)

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Focal point of the delegation: Kenya" in html
    assert f'href="/accounts/login/?next={url}"' in html
    assert f'href="/accounts/signup/?next={url}"' in html
    assert '<form method="post">' not in html
    assert client.post(url)["Location"] == f"/accounts/login/?next={url}"
    kenya.refresh_from_db()
    assert kenya.focal_point is None


def test_signed_in_accepting_links_the_account_and_leads_to_the_page(kenya):
    user = UserFactory()
    client = signed_in(user)
    url = invitation_url(kenya)

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 200
    assert '<button type="submit" class="button">Accept</button>' in page.content.decode()
    assert response["Location"] == f"/delegations/{kenya.pk}/"
    kenya.refresh_from_db()
    assert (kenya.focal_point, kenya.accepted_at is not None) == (user, True)
    assert client.get(url)["Location"] == f"/delegations/{kenya.pk}/"
    assert client.get(f"/delegations/{kenya.pk}/").status_code == 200


def test_a_link_accepted_by_another_account_explains_and_changes_nothing(france, focal_point):
    client = signed_in(UserFactory())
    url = invitation_url(france)

    responses = [client.get(url), client.post(url)]

    assert [response.status_code for response in responses] == [200, 200]
    assert ["already been accepted with another account" in response.content.decode() for response in responses] == [
        True,
        True,
    ]
    france.refresh_from_db()
    assert france.focal_point == focal_point


# --- the delegation's page ------------------------------------------------------------------


def test_the_page_shows_seats_nominees_status_head_and_claim(france, jean, member_state_category, focal_point):
    nomination_make_head(nomination=jean, by=focal_point)
    Registration.objects.filter(pk=jean.registration_id).update(claimed_at=timezone.now())
    second = nomination_create(
        delegation=france,
        category=member_state_category,
        details=nominee(first_name="Marie", last_name="Curie", email="marie@example.org", honorific=""),
        by=focal_point,
    )

    html = signed_in(focal_point).get(f"/delegations/{france.pk}/").content.decode()

    assert re.search(
        r'<tr data-category="member-state"><th scope="row">Member State delegation</th><td>2</td><td>2</td></tr>', html
    )
    rows = re.findall(r'<tr data-nomination="(\d+)">(.*?)</tr>', html, re.S)
    assert [int(pk) for pk, _row in rows] == [jean.pk, second.pk]
    assert ["data-head" in row for _pk, row in rows] == [True, False]
    assert [re.search(r'data-claimed="(\w+)"', row).group(1) for _pk, row in rows] == ["yes", "no"]
    assert [re.search(r'<span class="status status--(\w+)">([^<]+)</span>', row).groups() for _pk, row in rows] == [
        ("pending", "Awaiting approval"),
        ("pending", "Awaiting approval"),
    ]
    assert '<datalist id="honorifics"><option value="H.E."></option>' in html


def test_the_nomination_form_starts_with_the_delegations_organisation_and_country(france, focal_point):
    html = signed_in(focal_point).get(f"/delegations/{france.pk}/").content.decode()

    assert 'name="organisation" value="France"' in html
    assert '<option value="FR" selected>' in html
    assert 'list="honorifics"' in html


def test_nominating_through_the_page(france, member_state_category, focal_point):
    client = signed_in(focal_point)

    response = client.post(f"/delegations/{france.pk}/nominate/", nominate_data(member_state_category))

    assert response["Location"] == f"/delegations/{france.pk}/"
    registration = Nomination.objects.get(delegation=france).registration
    assert (registration.full_name, registration.status, registration.registered_by) == (
        "H.E. Jean Dupont",
        "pending",
        focal_point,
    )
    page = client.get(response["Location"]).content.decode()
    assert "H.E. Jean Dupont is nominated and awaits the organisers&#x27; approval." in page


def test_over_quota_is_shown_beside_the_category(france, member_state_category, focal_point):
    client = signed_in(focal_point)
    for email in ("a@example.org", "b@example.org"):
        client.post(f"/delegations/{france.pk}/nominate/", nominate_data(member_state_category, email=email))

    response = client.post(
        f"/delegations/{france.pk}/nominate/", nominate_data(member_state_category, email="c@example.org")
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert error_beside(html, "nominate_category") == ["All 2 seats of your delegation in this category are taken."]
    assert 'value="c@example.org"' in html
    assert Nomination.objects.count() == 2


def test_a_malformed_email_is_shown_beside_the_email(france, member_state_category, focal_point):
    response = signed_in(focal_point).post(
        f"/delegations/{france.pk}/nominate/", nominate_data(member_state_category, email="jean.dupont@")
    )

    assert response.status_code == 400
    assert error_beside(response.content.decode(), "nominate_email") == ["Enter a valid email address."]
    assert Nomination.objects.count() == 0


def test_someone_already_registered_is_shown_beside_the_email(france, member_state_category, focal_point):
    register(france.event, CategoryFactory(event=france.event), email="jean.dupont@diplomatie.example.org")

    response = signed_in(focal_point).post(f"/delegations/{france.pk}/nominate/", nominate_data(member_state_category))

    assert response.status_code == 400
    assert error_beside(response.content.decode(), "nominate_email") == [
        "This person is already registered for this event."
    ]


def test_a_category_outside_the_quota_is_not_offered(france, focal_point):
    press = CategoryFactory(event=france.event, name="Media")
    response = signed_in(focal_point).post(f"/delegations/{france.pk}/nominate/", nominate_data(press))

    assert response.status_code == 400
    assert error_beside(response.content.decode(), "nominate_category") == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_after_the_deadline_the_forms_are_hidden_and_posts_refused(
    client, france, jean, member_state_category, focal_point
):
    RegistrationSettings.objects.update_or_create(
        event=france.event, defaults={"nominations_close_at": timezone.now() - datetime.timedelta(hours=1)}
    )
    client = signed_in(focal_point)
    before = state(france)

    page = client.get(f"/delegations/{france.pk}/").content.decode()
    responses = [
        client.post(
            f"/delegations/{france.pk}/nominate/", nominate_data(member_state_category, email="late@example.org")
        ),
        client.post(f"/delegations/{france.pk}/nominees/{jean.pk}/edit/", nominee(last_name="Late")),
        client.post(f"/delegations/{france.pk}/nominees/{jean.pk}/withdraw/"),
        client.get(f"/delegations/{france.pk}/nominees/{jean.pk}/edit/"),
    ]

    assert 'data-nominations="closed"' in page
    assert f'action="/delegations/{france.pk}/nominate/"' not in page
    assert f"/nominees/{jean.pk}/edit/" not in page
    assert f"/nominees/{jean.pk}/withdraw/" not in page
    assert [response["Location"] for response in responses] == [f"/delegations/{france.pk}/"] * 4
    followed = client.get(f"/delegations/{france.pk}/").content.decode()
    assert "Nominations are closed for this event: nothing was changed." in followed
    assert state(france) == before


def test_editing_a_delegate(france, jean, focal_point):
    client = signed_in(focal_point)
    url = f"/delegations/{france.pk}/nominees/{jean.pk}/edit/"

    form = client.get(url).content.decode()
    refused = client.post(url, nominee(email="not-an-address"))
    saved = client.post(url, nominee(position="Deputy Permanent Delegate"))

    assert 'value="Ambassador, Permanent Delegate"' in form
    assert refused.status_code == 400
    assert error_beside(refused.content.decode(), "id_email") == ["Enter a valid email address."]
    assert saved["Location"] == f"/delegations/{france.pk}/"
    jean.registration.refresh_from_db()
    assert jean.registration.position == "Deputy Permanent Delegate"


def test_withdrawing_asks_then_cancels(france, jean, focal_point):
    client = signed_in(focal_point)
    url = f"/delegations/{france.pk}/nominees/{jean.pk}/withdraw/"

    confirm = client.get(url)
    response = client.post(url)

    assert confirm.status_code == 200
    assert "Withdraw a delegate: H.E. Jean Dupont" in confirm.content.decode()
    assert response["Location"] == f"/delegations/{france.pk}/"
    jean.registration.refresh_from_db()
    assert jean.registration.status == "cancelled"


def test_naming_the_head_through_the_page(france, jean, focal_point):
    response = signed_in(focal_point).post(f"/delegations/{france.pk}/nominees/{jean.pk}/head/")

    jean.refresh_from_db()
    assert (response["Location"], jean.is_head) == (f"/delegations/{france.pk}/", True)


def test_uploading_the_note_verbale_through_the_page(france, focal_point):
    client = signed_in(focal_point)
    url = f"/delegations/{france.pk}/note-verbale/upload/"

    refused = client.post(url, {"note_verbale": pdf_upload(name="letter.pdf", content=b"GIF89a...")})
    response = client.post(url, {"note_verbale": pdf_upload()})

    assert refused.status_code == 400
    assert error_beside(refused.content.decode(), "note_note_verbale") == ["The note verbale must be a PDF file."]
    assert response["Location"] == f"/delegations/{france.pk}/"
    assert 'data-note-verbale="received"' in client.get(response["Location"]).content.decode()


def test_asking_for_extra_seats_through_the_page(france, focal_point):
    client = signed_in(focal_point)
    url = f"/delegations/{france.pk}/extra-seats/"

    refused = client.post(url, {"seats": "0", "reason": ""})
    response = client.post(url, {"seats": "3", "reason": "Three advisers of the minister."})

    assert refused.status_code == 400
    html = refused.content.decode()
    assert error_beside(html, "seats_seats") == ["Ensure this value is greater than or equal to 1."]
    assert error_beside(html, "seats_reason") == ["This field is required."]
    assert response["Location"] == f"/delegations/{france.pk}/"
    france.refresh_from_db()
    assert (france.extra_seats_requested, france.extra_seats_reason) == (3, "Three advisers of the minister.")


# --- the note verbale's download ------------------------------------------------------------


def test_the_note_verbale_is_downloaded_by_the_focal_point_and_the_events_organisers(
    client, france, focal_point, event_organiser, other_event
):
    delegation_note_verbale_upload(delegation=france, upload=pdf_upload(), by=focal_point)
    url = reverse("delegations:note_verbale", kwargs={"delegation_id": france.pk})

    answers = {}
    for who, user in {
        "focal point": focal_point,
        "organiser": event_organiser,
        "organiser of another event": make_event_organiser(other_event),
        "someone else": UserFactory(),
    }.items():
        response = signed_in(user).get(url)
        answers[who] = response.status_code
        if response.status_code == 200:
            assert (response["Content-Type"], response["Cache-Control"]) == ("application/pdf", "private, no-store")
            assert response["Content-Disposition"] == 'attachment; filename="note-verbale-fr.pdf"'
            assert b"".join(response.streaming_content).startswith(b"%PDF-")

    assert answers == {"focal point": 200, "organiser": 200, "organiser of another event": 404, "someone else": 404}
    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"


def test_no_note_verbale_is_a_404(france, focal_point):
    assert signed_in(focal_point).get(f"/delegations/{france.pk}/note-verbale/").status_code == 404
