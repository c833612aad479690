"""Event dashboard figures (``make bench``): an event with 3,000
registrations over 60 days (six categories, ten countries, consented
genders) and 2,500 admissions at three gates over its first morning. Times
the whole admin page (every figure counted, the charts drawn, the template
rendered) through Django's test client, as an organiser; median of 20
requests after a warm-up. docs/benchmarks/dashboard.md records the figures.

Run: make bench PYTEST_ARGS=tests/benchmarks/test_dashboard_bench.py"""

import datetime
import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from registration.checkin.models import Scan
from registration.models import Registration
from tests.factories import CategoryFactory, RegistrationSettingsFactory, UserFactory, make_event
from tests.helpers import bulk_registrations, make_event_organiser

REGISTRATIONS = 3_000
CHECK_INS = 2_500
AIM_MS = 300
RUNS = 20


def seed():
    event = make_event(title="Global Forum on the Ethics of AI", time_zone="Europe/Paris")
    RegistrationSettingsFactory(event=event, capacity_in_person=3_200)
    categories = [CategoryFactory(event=event, name=f"Category {n}", capacity=600) for n in range(6)]
    for number, category in enumerate(categories):
        bulk_registrations(event, category, REGISTRATIONS // len(categories), organisation=f"Org {number}")
    start = datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC)
    ids = list(Registration.objects.filter(event=event).order_by("pk").values_list("pk", flat=True))
    for day in range(60):  # spread over 60 days, some cancelled or waiting
        chunk = ids[day * 50 : (day + 1) * 50]
        Registration.objects.filter(pk__in=chunk).update(created_at=start + datetime.timedelta(days=day))
    Registration.objects.filter(pk__in=ids[::40]).update(status="cancelled")
    Registration.objects.filter(pk__in=ids[1::60]).update(status="waitlisted")
    doors_open = datetime.datetime(2026, 6, 24, 5, 30, tzinfo=datetime.UTC)  # 07:30 in Paris
    staff = UserFactory()
    Scan.objects.bulk_create(
        [
            Scan(
                event=event,
                registration_id=pk,
                code="FB2",
                gate=("North", "South", "East")[n % 3],
                staff=staff,
                result="ok",
                scanned_at=doors_open + datetime.timedelta(seconds=n * 5),
            )
            for n, pk in enumerate(ids[:CHECK_INS])
        ],
        batch_size=1000,
    )
    Registration.objects.filter(pk__in=ids[:CHECK_INS]).update(checked_in_at=doors_open)
    return event


@pytest.mark.django_db
@pytest.mark.usefixtures("page_root", "plain_template_rendering")
def test_bench_dashboard_of_3000_registrations_and_2500_check_ins():
    event = seed()
    client = Client()
    client.force_login(make_event_organiser(event))
    url = f"/admin/event-dashboard/{event.pk}/?day=2026-06-24"
    assert client.get(url).status_code == 200  # warm-up
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    html = response.content.decode()
    assert 'data-chart="checkin"' in html and 'data-chart="over-time"' in html
    median = statistics.median(times)
    print(
        f"\nDASHBOARD: {REGISTRATIONS} registrations, {CHECK_INS} check-ins: page in {median:.0f} ms median "
        f"(min {min(times):.0f}, max {max(times):.0f}, {RUNS} requests, {len(queries)} queries, "
        f"{len(html) // 1024} KB of HTML); aim < {AIM_MS} ms; database {connection.vendor}"
    )
    assert median < AIM_MS
