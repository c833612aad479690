"""Session door figures (``make bench``): 20 scanners at the doors of one
closed session, all scans waiting for the same lock on the session's row,
against gunicorn + PostgreSQL with 3,000 confirmed registrations, beside
the same scanners at the entrance; and a room of 100 places filled by 20
doors at once, which must end with exactly 100 inside.

A database of its own (``forum_bench_doors``, made afresh on the
PostgreSQL server of DATABASE_URL, else 127.0.0.1:5432) and a gunicorn
started here on a free port. Prints the figures; docs/benchmarks/checkin.md
records them.
"""

import asyncio
import json
import os
import statistics
import time

import pytest

from tests.benchmarks.harness import fresh_database, gunicorn, manage, production_env

PARTICIPANTS = 3_000
SMALL_ROOM = 100
SCANNERS = 20
BENCH_SECRET = "benchmark-only-secret-key-for-the-door-figures"

SEED = """
import json
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from registration.badges import tokens as badge_tokens
from registration.checkin.session_access import session_access_save
from registration.models import Registration
from sessions.services import checkin_staff_add
from tests.factories import CategoryFactory, RoomFactory, SessionFactory, UserFactory, make_event

event = make_event(title="Benchmark forum", time_zone="Asia/Bangkok")
categories = [CategoryFactory(event=event, name=f"Category {n}") for n in range(6)]
Registration.objects.bulk_create(
    [
        Registration(
            event=event, category=categories[n % 6], status="confirmed", first_name=f"First{n}",
            last_name=f"Last{n:05d}", email=f"p{n}@example.org", organisation="Ministry", country="SN",
        )
        for n in range(__PARTICIPANTS__)
    ],
    batch_size=1000,
)
hall = SessionFactory(event=event, title="Round table", room=RoomFactory(event=event, capacity=__PARTICIPANTS__))
invited = Registration.objects.filter(event=event, category=categories[5]).order_by("pk")[:50]
session_access_save(session=hall, closed=True, categories=categories[:5], registrations=list(invited))
small = SessionFactory(event=event, title="Workshop", room=RoomFactory(event=event, capacity=__SMALL_ROOM__))
staff = UserFactory(email="bench.staff@example.org")
checkin_staff_add(event=event, user=staff, by=None)
client = Client()
client.force_login(staff)
codes = [badge_tokens.badge_token(r) for r in Registration.objects.filter(event=event).select_related("event")]
print("SEED" + json.dumps({
    "event": event.pk, "hall": hall.pk, "small": small.pk, "session": client.cookies["sessionid"].value,
    "csrf": _get_new_csrf_string(), "codes": codes,
}))
"""


@pytest.fixture(scope="module")
def door_site(tmp_path_factory):
    """A fresh database with 3,000 confirmed registrations and two session
    doors, and gunicorn on it."""
    with fresh_database("forum_bench_doors") as database_url:
        env = production_env(
            database_url, BENCH_SECRET, CACHE_URL=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13")
        )
        env.pop("CELERY_BROKER_URL", None)
        manage(["migrate", "--noinput"], env)
        seed = SEED.replace("__PARTICIPANTS__", str(PARTICIPANTS)).replace("__SMALL_ROOM__", str(SMALL_ROOM))
        seeded = manage(["shell", "-c", seed], env).stdout
        data = json.loads(next(line for line in seeded.splitlines() if line.startswith("SEED"))[4:])
        log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
        with gunicorn(env, log=log, ready_path="/api/checkin/scan/") as (base, port, workers):
            yield {**data, "port": port, "workers": workers, "env": env}


def _request(site, code: str, **fields) -> bytes:
    """One scan as the bytes a scanner sends (session cookie, CSRF header)."""
    body = json.dumps({"code": code, "event": site["event"], **fields}).encode()
    head = (
        "POST /api/checkin/scan/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{site['port']}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Cookie: sessionid={site['session']}; csrftoken={site['csrf']}\r\n"
        f"X-CSRFToken: {site['csrf']}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


async def _send(site, request: bytes) -> tuple[float, dict]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", site["port"])
    writer.write(request)
    answer = await reader.read()
    elapsed = time.perf_counter() - started
    writer.close()
    _head, _, body = answer.partition(b"\r\n\r\n")
    return elapsed, json.loads(body)


def _run(site, requests: list[bytes]):
    """The scanners, each sending its share one after the other as soon as
    it has the previous answer: latencies, answers, wall time."""
    shares = [requests[index::SCANNERS] for index in range(SCANNERS)]
    latencies, answers = [], []

    async def scanner(share):
        for request in share:
            elapsed, answer = await _send(site, request)
            latencies.append(elapsed)
            answers.append(answer)

    async def everyone():
        started = time.perf_counter()
        await asyncio.gather(*(scanner(share) for share in shares))
        return time.perf_counter() - started

    return latencies, answers, asyncio.run(everyone())


def _report(name: str, latencies, answers, wall) -> dict:
    ordered = sorted(latencies)
    results = [answer["result"] for answer in answers]
    counts = {result: results.count(result) for result in sorted(set(results))}
    print(
        f"\n{name}: {len(results)} scans by {SCANNERS} scanners in {wall:.1f} s = {len(results) / wall:.0f} scans/s; "
        f"p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.1f} ms, "
        f"max {ordered[-1] * 1000:.1f} ms; {counts}"
    )
    return counts


def test_door_of_a_closed_session_beside_the_entrance(door_site):
    codes = door_site["codes"]
    print(f"\ngunicorn workers: {door_site['workers']}, cores: {os.cpu_count()}, registrations: {len(codes)}")

    entrance = _report("entrance", *_run(door_site, [_request(door_site, code) for code in codes]))
    door = _report(
        "door of a closed session (entry)",
        *_run(door_site, [_request(door_site, code, session=door_site["hall"]) for code in codes]),
    )
    leaving = _report(
        "same door (exit)",
        *_run(door_site, [_request(door_site, code, session=door_site["hall"], direction="exit") for code in codes]),
    )

    assert entrance == {"ok": PARTICIPANTS}
    # Five categories of six are admitted, and 50 people of the sixth invited.
    assert door == {"ok": PARTICIPANTS * 5 // 6 + 50, "not_admitted": PARTICIPANTS // 6 - 50}
    assert leaving == {"left": PARTICIPANTS}


def test_twenty_doors_filling_a_room_of_100_let_exactly_100_in(door_site):
    codes = door_site["codes"][:400]

    latencies, answers, wall = _run(
        door_site, [_request(door_site, code, session=door_site["small"]) for code in codes]
    )
    counts = _report(f"room of {SMALL_ROOM} places, {len(codes)} people at 20 doors", latencies, answers, wall)

    assert counts == {"ok": SMALL_ROOM, "room_full": len(codes) - SMALL_ROOM}
    assert max(answer["session"]["inside"] for answer in answers) == SMALL_ROOM
