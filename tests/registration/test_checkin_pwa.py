"""The scanner as an installable web app: its manifest, its service worker
(the app shell it caches, a cache name that follows the shell's files) and
the page of a registered device, which holds no event and no person."""

import io
import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

from registration.checkin.views.scanner import SCANNER_SCRIPTS
from tests.factories import RegistrationFactory
from tests.helpers import make_checkin_staff, signed_in

pytestmark = pytest.mark.django_db

SHELL = re.compile(r"^const SHELL = (.*);$", re.MULTILINE)
PAGES = re.compile(r"^const PAGES = (.*);$", re.MULTILINE)
CACHE = re.compile(r'^const CACHE = "(checkin-[0-9a-f]{16})";$', re.MULTILINE)


def worker(client):
    response = client.get("/checkin/sw.js")
    body = response.content.decode()
    return response, body


def test_manifest_describes_the_scanner_app(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/checkin/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert {key: manifest[key] for key in ("name", "short_name", "start_url", "scope", "display")} == {
        "name": "Check-in scanner",
        "short_name": "Check-in",
        "start_url": "/checkin/",
        "scope": "/checkin/",
        "display": "standalone",
    }
    assert manifest["theme_color"] == "#1f5f8b"
    assert [(icon["src"], icon["sizes"], icon["type"]) for icon in manifest["icons"]] == [
        ("/static/checkin/icons/icon-192.png", "192x192", "image/png"),
        ("/static/checkin/icons/icon-512.png", "512x512", "image/png"),
        ("/static/checkin/icons/icon.svg", "any", "image/svg+xml"),
    ]


def test_a_device_installs_the_app_on_its_own_scanner(client):
    page = client.get("/checkin/device/").content.decode()

    manifest = client.get("/checkin/manifest.webmanifest?start=device").json()

    assert 'rel="manifest" href="/checkin/manifest.webmanifest?start=device"' in page
    assert (manifest["start_url"], manifest["scope"]) == ("/checkin/device/", "/checkin/")


@pytest.mark.parametrize("size", [192, 512])
def test_manifest_png_icons_have_their_size(size):
    with open(finders.find(f"checkin/icons/icon-{size}.png"), "rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).size == (size, size)


def test_service_worker_caches_the_app_shell_and_no_api(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response, body = worker(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert "Service-Worker-Allowed" not in response  # /checkin/sw.js serves /checkin/ by itself
    shell = json.loads(SHELL.search(body)[1])
    scripts = [f"/static/{script}" for script in SCANNER_SCRIPTS]
    assert shell[:2] == ["/static/css/site.css", "/static/checkin/checkin.css"]
    assert shell[2 : 2 + len(scripts)] == scripts
    assert "/static/checkin/setup.js" in shell
    assert {"/static/checkin/icons/icon-192.png", "/static/checkin/icons/icon.svg"} <= set(shell)
    assert not [url for url in shell if "/api/" in url]
    assert json.loads(PAGES.search(body)[1]) == ["/checkin/device/", "/checkin/manifest.webmanifest"]
    assert 'const SCOPE = "/checkin/";' in body


def test_service_worker_cache_name_follows_the_shell_files(client, settings, tmp_path):
    first = CACHE.search(worker(client)[1])[1]
    assert CACHE.search(worker(client)[1])[1] == first  # the same files, the same cache

    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]
    changed = CACHE.search(worker(client)[1])[1]
    (tmp_path / "css" / "site.css").write_text("body { color: navy; }")
    changed_again = CACHE.search(worker(client)[1])[1]

    assert len({first, changed, changed_again}) == 3


def test_scanner_pages_link_the_manifest_and_load_the_scripts_in_order(event):
    client = signed_in(make_checkin_staff(event))

    for url in (reverse("checkin:start"), reverse("checkin:scanner", kwargs={"event_id": event.pk})):
        content = client.get(url).content.decode()
        assert content.count('<link rel="manifest" href="/checkin/manifest.webmanifest">') == 1

    content = client.get(reverse("checkin:scanner", kwargs={"event_id": event.pk})).content.decode()
    assert re.findall(r'<script src="(/static/checkin/[a-z]+\.js)" defer></script>', content) == [
        f"/static/{script}" for script in SCANNER_SCRIPTS
    ]
    assert 'data-sw-url="/checkin/sw.js"' in content
    assert 'data-roster-url="/api/checkin/roster/"' in content
    assert 'data-sync-url="/api/checkin/sync/"' in content
    assert "csrf" not in content.split('id="checkin"')[1].split(">")[0]  # the script reads the cookie


def test_device_page_needs_no_sign_in_and_holds_no_event_or_person(client, event, django_assert_max_num_queries):
    RegistrationFactory(event=event, user=None, first_name="Amina", last_name="Diallo")

    with django_assert_max_num_queries(8):
        response = client.get(reverse("checkin:device_app"), {"gate": "Door 2"})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-mode="device"' in content
    assert 'data-event=""' in content
    assert "Gate Door 2" in content
    assert "This device is not set up" in content
    assert event.title not in content
    assert "Diallo" not in content
    assert reverse("checkin:device_app") == "/checkin/device/"
