"""The organisers' admin of the list's PDFs: ask for one at an event they
manage, follow it, download it; another event's builds are a 404."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from home.roles import ORGANISERS
from registration.official_list.models import ParticipantListBuild
from tests.factories import CategoryFactory, ParticipantListBuildFactory, UserFactory, make_event
from tests.helpers import grant_event_rights, make_listed_person, signed_in

INDEX = reverse("official_list_builds")


def detail_url(build) -> str:
    return reverse("official_list_build", kwargs={"build_id": build.pk})


def download_url(build) -> str:
    return reverse("official_list_build_download", kwargs={"build_id": build.pk})


def done_build(event, **fields) -> ParticipantListBuild:
    return ParticipantListBuildFactory(
        event=event, state="done", file=ContentFile(b"%PDF-1.4 the list", name="list.pdf"), **fields
    )


@pytest.mark.django_db
def test_organisers_have_the_lists_permissions():
    codenames = set(
        Group.objects.get(name=ORGANISERS)
        .permissions.filter(content_type__app_label="official_list")
        .values_list("codename", flat=True)
    )

    assert codenames == {
        "add_participantlistbuild",
        "change_participantlistbuild",
        "delete_participantlistbuild",
        "view_participantlistbuild",
    }


@pytest.mark.django_db
def test_event_rights_granted_in_tests_include_the_list(event):
    user = grant_event_rights(UserFactory(), event)

    assert (
        user.has_perm("official_list.add_participantlistbuild"),
        user.has_perm("official_list.view_participantlistbuild"),
    ) == (True, True)


def test_an_organiser_asks_for_a_build_and_downloads_it(organiser_client, event, django_capture_on_commit_callbacks):
    make_listed_person(event, CategoryFactory(event=event, name="Member States"), last_name="Okafor", country="NG")

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(INDEX, {"event": event.pk, "language": "fr", "final": "on"})

    build = ParticipantListBuild.objects.get()
    assert (response.status_code, response["Location"]) == (302, detail_url(build))
    assert (build.event, build.language, build.final, build.state, build.total) == (event, "fr", True, "done", 1)
    page = organiser_client.get(detail_url(build)).content.decode()
    assert f'href="{download_url(build)}"' in page
    download = organiser_client.get(download_url(build))
    assert download.status_code == 200
    assert (
        download["Content-Disposition"] == f'attachment; filename="participants-{event.slug}-fr-final-{build.pk}.pdf"'
    )
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


def test_a_build_for_an_event_the_organiser_does_not_manage_is_refused(organiser_client, other_event):
    response = organiser_client.post(INDEX, {"event": other_event.pk, "language": "en"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["event"]
    assert ParticipantListBuild.objects.count() == 0


def test_the_form_offers_only_the_organisers_events(organiser_client, event, other_event):
    form = organiser_client.get(INDEX).context["form"]

    assert list(form.fields["event"].queryset) == [event]


def test_another_events_builds_are_not_found(organiser_client, event, other_event):
    theirs = done_build(other_event)
    ours = done_build(event)

    answers = [organiser_client.get(url).status_code for url in (detail_url(theirs), download_url(theirs))]
    listing = organiser_client.get(INDEX).content.decode()

    assert answers == [404, 404]
    assert (detail_url(ours) in listing, detail_url(theirs) in listing) == (True, False)
    assert [organiser_client.get(url).status_code for url in (detail_url(ours), download_url(ours))] == [200, 200]


def test_a_running_build_refreshes_its_page_and_has_no_download(organiser_client, event):
    build = ParticipantListBuildFactory(event=event, state="running")

    page = organiser_client.get(detail_url(build)).content.decode()

    assert ('<meta http-equiv="refresh"' in page, download_url(build) in page) == (True, False)
    assert organiser_client.get(download_url(build)).status_code == 404


def test_a_failed_build_says_why(organiser_client, event):
    build = ParticipantListBuildFactory(event=event, state="failed", error="RuntimeError: no fonts")

    page = organiser_client.get(detail_url(build)).content.decode()

    assert "RuntimeError: no fonts" in page and '<meta http-equiv="refresh"' not in page


@pytest.mark.django_db
def test_an_admin_user_without_the_lists_rights_is_refused(event):
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user = UserFactory()
    user.groups.add(group)
    build = done_build(event)

    client = signed_in(user)

    # Wagtail answers a refusal in the admin with a redirect to the dashboard.
    answers = [client.get(url) for url in (INDEX, detail_url(build), download_url(build))]
    assert [(answer.status_code, answer["Location"]) for answer in answers] == [(302, "/admin/")] * 3
    assert f'"url": "{INDEX}"' not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_participants_are_sent_to_sign_in_to_the_admin(event):
    client = signed_in(UserFactory())

    response = client.get(INDEX)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={INDEX}")


def test_the_admin_menu_has_the_list(organiser_client):
    dashboard = organiser_client.get(reverse("wagtailadmin_home")).content.decode()

    assert (
        f'"label": "List of participants", "icon_name": "list-ul", "classname": "", "attrs": {{}}, "url": "{INDEX}"'
        in dashboard
    )


@pytest.mark.parametrize("count", [1, 10])
def test_index_query_count_does_not_grow(organiser_client, event, count, django_assert_num_queries):
    for _ in range(count):
        done_build(event, created_by=UserFactory())
    organiser_client.get(INDEX)

    with django_assert_num_queries(13):
        response = organiser_client.get(INDEX)

    assert response.content.decode().count('href="/admin/participant-lists/') == count


@pytest.mark.django_db
def test_a_superuser_manages_every_events_lists():
    build = done_build(make_event())
    client = signed_in(UserFactory(is_superuser=True, is_staff=True))

    assert [client.get(url).status_code for url in (detail_url(build), download_url(build))] == [200, 200]


def test_organisers_set_who_sees_the_list_in_the_events_settings(organiser_client, event):
    from registration.models import RegistrationSettings

    settings = RegistrationSettings.objects.create(event=event)
    url = reverse("wagtailsnippets_registration_registrationsettings:edit", args=[settings.pk])

    response = organiser_client.post(
        url, {"event": event.pk, "mode": "open", "list_visibility": "public", "reminder_days_before": "2"}
    )

    settings.refresh_from_db()
    assert (response.status_code, settings.list_visibility) == (302, "public")
