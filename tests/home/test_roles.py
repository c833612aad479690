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
