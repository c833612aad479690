"""The Content-Security-Policy header (forum_site/csp.py): the site's strict
policy on public pages and the JSON API, the admin's own under /admin/, and
a page preview framed by the admin. (tests/browser/test_csp.py shows that
the pages still work under it.)"""

import pytest

from registration.badges import tokens as badge_tokens
from tests.factories import RegistrationFactory, home_page, make_event
from tests.helpers import make_checkin_staff, make_event_organiser

pytestmark = pytest.mark.django_db

SITE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
ADMIN_POLICY = {
    **{name: sources for name, sources in SITE_POLICY.items() if name != "style-src-attr"},
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}


def policy(response) -> dict[str, list[str]]:
    """The header as directive -> sources (the header's order is not fixed)."""
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives}


@pytest.fixture
def public_forum():
    home_page()
    return make_event(title="Global Forum 2026", slug="forum-2026")


@pytest.mark.parametrize(
    "path", ["/en/", "/en/events/forum-2026/", "/en/events/forum-2026/agenda/", "/accounts/login/"]
)
def test_public_pages_have_the_site_policy(client, public_forum, path):
    response = client.get(path)

    assert (response.status_code, policy(response)) == (200, SITE_POLICY)


def test_not_found_page_has_the_site_policy(client, public_forum):
    response = client.get("/en/no-such-page/")

    assert (response.status_code, policy(response)) == (404, SITE_POLICY)


def test_scanner_page_has_the_site_policy(client, public_forum):
    client.force_login(make_checkin_staff(public_forum))

    response = client.get(f"/checkin/{public_forum.pk}/")

    assert (response.status_code, policy(response)) == (200, SITE_POLICY)


def test_json_api_has_the_site_policy(client, public_forum):
    registration = RegistrationFactory(event=public_forum, user=None)
    client.force_login(make_checkin_staff(public_forum))

    response = client.post(
        "/api/checkin/scan/", {"code": badge_tokens.badge_token(registration)}, content_type="application/json"
    )

    assert (response.status_code, response.json()["result"], policy(response)) == (200, "ok", SITE_POLICY)


def test_json_api_refusal_has_the_site_policy(client, public_forum):
    response = client.post("/api/checkin/scan/", {"code": "x"}, content_type="application/json")

    assert (response.status_code in {401, 403}, policy(response)) == (True, SITE_POLICY)


@pytest.mark.parametrize("path", ["/admin/", "/admin/agenda/sessions/", "/admin/badges/"])
def test_admin_has_the_admin_policy(client, public_forum, path):
    client.force_login(make_event_organiser(public_forum))

    response = client.get(path)

    assert (response.status_code, policy(response)) == (200, ADMIN_POLICY)


def test_admin_sign_in_redirect_has_the_admin_policy(client):
    response = client.get("/admin/")

    assert (response.status_code, policy(response)) == (302, ADMIN_POLICY)


def test_page_preview_keeps_the_site_policy_framed_by_the_admin(public_forum):
    response = public_forum.make_preview_request()

    assert (response.status_code, policy(response)) == (200, {**SITE_POLICY, "frame-ancestors": ["'self'"]})


def test_response_that_used_the_nonce_carries_it_in_its_policy(rf):
    from django.http import HttpResponse

    from forum_site.csp import ContentSecurityPolicyMiddleware

    def view(request):
        if request.path == "/plain/":
            return HttpResponse("<p>No script</p>")
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    middleware = ContentSecurityPolicyMiddleware(view)
    used, plain = middleware(rf.get("/")), middleware(rf.get("/plain/"))

    nonce = used.content.decode().split('"')[1]
    assert policy(used)["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy(plain) == SITE_POLICY
