"""Translating pages in the admin with wagtail-localize: each event's team
translates its own event's pages and edits the translations; another team's
pages are a 404 and absent from the translations report."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale

from sessions.models import EventPage
from tests.factories import UserFactory, make_event
from tests.helpers import make_event_organiser, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum_a(db):
    return make_event(title="Global Forum 2026", slug="forum-2026")


@pytest.fixture
def dialogue_b(db):
    return make_event(title="Dialogue on neurotechnology", slug="neuro-dialogue")


@pytest.fixture
def team_a(client, forum_a):
    client.force_login(make_event_organiser(forum_a))
    return client


def submit_url(page) -> str:
    return f"/admin/localize/submit/page/{page.pk}/"


def test_an_organiser_translates_their_event_and_edits_the_translation(
    team_a, forum_a, django_capture_on_commit_callbacks
):
    french = Locale.objects.get(language_code="fr")
    assert team_a.get(submit_url(forum_a)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = team_a.post(submit_url(forum_a), {"locales": [french.pk]})

    translation = EventPage.objects.get(translation_key=forum_a.translation_key, locale=french)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{translation.pk}/edit/"
    assert translation.original == forum_a
    editor = team_a.get(f"/admin/pages/{translation.pk}/edit/")
    assert editor.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor.templates]


def test_an_organiser_cannot_translate_another_teams_event(team_a, dialogue_b):
    assert team_a.get(submit_url(dialogue_b)).status_code == 404
    french = Locale.objects.get(language_code="fr")
    assert team_a.post(submit_url(dialogue_b), {"locales": [french.pk]}).status_code == 404
    assert not EventPage.objects.filter(translation_key=dialogue_b.translation_key, locale=french).exists()


def test_another_teams_translation_is_out_of_reach(team_a, dialogue_b):
    french_b = translate_page(dialogue_b, "fr", {"Dialogue on neurotechnology": "Dialogue sur la neurotechnologie"})
    from wagtail_localize.models import StringSegment, Translation, TranslationSource

    source = TranslationSource.objects.get(object_id=dialogue_b.translation_key)

    assert team_a.get(f"/admin/pages/{french_b.pk}/edit/").status_code in {302, 403, 404}
    assert team_a.get(f"/admin/localize/update/{source.pk}/").status_code == 404
    translation = Translation.objects.get(source=source)
    segment = StringSegment.objects.filter(source=source).first()
    for path in [
        f"strings/{segment.pk}/edit/",
        "pofile/download/",
        "pofile/upload/",
        "machine_translate/",
        "preview/",
        "disable/",
    ]:
        url = f"/admin/localize/translate/{translation.pk}/{path}"
        assert (team_a.get(url).status_code, team_a.post(url).status_code) == (404, 404), url
    assert team_a.post(f"/admin/localize/page/{french_b.pk}/convert_to_alias/").status_code == 404
    assert Translation.objects.get(pk=translation.pk).enabled


def test_the_team_reaches_its_own_translations_views(team_a, forum_a):
    translate_page(forum_a, "fr", {"Global Forum 2026": "Forum mondial 2026"})
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(source__object_id=forum_a.translation_key)

    download = team_a.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")

    assert download.status_code == 200
    assert "Forum mondial 2026" in download.content.decode()


def test_translations_report_lists_only_the_teams_pages(team_a, forum_a, dialogue_b):
    translate_page(forum_a, "fr", {"Global Forum 2026": "Forum mondial 2026"})
    translate_page(dialogue_b, "fr", {"Dialogue on neurotechnology": "Dialogue sur la neurotechnologie"})

    response = team_a.get("/admin/localize/reports/translations/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Global Forum 2026" in html
    assert "Dialogue on neurotechnology" not in html
    assert [t.source.object_repr for t in response.context["object_list"]] == ["Global Forum 2026"]


def test_a_translation_gets_the_permissions_of_its_source(forum_a):
    organiser = make_event_organiser(forum_a)
    french = translate_page(forum_a, "fr")
    assert french.permissions_for_user(organiser).can_edit()

    GroupPagePermission.objects.filter(page=forum_a).delete()

    assert not GroupPagePermission.objects.filter(page=french).exists()


def test_a_permission_granted_later_reaches_existing_translations(forum_a, dialogue_b):
    french = translate_page(dialogue_b, "fr")
    organiser = make_event_organiser(dialogue_b)
    assert EventPage.objects.get(pk=french.pk).permissions_for_user(organiser).can_edit()


def test_deleting_a_translation_leaves_the_team_its_other_pages(forum_a):
    organiser = make_event_organiser(forum_a)
    french, spanish = translate_page(forum_a, "fr"), translate_page(forum_a, "es")

    french.delete()

    assert EventPage.objects.get(pk=forum_a.pk).permissions_for_user(organiser).can_edit()
    assert EventPage.objects.get(pk=spanish.pk).permissions_for_user(organiser).can_edit()


def test_a_permission_on_a_translation_stays_in_its_language(forum_a):
    french = translate_page(forum_a, "fr")
    translators = Group.objects.create(name="French translators")
    edit = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")

    GroupPagePermission.objects.create(group=translators, page=french, permission=edit)

    assert list(GroupPagePermission.objects.filter(group=translators).values_list("page_id", flat=True)) == [french.pk]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/localize/api/snippets/registration/registration/",
        "/admin/localize/api/snippets/registration/invitationcode/",
        "/admin/localize/api/snippets/home/outgoingemail/1/",
        "/admin/localize/submit/snippet/registration/category/1/",
    ],
)
def test_wagtail_localizes_snippet_views_are_closed_to_organisers(team_a, path):
    # They list every row of any snippet (participants' names, invitation
    # codes) to anyone with admin access; no snippet here is translatable.
    assert team_a.get(path).status_code == 404


@pytest.mark.parametrize(
    "path", ["/admin/localize/reports/translations/", "/admin/localize/reports/translations/results/"]
)
def test_translations_report_is_for_the_admin_only(client, forum_a, path):
    translate_page(forum_a, "fr", {"Global Forum 2026": "Forum mondial 2026"})
    anonymous = client.get(path)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    client.force_login(UserFactory())
    participant = client.get(path)
    assert participant.status_code in {302, 403}
    assert "Global Forum 2026" not in participant.content.decode()
