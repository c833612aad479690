import pytest

from registration.delegations.models import Delegation
from registration.delegations.services import delegation_accept, delegation_create
from registration.models import Category, Registration, RegistrationSettings
from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, UserFactory, make_event


@pytest.fixture
def reg_settings(event) -> RegistrationSettings:
    return RegistrationSettingsFactory(event=event, capacity_in_person=2, capacity_online=None)


@pytest.fixture
def category(event) -> Category:
    return CategoryFactory(event=event, name="Civil society", slug="civil-society")


@pytest.fixture
def registration(db) -> Registration:
    """Amina Diallo's confirmed registration (no user account) at an event in Bangkok."""
    return RegistrationFactory(
        event=make_event(time_zone="Asia/Bangkok"), first_name="Amina", last_name="Diallo", user=None
    )


@pytest.fixture
def temporary_media(settings, tmp_path):
    """Public and private media in folders of this test's own; the settings."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings


# --- delegations ------------------------------------------------------------------------


@pytest.fixture
def member_state_category(event) -> Category:
    """The category delegations get seats in (not open to the public)."""
    return CategoryFactory(event=event, name="Member State delegation", slug="member-state", is_public=False)


@pytest.fixture
def focal_point(db):
    """Claire Martin, who accepts France's invitation in ``france``."""
    return UserFactory(email="claire.martin@diplomatie.example.org", first_name="Claire", last_name="Martin")


@pytest.fixture
def france(event, member_state_category, focal_point, event_organiser) -> Delegation:
    """France's delegation to ``event`` (2 seats in the Member State
    category, emails in French), made by the service and accepted by
    ``focal_point``."""
    delegation = delegation_create(
        event=event,
        country="FR",
        focal_point_name="Claire Martin",
        focal_point_email=focal_point.email,
        language="fr",
        quotas={member_state_category: 2},
        by=event_organiser,
    )
    return delegation_accept(delegation=delegation, user=focal_point)


@pytest.fixture
def kenya(event, member_state_category, event_organiser) -> Delegation:
    """Kenya's delegation to ``event`` (5 seats), its focal point not signed up yet."""
    return delegation_create(
        event=event,
        country="KE",
        focal_point_name="Wanjiru Kamau",
        focal_point_email="wanjiru.kamau@mfa.example.org",
        language="en",
        quotas={member_state_category: 5},
        by=event_organiser,
    )


# --- session doors -------------------------------------------------------------------


@pytest.fixture
def door_event(db):
    """The Global Forum, held from yesterday to the day after tomorrow in
    Paris (scans uploaded late carry their time, which must fall on its days)."""
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    return make_event(
        title="Global Forum",
        time_zone="Europe/Paris",
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=2),
    )


@pytest.fixture
def ministers(door_event) -> Category:
    return CategoryFactory(event=door_event, name="Minister")


@pytest.fixture
def round_table(door_event):
    """An open session of ``door_event`` in Room II, 40 places."""
    from tests.factories import RoomFactory, SessionFactory

    return SessionFactory(
        event=door_event, title="Round table", room=RoomFactory(event=door_event, name="Room II", capacity=40)
    )


@pytest.fixture
def door_staff_client(door_event):
    """A client signed in as check-in staff of ``door_event``."""
    from tests.helpers import make_checkin_staff, signed_in

    return signed_in(make_checkin_staff(door_event))
