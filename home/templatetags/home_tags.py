from django import template
from django.db.models import Exists, Q, Subquery
from django.db.models.functions import Substr
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The home page's live children that are shown in menus."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    # The home page being served from (that of the page shown), without
    # asking for the locale again; for a page shown in another language's
    # tree (untranslated), the menu of the active language's home.
    route = getattr(request, "_wagtail_route_for_request", None)
    root = site.root_page
    if route is not None and not getattr(route[0], "text_language", None):
        shown = route[0]
        root_path = shown.path[: Page.steplen * root.depth]
        children = Page.objects.filter(path__startswith=root_path, depth=root.depth + 1)
    else:
        # The children of the home page in the active language, else of the
        # site's: one query.
        homes = Page.objects.filter(
            translation_key=root.translation_key, locale__language_code=get_language(), live=True
        ).values("path")
        children = (
            Page.objects.annotate(parent_path=Substr("path", 1, Page.steplen * root.depth))
            .filter(depth=root.depth + 1)
            .filter(Q(parent_path__in=Subquery(homes)) | Q(~Exists(homes), parent_path=root.path))
        )
    return list(children.live().in_menu().specific().only("title", "url_path", "locale"))


@register.simple_tag(takes_context=True)
def page_alternates(context):
    """The page being shown in each language it exists in (``hreflang``),
    absolute on the request's host; none for a view that is not a page."""
    from home.languages import page_alternates as alternates

    request, page = context.get("request"), context.get("page")
    if request is None or not isinstance(page, Page) or not page.pk:
        return []
    return [{**item, "url": request.build_absolute_uri(item["url"])} for item in alternates(request, page)]


@register.simple_tag
def home_page_url():
    """The home page in the active language: ``/fr/``."""
    from home.languages import home_url

    return home_url(get_language())


@register.simple_tag
def text_lang(page):
    """`` lang="en"`` on a page's own text when the page is shown under
    another language's URL, its text untranslated (home.views.serve_page)."""
    language = getattr(page, "text_language", None)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def in_active_language(pages):
    """``pages`` (chosen in a block: the featured events), each as its live
    translation in the active language where it has one: one query for all
    (two with the specific rows)."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    translated = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages],
            locale__language_code=get_language(),
            live=True,
        ).specific()
    }
    return [translated.get(page.translation_key) or page.specific for page in pages]
