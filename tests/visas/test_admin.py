"""The organisers' visa letter admin: scoped to their events (404 for
another's), passport details only with their own permission, bulk approval,
rejection with a reason, and a fixed number of queries per listing."""

import pytest
from django.contrib.auth.models import Group

from home.roles import VISA_OFFICERS
from registration.visas import services
from registration.visas.models import VisaLetterRequest, VisaLetterStatus
from tests.factories import RegistrationFactory, make_event
from tests.helpers import make_event_organiser

pytestmark = pytest.mark.django_db

INDEX = "/admin/visa-letters/"


@pytest.fixture
def organiser(letter_event):
    return make_event_organiser(letter_event)


@pytest.fixture
def requested(letter_event, passport):
    def make(count=1):
        made = []
        for _ in range(count):
            registration = RegistrationFactory(event=letter_event)
            made.append(services.visa_request_submit(registration=registration, by=registration.user, data=passport))
        return made

    return make


def visa_officer(user):
    user.groups.add(Group.objects.get(name=VISA_OFFICERS))
    return user


def test_the_listing_shows_the_events_requests_waiting(client, organiser, requested, letter_event):
    (request,) = requested()
    client.force_login(organiser)
    page = client.get(INDEX)
    assert page.status_code == 200
    assert page.context["event"] == letter_event
    assert [row.pk for row in page.context["page"].object_list] == [request.pk]
    assert "G1234567" not in page.content.decode()  # no passport detail in the listing


def test_another_events_organiser_gets_404_for_every_request_url(client, requested, passport):
    (request,) = requested()
    stranger = visa_officer(make_event_organiser(make_event()))
    client.force_login(stranger)
    for path in ("", "letter.pdf"):
        assert client.get(f"{INDEX}{request.pk}/{path}").status_code == 404
    for action in ("approve", "reject", "withdraw"):
        assert client.post(f"{INDEX}{request.pk}/{action}/", {"reason": "no"}).status_code == 404
    client.post(f"{INDEX}approve/", {"request": [request.pk]})
    request.refresh_from_db()
    assert (request.status, request.number) == (VisaLetterStatus.REQUESTED, None)
    page = client.get(INDEX, {"event": request.event_id})
    assert page.context["event"] is None


def test_passport_details_need_the_visa_officers_permission(client, organiser, requested):
    (request,) = requested()
    client.force_login(organiser)
    page = client.get(f"{INDEX}{request.pk}/").content.decode()
    assert 'data-passport="hidden"' in page
    assert "G1234567" not in page and "KWAME KOFI MENSAH" not in page

    visa_officer(organiser)
    page = client.get(f"{INDEX}{request.pk}/").content.decode()
    assert '<dd data-field="passport_number">G1234567</dd>' in page


def test_the_organisers_group_does_not_hold_the_passport_permission():
    organisers = Group.objects.get(name="Organisers")
    assert not organisers.permissions.filter(codename="view_passport_data").exists()
    assert organisers.permissions.filter(codename="change_visaletterrequest").exists()
    assert Group.objects.get(name=VISA_OFFICERS).permissions.filter(codename="view_passport_data").count() == 1


def test_bulk_approval_issues_numbered_letters(client, organiser, requested):
    requests = requested(3)
    client.force_login(organiser)
    response = client.post(f"{INDEX}approve/", {"request": [r.pk for r in requests[:2]]})
    assert response.status_code == 302
    statuses = list(VisaLetterRequest.objects.order_by("pk").values_list("status", "number"))
    assert statuses == [
        ("approved", "GF2026-0001"),
        ("approved", "GF2026-0002"),
        ("requested", None),
    ]


def test_the_letter_from_the_admin_needs_the_passport_permission(client, organiser, requested):
    (request,) = requested()
    services.visa_request_approve(request=request, by=organiser)
    client.force_login(organiser)
    assert client.get(f"{INDEX}{request.pk}/letter.pdf").status_code == 403
    visa_officer(organiser)
    response = client.get(f"{INDEX}{request.pk}/letter.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_rejecting_without_a_reason_shows_the_error_beside_it(client, organiser, requested):
    (request,) = requested()
    client.force_login(organiser)
    response = client.post(f"{INDEX}{request.pk}/reject/", {"reason": ""})
    assert response.status_code == 200
    assert response.context["reason_form"].errors == {
        "reason": ["Say why the request is rejected: the participant is told."]
    }
    request.refresh_from_db()
    assert request.status == VisaLetterStatus.REQUESTED

    response = client.post(f"{INDEX}{request.pk}/reject/", {"reason": "Passport scan unreadable."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.reason) == (VisaLetterStatus.REJECTED, "Passport scan unreadable.")


def test_withdrawing_in_the_admin(client, organiser, requested):
    (request,) = requested()
    services.visa_request_approve(request=request, by=organiser)
    client.force_login(organiser)
    assert client.post(f"{INDEX}{request.pk}/withdraw/", {"reason": "Cancelled."}).status_code == 302
    request.refresh_from_db()
    assert request.status == VisaLetterStatus.WITHDRAWN


def test_a_letter_text_with_an_unknown_placeholder_is_refused_in_any_language(client, organiser, letter_event):
    from registration.visas.models import VisaLetterSettings

    settings = VisaLetterSettings.objects.get(event=letter_event)
    client.force_login(organiser)
    url = f"/admin/snippets/visas/visalettersettings/edit/{settings.pk}/"
    response = client.post(
        url,
        {
            "event": letter_event.pk,
            "offers_letters": "on",
            "number_prefix": "GF",
            "signatory_name": "Dr Amina Diallo",
            "signatory_title": "Secretary",
            "letter_text": "Dear {name}",
            "translation-fr-letter_text": "Cher {nom}",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["translation-fr-letter_text"]
    assert form.errors["translation-fr-letter_text"][0].startswith("Unknown placeholder {nom}.")
    settings.refresh_from_db()
    assert settings.letter_text == ""


@pytest.mark.parametrize("count", [1, 10])
def test_the_listing_costs_the_same_queries_for_1_and_10_requests(
    client, organiser, requested, count, django_assert_max_num_queries
):
    requested(count)
    client.force_login(organiser)
    client.get(INDEX)  # warm the per-process caches
    with django_assert_max_num_queries(24):
        page = client.get(INDEX)
    assert len(page.context["page"].object_list) == count


def _png(name: str):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_the_settings_page_opens_again_once_letterhead_and_signature_are_uploaded(client, organiser, letter_event):
    """The images are in private storage (no public URL): the form names
    them without a link, and saving without a new upload keeps them."""
    from registration.visas.models import VisaLetterSettings

    settings = VisaLetterSettings.objects.get(event=letter_event)
    client.force_login(organiser)
    url = f"/admin/snippets/visas/visalettersettings/edit/{settings.pk}/"
    fields = {
        "event": letter_event.pk,
        "offers_letters": "on",
        "number_prefix": "GF",
        "signatory_name": "Dr Amina Diallo",
        "signatory_title": "Secretary",
        "letter_text": "",
    }
    response = client.post(url, {**fields, "letterhead": _png("head.png"), "signature": _png("sign.png")})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    settings.refresh_from_db()
    letterhead, signature = settings.letterhead.name, settings.signature.name
    assert letterhead.startswith("visa-letter-images/") and signature.startswith("visa-letter-images/")

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert letterhead.rsplit("/", 1)[-1] in html
    assert 'href="' + letterhead not in html and "/media/" + letterhead not in html

    assert client.post(url, {**fields, "signatory_name": "Dr A. Diallo"}).status_code == 302
    settings.refresh_from_db()
    assert (settings.letterhead.name, settings.signature.name) == (letterhead, signature)
    assert settings.signatory_name == "Dr A. Diallo"


def _png_claiming(width: int, height: int):
    """A few bytes of PNG whose header claims ``width`` × ``height`` pixels."""
    import struct
    import zlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    return SimpleUploadedFile("bomb.png", data, content_type="image/png")


@pytest.mark.parametrize("size", [(9000, 9000), (60000, 60000)])
def test_an_image_claiming_too_many_pixels_is_refused_beside_its_field(client, organiser, letter_event, size):
    """Under and over Pillow's own bomb limit: the same message, no 500."""
    from registration.visas.models import VisaLetterSettings

    settings = VisaLetterSettings.objects.get(event=letter_event)
    client.force_login(organiser)
    url = f"/admin/snippets/visas/visalettersettings/edit/{settings.pk}/"
    fields = {"event": letter_event.pk, "offers_letters": "on", "number_prefix": "GF", "letter_text": ""}
    response = client.post(url, {**fields, "letterhead": _png_claiming(*size)})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["letterhead"]
    assert "at most 40 million pixels" in response.context["form"].errors["letterhead"][0]
    settings.refresh_from_db()
    assert not settings.letterhead


def test_ids_too_large_for_any_column_are_refused_not_a_500(client, organiser, requested):
    (request,) = requested()
    huge = "9" * 30
    client.force_login(organiser)
    listing = client.get(f"{INDEX}?event={huge}&status=requested&p={huge}")
    assert listing.status_code == 200
    assert "event" in listing.context["form"].errors and listing.context["page"] is None
    approve = client.post(f"{INDEX}approve/", {"request": [huge], "event": huge})
    assert approve.status_code == 302
    assert client.get(f"{INDEX}{huge}/").status_code == 404
    request.refresh_from_db()
    assert request.status == VisaLetterStatus.REQUESTED
