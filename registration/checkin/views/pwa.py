"""What makes the scanner an installable web app that opens without the
network: its manifest and its service worker, both under ``/checkin/`` so
that the worker's scope is the scanner's pages.

The worker is a template filled in here with the URLs of the app shell (the
stylesheets, the scanner's scripts, jsQR when installed, the icons, the
device page), so that it caches the very files the pages load, hashed names
included. Its cache name is a digest of those files' contents: a new
deployment that changes any of them makes a new worker, which drops the old
cache."""

from __future__ import annotations

import hashlib
import json

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from registration.checkin.views.scanner import JSQR_PATH, SCANNER_SCRIPTS, jsqr_url

THEME_COLOUR = "#1f5f8b"
SHELL_FILES = ("css/site.css", "checkin/checkin.css", *SCANNER_SCRIPTS, "checkin/setup.js")
ICONS = (
    ("checkin/icons/icon-192.png", "192x192", "image/png"),
    ("checkin/icons/icon-512.png", "512x512", "image/png"),
    ("checkin/icons/icon.svg", "any", "image/svg+xml"),
)


@require_GET
def manifest(request):
    """The web app manifest: the scanner installs as an app of its own,
    opening on the choice of event, or, installed from a registered
    device's scanner (``?start=device``), on that scanner, which needs no
    one signed in."""
    start = reverse("checkin:device_app") if request.GET.get("start") == "device" else reverse("checkin:start")
    data = {
        "name": gettext("Check-in scanner"),
        "short_name": gettext("Check-in"),
        "description": gettext("Scan badges at the entrance and at session doors, with or without the network."),
        "start_url": start,
        "scope": reverse("checkin:start"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": staticfiles_storage.url(path), "sizes": sizes, "type": kind, "purpose": "any"}
            for path, sizes, kind in ICONS
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


def _static_file_bytes(path: str) -> bytes:
    """A static file's contents wherever it lives (an app's folder in
    development, the collected files in production); empty if missing."""
    found = finders.find(path)
    if not found and staticfiles_storage.exists(path):
        found = staticfiles_storage.path(path)
    if not found:
        return b""
    with open(found, "rb") as handle:
        return handle.read()


def shell_paths() -> list[str]:
    """The app shell's static files: the scanner's, jsQR if installed, the icons."""
    paths = [*SHELL_FILES, *(path for path, _sizes, _kind in ICONS)]
    if jsqr_url():
        paths.append(JSQR_PATH)
    return paths


@require_GET
def service_worker(request):
    """The scanner's service worker, at the top of the scope it serves."""
    paths = shell_paths()
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.encode() + b"\0" + _static_file_bytes(path))
    template = "checkin/sw.js"
    digest.update(
        render_to_string(template, {"cache_name": '""', "scope": '""', "shell": "[]", "pages": "[]"}).encode()
    )
    shell = [staticfiles_storage.url(path) for path in paths]
    pages = [reverse("checkin:device_app"), reverse("checkin:manifest")]
    body = render_to_string(
        template,
        {
            # JSON: each value is a valid JavaScript literal as it stands.
            "cache_name": json.dumps(f"checkin-{digest.hexdigest()[:16]}"),
            "scope": json.dumps(reverse("checkin:start")),
            "shell": json.dumps(shell),
            "pages": json.dumps(pages),
        },
    )
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
