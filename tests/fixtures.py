"""Domain fixtures shared by every test folder."""

import pytest

from tests.factories import PASSWORD, UserFactory, home_page, make_event


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def event(db):
    return make_event()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def page_root(transactional_db):
    """Transactional tests flush every table, the Wagtail root page included
    (they come from migrations): put them back so make_event() works."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
