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

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_path(path: str) -> bool:
    return path.startswith(_admin_prefix())


class ContentSecurityPolicyMiddleware(CSPMiddleware):
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
