from django.contrib.auth.models import Group

from tests.helpers import make_checkin_staff


def test_organisers_group_exists_after_migrate_without_check_in_rights(db):
    organisers = Group.objects.get(name="Organisers")
    assert organisers.permissions.filter(codename="access_admin").exists()
    assert organisers.permissions.filter(codename="change_session").exists()
    # Check-in is given per event, never by a group.
    assert not organisers.permissions.filter(codename="scan_badges").exists()
    assert not Group.objects.filter(name="Check-in staff").exists()


def test_ordinary_user_cannot_reach_admin(user_client):
    response = user_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_checkin_staff_cannot_reach_admin(client, event):
    client.force_login(make_checkin_staff(event))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_organiser_reaches_admin(user_client, user):
    user.groups.add(Group.objects.get(name="Organisers"))
    assert user_client.get("/admin/").status_code == 200


def test_site_history_report_is_for_superusers_only(client, event):
    from tests.factories import UserFactory
    from tests.helpers import make_event_organiser

    client.force_login(make_event_organiser(event))
    refused = [
        client.get(path).status_code
        for path in ("/admin/reports/site-history/", "/admin/reports/site-history/results/")
    ]
    menu = client.get("/admin/").content.decode()
    client.force_login(UserFactory(is_superuser=True))
    allowed = [
        client.get(path).status_code
        for path in ("/admin/reports/site-history/", "/admin/reports/site-history/results/")
    ]

    client.logout()
    anonymous = client.get("/admin/reports/site-history/")

    assert (refused, allowed) == ([404, 404], [200, 200])
    assert "/admin/reports/site-history/" not in menu
    assert (anonymous.status_code, anonymous["Location"]) == (302, "/accounts/login/?next=/admin/reports/site-history/")
