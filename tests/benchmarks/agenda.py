"""The agenda benchmarks' event (rooms, tracks, sessions, speakers) and
their timing of a page (median of ROUNDS requests through the test client)."""

import datetime
import statistics
import time

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
