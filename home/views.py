from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from home import languages, services
from home.account import account_sections


@login_required
def account_home(request):
    """ "My account": the hub that each capability adds a section to."""
    return render(request, "home/account_home.html", {"sections": account_sections(request)})


@require_admin_access
def superuser_only_site_history(request, *args, **kwargs):
    """Wagtail's "Site history" report lists every admin change whose model
    the user has rights on, whatever the event: another team's invitation
    codes, draft sessions and speakers. It is for superusers only; an
    organiser reads the history of their own objects on each object."""
    if not (request.user.is_active and request.user.is_superuser):
        raise Http404
    view = LogEntriesView.as_view(results_only=request.path.rstrip("/").endswith("/results"))
    return view(request, *args, **kwargs)


@require_http_methods(["GET", "POST"])
def set_language(request):
    """The language switcher: back to the same page in the chosen language
    (``home.languages.equivalent_url``), with the language kept in the
    cookie and, for a signed-in person, in their profile. A GET changes
    nothing (as Django's own view)."""
    next_url = request.POST.get("next", request.GET.get("next", ""))
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = "/"
    if request.method != "POST":
        return HttpResponseRedirect(next_url)
    language = request.POST.get("language", "")
    if language not in languages.offered_languages():
        return HttpResponseBadRequest(_("This site is not offered in that language."), content_type="text/plain")
    if request.user.is_authenticated:
        try:
            services.user_language_save(user=request.user, language=language)
        except ValidationError:
            return HttpResponseBadRequest(_("This site is not offered in that language."), content_type="text/plain")
    response = HttpResponseRedirect(languages.equivalent_url(request, next_url, language))
    languages.set_language_cookie(response, language)
    return response


def serve_page(request, path):
    """Wagtail's page serving, from the home page in the URL's language.

    A page without a translation in that language is served in its own
    language under this language's URL (``/fr/events/workshop/`` for an
    event written in English only), with the interface, the agenda's
    translated fields and the links in French: a missing translation never
    empties a page. Its own text is marked with its language
    (``page.text_language``, for the ``lang`` attribute). Where the page does
    have a live translation (under another slug), the visitor is sent to it.
    A path no tree has costs one query more than a page, however many
    languages the site offers."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = _route(request, path)
    route = request._wagtail_route_for_request
    if route is not None and getattr(route[0], "may_be_translated", False):
        page = route[0]
        translated = (
            Page.objects.filter(translation_key=page.translation_key, locale__language_code=get_language(), live=True)
            .exclude(pk=page.pk)
            .first()
        )
        if translated is not None and translated.url:
            rest = path.strip("/").split("/")[page.depth - page.served_from_depth :]
            target = translated.url + "".join(f"{part}/" for part in rest if part)
            if rest and not path.endswith("/"):
                target = target[:-1]  # a file: calendar.ics
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(target + (f"?{query}" if query else ""))
    return wagtail_serve(request, path)


def _route(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = get_language()
    components = [component for component in path.split("/") if component]
    homes = languages.site_homes(site, language)
    route = _route_under(request, site, homes[0], components, language)
    if route is not None or len(homes) == 1:
        return route
    # Not in the first tree: the other tree that has the deepest page on the
    # path, found in one query, routes it.
    found = languages.deepest_page(homes[1:], components)
    route = None if found is None else _route_under(request, site, found[0], components, language)
    if route is not None and homes[0].language == language:
        # The language has a tree of its own: the page may be in it under another slug.
        route[0].may_be_translated = True
    return route


def _route_under(request, site, home, components, language):
    if home.pk == site.root_page_id:
        root = site.root_page.specific
    else:
        root = ContentType.objects.get_for_id(home.content_type_id).get_object_for_this_type(pk=home.pk)
    try:
        route = root.route(request, components)
    except Http404:
        return None
    if home.language and home.language != language:
        route[0].text_language = home.language
        route[0].served_from_depth = root.depth
    return route


def privacy_notice_version(request, version_id: int):
    """One version of the privacy notice, as it read when people accepted it."""
    from django.shortcuts import get_object_or_404

    from home.models import PrivacyNoticeVersion
    from home.privacy_notice import current_version, version_url

    version = get_object_or_404(PrivacyNoticeVersion, pk=version_id)
    current = current_version(version.language)
    context = {
        "version": version,
        "current_url": version_url(current) if current is not None and current.pk != version.pk else "",
    }
    return render(request, "home/privacy_notice_version.html", context)
