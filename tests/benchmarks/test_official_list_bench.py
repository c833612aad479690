"""Figures for the official list (``make bench``): the PDF of 3,000
confirmed people who agreed to be listed, in about 190 delegations and
four categories, built by the Celery task's work
(``building.participant_list_build``) in this process, on the test
database (SQLite, or PostgreSQL with DATABASE_URL); and the list's page
for the same 3,000. Prints the seconds; docs/benchmarks/official_list.md
records them.

Run: make bench   (or: pytest tests/benchmarks/test_official_list_bench.py -p no:randomly -s -o addopts="")"""

import resource
import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_countries import countries

from registration.delegations.models import Delegation, Nomination
from registration.models import ListVisibility, Registration, RegistrationSettings, RegistrationStatus
from registration.official_list.building import participant_list_build
from registration.official_list.models import ParticipantListBuild
from registration.official_list.selectors import participant_list
from tests.factories import CategoryFactory, make_event
from tests.helpers import pdf_text

PEOPLE = 3_000
DELEGATIONS = 190
WITHOUT_DELEGATION = 150  # people who came on their own, listed under their country
AIM_SECONDS = 20
ROUNDS = 5

FIRST_NAMES = ["Amina", "José", "Zoë", "Håkon", "Nguyễn", "Olúwaseun", "Ana", "Łukasz", "Chloé", "Dmitri"]
LAST_NAMES = ["Diallo", "Müller", "García", "Ødegaard", "Traoré", "Kowalski", "Nkemelu", "Ibáñez", "Petrović", "Smith"]
HONORIFICS = ["H.E. Mr", "H.E. Ms", "Dr", "Prof.", "Mr", "Ms", ""]
POSITIONS = [
    "Minister of Digital Affairs and Telecommunications",
    "Permanent Representative to the Organization",
    "Director-General for Strategic Planning and International Cooperation on Artificial Intelligence",
    "Adviser",
    "Counsellor",
    "",
]


def seed():
    event = make_event(title="Global Forum on the Ethics of Artificial Intelligence 2026")
    categories = [
        CategoryFactory(event=event, name=name, sort_order=order)
        for order, name in enumerate(
            ["Member States", "Observer States", "Intergovernmental organisations", "Civil society"]
        )
    ]
    codes = [code for code, _name in countries][:DELEGATIONS]
    delegations = Delegation.objects.bulk_create(
        [
            Delegation(
                event=event,
                country=code,
                focal_point_name="Focal point",
                focal_point_email=f"focal.{code.lower()}@mission.example.org",
                token_salt=f"salt-{n}",
                token_hash=f"{n:064x}",
            )
            for n, code in enumerate(codes)
        ]
    )
    registrations = Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                category=categories[0 if n % 10 < 7 else 1 + n % 3],
                status=RegistrationStatus.CONFIRMED,
                list_consent=True,
                honorific=HONORIFICS[n % len(HONORIFICS)],
                first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
                last_name=f"{LAST_NAMES[(n // 10) % len(LAST_NAMES)]}-{n:04d}",
                email=f"p{n}@example.org",
                position=POSITIONS[n % len(POSITIONS)],
                organisation=f"Ministry of Foreign Affairs of {codes[n % DELEGATIONS]}",
                country=codes[n % DELEGATIONS],
            )
            for n in range(PEOPLE)
        ],
        batch_size=500,
    )
    nominated = registrations[: PEOPLE - WITHOUT_DELEGATION]
    heads = set()
    nominations = []
    for n, registration in enumerate(nominated):
        delegation = delegations[n % DELEGATIONS]
        nominations.append(
            Nomination(delegation=delegation, registration=registration, is_head=delegation.pk not in heads)
        )
        heads.add(delegation.pk)
    Nomination.objects.bulk_create(nominations, batch_size=500)
    return event


@pytest.mark.django_db
def test_bench_official_list_pdf_for_3000_people(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    event = seed()

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        listing = participant_list(event=event, language="fr")
        read = time.perf_counter() - started
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    build = ParticipantListBuild.objects.create(event=event, language="fr", final=False)
    started, cpu = time.perf_counter(), time.process_time()
    participant_list_build(build=build)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    build.refresh_from_db()
    document = build.file.read()
    groups = sum(len(category.groups) for category in listing.categories)
    pages = pdf_text(document, raw=True).count("\f")
    print(
        f"\nOFFICIAL LIST PDF (fr, draft): {build.total} people, {DELEGATIONS} delegations, {groups} groups "
        f"in 4 categories: {elapsed:.2f} s ({cpu:.2f} s CPU, one process), {pages} pages, "
        f"PDF {len(document) / 1e6:.1f} MB; peak RSS {peak / 1024:.0f} MB (process {before / 1024:.0f} MB before); "
        f"the list read alone: {read * 1000:.0f} ms in {len(queries)} query"
    )
    assert (build.state, build.total, listing.total) == ("done", PEOPLE, PEOPLE)
    assert elapsed < AIM_SECONDS


@pytest.mark.django_db
def test_bench_official_list_page_for_3000_people(client):
    event = seed()
    RegistrationSettings.objects.create(event=event, list_visibility=ListVisibility.PUBLIC)
    url = reverse("official_list:page", kwargs={"event_id": event.pk})
    client.get(url)  # warm up (templates, Wagtail's site root paths)

    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        timings.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_ACCEPT_LANGUAGE="fr")

    print(
        f"\nOFFICIAL LIST PAGE (fr, anonymous, public): {PEOPLE} people, median {statistics.median(timings) * 1000:.0f} ms "
        f"over {ROUNDS} requests, {len(queries)} queries, {len(response.content) / 1e6:.1f} MB of HTML"
    )
    assert response.content.decode().count('<li class="participant') == PEOPLE
