"""Helpers every test folder may use (import from here, never from a test
module)."""

import io
import json
import os
import re
import shutil
import struct
import subprocess
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from PIL import Image
from pyzbar import pyzbar

from registration.services import registration_register
from sessions.services import checkin_staff_add
from tests.factories import NominationFactory, RegistrationFactory, UserFactory

T = TypeVar("T")


# --- services the markers need ---------------------------------------------------------

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


class in_language:
    """A test client reading the site in one language, as a visitor who chose
    it with the switcher: page URLs under that language's prefix (``/en/x/``
    is asked as ``/fr/x/``), the others (``/agenda/mine/``) with the
    language cookie the switcher sets."""

    def __init__(self, client, language: str):
        from home.languages import split_language

        self._split = split_language
        self.client, self.language = client, language
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    def url(self, path: str) -> str:
        own, rest = self._split(path)
        return path if own is None else f"/{self.language}{rest}"

    def get(self, path: str, *args, **kwargs):
        return self.client.get(self.url(path), *args, **kwargs)

    def post(self, path: str, *args, **kwargs):
        return self.client.post(self.url(path), *args, **kwargs)


def missing_service(reason: str) -> None:
    """Skip on a developer machine; fail under CI, where every service exists."""
    if IN_CI:
        pytest.fail(f"CI must provide this service: {reason}")
    pytest.skip(reason)


def uses_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def database_url_for_worker() -> str:
    """The test database as a URL, for a worker process that shares it."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.postgresql":
        user = db.get("USER") or "postgres"
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


def launch_chromium(playwright, *extra_args: str):
    """Debian's chromium, headless (Playwright's own browser download cannot
    work here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *extra_args])


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Poll ``condition`` (work done by another process) until it holds or
    ``timeout`` seconds pass; whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


# --- people ---------------------------------------------------------------------------


def signed_in(user) -> Client:
    """A client of its own, signed in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


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


def make_lead_staff(*events, **fields):
    """A user assigned as lead check-in staff at ``events`` (they register
    and revoke the events' scanning devices)."""
    lead = UserFactory(**fields)
    for event in events:
        checkin_staff_add(event=event, user=lead, by=None, is_lead=True)
    return lead


def make_device(event, by, *, name="Gate B phone 2"):
    """A device registered for ``event`` by ``by`` and set up, through the
    services: (token, key)."""
    from registration.checkin import devices

    _token, code = devices.device_register(event=event, name=name, by=by)
    return devices.device_set_up(code=code)


SVG_MODULE = re.compile(r"M(\d+),(\d+)H(\d+)V(\d+)H\d+z")


def svg_qr_text(svg: str, scale: int = 8) -> list[str]:
    """What a QR code drawn as an SVG path of squares (qrcode's
    SvgPathImage) reads, drawn pixel by pixel and decoded by zbar."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    image = Image.new("L", (size * scale, size * scale), 255)
    pixels = image.load()
    for x0, y0, x1, y1 in (map(int, found) for found in SVG_MODULE.findall(svg)):
        for x in range(x0 * scale, x1 * scale):
            for y in range(y0 * scale, y1 * scale):
                pixels[x, y] = 0
    return decoded_codes(image)


def post_scan(client, payload, **extra):
    """POST ``payload`` (a dict, or raw text or bytes) to the scan API."""
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(SCAN_URL, body, content_type="application/json", **extra)


# --- registering through the real service -------------------------------------------


def details(**overrides) -> dict:
    values = {
        "first_name": "Amina",
        "last_name": "Diallo",
        "email": "amina@example.org",
        "organisation": "Ministry of Digital Affairs",
        "country": "SN",
        "attendance_mode": "in_person",
        "preferred_language": "en",
    }
    values.update(overrides)
    return values


def registration_form_data(category, **overrides) -> dict:
    """What a person posts to the public registration form (valid)."""
    data = {
        "category": category.pk,
        "first_name": "Amina",
        "last_name": "Diallo",
        "email": "amina@example.org",
        "organisation": "Ministry of Digital Affairs",
        "country": "SN",
        "attendance_mode": "in_person",
        "preferred_language": "fr",
        "privacy_accepted": "on",
    }
    data.update(overrides)
    return data


def register(event, category, *, user=None, **overrides):
    user = user or UserFactory()
    code = overrides.pop("invitation_code", "")
    overrides.setdefault("email", user.email)
    return registration_register(
        event=event,
        category=category,
        user=user,
        details=details(**overrides),
        privacy_accepted=True,
        invitation_code=code,
    )


# --- the official list of participants -----------------------------------------------


def make_listed_person(event, category, *, delegation=None, is_head=False, **fields):
    """A confirmed registration (no account) of someone who agreed to be
    listed; nominated by ``delegation``, as its head if ``is_head``, when given."""
    fields = {"user": None, "list_consent": True, **fields}
    registration = RegistrationFactory(event=event, category=category, **fields)
    if delegation is not None:
        NominationFactory(delegation=delegation, registration=registration, is_head=is_head)
    return registration


# --- speakers -------------------------------------------------------------------------

ORGANISER_APPS = ["agenda", "speakers", "registration", "delegations", "official_list"]


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


# --- speakers' invitations and profiles ----------------------------------------------

LINK = re.compile(r"https?://[^/\s]+(/speakers/invitation/[^/\s]+/)")


def link_path(message) -> str:
    """The invitation link's path in an email."""
    return LINK.search(message.body).group(1)


def png_upload(name="photo.png", size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 95, 139)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def profile(**overrides) -> dict:
    data = {
        "honorific": "Dr",
        "first_name": "Amara",
        "last_name": "Nwosu",
        "position": "Professor of Law",
        "organisation": "University of Lagos",
        "country": "NG",
        "bio": "Works on neurorights.\n\nChairs a national ethics committee.",
        "gender": "woman",
        "gender_consent": True,
        "travel_needs": "Visa letter",
        "accessibility_needs": "Step-free access",
    }
    data.update(overrides)
    return data


def png_declaring(width: int, height: int, name="huge.png") -> SimpleUploadedFile:
    """A tiny PNG whose header declares ``width`` × ``height`` pixels (the
    image data is absent: only the header is read before it is refused)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    content = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    return SimpleUploadedFile(name, content, content_type="image/png")


# --- delegations ----------------------------------------------------------------------

DELEGATION_LINK = re.compile(r"https?://[^/\s]+(/delegations/invitation/[^/\s]+/)")


def delegation_link_path(message) -> str:
    """The focal point's invitation link's path in an email."""
    return DELEGATION_LINK.search(message.body).group(1)


def nominee(**overrides) -> dict:
    """A delegate's details as a focal point gives them."""
    values = {
        "honorific": "H.E.",
        "first_name": "Jean",
        "last_name": "Dupont",
        "position": "Ambassador, Permanent Delegate",
        "email": "jean.dupont@diplomatie.example.org",
        "organisation": "Government of France",
        "country": "FR",
        "attendance_mode": "in_person",
        "preferred_language": "fr",
    }
    values.update(overrides)
    return values


def pdf_upload(name="note-verbale.pdf", *, size: int = 0, content: bytes | None = None) -> SimpleUploadedFile:
    """A file that starts like a PDF (``size`` bytes when given), or ``content`` as it is."""
    if content is None:
        content = b"%PDF-1.4\n% note verbale\n"
        content += b"0" * max(size - len(content), 0)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


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


def pdf_text(pdf: bytes, *, raw: bool = False) -> str:
    """The PDF's text (pages end with a form feed): laid out by poppler's
    reading-order guess, or ``raw``, in the order the PDF draws it (what a
    two-column page needs)."""
    return subprocess.run(
        [_poppler_tool("pdftotext"), *(["-raw"] if raw else []), "-", "-"], input=pdf, capture_output=True, check=True
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


# --- threads released at the same moment (PostgreSQL races) ----------------------------


def run_at_once(calls: list[Callable[[], T]]) -> list[T]:
    """Each call in its own thread (so on its own database connection), all
    released together by a barrier; their results in order. Any exception
    fails the test; every thread closes its connection."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], T]) -> None:
        try:
            barrier.wait(timeout=20)
            results[index] = call()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


# --- accounts through allauth's own views, and the claim link -----------------------

CONFIRM_EMAIL_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)")
CLAIM_LINK = re.compile(r"https?://[^/\s]+(/my/registrations/claim/[^/\s]+/)")
SIGNUP_PASSWORD = "a-long-Passphrase-9"


def claim_link_path(message) -> str:
    """The claim link's path in a registration email (its text part)."""
    return CLAIM_LINK.search(message.body).group(1)


def sign_up_and_confirm(client, email: str, *, next_url: str = "", password: str = SIGNUP_PASSWORD):
    """Sign up with ``email`` through allauth's signup view (the emails
    queued after commit are sent, to ``mail.outbox``), then open and post
    the confirmation link from the email. Returns the confirmation's response."""
    from django.core import mail
    from django.test import TestCase
    from django.urls import reverse
    from django.utils.http import urlencode

    url = reverse("account_signup") + (f"?{urlencode({'next': next_url})}" if next_url else "")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"email": email, "password1": password, "password2": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    confirmation = [message for message in mail.outbox if message.to == [email]][-1]
    link = CONFIRM_EMAIL_LINK.search(confirmation.body).group(1)
    assert client.get(link).status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(link)


# --- the offline scanner in a browser -------------------------------------------------

SCANNER_READY = "#checkin[data-roster='loaded'][data-shell='kept']"
SCANNER_STORES = ("config", "rosters", "queue", "checkins", "results")


def browser_sign_in(page, email: str, next_url: str) -> None:
    """Sign in through allauth's page and land on ``next_url``."""
    from tests.factories import PASSWORD

    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{next_url}")


def open_scanner_for_offline(page, url: str) -> None:
    """Open the scanner at ``url`` and wait until it can work offline: the
    service worker kept the page and the roster is in IndexedDB."""
    page.goto(url)
    page.locator(SCANNER_READY).wait_for(state="attached")


def scanner_store_counts(page) -> dict:
    """How many records each of the scanner's IndexedDB stores holds."""
    counts = page.evaluate(
        "(names) => Promise.all(names.map((name) => window.CheckinApp.store.count(name)))", list(SCANNER_STORES)
    )
    return dict(zip(SCANNER_STORES, counts, strict=True))


def type_badge(page, code: str) -> None:
    """What a handheld scanner does: the code typed into the field, then Enter."""
    page.locator("#code-input").fill(code)
    page.locator("#code-input").press("Enter")


# --- translations ------------------------------------------------------------------------


def publish_event_translation(event, language: str, **fields):
    """The event's page translated into ``language`` and published, as
    wagtail-localize makes it: a copy of the page (same translation_key) in
    that language's locale, with ``fields`` (title, venue_city...) changed."""
    from wagtail.models import Locale

    locale, _created = Locale.objects.get_or_create(language_code=language)
    page = event.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


# --- translated pages (wagtail-localize) -------------------------------------------------


def translate_page(page, language: str, strings: dict[str, str] | None = None, *, user=None, publish: bool = True):
    """The page translated with wagtail-localize's own API, as its editor
    does (``home.services.page_translation_publish``): each text segment
    from ``strings``, keyed by the source text, else the source text kept."""
    from home.services import page_translation_publish

    strings = strings or {}
    return page_translation_publish(
        page=page, language=language, text_for=lambda _path, text: strings.get(text), user=user, publish=publish
    )


# --- many registrations at once (dashboards, benchmarks) -----------------------------


def bulk_registrations(event, category, count: int, **fields):
    """``count`` confirmed registrations of ``event`` written in one go (no
    save(), no log, no email): for figures and their query counts."""
    from registration.models import Registration

    countries = ["SN", "FR", "BR", "JP", "KE", "DE", "MX", "IN", "EG", "PL"]
    genders = ["woman", "man", "", "woman", "non_binary"]
    return Registration.objects.bulk_create(
        [
            Registration(
                **{
                    "event": event,
                    "category": category,
                    "status": "confirmed",
                    "first_name": f"First{n}",
                    "last_name": f"Last{n:05d}",
                    "email": f"bulk{event.pk}-{n}@example.org",
                    "organisation": "Ministry",
                    "country": countries[n % len(countries)],
                    "gender": genders[n % len(genders)],
                    **fields,
                }
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
