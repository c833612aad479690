"""Figures for issue 3: the agenda page and the event feed for an event with
300 sessions and 500 speakers. Prints the median server time (Django test
client, whole request/response cycle in-process) and the query counts, and
pins that the counts are the same for 10 and for 300 sessions.

Run: make bench   (or: pytest tests/benchmarks/test_agenda_bench.py -s -o addopts="")"""

import datetime
import statistics
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions.models import Room, Session, SessionSpeaker, Track
from speakers.models import Speaker
from tests.factories import make_event

ROUNDS = 15


def build_event(slug: str, sessions: int, speakers: int):
    event = make_event(
        title=f"Bench forum {slug}",
        slug=slug,
        start_date=datetime.date(2026, 6, 24),
        end_date=datetime.date(2026, 6, 26),
        time_zone="Asia/Bangkok",
    )
    rooms = Room.objects.bulk_create([Room(event=event, name=f"Room {i}", sort_order=i) for i in range(10)])
    tracks = Track.objects.bulk_create([Track(event=event, name=f"Track {i}") for i in range(7)])
    people = Speaker.objects.bulk_create(
        [Speaker(first_name="Speaker", last_name=f"{slug}-{i}", slug=f"{slug}-speaker-{i}") for i in range(speakers)]
    )
    rows = []
    for i in range(sessions):
        day, slot, room = i // 100, (i % 100) // 10, i % 10
        start = datetime.datetime(2026, 6, 24 + day, 8, 0, tzinfo=event.tz) + datetime.timedelta(hours=slot)
        rows.append(
            Session(
                event=event,
                title=f"Session {i} on the ethics of AI",
                description="<p>A panel on <b>governance</b>, rights and the environment.</p>",
                room=rooms[room],
                track=tracks[i % 7],
                starts_at=start,
                ends_at=start + datetime.timedelta(minutes=50),
                languages="en,fr",
            )
        )
    created = Session.objects.bulk_create(rows)
    links = [
        SessionSpeaker(session=session, speaker=people[(i * 3 + k) % speakers], sort_order=k)
        for i, session in enumerate(created)
        for k in range(3)
    ]
    SessionSpeaker.objects.bulk_create(links)
    return event


def measure(client, url: str, *, cold: bool = False) -> tuple[float, int, int]:
    """Median time of ROUNDS requests; ``cold`` empties the cache before each
    one (feed and session cards are then built from scratch every time)."""
    client.get(url)  # warm up (template loader, VTIMEZONE)
    timings = []
    for _ in range(ROUNDS):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries), len(response.content)


@pytest.fixture
def plain_template_rendering(monkeypatch):
    """The test runner instruments every template render (to record contexts
    for assertions); a real server does not, so the benchmark measures without."""
    from django.template import Template
    from django.test.utils import _TestState

    saved = getattr(_TestState, "saved_data", None)
    if saved is not None:
        monkeypatch.setattr(Template, "_render", saved.template_render)


@pytest.fixture
def roomy_cache(settings):
    """Local memory cache that holds 300 session cards (its default keeps 300
    entries in all); production uses Redis through CACHE_URL."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }


@pytest.mark.django_db
def test_agenda_and_feed_figures(client, plain_template_rendering, roomy_cache):
    small = build_event("bench-small", sessions=10, speakers=30)
    big = build_event("bench-big", sessions=300, speakers=500)
    assert Session.objects.filter(event=big).count() == 300
    assert Speaker.objects.filter(slug__startswith="bench-big").count() == 500
    client.get(small.url)  # the site-root cache, as on a running server

    results = {
        "agenda, one day (100 sessions), cold": measure(client, f"{big.url}agenda/", cold=True),
        "agenda, one day (100 sessions)": measure(client, f"{big.url}agenda/"),
        "agenda, all days (300 sessions)": measure(client, f"{big.url}agenda/?day=all"),
        "event feed, built (300 sessions)": measure(client, f"{big.url}calendar.ics", cold=True),
        "event feed, cached (300 sessions)": measure(client, f"{big.url}calendar.ics"),
    }
    client.get(small.url)
    _, small_agenda_queries, _ = measure(client, f"{small.url}agenda/?day=all")
    _, small_feed_queries, _ = measure(client, f"{small.url}calendar.ics", cold=True)

    print(f"\n{connection.vendor}: median of {ROUNDS} requests (Django test client, in-process)")
    for label, (median, queries, size) in results.items():
        print(f"  {label:36} {median:7.1f} ms  {queries:2d} queries  {size / 1024:6.0f} KiB")
    print(f"  queries for 10 sessions: agenda {small_agenda_queries}, feed {small_feed_queries}")

    # Wagtail's routing (site, page tree, view restrictions) is a fixed part.
    assert results["agenda, all days (300 sessions)"][1] == small_agenda_queries <= 16
    assert results["event feed, built (300 sessions)"][1] == small_feed_queries
