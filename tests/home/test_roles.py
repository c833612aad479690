from django.contrib.auth.models import Group


def test_groups_exist_after_migrate(db):
    organisers = Group.objects.get(name="Organisers")
    staff = Group.objects.get(name="Check-in staff")
    assert organisers.permissions.filter(codename="access_admin").exists()
    assert organisers.permissions.filter(codename="change_session").exists()
    assert list(staff.permissions.values_list("content_type__app_label", "codename")) == [
        ("registration", "scan_badges")
    ]


def test_ordinary_user_cannot_reach_admin(user_client):
    response = user_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_checkin_staff_cannot_reach_admin(user_client, user):
    user.groups.add(Group.objects.get(name="Check-in staff"))
    response = user_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_organiser_reaches_admin(user_client, user):
    user.groups.add(Group.objects.get(name="Organisers"))
    assert user_client.get("/admin/").status_code == 200
