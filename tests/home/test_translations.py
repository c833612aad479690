"""The site's own strings in French and Spanish.

The catalogues live in ``locale/`` and their compiled ``.mo`` files are
committed, because CI does not run ``compilemessages``: a ``.po`` edited
without recompiling, or a catalogue regenerated without translating the new
entries, shows up here."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);", "es": "nplurals=2; plural=(n != 1);"}


def choose_language(client, code: str, next_url: str = "/") -> None:
    response = client.post("/i18n/setlang/", {"language": code, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == code


@pytest.mark.parametrize(
    ("code", "skip_link", "account_nav", "sign_in", "sign_up", "change"),
    [
        ("fr", "Aller au contenu principal", "Compte", "Se connecter", "Créer un compte", "Changer"),
        ("es", "Ir al contenido principal", "Cuenta", "Iniciar sesión", "Crear una cuenta", "Cambiar"),
    ],
)
def test_home_page_in_the_chosen_language(client, demo, code, skip_link, account_nav, sign_in, sign_up, change):
    choose_language(client, code)
    response = client.get("/", follow=True)
    assert response.redirect_chain == [(f"/{code}/", 302)]
    html = response.content.decode()
    assert f'<html lang="{code}" dir="ltr">' in html
    assert f'<a class="skip-link" href="#main">{skip_link}</a>' in html
    assert f'<nav class="account-nav" aria-label="{account_nav}">' in html
    assert f'<a href="/accounts/login/?next=/{code}/">{sign_in}</a>' in html
    assert f'<a href="/accounts/signup/?next=/{code}/">{sign_up}</a>' in html
    assert f'<button type="submit" class="button button--small">{change}</button>' in html
    assert "Skip to main content" not in html


def test_home_page_stays_english_without_a_choice(client, demo):
    html = client.get("/", follow=True).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert '<a href="/accounts/signup/?next=/en/">Sign up</a>' in html


def test_sign_in_page_shows_the_site_nav_in_french(client, demo):
    choose_language(client, "fr", "/accounts/login/")
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert '<a href="/accounts/signup/?next=/accounts/login/">Créer un compte</a>' in html
    assert '<a class="skip-link" href="#main">Aller au contenu principal</a>' in html


def test_sign_in_page_shows_the_site_nav_in_spanish(client, demo):
    choose_language(client, "es", "/accounts/login/")
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="es" dir="ltr">' in html
    assert '<a href="/accounts/signup/?next=/accounts/login/">Crear una cuenta</a>' in html


@pytest.mark.parametrize(
    ("code", "msgid", "expected"),
    [
        ("fr", "Skip to main content", "Aller au contenu principal"),
        ("fr", "Sign up", "Créer un compte"),
        ("fr", "Closed session: no details are published.", "Séance privée : aucun détail n’est publié."),
        ("fr", "Group III: Latin America and the Caribbean", "Groupe III : Amérique latine et Caraïbes"),
        ("es", "Skip to main content", "Ir al contenido principal"),
        ("es", "Sign up", "Crear una cuenta"),
        ("es", "Closed session: no details are published.", "Sesión privada: no se publican detalles."),
        ("es", "Group III: Latin America and the Caribbean", "Grupo III: América Latina y el Caribe"),
    ],
)
def test_strings_are_translated(code, msgid, expected):
    with translation.override(code):
        assert translation.gettext(msgid) == expected


def test_placeholders_survive_translation():
    with translation.override("fr"):
        text = translation.gettext("Cancelled: %(reason)s") % {"reason": "météo"}
        assert text == "Annulée : météo"
    with translation.override("es"):
        text = translation.gettext("Invitation to speak at %(event)s") % {"event": "Foro"}
        assert text == "Invitación a intervenir en Foro"


@pytest.mark.parametrize(
    ("code", "count", "expected"),
    [
        # French uses the singular for 0 and 1; Spanish only for 1.
        ("fr", 0, "0 séance"),
        ("fr", 1, "1 séance"),
        ("fr", 2, "2 séances"),
        ("es", 0, "0 sesiones"),
        ("es", 1, "1 sesión"),
        ("es", 2, "2 sesiones"),
    ],
)
def test_plural_forms(code, count, expected):
    with translation.override(code):
        text = translation.ngettext("%(counter)s session", "%(counter)s sessions", count) % {"counter": count}
    assert text == expected


def po_entries(text: str) -> list[str]:
    """The msgids of a .po file, header excluded (enough for these checks)."""
    entries = []
    for block in re.split(r"\n\s*\n", text):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.MULTILINE)
        if match is None:
            continue
        msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
        if msgid:
            entries.append(msgid)
    return entries


@pytest.mark.parametrize("code", ["fr", "es"])
def test_catalogue_is_complete_and_compiled(code):
    po_text = (LOCALE_DIR / code / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert f'"Language: {code}\\n"' in po_text
    assert f'"Plural-Forms: {PLURAL_FORMS[code]}\\n"' in po_text
    assert re.findall(r"^#,.*\bfuzzy\b.*$", po_text, re.MULTILINE) == []
    # An empty msgstr is one whose line is not continued by a string line.
    empty = re.findall(r'^(msgstr(?:\[\d\])? ""\n(?!")).*', po_text, re.MULTILINE)
    assert empty == []

    with open(LOCALE_DIR / code / "LC_MESSAGES" / "django.mo", "rb") as mo_file:
        mo = gettext.GNUTranslations(mo_file)
    assert mo.info()["plural-forms"] == PLURAL_FORMS[code]
    compiled = {key[0] if isinstance(key, tuple) else key for key in mo._catalog} - {""}
    # Undo the .po escapes that these msgids use.
    in_po = {msgid.replace('\\"', '"').replace("\\n", "\n") for msgid in po_entries(po_text)}
    assert in_po - compiled == set(), "the .mo is older than the .po: run compilemessages"
    assert len(in_po) > 300
