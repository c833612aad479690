import pytest

from registration.models import Category, RegistrationSettings
from tests.factories import CategoryFactory, RegistrationSettingsFactory


@pytest.fixture
def reg_settings(event) -> RegistrationSettings:
    return RegistrationSettingsFactory(event=event, capacity_in_person=2, capacity_online=None)


@pytest.fixture
def category(event) -> Category:
    return CategoryFactory(event=event, name="Civil society", slug="civil-society")
