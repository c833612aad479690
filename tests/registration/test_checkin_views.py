"""Pages: the scanner (staff only), the participant's own badge PDF, and the
admin for bulk badges, reissue and the scan log."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from registration.badges import tokens as badge_tokens
from registration.badges.models import BadgeBatch
from registration.checkin.models import Scan
from registration.models import Registration, RegistrationStatus
from tests.factories import CategoryFactory, RegistrationFactory, UserFactory, make_event
from tests.helpers import make_checkin_staff, make_event_organiser, signed_in

pytestmark = pytest.mark.django_db


def signed_in_member(*groups: str) -> tuple[Client, object]:
    """A new user in ``groups`` and a client signed in as them."""
    user = UserFactory()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return signed_in(user), user


# --- scanner page -----------------------------------------------------------------------


def test_scanner_page_anonymous_is_sent_to_sign_in(client, event):
    url = reverse("checkin:scanner", kwargs={"event_id": event.pk})

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


def test_scanner_page_without_permission_is_403(user_client, event):
    assert user_client.get(reverse("checkin:scanner", kwargs={"event_id": event.pk})).status_code == 403
    assert user_client.get(reverse("checkin:start")).status_code == 403


def test_scanner_page_for_staff_shows_event_gate_and_counts(event):
    client = signed_in(make_checkin_staff(event))
    RegistrationFactory(event=event, user=None)

    response = client.get(reverse("checkin:scanner", kwargs={"event_id": event.pk}), {"gate": "B"})

    assert response.status_code == 200
    assert response.context["gate"] == "B"
    assert response.context["counts"]["confirmed"] == 1
    content = response.content.decode()
    assert '<label for="code-input">' in content
    assert 'data-scan-url="/api/checkin/scan/"' in content
    assert f'data-event="{event.pk}"' in content


def test_scanner_page_serves_the_installed_jsqr_fallback(event, settings):
    from django.contrib.staticfiles import finders

    from tests.helpers import missing_service

    if not finders.find("checkin/vendor/jsqr/jsQR.js"):
        missing_service("jsQR is installed by make from the npm registry: run make test")
    client = signed_in(make_checkin_staff(event))
    content = client.get(reverse("checkin:scanner", kwargs={"event_id": event.pk})).content.decode()
    assert 'data-jsqr-url="/static/checkin/vendor/jsqr/jsQR.js"' in content
    assert client.get("/static/checkin/vendor/jsqr/jsQR.js").status_code == 200


def test_scanner_start_lists_only_their_events_and_redirects_to_the_scanner(event):
    later = make_event(
        title="Expert workshop on open data", start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 9, 1)
    )
    not_theirs = make_event()
    client = signed_in(make_checkin_staff(event, later))

    listing = client.get(reverse("checkin:start"))
    chosen = client.get(reverse("checkin:start"), {"event": event.pk, "gate": "North"})
    other = client.get(reverse("checkin:start"), {"event": not_theirs.pk, "gate": "North"})

    assert [e.pk for e in listing.context["events"]] == [later.pk, event.pk]
    assert not_theirs.title not in listing.content.decode()
    assert chosen["Location"] == f"/checkin/{event.pk}/?gate=North"
    assert other.status_code == 404


def test_scanner_start_lists_only_published_events(event):
    draft = make_event(live=False)
    client = signed_in(make_checkin_staff(event, draft))

    assert [e.pk for e in client.get(reverse("checkin:start")).context["events"]] == [event.pk]


def test_scanner_page_unknown_event_is_404(event):
    client = signed_in(make_checkin_staff(event))
    assert client.get(reverse("checkin:scanner", kwargs={"event_id": 999_999})).status_code == 404


def test_scanner_page_of_another_event_is_404(event):
    other = make_event()
    RegistrationFactory(event=other, user=None, first_name="Zanele", last_name="Okonkwo")
    client = signed_in(make_checkin_staff(event))

    response = client.get(reverse("checkin:scanner", kwargs={"event_id": other.pk}))

    assert response.status_code == 404


def test_organiser_of_the_event_not_assigned_gets_403_on_the_scanner_pages(event):
    client = signed_in(make_event_organiser(event))

    pages = [
        reverse("checkin:start"),
        reverse("checkin:scanner", kwargs={"event_id": event.pk}),
        reverse("checkin:devices"),
    ]

    assert [client.get(url).status_code for url in pages] == [403, 403, 403]


def test_superuser_sees_every_published_event(event):
    other = make_event()
    client = signed_in(UserFactory(is_superuser=True))

    listing = client.get(reverse("checkin:start"))

    assert {e.pk for e in listing.context["events"]} == {event.pk, other.pk}


# --- participant's badge ---------------------------------------------------------------------


def test_badge_url_name_and_path():
    assert reverse("badges:badge", kwargs={"reference": "ABCDEFGH"}) == "/badge/ABCDEFGH/"


def test_participant_downloads_own_badge_pdf():
    registration = RegistrationFactory()
    client = Client()
    client.force_login(registration.user)

    response = client.get(reverse("badges:badge", kwargs={"reference": registration.reference}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="badge-{registration.reference}.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_another_participants_badge_is_404():
    mine = RegistrationFactory()
    theirs = RegistrationFactory(event=mine.event)
    client = Client()
    client.force_login(mine.user)

    assert client.get(reverse("badges:badge", kwargs={"reference": theirs.reference})).status_code == 404
    assert client.get(reverse("badges:badge", kwargs={"reference": "NOPE2345"})).status_code == 404


@pytest.mark.parametrize(
    "status",
    [
        RegistrationStatus.CANCELLED,
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.REJECTED,
    ],
)
def test_no_badge_unless_confirmed(status):
    registration = RegistrationFactory(status=status)
    client = Client()
    client.force_login(registration.user)

    assert client.get(reverse("badges:badge", kwargs={"reference": registration.reference})).status_code == 404


def test_badge_anonymous_is_sent_to_sign_in(client):
    registration = RegistrationFactory()
    url = reverse("badges:badge", kwargs={"reference": registration.reference})

    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"


# --- admin: bulk badges ----------------------------------------------------------------------


def test_organiser_builds_a_category_batch_and_downloads_it(temporary_media, django_capture_on_commit_callbacks):
    client, organiser = signed_in_member("Organisers")
    organiser.is_superuser = True  # every event is theirs to manage
    organiser.save()
    event = make_event()
    press = CategoryFactory(event=event, name="Press")
    for last_name in ["Zeller", "abebe", "Martin"]:
        RegistrationFactory(event=event, category=press, user=None, last_name=last_name)
    RegistrationFactory(event=event, user=None, last_name="Other category")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("badges_batches"),
            {"event": event.pk, "category": press.pk, "attendance_mode": "", "references": "", "layout": "a4_four"},
        )

    batch = BadgeBatch.objects.get()
    assert response["Location"] == reverse("badges_batch", kwargs={"batch_id": batch.pk})
    assert (batch.state, batch.total, batch.done, batch.created_by) == ("done", 3, 3, organiser)
    detail = client.get(response["Location"])
    assert detail.context["running"] is False
    download = client.get(reverse("badges_batch_download", kwargs={"batch_id": batch.pk}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_batch_form_reports_unknown_references_beside_the_field(temporary_media):
    client, organiser = signed_in_member("Organisers")
    organiser.is_superuser = True
    organiser.save()
    registration = RegistrationFactory(user=None)

    response = client.post(
        reverse("badges_batches"),
        {"event": registration.event_id, "references": f"{registration.reference} ZZZZ9999", "layout": "a6"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "references": ["No confirmed registration of this event has these references: ZZZZ9999"]
    }
    assert BadgeBatch.objects.count() == 0


def test_check_in_staff_cannot_print_badges(event):
    client = signed_in(make_checkin_staff(event))
    assert client.get(reverse("badges_batches")).status_code in {302, 403}


def test_organiser_without_the_event_cannot_see_its_batch(temporary_media):
    client, _ = signed_in_member("Organisers")
    batch = BadgeBatch.objects.create(event=make_event(), layout="a6")

    assert client.get(reverse("badges_batches")).status_code == 200
    assert client.get(reverse("badges_batch", kwargs={"batch_id": batch.pk})).status_code == 404


@pytest.mark.parametrize("count", [1, 10])
def test_batch_index_query_count_does_not_grow(django_assert_num_queries, count):
    client, organiser = signed_in_member("Organisers")
    organiser.is_superuser = True
    organiser.save()
    for _ in range(count):
        event = make_event()
        BadgeBatch.objects.create(event=event, category=CategoryFactory(event=event), layout="a6")

    with django_assert_num_queries(9):
        response = client.get(reverse("badges_batches"))

    assert len(response.context["batches"]) == count


# --- admin: reissue and scan log ------------------------------------------------------------


def test_organiser_reissues_a_badge_and_the_old_one_stops_working():
    client, organiser = signed_in_member("Organisers")
    organiser.is_superuser = True
    organiser.save()
    registration = RegistrationFactory(user=None)
    old_code = badge_tokens.badge_token(registration)
    url = reverse("badges_reissue", kwargs={"registration_id": registration.pk})

    confirm = client.get(url)
    client.post(url)

    registration.refresh_from_db()
    assert confirm.status_code == 200
    assert registration.badge_version == 2
    scanner = signed_in(make_checkin_staff(registration.event))
    answer = scanner.post("/api/checkin/scan/", {"code": old_code}, content_type="application/json").json()
    assert answer["result"] == "invalid"


def test_check_in_staff_cannot_reissue():
    registration = RegistrationFactory(user=None)
    client = signed_in(make_checkin_staff(registration.event))

    response = client.post(reverse("badges_reissue", kwargs={"registration_id": registration.pk}))

    assert response.status_code in {302, 403}
    assert Registration.objects.get().badge_version == 1


@pytest.mark.parametrize("count", [1, 10])
def test_scan_log_lists_scans_without_n_plus_1(django_assert_num_queries, count):
    client, organiser = signed_in_member("Organisers")
    organiser.is_superuser = True
    organiser.save()
    event = make_event()
    for _ in range(count):
        registration = RegistrationFactory(event=event)
        Scan.objects.create(
            event=event, registration=registration, staff=organiser, result="ok", scanned_at="2026-06-24T02:00:00Z"
        )

    with django_assert_num_queries(9):
        response = client.get("/admin/scan_log/")

    assert response.status_code == 200
    assert len(response.context["object_list"]) == count


def test_registrations_listing_offers_reissue_to_organisers():
    client, organiser = signed_in_member("Organisers")
    organiser.is_superuser = True
    organiser.save()
    registration = RegistrationFactory(user=None)

    response = client.get("/admin/snippets/registration/registration/")

    reissue_url = reverse("badges_reissue", kwargs={"registration_id": registration.pk})
    assert response.status_code == 200
    assert response.content.decode().count(f'href="{reissue_url}"') == 1
