"""The site's languages: from settings (more by environment), a signed-in
person's choice kept and used, and a right-to-left language laid out right
to left."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.models import OutgoingEmail
from tests.factories import SessionFactory, UserFactory, local, make_event
from tests.helpers import translate_page

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
ARABIC = [("en", "English"), ("fr", "French"), ("es", "Spanish"), ("ar", "Arabic")]


def settings_languages(value: str) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print([(c, str(n)) for c, n in settings.LANGUAGES], settings.LANGUAGE_CODE)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "forum_site.settings", "LANGUAGES": value, "DEBUG": "1"}
    return subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True)


def test_languages_env_adds_a_language_with_its_name():
    result = settings_languages("en,fr,es,ar")
    assert result.stdout.strip() == ("[('en', 'English'), ('fr', 'French'), ('es', 'Spanish'), ('ar', 'Arabic')] en")


def test_languages_env_refuses_a_language_django_does_not_know():
    result = settings_languages("en,klingon")
    assert result.returncode != 0
    assert "LANGUAGES names languages Django does not know: klingon" in result.stderr


# --- a signed-in person's language ---------------------------------------------------


def test_switching_while_signed_in_saves_the_language(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "es", "next": "/my/registrations/"})
    assert (response.status_code, response["Location"]) == (302, "/my/registrations/")
    assert UserProfile.get_for_user(user).preferred_language == "es"


def test_switching_anonymously_saves_only_the_cookie(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.cookies["django_language"].value == "fr"
    assert not UserProfile.objects.exists()


def test_signing_in_brings_back_the_saved_language(password):
    translate_page(make_event(title="Global Forum 2026", slug="forum-2026"), "fr")
    make_event(title="Dialogue", slug="dialogue")
    user = UserFactory()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    client = Client()

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": password, "next": "/en/events/forum-2026/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/fr/events/forum-2026/"
    assert response.cookies["django_language"].value == "fr"
    client.logout()
    untranslated = client.post(
        reverse("account_login"), {"login": user.email, "password": password, "next": "/en/events/dialogue/"}
    )
    # No French page: the English one under /fr/, with the interface in French.
    assert untranslated["Location"] == "/fr/events/dialogue/"


def test_account_mail_is_in_the_saved_language(client):
    user = UserFactory()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()

    client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_ACCEPT_LANGUAGE="en")

    email = OutgoingEmail.objects.get()
    assert (email.to, email.kind, email.language) == (user.email, "account", "fr")
    assert "mot de passe" in email.text_body


# --- right to left -------------------------------------------------------------------


@pytest.fixture
def arabic(settings):
    settings.LANGUAGES = ARABIC
    settings.WAGTAIL_CONTENT_LANGUAGES = ARABIC
    Locale.objects.get_or_create(language_code="ar")


def test_an_arabic_page_is_right_to_left(client, arabic):
    event = make_event(title="Global Forum 2026", slug="forum-2026")
    SessionFactory(event=event, starts_at=local(event, 0, 9), ends_at=local(event, 0, 10))

    html = client.get("/ar/events/forum-2026/agenda/?day=all").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert client.get("/en/events/forum-2026/").content.decode().count('dir="ltr"') == 1


def test_arabic_is_a_404_while_the_site_does_not_offer_it(client, db):
    make_event(title="Global Forum 2026", slug="forum-2026")
    assert client.get("/ar/events/forum-2026/").status_code == 404


PHYSICAL = re.compile(
    r"(?:margin|padding|border)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)"
)


def stylesheets() -> list[Path]:
    return sorted(
        p
        for p in BASE_DIR.glob("*/**/static/**/*.css")
        if not {".venv", "vendor", "staticfiles", "node_modules"} & set(p.parts)
    )


def test_stylesheets_use_logical_properties():
    sheets = stylesheets()
    assert BASE_DIR / "forum_site/static/css/site.css" in sheets
    assert BASE_DIR / "sessions/static/sessions/agenda.css" in sheets
    assert {str(p.relative_to(BASE_DIR)): PHYSICAL.findall(p.read_text()) for p in sheets} == {
        str(p.relative_to(BASE_DIR)): [] for p in sheets
    }
    assert (
        "border-inline-start: 6px solid var(--track-colour"
        in (BASE_DIR / "sessions/static/sessions/agenda.css").read_text()
    )
