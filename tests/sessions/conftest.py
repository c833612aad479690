import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from tests.factories import (
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
    events_index,
    local,
    make_event,
)


@pytest.fixture
def forum(db):
    """A three-day event in Bangkok (no daylight saving)."""
    return make_event(
        title="Global Forum 2026",
        slug="forum-2026",
        start_date=datetime.date(2026, 6, 24),
        end_date=datetime.date(2026, 6, 26),
        time_zone="Asia/Bangkok",
        venue_name="Convention Center",
        venue_city="Bangkok",
        venue_country="TH",
    )


@pytest.fixture
def room(forum):
    return RoomFactory(event=forum, name="Plenary Hall")


@pytest.fixture
def track(forum):
    return TrackFactory(event=forum, name="Human rights", colour="#1f5f8b")


@pytest.fixture
def session(forum, room, track):
    """A public panel on day 0, 09:00–10:30 Bangkok time, with one speaker."""
    session = SessionFactory(
        event=forum,
        title="Facial recognition in public spaces",
        room=room,
        track=track,
        starts_at=local(forum, 0, 9),
        ends_at=local(forum, 0, 10, 30),
        description="<p>Who watches the <b>watchers</b>?</p>",
        languages="en,fr",
    )
    SessionSpeakerFactory(
        session=session,
        speaker=SpeakerFactory(first_name="Amara", last_name="Okafor", slug="amara-okafor"),
        role="moderator",
    )
    return session


@pytest.fixture
def events_organiser(forum):
    """A member of the Organisers group, which may edit the events section."""
    group = Group.objects.get(name="Organisers")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=events_index(),
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    user = UserFactory()
    user.groups.add(group)
    return user


@pytest.fixture
def events_organiser_client(client, events_organiser):
    """The test client, signed in as ``events_organiser``."""
    client.force_login(events_organiser)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Feeds are cached; each test starts without a cached feed."""
    from django.core.cache import cache

    cache.clear()
