"""Content-Security-Policy: django-csp's middleware, with the Wagtail admin's
own policy under its URL prefix.

The site's policy (``CONTENT_SECURITY_POLICY`` in settings) lets pages load
only what the site serves, and scripts only from files (or an inline block
carrying the request's nonce). The Wagtail admin renders inline scripts in
its form widgets and panels (date pickers, inline panels) and sets inline
styles, none of which can carry a nonce, so under its prefix the policy is
``CONTENT_SECURITY_POLICY_ADMIN``: still nothing from other origins, but
inline scripts and styles allowed, and framing by the site itself. A page
preview keeps the site's policy, framed by the admin. A view's own
``@csp``/``@csp_update`` decorator still wins."""

from functools import cache

from csp.constants import HEADER, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.urls import reverse


@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_path(path: str) -> bool:
    return path.startswith(_admin_prefix())


@cache
def _site_header() -> str:
    """The site's policy for a response that used no nonce: the same string
    every time (the scan API answers hundreds of requests a second)."""
    return build_policy()


def _plain_site_response(request, response) -> bool:
    """A response of the site's own policy, untouched by decorators and
    without a nonce: its header is the cached one."""
    return (
        getattr(request, "_csp_nonce", None) is None
        and not (settings.DEBUG and response.status_code in (404, 500))  # django-csp leaves debug pages alone
        and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        and not getattr(request, "is_preview", False)
        and not any(hasattr(response, name) for name in ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt"))
        and not is_admin_path(request.path_info)
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if HEADER not in response and _plain_site_response(request, response):
            response[HEADER] = _site_header()
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        if getattr(request, "is_preview", False):
            # Wagtail renders a preview through the middleware with a request
            # for the page's own URL, so it gets the site's policy; the admin
            # shows it in a frame of its own.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
