"""Messages to participants (``make bench``), printed and recorded in
docs/benchmarks/mailings.md: a message to 3,000 participants sent on
PostgreSQL, delivered by a real Celery worker and beat (a private Redis) to
a local SMTP sink. Prints how long sending took (the group fixed), how long
until the last email reached the sink, the rate it went at, and that each
participant got exactly one.

The rate is ``MAILING_RATE_PER_MINUTE`` (``BENCH_MAILING_RATE``, default
6,000 a minute here, so the run takes about half a minute; production's
default is 600)."""

import collections
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.benchmarks.harness import (
    BASE_DIR,
    SmtpSink,
    free_port,
    reset_publisher,
    start_redis,
    start_worker,
    worker_env,
)

PARTICIPANTS = 3_000
RATE = int(os.environ.get("BENCH_MAILING_RATE", "6000"))


def start_beat(env: dict, workdir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "forum_site",
            "beat",
            "--schedule",
            str(workdir / "beat-schedule"),
            "--loglevel=ERROR",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=(workdir / "beat.log").open("a"),
        stderr=subprocess.STDOUT,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_root")
def test_bench_a_message_to_3000_participants(monkeypatch):
    from django.db import connection

    from forum_site.celery import app
    from home.models import OutgoingEmail
    from registration.mailings import services
    from registration.mailings.models import Mailing, MailingStatus
    from tests.factories import CategoryFactory, make_event
    from tests.helpers import bulk_registrations, make_event_organiser

    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    workdir = Path(tempfile.mkdtemp(prefix="bench-mailings-"))
    redis_port = free_port()
    broker = f"redis://127.0.0.1:{redis_port}/0"
    sink = SmtpSink().start()
    redis_process = start_redis(redis_port, workdir)
    env = worker_env(
        broker=broker,
        smtp_port=sink.port,
        secret_key="benchmark-only-secret-key-for-the-mailing-figures",
        MAILING_RATE_PER_MINUTE=str(RATE),
    )
    worker = start_worker(env, workdir / "worker.log")
    beat = start_beat(env, workdir)

    def stop(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, stop)
    monkeypatch.setenv("CELERY_BROKER_URL", broker)
    previous = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue", "result_backend")
    }
    app.conf.update(broker_url=broker, task_always_eager=False, task_default_queue="celery", result_backend=None)
    reset_publisher(app)
    try:
        event = make_event()
        bulk_registrations(event, CategoryFactory(event=event), PARTICIPANTS)
        mailing = Mailing.objects.create(
            event=event,
            subject="Doors open at 8:30",
            body="Dear {first_name},\nyour reference: {reference}.",
            statuses=["confirmed"],
        )
        started = time.perf_counter()
        assert services.mailing_send(mailing=mailing, by=make_event_organiser(event)) == PARTICIPANTS
        sent_at = time.perf_counter()

        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and len(sink.messages) < PARTICIPANTS:
            time.sleep(0.5)
        delivered_at = time.perf_counter()
        time.sleep(12)  # one more beat run: nothing more may arrive, and the message is closed
        mailing.refresh_from_db()

        per_recipient = collections.Counter(recipient for recipient, _ in sink.messages)
        expected = {f"bulk{event.pk}-{n}@example.org" for n in range(PARTICIPANTS)}
        doubled = {address: n for address, n in per_recipient.items() if n > 1}
        missing = expected - set(per_recipient)
        statuses = collections.Counter(OutgoingEmail.objects.filter(kind="mailing").values_list("status", flat=True))
        seconds = delivered_at - started
        print(
            f"\nMAILING {PARTICIPANTS} participants at {RATE}/min: sent (group fixed) in {sent_at - started:.2f} s; "
            f"all at the SMTP sink after {seconds:.1f} s ({len(sink.messages) / seconds * 60:.0f} a minute); "
            f"outbox {dict(statuses)}; message {mailing.status}; "
            f"{len(sink.messages)} messages, {len(doubled)} people with more than one, {len(missing)} with none"
        )
        assert doubled == {} and missing == set()
        assert len(sink.messages) == PARTICIPANTS
        assert statuses == {"sent": PARTICIPANTS}
        assert mailing.status == MailingStatus.SENT
    finally:
        app.conf.update(previous)
        reset_publisher(app)
        for process in (beat, worker):
            process.kill()
        redis_process.kill()
        sink.stop()
        connection.close()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
