"""Offline check-in figures (``make bench``), against gunicorn + PostgreSQL:
the roster a scanner downloads for 3,000 confirmed people (compressed
bytes, aim < 300 KB), its refresh with nothing changed (aim < 1 KB), and the
upload of 1,000 queued scans in 10 requests of 100 (aim < 10 s).

Runs on a database of its own (``forum_bench_offline_devices``, plus
``BENCH_DB_SUFFIX``, made afresh and dropped after) and a gunicorn started
here on a free port. Prints the figures; docs/benchmarks/offline.md records
them.
"""

import datetime
import gzip
import json
import os
import time
from collections import Counter

import pytest
import requests

from tests.benchmarks.harness import fresh_database, gunicorn, manage, production_env

PARTICIPANTS = 3_000
REISSUED = 300  # of the confirmed people, badge version 2 or 3
CANCELLED = 250  # besides the confirmed people
PENDING = 50
UPLOADED = 1_000
PER_REQUEST = 100
BENCH_SECRET = "benchmark-only-secret-key-for-the-offline-figures"

# Names and organisations of the kind a policy forum has, combined so that
# no two people are alike (a roster of "First1 Last1" compresses too well).
SEED = """
import datetime, itertools, json, random
from django.utils import timezone
from registration.badges import tokens as badge_tokens
from registration.checkin.tokens import scanner_token_create
from registration.models import Registration
from sessions.services import checkin_staff_add
from tests.factories import CategoryFactory, UserFactory, make_event

random.seed(13)
FIRST = ["Amina", "Kofi", "Mei", "Aroha", "Lucía", "Oluwaseun", "Ingrid", "Rahul", "Fatima", "Tomás", "Yuki",
         "Nadia", "Chidi", "Sofia", "Arjun", "Leila", "Mateo", "Zanele", "Hiroshi", "Elena", "Kwame", "Priya",
         "Jonas", "Aisha", "Diego", "Hana", "Olga", "Samuel", "Thandiwe", "Ana", "Bilal", "Camille", "Dmitri",
         "Esther", "Farid", "Grace", "Hamid", "Isabel", "Jae-won", "Karin", "Lars", "Marisol", "Nikolai"]
LAST = ["Diallo", "Mensah", "Chen", "Ngata", "Fernández", "Adeyemi", "Johansson", "Sharma", "Haddad", "Silva",
        "Tanaka", "Karimi", "Okafor", "Rossi", "Patel", "Benali", "García", "Dlamini", "Sato", "Popescu",
        "Owusu", "Iyer", "Müller", "Bello", "Moreno", "Kim", "Ivanova", "Mwangi", "Nkosi", "Costa", "Qureshi",
        "Laurent", "Volkov", "Cohen", "Rahimi", "Achieng", "Hosseini", "Alvarez", "Park", "Lindqvist", "Novak"]
HONORIFIC = ["", "", "", "Dr", "Prof.", "H.E.", "Ms", "Mr"]
KIND = ["Ministry of Digital Affairs", "Ministry of Foreign Affairs", "National Data Protection Authority",
        "University", "Institute for Technology Policy", "Permanent Delegation to UNESCO", "Civil Liberties Union",
        "Centre for AI Ethics", "Chamber of Commerce", "Research Council"]
PLACE = ["Senegal", "Ghana", "China", "New Zealand", "Spain", "Nigeria", "Sweden", "India", "Lebanon", "Brazil",
         "Japan", "Iran", "Italy", "Morocco", "Mexico", "South Africa", "Romania", "Kenya", "Korea", "Canada",
         "Chile", "Germany", "France", "Peru", "Türkiye", "Viet Nam", "Egypt", "Norway", "Indonesia", "Colombia"]
organisations = [f"{kind}, {place}" for kind, place in itertools.product(KIND, PLACE)]

event = make_event(title="Global Forum on the Ethics of AI (benchmark)", time_zone="Europe/Paris",
                   start_date=datetime.date(2026, 6, 24), end_date=datetime.date(2026, 6, 26))
categories = [CategoryFactory(event=event, name=name) for name in
              ["Member State delegation", "Speaker", "Civil society", "Academia", "Private sector", "Press"]]

def person(n, status, version=1):
    return Registration(
        event=event, category=random.choice(categories), status=status, honorific=random.choice(HONORIFIC),
        first_name=random.choice(FIRST), last_name=random.choice(LAST), email=f"p{n}@example.org",
        organisation=random.choice(organisations), country="SN", badge_version=version,
    )

people = [person(n, "confirmed", 2 + n % 2 if n < __REISSUED__ else 1) for n in range(__PARTICIPANTS__)]
people += [person(__PARTICIPANTS__ + n, "cancelled") for n in range(__CANCELLED__)]
people += [person(__PARTICIPANTS__ + __CANCELLED__ + n, "pending") for n in range(__PENDING__)]
Registration.objects.bulk_create(people, batch_size=1000)
# Changed an hour ago: past the roster cursor's margin, so a refresh now is empty.
Registration.objects.filter(event=event).update(updated_at=timezone.now() - datetime.timedelta(hours=1))
staff = UserFactory(email="bench.staff@example.org")
checkin_staff_add(event=event, user=staff, by=None)
_token, key = scanner_token_create(user=staff, name="Gate B phone 2", events=[event])
confirmed = Registration.objects.filter(event=event, status="confirmed").select_related("event").order_by("pk")
codes = [badge_tokens.badge_token(r) for r in confirmed[:__UPLOADED__]]
print("SEED" + json.dumps({"event": event.pk, "key": key, "codes": codes}))
"""


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    """A fresh database with the event's 3,000 people, and gunicorn on it."""
    with fresh_database("forum_bench_offline_devices") as database_url:
        env = production_env(
            database_url,
            BENCH_SECRET,
            CACHE_URL=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"),
            MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        )
        env.pop("CELERY_BROKER_URL", None)
        manage(["migrate", "--noinput"], env)
        seed = SEED
        for name, value in {
            "__PARTICIPANTS__": PARTICIPANTS,
            "__REISSUED__": REISSUED,
            "__CANCELLED__": CANCELLED,
            "__PENDING__": PENDING,
            "__UPLOADED__": UPLOADED,
        }.items():
            seed = seed.replace(name, str(value))
        seeded = manage(["shell", "-c", seed], env).stdout
        data = json.loads(next(line for line in seeded.splitlines() if line.startswith("SEED"))[4:])
        log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
        with gunicorn(env, log=log, ready_path="/api/checkin/scan/") as (base, port, workers):
            site = {**data, "base": base, "workers": workers}
            for _ in range(8):  # every worker imported and connected before the clock runs
                _roster(site)
            yield site


def _headers(site, **extra) -> dict:
    return {"Authorization": f"Token {site['key']}", **extra}


def _roster(site, since=None) -> tuple[requests.Response, bytes, float]:
    """One roster request with gzip accepted: the response, the bytes that
    crossed the wire (still compressed) and the time it took."""
    params = {"event": site["event"]} | ({"since": since} if since else {})
    started = time.perf_counter()
    response = requests.get(
        f"{site['base']}/api/checkin/roster/",
        params=params,
        headers=_headers(site, **{"Accept-Encoding": "gzip"}),
        stream=True,
        timeout=30,
    )
    wire = response.raw.read(decode_content=False)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, wire[:300]
    return response, wire, elapsed


def _body(response, wire: bytes) -> dict:
    gzipped = response.headers.get("Content-Encoding") == "gzip"
    return json.loads(gzip.decompress(wire) if gzipped else wire)


def _wire_headers(response) -> int:
    """The size of the response's header block as sent (status line included)."""
    lines = [f"HTTP/1.1 {response.status_code} {response.reason}"]
    lines += [f"{name}: {value}" for name, value in response.headers.items()]
    return len("\r\n".join(lines).encode()) + 4


def test_roster_of_3000_people_and_its_empty_refresh(offline_site):
    response, wire, elapsed = _roster(offline_site)
    body = _body(response, wire)
    assert (len(body["people"]), body["total"]) == (PARTICIPANTS, PARTICIPANTS + CANCELLED + PENDING)
    assert len(body["revoked"]) == REISSUED + CANCELLED + PENDING
    full = len(gzip.decompress(wire)) if response.headers.get("Content-Encoding") == "gzip" else len(wire)
    print(
        f"\nroster, {PARTICIPANTS} confirmed + {CANCELLED} cancelled + {PENDING} pending, {REISSUED} reissued: "
        f"{len(wire) / 1024:.1f} KB compressed ({response.headers.get('Content-Encoding', 'identity')}), "
        f"{full / 1024:.1f} KB as JSON, {elapsed * 1000:.0f} ms; "
        f"aim < 300 KB: {'met' if len(wire) < 300 * 1024 else 'NOT met'}"
    )
    cursor = body["cursor"]

    response, wire, elapsed = _roster(offline_site, since=cursor)
    refresh = _body(response, wire)
    assert (refresh["full"], refresh["people"], refresh["revoked"]) == (False, [], [])
    print(
        f"refresh with nothing changed: {len(wire)} bytes of body "
        f"({response.headers.get('Content-Encoding', 'identity')}), {_wire_headers(response)} bytes of headers, "
        f"{elapsed * 1000:.0f} ms; aim < 1 KB: {'met' if len(wire) < 1024 else 'NOT met'}"
    )


def test_upload_of_1000_queued_scans(offline_site):
    codes = offline_site["codes"]
    assert len(codes) == UPLOADED
    start = datetime.datetime(2026, 6, 24, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    scans = [
        {
            "code": code,
            "nonce": f"bench-{n}",
            "scanned_at": (start + datetime.timedelta(seconds=n)).isoformat(),
            "gate": "B",
            "device_result": "ok",
        }
        for n, code in enumerate(codes)
    ]
    bodies = [
        json.dumps({"event": offline_site["event"], "device": "phone-b2", "scans": scans[at : at + PER_REQUEST]})
        for at in range(0, UPLOADED, PER_REQUEST)
    ]
    session = requests.Session()
    headers = _headers(offline_site, **{"Content-Type": "application/json"})
    timings, results = [], []

    started = time.perf_counter()
    for body in bodies:
        begun = time.perf_counter()
        response = session.post(f"{offline_site['base']}/api/checkin/sync/", data=body, headers=headers, timeout=60)
        timings.append(time.perf_counter() - begun)
        assert response.status_code == 200, response.text[:300]
        results += response.json()["results"]
    total = time.perf_counter() - started

    verdicts = dict(Counter(result.get("result") or f"refused {result.get('status')}" for result in results))
    print(
        f"\nupload of {UPLOADED} queued scans in {len(bodies)} requests of {PER_REQUEST}: {total:.2f} s "
        f"({total / UPLOADED * 1000:.1f} ms per scan; requests {min(timings):.2f}–{max(timings):.2f} s); "
        f"verdicts {verdicts}; gunicorn workers {offline_site['workers']}, cores {os.cpu_count()}, "
        f"load average {os.getloadavg()[0]:.1f}; aim < 10 s: {'met' if total < 10 else 'NOT met'}"
    )
    assert verdicts == {"ok": UPLOADED}

    started = time.perf_counter()
    for body in bodies:
        session.post(f"{offline_site['base']}/api/checkin/sync/", data=body, headers=headers, timeout=60)
    print(f"the same upload again (replayed nonces, nothing recorded twice): {time.perf_counter() - started:.2f} s")
