"""N+1 guards: every list page and feed runs the same number of queries for
1 and for 10 items, pinned with ==."""

import pytest

from sessions.services import agenda_feed_token_get_or_create, session_star
from tests.factories import (
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
    local,
    make_event,
)

# Pinned counts (measured; the point is that they do not grow with n).
# The agenda and the event feed are served through Wagtail's routing (site,
# the page tree down to the event, its view restrictions), the language's
# root, the event's original page and its translations (hreflang): a fixed cost.
# The feeds also read the event's name in their language (sessions.i18n,
# with the translations the page reads anyway); the personal feed, the person's language too.
AGENDA_QUERIES = 19
AGENDA_SIGNED_IN_QUERIES = 23
EVENT_FEED_QUERIES = 14  # built; fewer when served from the feed cache
EVENT_FEED_CACHED_QUERIES = 12
SESSION_PAGE_QUERIES = 17
SPEAKER_INDEX_QUERIES = 15
SPEAKER_PAGE_QUERIES = 17
SPEAKER_FEED_QUERIES = 4
PERSONAL_FEED_QUERIES = 5
MY_AGENDA_QUERIES = 15
EVENTS_INDEX_QUERIES = 17


def fill(forum, n: int, speaker=None) -> list:
    """n sessions in n rooms, each with two speakers and a track."""
    sessions = []
    track = TrackFactory(event=forum)
    for i in range(n):
        session = SessionFactory(
            event=forum,
            title=f"Session {i}",
            room=RoomFactory(event=forum),
            track=track,
            starts_at=local(forum, 0, 9 + i % 8),
            ends_at=local(forum, 0, 10 + i % 8),
        )
        SessionSpeakerFactory(session=session, speaker=speaker or SpeakerFactory())
        SessionSpeakerFactory(session=session, speaker=SpeakerFactory())
        sessions.append(session)
    return sessions


@pytest.fixture(autouse=True)
def _warm_site_cache(client, forum):
    client.get("/en/events/forum-2026/")  # fills Wagtail's site-root cache as in production


@pytest.mark.parametrize("n", [1, 10])
def test_agenda_queries_do_not_grow(client, forum, n, django_assert_num_queries):
    fill(forum, n)
    with django_assert_num_queries(AGENDA_QUERIES):
        response = client.get("/en/events/forum-2026/agenda/?day=all")
    assert response.context["session_count"] == n


@pytest.mark.parametrize("n", [1, 10])
def test_agenda_queries_signed_in_do_not_grow(client, forum, n, user, django_assert_num_queries):
    for session in fill(forum, n):
        session_star(user=user, session=session)
    client.force_login(user)
    with django_assert_num_queries(AGENDA_SIGNED_IN_QUERIES):
        response = client.get("/en/events/forum-2026/agenda/?day=all&q=session")
    assert response.context["session_count"] == n
    assert len(response.context["starred"]) == n


@pytest.mark.parametrize("n", [1, 10])
def test_event_feed_queries_do_not_grow(client, forum, n, django_assert_num_queries):
    fill(forum, n)
    with django_assert_num_queries(EVENT_FEED_QUERIES):
        response = client.get("/en/events/forum-2026/calendar.ics")
    assert response.content.count(b"BEGIN:VEVENT") == n
    with django_assert_num_queries(EVENT_FEED_CACHED_QUERIES):
        cached = client.get("/en/events/forum-2026/calendar.ics")
    assert cached.content == response.content


@pytest.mark.parametrize("n", [1, 10])
def test_session_page_queries_do_not_grow_with_speakers(client, forum, n, django_assert_num_queries):
    (session,) = fill(forum, 1)
    for _ in range(n):
        SessionSpeakerFactory(session=session)
    with django_assert_num_queries(SESSION_PAGE_QUERIES):
        response = client.get(f"/en/events/forum-2026/sessions/{session.uid}/")
    assert len(response.context["session"].published_speakers) == n + 2


@pytest.mark.parametrize("n", [1, 10])
def test_speaker_index_queries_do_not_grow(client, forum, n, django_assert_num_queries):
    fill(forum, n)
    with django_assert_num_queries(SPEAKER_INDEX_QUERIES):
        response = client.get("/en/events/forum-2026/speakers/")
    assert len(response.context["speakers"]) == 2 * n


@pytest.mark.parametrize("n", [1, 10])
def test_speaker_page_and_feed_queries_do_not_grow(client, forum, n, django_assert_num_queries):
    speaker = SpeakerFactory(slug="busy-speaker")
    for i, session in enumerate(fill(forum, n, speaker=speaker)):
        session.starts_at, session.ends_at = local(forum, i % 3, 8 + i), local(forum, i % 3, 8 + i, 30)
        session.save()
    with django_assert_num_queries(SPEAKER_PAGE_QUERIES):
        response = client.get("/en/events/forum-2026/speakers/busy-speaker/")
    assert len(response.context["sessions"]) == n
    with django_assert_num_queries(SPEAKER_FEED_QUERIES):
        response = client.get("/calendar/speakers/busy-speaker.ics")
    assert response.content.count(b"BEGIN:VEVENT") == n


@pytest.mark.parametrize("n", [1, 10])
def test_personal_feed_and_my_agenda_queries_do_not_grow(client, forum, n, django_assert_num_queries):
    user = UserFactory()
    for session in fill(forum, n):
        session_star(user=user, session=session)
    token = agenda_feed_token_get_or_create(user=user).token
    with django_assert_num_queries(PERSONAL_FEED_QUERIES):
        response = client.get(f"/calendar/agenda/{token}.ics")
    assert response.content.count(b"BEGIN:VEVENT") == n
    client.force_login(user)
    with django_assert_num_queries(MY_AGENDA_QUERIES):
        response = client.get("/agenda/mine/")
    assert response.context["session_count"] == n


@pytest.mark.parametrize("n", [1, 10])
def test_events_index_queries_do_not_grow(client, forum, n, django_assert_num_queries):
    for i in range(n - 1):
        make_event(title=f"Dialogue {i}", slug=f"dialogue-{i}")
    with django_assert_num_queries(EVENTS_INDEX_QUERIES):
        response = client.get("/en/events/")
    assert len(response.context["upcoming"]) + len(response.context["past"]) == n
