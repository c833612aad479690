import pytest
from django.core.management import call_command
from django.urls import reverse


def test_home_page_renders_demo_content(client, demo):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert "Global Forum on the Ethics of AI 2026" in html
    assert '<main id="main"' in html
    assert response.templates[0].name == "home/home_page.html"


def test_content_page_renders(client, demo):
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert response.templates[0].name == "home/content_page.html"
    assert "<h1>About the Forum</h1>" in response.content.decode()


def test_load_demo_is_idempotent(demo):
    from wagtail.models import Page

    count = Page.objects.count()
    call_command("load_demo")
    assert Page.objects.count() == count


def test_main_navigation_lists_menu_pages(client, demo):
    html = client.get("/en/").content.decode()
    assert '<a href="/en/events/">Events</a>' in html
    assert '<a href="/en/about/">About the Forum</a>' in html


def test_admin_login_page_renders(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200


@pytest.mark.parametrize("url_name", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_render_inside_site_layout(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<header class="site-header">' in html
    assert '<main id="main"' in html
    assert "base.html" in [t.name for t in response.templates]


def test_account_home_requires_sign_in(client, db):
    response = client.get(reverse("account_home"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/account/"


def test_account_home_renders_for_signed_in_user(user_client, user):
    response = user_client.get(reverse("account_home"))
    assert response.status_code == 200
    assert f"Signed in as {user.email}." in response.content.decode()


def test_language_switcher_changes_language(client, demo):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    html = client.get("/", follow=True).content.decode()
    assert '<html lang="fr" dir="ltr">' in html
