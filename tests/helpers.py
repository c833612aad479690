"""Helpers every test folder may use (import from here, never from a test
module)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pyzbar import pyzbar

from sessions.services import checkin_staff_add
from tests.factories import UserFactory


def make_checkin_staff(*events, **fields):
    """A user assigned to check people in at ``events`` (no admin access)."""
    staff = UserFactory(**fields)
    for event in events:
        checkin_staff_add(event=event, user=staff, by=None)
    return staff


def make_event_organiser(*events, **fields):
    """A member of the "Organisers" group (admin access and the organiser
    model permissions) whose team may edit the pages of ``events`` only."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from home.roles import ORGANISERS

    organiser = UserFactory(**fields)
    team = Group.objects.create(name=f"Team of {organiser.username}")
    change_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    for event in events:
        GroupPagePermission.objects.create(group=team, page=event, permission=change_page)
    organiser.groups.add(Group.objects.get(name=ORGANISERS), team)
    return organiser


# --- check-in --------------------------------------------------------------------------

SCAN_URL = "/api/checkin/scan/"


def restore_site_basics() -> None:
    """What migrations made and a transactional test's flush may have wiped:
    Wagtail's locale and root page (the roles come back after a flush by
    themselves, see home/roles.py)."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))


def make_scanner_token(user, *events, name="Gate tablet"):
    """A scanner token of ``user`` at ``events``, made by the service: (token, key)."""
    from registration.checkin.tokens import scanner_token_create

    return scanner_token_create(user=user, name=name, events=events)


def post_scan(client, payload, **extra):
    """POST ``payload`` (a dict, or raw text or bytes) to the scan API."""
    import json

    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(SCAN_URL, body, content_type="application/json", **extra)


# --- speakers -------------------------------------------------------------------------

ORGANISER_APPS = ["agenda", "speakers", "registration"]


def grant_event_rights(user, event):
    """Put the user in a group of organisers (admin access and the model
    permissions the Organisers group has) with edit rights on this event's
    page only. Built from permissions, not copied from the Organisers group,
    which transactional tests may have flushed."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group, created = Group.objects.get_or_create(name=f"Organisers of {event.slug}")
    if created:
        group.permissions.set(
            Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS)
            | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=event,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    user.groups.add(group)
    return user


def web_expect(target, *, timeout: int = 10_000):
    """Playwright's web-first assertion on a locator or page. It polls from
    Playwright's own script, where ``page.wait_for_function`` evaluates a
    string in the page, which the site's Content-Security-Policy forbids."""
    from playwright.sync_api import expect

    expect.set_options(timeout=timeout)
    return expect(target)


# --- badge PDFs: rasterised and decoded as a printer and a scanner would -------------


def _poppler_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install poppler-utils (.ci/run installs it)")
    return path


def rasterise(pdf: bytes, directory: Path, *, dpi: int = 150) -> list[Image.Image]:
    """Every page of the PDF as a greyscale image (poppler's pdftoppm)."""
    source = directory / "badges.pdf"
    source.write_bytes(pdf)
    subprocess.run([_poppler_tool("pdftoppm"), "-r", str(dpi), "-gray", "-png", source, directory / "page"], check=True)
    return [Image.open(path) for path in sorted(directory.glob("page-*.png"))]


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        [_poppler_tool("pdftotext"), "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def pdf_page_sizes(pdf: bytes) -> list[str]:
    info = subprocess.run(
        [_poppler_tool("pdfinfo"), "-f", "1", "-l", "9999", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [
        line.split(":", 1)[1].split("(")[0].strip()
        for line in info.splitlines()
        if line.startswith("Page") and " size:" in line
    ]


def decoded_codes(image: Image.Image) -> list[str]:
    return sorted(symbol.data.decode() for symbol in pyzbar.decode(image) if symbol.type == "QRCODE")


# --- the sessions admin's form, as a browser posts it -------------------------------

SESSIONS = "/admin/agenda/sessions/"


def rich_text(text: str) -> str:
    """Draftail's JSON for one paragraph."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )


def form_data(forum, room=None, track=None, speakers=(), **overrides) -> dict:
    data = {
        "event": forum.pk,
        "title": "Readiness assessment: lessons",
        "session_type": "panel",
        "track": track.pk if track else "",
        "room": room.pk if room else "",
        "starts_at": "2026-06-25 14:00",
        "ends_at": "2026-06-25 15:30",
        "description": rich_text("Lessons from fifty countries."),
        "languages": "en,fr",
        "capacity": "",
        "visibility": "public",
        "cancellation_reason": "",
        "stream_url": "",
        "recording_url": "",
        "session_speakers-TOTAL_FORMS": str(len(speakers)),
        "session_speakers-INITIAL_FORMS": "0",
        "session_speakers-MIN_NUM_FORMS": "0",
        "session_speakers-MAX_NUM_FORMS": "1000",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    for i, (speaker, role) in enumerate(speakers):
        data.update(
            {
                f"session_speakers-{i}-speaker": speaker.pk,
                f"session_speakers-{i}-role": role,
                f"session_speakers-{i}-ORDER": str(i + 1),
                f"session_speakers-{i}-id": "",
            }
        )
    data.update(overrides)
    return data
