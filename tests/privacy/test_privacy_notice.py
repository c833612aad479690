"""The privacy notice has versions: each publication keeps its text, the
registration form links the version read now, a registration stores the
version its person accepted, and that version stays readable after the
notice changes or its page is deleted."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from home.models import PrivacyNoticeVersion
from home.privacy_notice import current_version
from tests.factories import CategoryFactory, RegistrationSettingsFactory, UserFactory, make_content_page, make_event
from tests.helpers import register, registration_form_data

pytestmark = pytest.mark.django_db


def republish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


@pytest.fixture
def notice(home):
    page = make_content_page(parent=home, title="Privacy notice", slug="privacy", intro="We keep little.")
    return republish(page)


def versions(page, language="en"):
    rows = PrivacyNoticeVersion.objects.filter(translation_key=page.translation_key, language=language)
    return list(rows.order_by("number").values_list("number", "intro"))


def test_each_publication_that_changes_the_text_is_a_new_version(notice):
    republish(notice)  # the same text: no new version
    republish(notice, intro="We keep less.")

    assert versions(notice) == [(1, "We keep little."), (2, "We keep less.")]
    assert current_version("en").number == 2


def test_another_page_published_is_no_version(home, notice):
    republish(make_content_page(parent=home, title="About", slug="about"))

    assert PrivacyNoticeVersion.objects.count() == 1


def test_a_registration_stores_the_version_shown_in_the_persons_language(home, notice, settings):
    event = make_event()
    RegistrationSettingsFactory(event=event)
    category = CategoryFactory(event=event)
    french = notice.copy_for_translation(Locale.objects.get_or_create(language_code="fr")[0], copy_parents=True)
    french.title, french.intro = "Politique de confidentialité", "Nous gardons peu."
    republish(french)

    with translation.override("fr"):
        in_french = register(event, category)
    in_english = register(event, category)
    republish(notice, intro="We keep less.")

    in_french.refresh_from_db()
    in_english.refresh_from_db()
    assert (in_french.privacy_notice_version.language, in_french.privacy_notice_version.number) == ("fr", 1)
    assert (in_english.privacy_notice_version.language, in_english.privacy_notice_version.intro) == (
        "en",
        "We keep little.",
    )
    assert current_version("en").intro == "We keep less."


def test_the_form_links_the_current_version_and_the_registration_page_the_accepted_one(client, home, notice):
    event = make_event()
    RegistrationSettingsFactory(event=event)
    category = CategoryFactory(event=event)
    user = UserFactory()
    client.force_login(user)
    first = current_version("en")

    form = client.get(reverse("registration:register", kwargs={"event_id": event.pk}))
    assert reverse("privacy_notice_version", args=[first.pk]).encode() in form.content

    registration = register(event, category, user=user)
    republish(notice, intro="We keep less.")
    detail = client.get(reverse("registration:detail", args=[registration.reference]))

    accepted_url = reverse("privacy_notice_version", args=[first.pk])
    assert f'<dd data-privacy-notice><a href="{accepted_url}">'.encode() in detail.content
    old = client.get(accepted_url)
    assert old.status_code == 200
    assert b"We keep little." in old.content
    newer = reverse("privacy_notice_version", args=[current_version("en").pk])
    assert f'<a href="{newer}">This version has since been replaced'.encode() in old.content


def test_a_version_stays_readable_after_its_page_is_deleted(client, notice):
    event = make_event()
    RegistrationSettingsFactory(event=event)
    registration = register(event, CategoryFactory(event=event))
    version = registration.privacy_notice_version
    notice.delete()

    version.refresh_from_db()
    assert version.page_id is None
    response = client.get(reverse("privacy_notice_version", args=[version.pk]))
    assert response.status_code == 200
    assert b"We keep little." in response.content
    assert b"has since been replaced" not in response.content


def test_an_unknown_version_is_not_found(client, notice):
    response = client.get(reverse("privacy_notice_version", args=[current_version("en").pk + 100]))

    assert response.status_code == 404


def test_without_a_notice_nothing_is_stored_and_nothing_linked(home):
    event = make_event()
    RegistrationSettingsFactory(event=event)

    registration = register(event, CategoryFactory(event=event))

    assert registration.privacy_accepted_at is not None
    assert registration.privacy_notice_version is None


@pytest.mark.parametrize("posted", ["shown", "garbage"])
def test_the_version_stored_is_the_one_the_form_showed(client, home, notice, posted):
    event = make_event()
    RegistrationSettingsFactory(event=event)
    category = CategoryFactory(event=event)
    user = UserFactory(email="amina@example.org")
    client.force_login(user)
    url = reverse("registration:register", kwargs={"event_id": event.pk})
    page = client.get(url)
    shown = page.context["form"]["privacy_notice_version"].value()
    assert f'<input type="hidden" name="privacy_notice_version" value="{shown}"'.encode() in page.content
    republish(notice, intro="We keep less.")  # while the form is open

    value = shown if posted == "shown" else "not-a-number"
    response = client.post(url, registration_form_data(category, email=user.email, privacy_notice_version=value))

    assert response.status_code == 302
    stored = user.registrations.get().privacy_notice_version
    expected = "We keep little." if posted == "shown" else "We keep less."
    assert (stored.intro, stored.pk == shown) == (expected, posted == "shown")
