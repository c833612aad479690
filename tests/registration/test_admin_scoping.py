"""Issue #10: an organiser reaches, in the registration admin, only the
objects of the events they manage: listings, filters, counts, every view of
one object, choosers, bulk actions and the scan log."""

import pytest
from django.urls import reverse

from registration.checkin.models import Scan
from registration.models import InvitationCode, Question, Registration
from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, UserFactory, make_event
from tests.helpers import make_event_organiser

pytestmark = pytest.mark.django_db


def one_of_each(event) -> dict:
    """One object of each registration admin model, all of ``event``."""
    category = CategoryFactory(event=event)
    registration = RegistrationFactory(event=event, category=category)
    return {
        "registration": registration,
        "category": category,
        "question": Question.objects.create(event=event, label="Topics"),
        "registrationsettings": RegistrationSettingsFactory(event=event),
        "invitationcode": InvitationCode.objects.create(category=category, code="DELEGATE"),
    }


def snippet_url(model_name: str, view: str, obj) -> str:
    return reverse(f"wagtailsnippets_registration_{model_name}:{view}", args=[obj.pk])


# The site's outbox (home.OutgoingEmail) has its own scoping tests: tests/home/test_outbox_admin.py.
MODELS = ["registration", "category", "question", "registrationsettings", "invitationcode"]


# --- one object's views --------------------------------------------------------------------


@pytest.mark.parametrize("view", ["edit", "history", "usage"])
@pytest.mark.parametrize("model_name", MODELS)
def test_object_view_of_own_event_answers_200(organiser_client, event, model_name, view):
    target = one_of_each(event)[model_name]

    response = organiser_client.get(snippet_url(model_name, view, target))

    assert response.status_code == 200


@pytest.mark.parametrize("model_name", [name for name in MODELS if name != "registration"])
def test_delete_confirmation_of_own_event_answers_200(organiser_client, event, model_name):
    target = one_of_each(event)[model_name]

    response = organiser_client.get(snippet_url(model_name, "delete", target))

    assert (response.status_code, response.context["object"]) == (200, target)


@pytest.mark.parametrize("view", ["edit", "history", "usage", "delete"])
@pytest.mark.parametrize("model_name", MODELS)
def test_object_view_of_another_event_is_404(organiser_client, other_event, model_name, view):
    target = one_of_each(other_event)[model_name]

    response = organiser_client.get(snippet_url(model_name, view, target))

    assert response.status_code == 404


@pytest.mark.parametrize("model_name", MODELS)
def test_delete_post_of_another_event_is_404_and_keeps_the_row(organiser_client, other_event, model_name):
    target = one_of_each(other_event)[model_name]

    response = organiser_client.post(snippet_url(model_name, "delete", target))

    assert response.status_code == 404
    assert type(target).objects.filter(pk=target.pk).exists()


def test_user_without_rights_gets_403_from_object_views(client, event):
    from django.contrib.auth.models import Permission

    category = CategoryFactory(event=event)
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    answers = [
        client.get(reverse("wagtailsnippets_registration_category:list")).status_code,
        client.get(snippet_url("category", "edit", category)).status_code,
    ]

    assert answers == [403, 404]


# --- registrations are cancelled, never deleted -------------------------------------------


def test_registration_delete_view_is_404_for_its_own_organiser(organiser_client, event):
    registration = RegistrationFactory(event=event)

    answers = [
        organiser_client.get(snippet_url("registration", "delete", registration)).status_code,
        organiser_client.post(snippet_url("registration", "delete", registration)).status_code,
    ]

    assert answers == [404, 404]
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_registration_delete_view_is_404_for_a_superuser(client, event):
    registration = RegistrationFactory(event=event)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.post(snippet_url("registration", "delete", registration))

    assert response.status_code == 404
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_bulk_delete_of_registrations_deletes_nothing(client, event):
    registration = RegistrationFactory(event=event)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtail_bulk_action", args=["registration", "registration", "delete"]) + f"?id={registration.pk}"

    confirm = client.get(url)
    client.post(url)

    assert [item["item"] for item in confirm.context["items"]] == []
    assert confirm.context["items_with_no_access"] == [registration]
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_registration_listing_offers_no_delete_button(organiser_client, event):
    registration = RegistrationFactory(event=event)

    page = organiser_client.get(reverse("wagtailsnippets_registration_registration:list")).content.decode()

    assert f"/admin/snippets/registration/registration/delete/{registration.pk}/" not in page


# --- listings, filters and counts ------------------------------------------------------


def event_choices(response) -> list[str]:
    field = response.context["filters"].form.fields
    name = next(name for name in ("event", "registration__event", "category__event") if name in field)
    return [str(event) for event in field[name].queryset]


@pytest.mark.parametrize(
    "listing",
    [
        "wagtailsnippets_registration_registration:list",
        "wagtailsnippets_registration_category:list",
        "wagtailsnippets_registration_question:list",
        "wagtailsnippets_registration_registrationsettings:list",
        "wagtailsnippets_registration_invitationcode:list",
        "scan_log:index",
    ],
)
def test_listing_event_filter_offers_only_the_users_events(organiser_client, event, other_event, listing):
    response = organiser_client.get(reverse(listing))

    assert response.status_code == 200
    assert event_choices(response) == [event.title]
    assert other_event.title not in response.content.decode()


@pytest.mark.parametrize(
    "listing", ["wagtailsnippets_registration_registration:list", "wagtailsnippets_registration_invitationcode:list"]
)
def test_category_filter_offers_only_the_users_categories(organiser_client, event, other_event, listing):
    mine = CategoryFactory(event=event, name="Member States")
    CategoryFactory(event=other_event, name="Their press")

    response = organiser_client.get(reverse(listing))

    assert list(response.context["filters"].form.fields["category"].queryset) == [mine]


@pytest.mark.parametrize("model_name", MODELS)
def test_listing_shows_only_the_users_events(organiser_client, event, other_event, model_name):
    mine = one_of_each(event)[model_name]
    one_of_each(other_event)

    response = organiser_client.get(reverse(f"wagtailsnippets_registration_{model_name}:list"))

    assert [obj.pk for obj in response.context["object_list"]] == [mine.pk]


def test_registration_counts_are_of_the_users_events_only(organiser_client, event, other_event):
    RegistrationFactory(event=event, country="FR")
    RegistrationFactory(event=other_event, country="KE", status="waitlisted")
    RegistrationFactory(event=other_event, country="KE")

    counts = organiser_client.get(reverse("wagtailsnippets_registration_registration:list")).context["counts"]

    assert (counts["status"], counts["country"]) == ([("Confirmed", 1)], [("FR", 1)])


def test_filter_on_another_event_is_refused_and_lists_only_the_users(organiser_client, event, other_event):
    mine = RegistrationFactory(event=event)
    RegistrationFactory(event=other_event)

    response = organiser_client.get(
        reverse("wagtailsnippets_registration_registration:list"), {"event": other_event.pk}
    )

    assert response.context["filters"].errors == {
        "event": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert [registration.pk for registration in response.context["object_list"]] == [mine.pk]
    assert response.context["counts"]["status"] == [("Confirmed", 1)]


def test_export_filtered_on_another_event_has_only_the_users_rows(organiser_client, event, other_event):
    mine = RegistrationFactory(event=event)
    RegistrationFactory(event=other_event)

    response = organiser_client.get(
        reverse("wagtailsnippets_registration_registration:list"), {"export": "csv", "event": other_event.pk}
    )

    rows = b"".join(response.streaming_content).decode().splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == [mine.reference]


# --- choosers -------------------------------------------------------------------------------


@pytest.mark.parametrize("model_name", ["registration", "category"])
def test_chooser_lists_only_the_users_events(organiser_client, event, other_event, model_name):
    mine = one_of_each(event)[model_name]
    one_of_each(other_event)

    response = organiser_client.get(reverse(f"wagtailsnippetchoosers_registration_{model_name}:choose"))

    assert response.status_code == 200
    assert [obj.pk for obj in response.context["results"]] == [mine.pk]


@pytest.mark.parametrize("model_name", ["registration", "category"])
def test_chosen_of_another_events_object_is_404(organiser_client, event, other_event, model_name):
    mine = one_of_each(event)[model_name]
    theirs = one_of_each(other_event)[model_name]

    def chosen(obj):
        return organiser_client.get(reverse(f"wagtailsnippetchoosers_registration_{model_name}:chosen", args=[obj.pk]))

    assert (chosen(mine).status_code, chosen(theirs).status_code) == (200, 404)


# --- bulk actions ---------------------------------------------------------------------------


def test_bulk_select_all_acts_on_the_users_events_only(organiser_client, event, other_event):
    RegistrationSettingsFactory(event=event)
    mine = RegistrationFactory(event=event)
    theirs = RegistrationFactory(event=other_event)
    url = reverse("wagtail_bulk_action", args=["registration", "registration", "cancel"]) + "?id=all"

    confirm = organiser_client.get(url)
    organiser_client.post(url, {"message": ""})

    assert [item["item"] for item in confirm.context["items"]] == [mine]
    assert confirm.context["items_with_no_access"] == []
    assert list(Registration.objects.order_by("pk").values_list("status", flat=True)) == ["cancelled", "confirmed"]
    assert theirs.log_entries.count() == 0


# --- the scan log -------------------------------------------------------------------------------


def make_scan(event, **fields) -> Scan:
    fields = {"result": "ok", "scanned_at": "2026-06-24T08:00:00Z", **fields}
    return Scan.objects.create(event=event, registration=RegistrationFactory(event=event), **fields)


def test_scan_log_lists_and_exports_only_the_users_events(organiser_client, event, other_event):
    mine = make_scan(event, gate="North")
    make_scan(other_event, gate="South")

    listing = organiser_client.get(reverse("scan_log:index"))
    export = organiser_client.get(reverse("scan_log:index"), {"export": "csv"})

    rows = b"".join(export.streaming_content).decode().splitlines()
    assert [scan.pk for scan in listing.context["object_list"]] == [mine.pk]
    assert [row.split(",")[4] for row in rows[1:]] == ["North"]


def test_scan_inspect_of_own_event_is_200_and_of_another_is_404(organiser_client, event, other_event):
    mine, theirs = make_scan(event), make_scan(other_event)

    answers = [
        organiser_client.get(reverse("scan_log:inspect", args=[mine.pk])).status_code,
        organiser_client.get(reverse("scan_log:inspect", args=[theirs.pk])).status_code,
    ]

    assert answers == [200, 404]


def test_scan_log_is_read_only_even_for_a_superuser(client, event):
    scan = make_scan(event, gate="North")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    edit = client.post(reverse("scan_log:edit", args=[scan.pk]), {"gate": "Elsewhere"})
    delete = client.post(reverse("scan_log:delete", args=[scan.pk]))

    scan.refresh_from_db()
    assert (edit.status_code, delete.status_code) == (302, 302)
    assert edit["Location"] == delete["Location"] == reverse("wagtailadmin_home")
    assert (Scan.objects.count(), scan.gate) == (1, "North")


def test_scan_log_filters_by_result_and_gate(organiser_client, event):
    north = make_scan(event, gate="North")
    make_scan(event, gate="South", result="invalid")

    response = organiser_client.get(reverse("scan_log:index"), {"result": "ok", "gate": "North"})

    assert [scan.pk for scan in response.context["object_list"]] == [north.pk]


def test_registration_settings_of_another_event_cannot_be_chosen_in_the_form(organiser_client, event, other_event):
    response = organiser_client.get(reverse("wagtailsnippets_registration_registrationsettings:add"))

    assert [choice.pk for choice in response.context["form"].fields["event"].queryset] == [event.pk]


# Measured with one and with ten events' worth of rows: the same for both.
LISTING_QUERIES = {
    "wagtailsnippets_registration_registration:list": 20,
    "wagtailsnippets_registration_category:list": 14,
    "wagtailsnippets_registration_question:list": 14,
    "wagtailsnippets_registration_registrationsettings:list": 14,
    "wagtailsnippets_registration_invitationcode:list": 15,
    "scan_log:index": 14,
}


def fill_every_listing(event) -> None:
    """One row of each listing for ``event``."""
    registration = one_of_each(event)["registration"]
    Scan.objects.create(
        event=event, registration=registration, staff=UserFactory(), result="ok", scanned_at="2026-06-24T08:00:00Z"
    )


@pytest.mark.parametrize("count", [1, 10])
@pytest.mark.parametrize("listing", LISTING_QUERIES)
def test_listing_query_count_does_not_grow_with_rows(client, django_assert_num_queries, listing, count):
    events = [make_event() for _ in range(count)]
    client.force_login(make_event_organiser(*events))
    for event in events:
        fill_every_listing(event)

    with django_assert_num_queries(LISTING_QUERIES[listing]):
        response = client.get(reverse(listing))

    assert (response.status_code, len(response.context["object_list"])) == (200, count)
