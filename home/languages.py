"""The same page in another language: for the language switcher and the
``hreflang`` alternates of every public page.

Public pages live under a language prefix (``/en/events/forum-2026/agenda/``);
the rest of a page's URL after the page itself (``agenda/``,
``sessions/<uid>/``, ``speakers/<slug>/``) is one of its routes, the same in
every language, so the equivalent of a URL is the translation's URL plus
that rest (and, for the switcher, the query string: the agenda's filters).
"""

import contextlib
import contextvars
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, Site


def offered_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# The language the pages being shown (or the email or calendar file being
# written) link to: every page, translated or not, is served under every
# language's prefix (home.views.serve_page falls back to the page in its
# own language), so a link from a French page to a page that has no French
# translation stays on /fr/, in the reader's interface language. Unset
# outside public pages (the admin's "View live" goes to the page's own URL).
_linking_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("linking_language", default=None)


@contextlib.contextmanager
def linking_in(language: str | None):
    token = _linking_language.set(language if language in offered_languages() else None)
    try:
        yield
    finally:
        _linking_language.reset(token)


def in_linking_language(page_path: str) -> str:
    """``/en/events/x/`` as ``/fr/events/x/`` while linking in French."""
    language = _linking_language.get()
    if language is None:
        return page_path
    own, rest = split_language(page_path)
    if own is None or own == language:
        return page_path
    return f"/{language}{rest}"


class LinkedInReadersLanguage:
    """Page models: their URL under the language being linked in (see
    :func:`linking_in`), the page itself when it has no translation there."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if not parts or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, in_linking_language(page_path)


def split_language(path: str) -> tuple[str | None, str]:
    """``("fr", "/events/x/")`` for ``/fr/events/x/``; ``(None, path)`` for
    a path without one of the site's language prefixes."""
    first, _slash, rest = path.lstrip("/").partition("/")
    if first in offered_languages() and path.startswith(f"/{first}/"):
        return first, "/" + rest
    return None, path


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def user_language(user) -> str | None:
    """The language a signed-in person last chose on the site, if it is
    still one of the site's."""
    if user is None or not getattr(user, "pk", None):
        return None
    from wagtail.users.models import UserProfile

    language = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    return language if language in offered_languages() else None


def home_url(language: str) -> str:
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


@dataclass(frozen=True)
class Home:
    """A live translation of the site's home page: the root of one
    language's tree of pages."""

    pk: int
    language: str
    content_type_id: int
    url_path: str


def site_homes(site: Site, language: str) -> list[Home]:
    """The site's home page in every language (one query): the one in
    ``language`` first, then the site's own, then the others. The order
    in which the trees are searched for a path (home.views.serve_page)."""
    homes = [
        Home(*row)
        for row in Page.objects.filter(translation_key=site.root_page.translation_key, live=True)
        .order_by("pk")
        .values_list("pk", "locale__language_code", "content_type_id", "url_path")
    ]
    homes.sort(key=lambda home: (home.language != language, home.pk != site.root_page_id))
    return homes or [Home(site.root_page_id, "", site.root_page.content_type_id, site.root_page.url_path)]


def deepest_page(homes: list[Home], components: list[str]) -> tuple[Home, Page, int] | None:
    """The deepest page on the path ``components`` in any of the ``homes``'
    trees (ties to the earlier home), with how many components its own URL
    takes: one query, however many languages."""
    candidates = {}
    for rank, home in enumerate(homes):
        for n in range(len(components) + 1):
            candidates[home.url_path + "".join(f"{part}/" for part in components[:n])] = (rank, home, n)
    found = list(Page.objects.filter(url_path__in=candidates))
    if not found:
        return None
    page = min(found, key=lambda page: (-page.depth, candidates[page.url_path][0]))
    _rank, home, used = candidates[page.url_path]
    return home, page, used


def _page_and_rest(request, language: str, path: str) -> tuple[Page | None, str]:
    """The page that serves ``path`` (a path without its prefix) under
    ``language``'s prefix, as home.views.serve_page finds it (its tree
    first, then the others), and the rest of the path (a route of the
    page: ``agenda/``)."""
    site = Site.find_for_request(request)
    if site is None:
        return None, path
    components = [part for part in path.split("/") if part]
    found = deepest_page(site_homes(site, language), components)
    if found is None:
        return None, path
    _home, page, used = found
    rest = "".join(f"{part}/" for part in components[used:])
    if rest and not path.endswith("/"):
        rest = rest[:-1]  # a file: calendar.ics
    return page, rest


def _live_translation(page: Page, locale: Locale) -> Page | None:
    if page.locale_id == locale.pk:
        return page if page.live else None
    return page.get_translations().filter(locale=locale).live().first()


def url_in(language: str, page: Page) -> str:
    """The page's own URL in its own language's tree, as linked from a page
    in ``language``: a translation's own URL, under its prefix."""
    with linking_in(language):
        return page.url


def equivalent_url(request, url: str, language: str, *, fallback: bool = True) -> str:
    """Where ``url`` leads in ``language``: the same page (and route, and
    query) in that language; a page without a translation in it is served
    in its own language under that language's prefix (home.views.serve_page),
    so the person stays on it, now with the interface in ``language``. A URL
    that is not a page's (``/accounts/login/``) stays as it is: its language
    comes from the cookie. Without ``fallback``, a URL that leads to no page
    stays as it is rather than going to that language's home page."""
    parts = urlsplit(url)
    source, path = split_language(parts.path)
    if source is None or language not in offered_languages():
        return url
    query = f"?{parts.query}" if parts.query else ""
    page, rest = _page_and_rest(request, source, path)
    locale = Locale.objects.filter(language_code=language).first()
    if page is None or locale is None or (rest and not issubclass(page.specific_class, RoutablePageMixin)):
        # No page has this URL (only a page with routes has a URL below its own).
        return home_url(language) if fallback else url
    translated = _live_translation(page, locale)
    if translated is not None:
        return url_in(language, translated) + rest + query
    return f"/{language}{path}{query}"


def page_alternates(request, page: Page) -> list[dict]:
    """The page (with the route being shown) in every language it has a live
    translation in: ``[{"language": "fr", "url": "/fr/..."}]``, for
    ``hreflang``; the first is the default language's, else the original's
    (``x-default``). A language the page is only served in (its text
    untranslated) is not listed: search engines are told of real
    translations only."""
    _language, path = split_language(request.path)
    _page_language, page_path = split_language(page.url or "")
    rest = path[len(page_path) :] if path.startswith(page_path) else ""
    translations = list(
        page.get_translations(inclusive=True)
        .live()
        .filter(alias_of__isnull=True)
        .select_related("locale")
        .order_by("pk")
    )
    if page.live and page.alias_of_id is None and all(t.pk != page.pk for t in translations):
        translations.append(page)
    offered = offered_languages()
    alternates = []
    for translation_page in translations:
        language = translation_page.locale.language_code
        url = url_in(language, translation_page) if language in offered else None
        if url:
            alternates.append({"language": language, "url": url + rest})
    alternates.sort(key=lambda item: item["language"] != settings.LANGUAGE_CODE)
    return alternates
