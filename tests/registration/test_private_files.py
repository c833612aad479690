"""Personal files: badge batch PDFs live in the private storage, outside
MEDIA_ROOT and without a URL, and only the permission-checked download view
hands them out."""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import clear_url_caches, reverse

from registration.badges.models import BadgeBatch
from registration.badges.printing import badge_batch_build
from tests.factories import RegistrationFactory, UserFactory, make_event
from tests.helpers import make_checkin_staff, make_event_organiser

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def built_batch(db, temporary_media):
    event = make_event()
    RegistrationFactory(event=event, user=None)
    return badge_batch_build(batch=BadgeBatch.objects.create(event=event, layout=BadgeBatch.Layout.A6))


@pytest.fixture
def debug_urls(settings):
    """The site's own urls.py as it is with DEBUG on: MEDIA_URL served from
    MEDIA_ROOT by Django's static() route."""
    settings.DEBUG = True
    spec = importlib.util.spec_from_file_location("debug_site_urls", BASE_DIR / "forum_site" / "urls.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["debug_site_urls"] = module
    settings.ROOT_URLCONF = "debug_site_urls"
    clear_url_caches()
    yield
    del sys.modules["debug_site_urls"]
    clear_url_caches()


def download_url(batch: BadgeBatch) -> str:
    return reverse("badges_batch_download", kwargs={"batch_id": batch.pk})


def test_batch_file_is_in_private_storage_outside_media_root(built_batch, temporary_media):
    path = Path(built_batch.file.path)

    assert path.is_relative_to(Path(temporary_media.PRIVATE_MEDIA_ROOT))
    assert not path.is_relative_to(Path(temporary_media.MEDIA_ROOT))
    assert path.read_bytes()[:5] == b"%PDF-"
    assert list(Path(temporary_media.MEDIA_ROOT).glob("**/*.pdf")) == []


def test_batch_file_name_is_unguessable(built_batch):
    assert re.fullmatch(r"badges/[A-Za-z0-9_-]{22}\.pdf", built_batch.file.name)
    assert built_batch.event.slug not in built_batch.file.name


def test_batch_file_has_no_url(built_batch):
    with pytest.raises(ValueError, match="This file is not accessible via a URL."):
        built_batch.file.url  # noqa: B018 - the property is what is tested


def test_media_url_of_batch_file_is_404_with_debug_urls(built_batch, temporary_media, debug_urls, client):
    public = Path(temporary_media.MEDIA_ROOT) / "badges" / "public-control.pdf"
    public.parent.mkdir(parents=True)
    public.write_bytes(b"%PDF-control")
    old_style_name = f"badges-{built_batch.event.slug}-{built_batch.pk}.pdf"

    # The static() route does serve MEDIA_ROOT, so the 404s below are meaningful.
    assert client.get("/media/badges/public-control.pdf").status_code == 200
    assert client.get(f"/media/{built_batch.file.name}").status_code == 404
    assert client.get(f"/media/badges/{old_style_name}").status_code == 404


def test_private_media_root_inside_media_root_is_refused(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"PYTEST_VERSION", "PYTEST_CURRENT_TEST"}}
    env.update(DEBUG="1", MEDIA_ROOT=str(tmp_path), PRIVATE_MEDIA_ROOT=str(tmp_path / "private"))

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 1
    assert "PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT, which a web server may serve." in result.stderr


def test_batch_download_gives_the_pdf_to_the_events_organiser(built_batch, client):
    client.force_login(make_event_organiser(built_batch.event))

    response = client.get(download_url(built_batch))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store, max-age=0, no-cache, must-revalidate"
    assert response["Content-Disposition"] == (
        f'attachment; filename="badges-{built_batch.event.slug}-{built_batch.pk}.pdf"'
    )
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"


def test_batch_download_is_404_for_another_events_organiser(built_batch, client):
    client.force_login(make_event_organiser(make_event()))

    assert client.get(download_url(built_batch)).status_code == 404


def test_batch_download_sends_anonymous_to_sign_in(built_batch, client):
    url = download_url(built_batch)

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


@pytest.mark.parametrize("who", ["participant", "checkin_staff"])
def test_batch_download_refuses_users_without_admin_access(built_batch, client, who):
    user = UserFactory() if who == "participant" else make_checkin_staff(built_batch.event)
    RegistrationFactory(event=built_batch.event, user=user)
    client.force_login(user)
    url = download_url(built_batch)

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


def test_batch_download_is_404_when_the_file_is_gone(built_batch, client):
    built_batch.file.delete(save=False)
    client.force_login(make_event_organiser(built_batch.event))

    assert client.get(download_url(built_batch)).status_code == 404


def test_rebuilt_batch_deletes_the_previous_file(built_batch, django_capture_on_commit_callbacks):
    first_name, first_path = built_batch.file.name, Path(built_batch.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        rebuilt = badge_batch_build(batch=built_batch)

    assert rebuilt.file.name != first_name
    assert (first_path.exists(), Path(rebuilt.file.path).exists()) == (False, True)


@pytest.mark.django_db(transaction=True)
def test_migration_moves_public_batch_files_into_private_storage(temporary_media, page_root):
    event = make_event()
    public = storages["default"]
    public_name = public.save("badges/event-1-1.pdf", ContentFile(b"%PDF-old batch"))
    before = [("registration", "0005_checkin_per_event")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        OldBadgeBatch = executor.loader.project_state(before).apps.get_model("registration", "BadgeBatch")
        OldBadgeBatch.objects.create(event_id=event.pk, state="done", file=public_name)
        OldBadgeBatch.objects.create(event_id=event.pk, state="done", file="badges/lost.pdf")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    moved, lost = BadgeBatch.objects.order_by("pk")
    assert re.fullmatch(r"badges/[A-Za-z0-9_-]{22}\.pdf", moved.file.name)
    assert moved.file.read() == b"%PDF-old batch"
    assert Path(moved.file.path).is_relative_to(Path(temporary_media.PRIVATE_MEDIA_ROOT))
    assert public.exists(public_name) is False
    assert lost.file.name == "badges/lost.pdf"
