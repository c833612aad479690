import pytest

from registration.models import Category, Registration, RegistrationSettings
from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, make_event


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
