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
    """Wagtail's page serving, from the home page in the active language
    found in one query (Wagtail's own finds the locale, then the
    translation): a page costs the same queries in every language.

    A page without a translation in the active language is served in its
    own language under this language's URL (``/fr/events/workshop/`` for an
    event written in English only), with the interface, the agenda's
    translated fields and the links in French: a missing translation never
    empties a page. Its own text is marked with its language
    (``page.text_language``, for the ``lang`` attribute)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = _route(request, path)
    return wagtail_serve(request, path)


def _route(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = get_language()
    components = [component for component in path.split("/") if component]
    homes = list(
        Page.objects.filter(translation_key=site.root_page.translation_key, live=True)
        .values_list("pk", "locale__language_code", "content_type_id")
        .order_by("pk")
    )
    # The home page in the active language first, then the site's own, then
    # the others: the first tree that has the path serves it.
    homes.sort(key=lambda home: (home[1] != language, home[0] != site.root_page_id))
    for home_id, home_language, content_type_id in homes or [(site.root_page_id, None, None)]:
        if home_id == site.root_page_id:
            home = site.root_page.specific
        else:
            home = ContentType.objects.get_for_id(content_type_id).get_object_for_this_type(pk=home_id)
        try:
            route = home.route(request, components)
        except Http404:
            continue
        if home_language is not None and home_language != language:
            route[0].text_language = home_language
        return route
    return None
