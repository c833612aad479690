"""What the gunicorn + PostgreSQL benchmarks share: a database of their own
on the PostgreSQL server, ``manage.py`` in a subprocess, and gunicorn run
as production runs it, on a free local port, always stopped afterwards."""

import contextlib
import os
import socket
import subprocess
import sys
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
