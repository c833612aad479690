"""Shared fixtures. Service markers (``postgres``, ``celery_worker``,
``browser``) skip with a reason when the service is absent, except under CI
(``CI=true``), where a missing service fails the test instead."""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.factories import (
    PASSWORD,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
    home_page,
    local,
    make_event,
)
from tests.helpers import (
    CHROMIUM,
    database_url_for_worker,
    launch_chromium,
    make_event_organiser,
    missing_service,
    publish_event_translation,
    uses_postgres,
)

# Playwright's sync API runs an event loop in the main thread; the ORM calls
# made by tests around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _service_markers(request):
    if request.node.get_closest_marker("postgres") and not uses_postgres():
        # The SQLite pass cannot run these; .ci/run's PostgreSQL pass does.
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (the CI PostgreSQL pass runs it)")


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Tasks run eagerly in tests unless the test asks for a real worker."""
    from forum_site.celery import app

    eager = not request.node.get_closest_marker("celery_worker")
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: ids come back after a rollback
    (SQLite), and a cached answer must not outlive the test that made it."""
    from django.core.cache import cache

    cache.clear()


class RateClock:
    """The rate limits' clock, held still at the start of a window (an hour's
    worth of every window the site uses) until a test moves it on."""

    def __init__(self):
        self.now = 1_800_000_000.0 + 1  # a multiple of 3,600, plus a second

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture(autouse=True)
def rate_clock(monkeypatch):
    from forum_site import ratelimit

    clock = RateClock()
    monkeypatch.setattr(ratelimit, "clock", clock)
    return clock


@pytest.fixture(autouse=True)
def _default_language():
    """A request in French or Spanish leaves its language active in the
    thread; each test starts in the default language."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(scope="session")
def _private_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("private")


@pytest.fixture(autouse=True)
def _private_media(settings, _private_media_root):
    """Private files (badge PDFs) written by tests go to a temporary folder."""
    settings.PRIVATE_MEDIA_ROOT = _private_media_root


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# --- the objects most tests start from -------------------------------------------


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def event(db):
    return make_event()


@pytest.fixture
def other_event(db):
    """An event besides ``event``, on which the organisers below have no rights."""
    return make_event(title="Someone else's workshop")


@pytest.fixture
def event_organiser(event):
    """A member of the Organisers group whose team may edit ``event`` only."""
    return make_event_organiser(event)


@pytest.fixture
def organiser_client(client, event_organiser):
    """The test client, signed in as ``event_organiser``."""
    client.force_login(event_organiser)
    return client


@pytest.fixture
def demo(db):
    """The demo site that ``manage.py load_demo`` builds."""
    call_command("load_demo")


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def page_root(transactional_db):
    """Transactional tests flush every table, the Wagtail root page included
    (they come from migrations): put them back so make_event() works."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))


# --- a real Celery worker on Redis -------------------------------------------------


class WorkerHandle:
    def __init__(self, process: subprocess.Popen, mail_dir: Path, log_path: Path):
        self.process = process
        self.mail_dir = mail_dir
        self.log_path = log_path

    def sent_messages(self) -> list[str]:
        """The raw messages the worker sent (Django's file email backend)."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            text = path.read_text(encoding="utf-8", errors="replace")
            messages += [chunk for chunk in text.split("-" * 79) if chunk.strip()]
        return messages

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, _private_media_root):
    """A real ``celery worker`` subprocess consuming from CELERY_BROKER_URL.

    It shares the test database (tests that use it need ``transactional_db``
    so their rows are committed) and writes emails to files."""
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        # The SQLite pass has no broker; .ci/run's PostgreSQL pass sets one.
        pytest.skip("needs CELERY_BROKER_URL=redis://... for a real Celery worker (the CI PostgreSQL pass runs it)")
    if not uses_postgres():
        pytest.skip("a worker process needs a shared database: run with DATABASE_URL=postgres://...")
    try:
        import redis

        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except Exception as error:  # noqa: BLE001 - any failure means no broker
        missing_service(f"Redis broker at {broker} is not reachable: {error}")

    with django_db_blocker.unblock():
        database_url = database_url_for_worker()
    workdir = Path(tempfile.mkdtemp(prefix="celery-worker-"))
    mail_dir = workdir / "mail"
    mail_dir.mkdir()
    log_path = workdir / "worker.log"
    queue = f"test-{os.getpid()}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker,
        "EMAIL_URL": f"file://{mail_dir}",
        "PRIVATE_MEDIA_ROOT": str(_private_media_root),  # the badge PDFs it draws, where the tests read them
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),  # it reads passport data for letters
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    env.pop("PYTEST_VERSION", None)
    env.pop("PYTEST_CURRENT_TEST", None)
    from forum_site.celery import app

    # Purge anything left from an earlier run, then route this run's tasks to
    # a queue of its own, so that parallel runs on one Redis do not mix.
    app.conf.task_default_queue = queue
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "forum_site",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while "ready." not in (log_path.read_text(errors="replace") if log_path.exists() else ""):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"Celery worker did not start:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.2)
    handle = WorkerHandle(process, mail_dir, log_path)
    yield handle
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    app.conf.task_default_queue = "celery"
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def celery_worker(celery_worker_process, transactional_db):
    from celery._state import _set_task_join_will_block

    # Celery's "never wait for a result inside a task" guard is a process-wide
    # flag; an eager task interrupted in another thread (a live server) can
    # leave it set. The test itself is not a task: let it wait for results.
    _set_task_join_will_block(False)
    for path in celery_worker_process.mail_dir.glob("*"):
        path.unlink()
    return celery_worker_process


# --- a real browser ---------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver for the whole session: the sync API cannot run
    two at once, so every browser the tests launch comes from this one."""
    if not Path(CHROMIUM).exists():
        missing_service(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_service("needs the playwright Python package")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """The chromium every browser test reuses."""
    browser = launch_chromium(playwright_driver)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) on a desktop viewport."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


# --- an agenda in three languages (tests/test_i18n_delivery*.py) -------------------------


@pytest.fixture
def geneva_forum(db):
    return make_event(
        title="Global Forum on the Ethics of AI",
        slug="global-forum",
        venue_name="Palais des Nations",
        venue_city="Geneva",
        time_zone="Europe/Zurich",
        start_date=datetime.date(2026, 6, 24),
        end_date=datetime.date(2026, 6, 26),
    )


@pytest.fixture
def geneva_room(geneva_forum):
    room = RoomFactory(event=geneva_forum, name="Assembly Hall")
    room.set_translation("fr", name="Salle des Assemblées")
    room.set_translation("es", name="Sala de Asambleas")
    room.save()
    return room


@pytest.fixture
def geneva_track(geneva_forum):
    track = TrackFactory(event=geneva_forum, name="Human rights")
    track.set_translation("fr", name="Droits humains")
    track.save()
    return track


@pytest.fixture
def geneva_session(geneva_forum, geneva_room, geneva_track):
    session = SessionFactory(
        event=geneva_forum,
        title="Facial recognition in public spaces",
        description="<p>Who watches the watchers?</p>",
        room=geneva_room,
        track=geneva_track,
        starts_at=local(geneva_forum, 0, 9),
        ends_at=local(geneva_forum, 0, 10, 30),
    )
    session.set_translation(
        "fr",
        title="La reconnaissance faciale dans l’espace public",
        description="<p>Qui surveille les surveillants ?</p>",
    )
    session.set_translation("es", title="El reconocimiento facial en los espacios públicos")
    session.save()
    SessionSpeakerFactory(
        session=session, speaker=SpeakerFactory(first_name="Amara", last_name="Okafor"), role="moderator"
    )
    return session


@pytest.fixture
def french_geneva_forum(geneva_forum):
    return publish_event_translation(
        geneva_forum, "fr", title="Forum mondial sur l’éthique de l’IA", venue_city="Genève", slug="forum-mondial"
    )
