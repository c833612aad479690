"""Organisers register a delegation's list from a CSV file: all or nothing."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from registration.models import Registration, RegistrationStatus
from tests.factories import CategoryFactory, make_event
from tests.helpers import make_checkin_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reg_settings")]

URL = "/admin/registration/import/"
HEADER = "first_name,last_name,email,organisation,country,attendance_mode\n"


@pytest.fixture
def delegation_category(event):
    return CategoryFactory(event=event, name="Member State delegation", slug="member-state")


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("delegation.csv", text.encode(), content_type="text/csv")


def test_list_registers_everyone_with_seats_decided_in_order(
    organiser_client, delegation_category, django_capture_on_commit_callbacks
):
    rows = (
        "Amina,Diallo,amina@example.org,Ministry of Digital Affairs,sn,in_person\n"
        "Kofi,Mensah,kofi@example.org,Ministry of Digital Affairs,SN,in_person\n"
        "Lea,Ndiaye,lea@example.org,Ministry of Digital Affairs,SN,in_person\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(URL, {"category": delegation_category.pk, "file": upload(HEADER + rows)})
    assert response.status_code == 302
    assert list(Registration.objects.order_by("created_at", "pk").values_list("email", "status", "country")) == [
        ("amina@example.org", RegistrationStatus.CONFIRMED, "SN"),
        ("kofi@example.org", RegistrationStatus.CONFIRMED, "SN"),
        ("lea@example.org", RegistrationStatus.WAITLISTED, "SN"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.org", "kofi@example.org", "lea@example.org"]


def test_one_bad_row_registers_nobody_and_names_the_row(
    organiser_client, delegation_category, django_capture_on_commit_callbacks
):
    rows = (
        "Amina,Diallo,amina@example.org,Ministry of Digital Affairs,SN,in_person\n"
        "Kofi,Mensah,not-an-email,Ministry of Digital Affairs,SN,in_person\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(URL, {"category": delegation_category.pk, "file": upload(HEADER + rows)})
    assert response.status_code == 200
    assert response.context["problems"] == ["Row 3: email: Enter a valid email address."]
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_missing_columns_are_a_form_error(organiser_client, delegation_category):
    response = organiser_client.post(
        URL, {"category": delegation_category.pk, "file": upload("name,email\nAmina,a@example.org\n")}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Missing columns: first_name, last_name, organisation, country."]
    assert Registration.objects.count() == 0


def test_category_of_an_event_not_managed_is_refused(organiser_client):
    foreign = CategoryFactory(event=make_event(slug="not-mine"))
    response = organiser_client.post(URL, {"category": foreign.pk, "file": upload(HEADER)})
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert Registration.objects.count() == 0


def test_user_without_the_add_permission_gets_403(client, event):
    client.force_login(make_checkin_staff(event))
    assert client.get(URL).status_code in (302, 403)
    assert Registration.objects.count() == 0
