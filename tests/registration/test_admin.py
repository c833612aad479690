import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from home.models import OutgoingEmail
from registration.models import Question, QuestionKind, Registration
from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, UserFactory, make_event
from tests.helpers import register

pytestmark = pytest.mark.django_db

INDEX = "wagtailsnippets_registration_registration:list"


def references(response) -> list[str]:
    return sorted(row.reference for row in response.context["object_list"])


def test_listing_shows_only_events_the_organiser_manages(organiser_client, event):
    mine = RegistrationFactory(event=event)
    RegistrationFactory(event=make_event())

    response = organiser_client.get(reverse(INDEX))

    assert response.status_code == 200
    assert references(response) == [mine.reference]


def test_listing_filters_by_status_and_needs_and_searches(organiser_client, event):
    category = CategoryFactory(event=event)
    vegan = RegistrationFactory(event=event, category=category, dietary_needs="Vegan", last_name="Okafor")
    RegistrationFactory(event=event, category=category, status="waitlisted")

    by_status = organiser_client.get(reverse(INDEX), {"status": "confirmed"})
    by_needs = organiser_client.get(reverse(INDEX), {"needs": "dietary"})
    by_search = organiser_client.get(reverse(INDEX), {"q": "okafor"})

    assert references(by_status) == [vegan.reference]
    assert references(by_needs) == [vegan.reference]
    assert references(by_search) == [vegan.reference]


def test_listing_counts_by_status_category_country_and_gender(organiser_client, event):
    category = CategoryFactory(event=event, name="Academia")
    RegistrationFactory(event=event, category=category, country="FR", gender="woman")
    RegistrationFactory(event=event, category=category, country="FR", status="waitlisted")

    counts = organiser_client.get(reverse(INDEX)).context["counts"]

    assert counts == {
        "status": [("Confirmed", 1), ("On the waiting list", 1)],
        "category": [("Academia", 2)],
        "country": [("FR", 2)],
        "gender": [("-", 1), ("woman", 1)],
    }


def test_user_without_rights_is_refused(client, event):
    RegistrationFactory(event=event)
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(reverse(INDEX))

    assert response.status_code == 403


def test_participant_without_admin_access_is_sent_to_sign_in(client, user):
    client.force_login(user)

    response = client.get(reverse(INDEX))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={reverse(INDEX)}"


def test_edit_of_another_events_registration_is_404(organiser_client):
    other = RegistrationFactory(event=make_event())

    response = organiser_client.get(reverse("wagtailsnippets_registration_registration:edit", args=[other.pk]))

    assert response.status_code == 404


def test_edit_shows_the_audit_trail(organiser_client, event, category):
    RegistrationSettingsFactory(event=event)
    registration = register(event, category)

    response = organiser_client.get(reverse("wagtailsnippets_registration_registration:edit", args=[registration.pk]))

    assert response.status_code == 200
    assert response.context["object"].log_entries.count() == 1
    assert b"Audit trail" in response.content


def bulk_url(action, *registrations):
    ids = "&".join(f"id={r.pk}" for r in registrations)
    return f"{reverse('wagtail_bulk_action', args=['registration', 'registration', action])}?{ids}"


def test_bulk_approve_with_message(
    organiser_client, event_organiser, event, django_capture_on_commit_callbacks, mailoutbox
):
    RegistrationSettingsFactory(event=event)
    media = CategoryFactory(event=event, approval_required=True)
    first, second = register(event, media), register(event, media)

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(bulk_url("approve", first, second), {"message": "See you in Paris"})

    assert response.status_code == 302
    assert sorted(Registration.objects.values_list("status", flat=True)) == ["confirmed", "confirmed"]
    assert {change.by for change in first.log_entries.filter(to_status="confirmed")} == {event_organiser}
    assert [m.subject for m in mailoutbox] == [f"Registration confirmed: {event.title}"] * 2
    assert "See you in Paris" in mailoutbox[0].body


def test_bulk_action_leaves_other_events_alone(organiser_client):
    foreign = RegistrationFactory(event=make_event(), status="pending")

    organiser_client.post(bulk_url("cancel", foreign), {"message": ""})

    foreign.refresh_from_db()
    assert foreign.status == "pending"


def test_bulk_reject_and_cancel(organiser_client, event):
    RegistrationSettingsFactory(event=event)
    pending = RegistrationFactory(event=event, status="pending")
    confirmed = RegistrationFactory(event=event)

    organiser_client.post(bulk_url("reject", pending), {"message": "Sorry"})
    organiser_client.post(bulk_url("cancel", confirmed), {"message": ""})

    pending.refresh_from_db()
    confirmed.refresh_from_db()
    assert (pending.status, confirmed.status) == ("rejected", "cancelled")
    assert pending.log_entries.get().reason == "Sorry"


def test_csv_export_has_the_extra_questions(organiser_client, event):
    question = Question.objects.create(event=event, label="Topics", kind=QuestionKind.MULTIPLE_CHOICE, choices="A\nB")
    registration = RegistrationFactory(event=event, first_name="Lina", last_name="Haddad", country="JO")
    registration.answers.create(question=question, value=["A", "B"])

    response = organiser_client.get(reverse(INDEX), {"export": "csv", "event": event.pk})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert (rows[0]["Reference"], rows[0]["First name"], rows[0]["Country"], rows[0]["Topics"]) == (
        registration.reference,
        "Lina",
        "JO",
        "A, B",
    )


def test_xlsx_export_is_a_spreadsheet(organiser_client, event):
    RegistrationFactory(event=event)

    response = organiser_client.get(reverse(INDEX), {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_organiser_registers_someone_on_behalf(organiser_client, event_organiser, event):
    RegistrationSettingsFactory(event=event, capacity_in_person=0)
    category = CategoryFactory(event=event)

    response = organiser_client.post(
        reverse("wagtailsnippets_registration_registration:add"),
        {
            "event": event.pk,
            "category": category.pk,
            "first_name": "Kofi",
            "last_name": "Mensah",
            "email": "kofi@example.org",
            "organisation": "Permanent Delegation of Ghana",
            "country": "GH",
            "attendance_mode": "in_person",
            "preferred_language": "en",
            "capacity_override": "on",
            "override_reason": "Head of delegation",
        },
    )

    assert response.status_code == 302
    registration = Registration.objects.get(email="kofi@example.org")
    assert (registration.status, registration.capacity_override, registration.registered_by) == (
        "confirmed",
        True,
        event_organiser,
    )
    assert registration.log_entries.get().reason == "Head of delegation"


@pytest.mark.parametrize("count", [1, 10])
def test_listing_query_count_does_not_grow(organiser_client, event, count, django_assert_num_queries):
    category = CategoryFactory(event=event)
    for _ in range(count):
        RegistrationFactory(event=event, category=category)

    with django_assert_num_queries(20):
        response = organiser_client.get(reverse(INDEX))

    assert len(response.context["object_list"]) == count


# --- resend one person's email (the listing's More menu) ---------------------------------


def test_listing_offers_resend_for_each_registration(organiser_client, event):
    registration = RegistrationFactory(event=event)

    page = organiser_client.get(reverse(INDEX)).content.decode()

    assert reverse("registration_resend", kwargs={"registration_id": registration.pk}) in page


def test_organiser_resends_one_confirmation_after_confirming(
    organiser_client, event, mailoutbox, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(event=event, status="confirmed", email="amina@example.org")
    url = reverse("registration_resend", kwargs={"registration_id": registration.pk})
    before = OutgoingEmail.objects.filter(registration=registration).count()

    confirm = organiser_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        sent = organiser_client.post(url, {"next": reverse(INDEX) + "?status=confirmed"})

    assert confirm.status_code == 200 and "amina@example.org" in confirm.content.decode()
    assert OutgoingEmail.objects.filter(registration=registration).count() == before + 1
    assert sent.status_code == 302 and sent["Location"] == reverse(INDEX) + "?status=confirmed"
    assert [message.to for message in mailoutbox] == [["amina@example.org"]]


def test_resend_refuses_other_events_and_outside_redirects(organiser_client, event):
    elsewhere = RegistrationFactory(event=make_event())
    mine = RegistrationFactory(event=event)
    before = OutgoingEmail.objects.count()

    other = organiser_client.post(reverse("registration_resend", kwargs={"registration_id": elsewhere.pk}))
    outside = organiser_client.post(
        reverse("registration_resend", kwargs={"registration_id": mine.pk}), {"next": "https://evil.example/"}
    )

    assert other.status_code == 404
    assert outside["Location"] == reverse(INDEX)
    assert OutgoingEmail.objects.count() == before + 1  # only mine


def test_resend_needs_the_change_permission(client, event):
    registration = RegistrationFactory(event=event)
    client.force_login(UserFactory())
    before = OutgoingEmail.objects.count()

    url = reverse("registration_resend", kwargs={"registration_id": registration.pk})

    response = client.post(url)

    assert (response.status_code, response["Location"]) == (302, f"{reverse('account_login')}?next={url}")
    assert OutgoingEmail.objects.count() == before


def test_edit_shows_the_changes_of_details_in_the_audit_trail(organiser_client, event, category):
    from django.utils import timezone

    from registration.services import registration_update

    RegistrationSettingsFactory(event=event)
    registration = register(event, category, first_name="Amina")
    registration_update(registration=registration, details={"first_name": "Aminata"}, by=registration.user)

    response = organiser_client.get(reverse("wagtailsnippets_registration_registration:edit", args=[registration.pk]))

    who = registration.user.get_full_name()
    at = timezone.localtime(registration.detail_changes.get().at)
    assert (
        f'<tr data-field="first_name"><td>{at:%Y-%m-%d %H:%M:%S}</td>'
        f"<td>First name</td><td>Amina</td><td>Aminata</td><td>{who}</td></tr>"
    ) in response.content.decode()
