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
