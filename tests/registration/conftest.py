import pytest

from registration.models import Category, RegistrationSettings
from tests.factories import CategoryFactory, RegistrationSettingsFactory


@pytest.fixture
def reg_settings(event) -> RegistrationSettings:
    return RegistrationSettingsFactory(event=event, capacity_in_person=2, capacity_online=None)


@pytest.fixture
def category(event) -> Category:
    return CategoryFactory(event=event, name="Civil society", slug="civil-society")


@pytest.fixture
def page_root(transactional_db):
    """Transactional tests flush every table, the Wagtail root page included
    (they come from migrations): put them back so make_event() works."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
