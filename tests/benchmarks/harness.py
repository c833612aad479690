"""What the gunicorn + PostgreSQL benchmarks share: a database of their own
on the PostgreSQL server, ``manage.py`` in a subprocess, and gunicorn run
as production runs it, on a free local port, always stopped afterwards."""

import asyncio
import contextlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def postgres_server_url() -> str:
    """The server of DATABASE_URL when it is PostgreSQL, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parsed = urlparse(url)
        return f"{parsed.scheme}://{parsed.netloc}"
    return "postgres://postgres@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        **kwargs,
    )


@contextlib.contextmanager
def fresh_database(name: str):
    """A new, empty database ``name`` (dropped first if left over), dropped
    again afterwards; its URL. Skips the benchmark without a server.
    ``BENCH_DB_SUFFIX`` is appended to the name, so that runs from two
    clones on one server do not drop each other's database."""
    name += os.environ.get("BENCH_DB_SUFFIX", "")
    try:
        import psycopg

        admin = psycopg.connect(f"{postgres_server_url()}/postgres", autocommit=True, connect_timeout=3)
    except Exception as error:  # noqa: BLE001 - no server: nothing to measure
        pytest.skip(f"needs PostgreSQL: {error}")
    with admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{postgres_server_url()}/{name}"
    finally:
        with psycopg.connect(f"{postgres_server_url()}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def production_env(database_url: str, secret_key: str, **extra: str) -> dict:
    """The environment of a production web process (DEBUG off, persistent
    connections), without what pytest set in this one."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "SECRET_KEY": secret_key,
        "FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
        **extra,
    }
    for name in ("PYTEST_VERSION", "PYTEST_CURRENT_TEST"):
        env.pop(name, None)
    return env


@contextlib.contextmanager
def gunicorn(env: dict, *, log: Path, ready_path: str):
    """gunicorn serving the site (``BENCH_GUNICORN_WORKERS`` sync workers,
    default 4) on a free port, once ``ready_path`` answers; its base URL,
    port and worker count. Stopped afterwards, whatever happened."""
    port = free_port()
    workers = os.environ.get("BENCH_GUNICORN_WORKERS", "4")
    with log.open("w") as output:
        server = subprocess.Popen(
            [BIN / "gunicorn", "forum_site.wsgi", "-b", f"127.0.0.1:{port}", "-w", workers, "--log-level", "warning"],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    requests.get(f"{base}{ready_path}", timeout=5)
                    break
                except requests.RequestException:
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"gunicorn did not start (see {log})")
                    time.sleep(0.2)
            yield base, port, workers
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


# --- mail delivery: an SMTP sink, a private Redis, a Celery worker ---------------------------


class SmtpSink:
    """A small SMTP server (asyncio, in a thread) that records each message it
    accepts. ``delay`` slows every MAIL reply, so a worker can be killed in
    the middle of a send."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.messages: list[tuple[str, str]] = []  # (recipient, Message-ID)
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.mail_waiting = threading.Event()  # set while a MAIL reply is held back
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()
        self.ready.wait(10)
        return self

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)

    def _run(self):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._session, "127.0.0.1", self.port))
        self.ready.set()
        self.loop.run_forever()
        server.close()

    async def _session(self, reader, writer):
        async def reply(line: str):
            writer.write(f"{line}\r\n".encode())
            await writer.drain()

        recipients: list[str] = []
        try:
            await reply("220 sink ESMTP")
            while line := await reader.readline():
                command = line.decode(errors="replace").strip()
                verb = command[:4].upper()
                if verb in ("EHLO", "HELO"):
                    await reply("250 sink")
                elif verb == "MAIL":
                    recipients = []
                    self.mail_waiting.set()
                    await asyncio.sleep(self.delay)
                    self.mail_waiting.clear()
                    await reply("250 OK")
                elif verb == "RCPT":
                    recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                    await reply("250 OK")
                elif verb == "DATA":
                    await reply("354 End data with <CR><LF>.<CR><LF>")
                    data = []
                    while (chunk := await reader.readline()) not in (b".\r\n", b""):
                        data.append(chunk)
                    text = b"".join(data).decode(errors="replace")
                    found = re.search(r"^Message-ID: (.+)$", text, re.MULTILINE | re.IGNORECASE)
                    message_id = found.group(1).strip() if found else ""
                    await reply("250 OK queued")
                    self.messages.extend((recipient, message_id) for recipient in recipients)
                elif verb == "QUIT":
                    await reply("221 Bye")
                    break
                else:
                    await reply("250 OK")
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


def start_redis(port: int, workdir: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    import redis

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            redis.Redis(port=port, socket_connect_timeout=0.5).ping()
            return process
        except redis.RedisError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("private redis-server did not start")


def reset_publisher(app) -> None:
    """Forget the app's broker connection pool, so the next publish goes to
    the broker now configured (kombu keeps the old pool for its own URL)."""
    app._pool = None
    app.amqp._producer_pool = None


def worker_env(*, broker: str, smtp_port: int, secret_key: str, **extra: str) -> dict:
    """The environment of a Celery worker (or beat) sending mail to the SMTP
    sink at ``smtp_port`` through ``broker``, on the test database, without
    what pytest set in this process."""
    from tests.helpers import database_url_for_worker

    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_worker(),
        "CELERY_BROKER_URL": broker,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
        "LOG_LEVEL": "ERROR",
        **extra,
    }
    for name in ("PYTEST_VERSION", "PYTEST_CURRENT_TEST", "CELERY_TASK_DEFAULT_QUEUE"):
        env.pop(name, None)
    return env


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "forum_site",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )
    return process
