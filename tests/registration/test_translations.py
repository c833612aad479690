"""The registration app's own catalogue (registration/locale) is compiled and
used: check-in, registration and badge strings come out in French and Spanish
with the site's terminology (badge / credencial, liste d’attente / lista de espera)."""

import pytest
from django.utils.translation import gettext, ngettext, override

CASES = [
    # (msgid, French, Spanish)
    ("Checked in.", "Arrivée enregistrée.", "Entrada registrada."),
    ("Check-in undone.", "Enregistrement d’arrivée annulé.", "Registro de entrada deshecho."),
    ("Invalid badge", "Badge non valable", "Credencial no válida"),
    ("Waiting list", "Liste d’attente", "Lista de espera"),
    ("Registration is closed.", "Les inscriptions sont closes.", "Las inscripciones están cerradas."),
    ("Download your badge", "Télécharger votre badge", "Descargar su credencial"),
]


@pytest.mark.parametrize(("msgid", "french", "spanish"), CASES)
def test_registration_strings_are_translated(msgid, french, spanish):
    with override("fr"):
        assert gettext(msgid) == french
    with override("es"):
        assert gettext(msgid) == spanish


def test_placeholders_survive_translation():
    with override("fr"):
        assert gettext("Already checked in at %(time)s (gate %(gate)s).") % {"time": "09:15", "gate": "B"} == (
            "Arrivée déjà enregistrée à 09:15 (entrée B)."
        )
    with override("es"):
        assert gettext("Already checked in at %(time)s (gate %(gate)s).") % {"time": "09:15", "gate": "B"} == (
            "Entrada ya registrada a las 09:15 (acceso B)."
        )


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        ("fr", "1 inscription mise à jour.", "3 inscriptions mises à jour."),
        ("es", "1 inscripción actualizada.", "3 inscripciones actualizadas."),
    ],
)
def test_plural_forms(language, one, many):
    singular, plural = "%(count)d registration updated.", "%(count)d registrations updated."
    with override(language):
        assert ngettext(singular, plural, 1) % {"count": 1} == one
        assert ngettext(singular, plural, 3) % {"count": 3} == many


@pytest.mark.django_db
def test_devices_page_is_translated(client):
    from tests.factories import make_event
    from tests.helpers import make_checkin_staff

    client.force_login(make_checkin_staff(make_event()))
    french = client.get("/checkin/devices/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    spanish = client.get("/checkin/devices/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Appareils et outils de lecture" in french and "Vous n’avez aucun jeton." in french
    assert "Dispositivos y herramientas de lectura" in spanish and "No tiene ningún token." in spanish


@pytest.mark.django_db
def test_labels_keep_their_colon_inside_the_translation(client):
    """French puts a space before a colon: the colon belongs to the text."""
    from tests.factories import RegistrationFactory, UserFactory

    user = UserFactory()
    registration = RegistrationFactory(user=user)
    client.force_login(user)

    page = client.get(f"/my/registrations/{registration.reference}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Statut :" in page
