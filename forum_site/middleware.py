"""The site's language middleware: Django's, with the public pages under a
language prefix (/en/, /fr/...) and everything else where it always was."""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.middleware import locale
from django.urls import is_valid_path
from django.utils import translation

from home.languages import linking_in


def _unoffered_language_prefix(path: str) -> bool:
    """``/de/...`` when the site does not offer German: a language Django
    knows, that is not one of the site's."""
    first = path.lstrip("/").split("/", 1)[0].lower()
    if first not in LANG_INFO:
        return False
    offered = {code for code, _name in settings.LANGUAGES}
    return first not in offered and first.split("-")[0] not in offered


class LocaleMiddleware(locale.LocaleMiddleware):
    """Redirects an old unprefixed page URL (``/events/forum-2026/``) to the
    visitor's language, as Django's does, but only a URL no other view
    serves: a 404 of ``/my/registrations/XYZ/`` or ``/admin/pages/9/`` stays
    a 404. A URL in a language the site does not offer (``/de/``) is a 404,
    not a redirect to ``/en/de/``."""

    def __call__(self, request):
        # A public page (under a language prefix) links every page in its
        # language, translated or not: see home.languages.linking_in.
        with linking_in(translation.get_language_from_path(request.path_info)):
            return super().__call__(request)

    def process_response(self, request, response):
        if response.status_code == 404 and not translation.get_language_from_path(request.path_info):
            urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
            if _unoffered_language_prefix(request.path_info) or is_valid_path(request.path_info, urlconf):
                response.headers.setdefault("Content-Language", translation.get_language())
                return response
        return super().process_response(request, response)
