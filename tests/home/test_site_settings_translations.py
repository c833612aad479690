"""The site's name and footer text in each language: edited beside the
source in the site settings, shown in the page's language."""

import pytest
from wagtail.models import Site

from home.models import SiteSettings
from tests.factories import UserFactory, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    home_page()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def settings_url() -> str:
    return f"/admin/settings/home/sitesettings/{Site.objects.get(is_default_site=True).pk}/"


def form_data(**overrides) -> dict:
    return {
        "organisation_name": "Forum on the Ethics of AI",
        "footer_text": "An intergovernmental forum.",
        "contact_email": "",
        "logo": "",
        "footer_links-TOTAL_FORMS": "0",
        "footer_links-INITIAL_FORMS": "0",
        "footer_links-MIN_NUM_FORMS": "0",
        "footer_links-MAX_NUM_FORMS": "1000",
        **overrides,
    }


def test_organiser_of_the_site_translates_its_name_and_the_pages_show_it(admin_client):
    form = admin_client.get(settings_url())
    assert form.status_code == 200
    assert 'name="translation-fr-organisation_name"' in form.content.decode()

    response = admin_client.post(
        settings_url(),
        form_data(
            **{
                "translation-fr-organisation_name": "Forum sur l’éthique de l’IA",
                "translation-es-footer_text": "Un foro.",
            }
        ),
    )

    assert response.status_code == 302
    saved = SiteSettings.objects.get()
    assert saved.translated("organisation_name", "fr") == "Forum sur l’éthique de l’IA"
    french = admin_client.get("/fr/").content.decode()
    assert "<span>Forum sur l’éthique de l’IA</span>" in french
    assert '<p><span lang="en">An intergovernmental forum.</span></p>' in french  # no French: marked
    assert "<p>Un foro.</p>" in admin_client.get("/es/").content.decode()


def test_a_too_long_translation_is_refused_beside_its_field(admin_client):
    response = admin_client.post(settings_url(), form_data(**{"translation-fr-organisation_name": "x" * 201}))

    assert response.status_code == 200
    assert "translation-fr-organisation_name" in response.context["form"].errors
    assert SiteSettings.objects.get().translations == {}
