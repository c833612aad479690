"""Who may scan: the scan API's permission check agrees with Django's
``has_perm``, and its cached answer is forgotten as soon as a group or a
permission changes."""

import json

import pytest
from django.contrib.auth.models import Group, Permission

from registration import badges
from registration.scan_access import user_can_scan
from tests.factories import RegistrationFactory, UserFactory, make_event
from tests.registration.test_checkin_api import SCAN_URL, scan_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def scan_permission():
    return Permission.objects.get(content_type__app_label="registration", codename="scan_badges")


@pytest.fixture(params=[0, 300], ids=["no cache", "cached"])
def cache_seconds(request, settings):
    settings.CHECKIN_PERMISSION_CACHE_SECONDS = request.param
    return request.param


def make_user(kind, scan_permission):
    if kind == "superuser":
        return UserFactory(is_superuser=True)
    if kind == "inactive staff":
        return scan_staff(is_active=False)
    if kind == "group staff":
        return scan_staff()
    user = UserFactory()
    if kind == "given the permission":
        user.user_permissions.add(scan_permission)
    return user


@pytest.mark.parametrize(
    "kind", ["superuser", "inactive staff", "group staff", "given the permission", "without the permission"]
)
def test_agrees_with_has_perm(kind, scan_permission, cache_seconds):
    user = make_user(kind, scan_permission)

    first, second = user_can_scan(user), user_can_scan(user)

    assert first == second == user.has_perm("registration.scan_badges")
    assert first is (kind in {"superuser", "group staff", "given the permission"})


def scan(client, registration):
    body = json.dumps({"code": badges.badge_token(registration), "event": registration.event_id})
    return client.post(SCAN_URL, body, content_type="application/json")


@pytest.fixture
def registration():
    return RegistrationFactory(event=make_event(), user=None)


def test_leaving_the_group_stops_scanning_at_once(client, registration, cache_seconds):
    staff = scan_staff()
    client.force_login(staff)
    before = scan(client, registration).status_code

    staff.groups.remove(Group.objects.get(name="Check-in staff"))
    after = scan(client, registration).status_code

    assert (before, after) == (200, 403)


def test_group_losing_the_permission_stops_scanning_at_once(client, registration, scan_permission, cache_seconds):
    client.force_login(scan_staff())
    before = scan(client, registration).status_code

    Group.objects.get(name="Check-in staff").permissions.remove(scan_permission)
    after = scan(client, registration).status_code

    assert (before, after) == (200, 403)


def test_joining_the_group_allows_scanning_at_once(client, registration, cache_seconds):
    user = UserFactory()
    client.force_login(user)
    before = scan(client, registration).status_code

    scan_staff()  # the group and its permission
    user.groups.add(Group.objects.get(name="Check-in staff"))
    after = scan(client, registration).status_code

    assert (before, after) == (403, 200)


def test_deleting_the_group_stops_scanning_at_once(client, registration, cache_seconds):
    client.force_login(scan_staff())
    before = scan(client, registration).status_code

    Group.objects.get(name="Check-in staff").delete()
    after = scan(client, registration).status_code

    assert (before, after) == (200, 403)


def test_the_cached_answer_spares_the_permission_query(client, registration, settings, django_assert_num_queries):
    settings.CHECKIN_PERMISSION_CACHE_SECONDS = 300
    client.force_login(scan_staff())
    scan(client, RegistrationFactory(event=registration.event, user=None))  # the answer is cached

    # session, user, registration, then savepoint, UPDATE, INSERT, release.
    with django_assert_num_queries(7):
        assert scan(client, registration).json()["result"] == "ok"


def test_an_emptied_cache_asks_the_database_again(client, registration, settings):
    from django.core.cache import cache

    settings.CHECKIN_PERMISSION_CACHE_SECONDS = 300
    staff = scan_staff()
    assert user_can_scan(staff)

    cache.clear()
    staff.groups.clear()

    assert not user_can_scan(staff)
