"""Figures for issue 3: the agenda page and the event feed for an event with
300 sessions and 500 speakers. Prints the median server time (Django test
client, whole request/response cycle in-process) and the query counts, and
pins that the counts are the same for 10 and for 300 sessions.

Run: make bench   (or: pytest tests/benchmarks/test_agenda_bench.py -s -o addopts="")"""

import pytest
from django.db import connection

from sessions.models import Session
from speakers.models import Speaker
from tests.benchmarks.agenda import ROUNDS, build_event, measure


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
