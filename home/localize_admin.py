"""wagtail-localize's admin views, kept to the pages the user may edit.

wagtail-localize asks only for its model permission ("submit translation")
before it translates a page or updates its translations, and its
translations report lists every translation of the site. Organisers have
that permission (home.roles), so these wrappers, routed before
wagtail-localize's own URLs (forum_site/urls.py), make another team's page
a 404 and list only the translations of pages the user may edit. The
side-by-side editor itself is Wagtail's page edit view, which checks the
page permissions (mirrored onto translations by home.page_permissions);
the views of one translation (a string, the PO file, the preview, stopping
it) and "convert back to an alias" are wrapped the same way
(``translation_urlpatterns``)."""

import functools

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert, edit_translation, snippets_api
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView


def _require_page_edit(user, page: Page) -> None:
    if not page.permissions_for_user(user).can_edit():
        raise Http404


@require_admin_access
def submit_page_translation(request, page_id: int):
    _require_page_edit(request.user, get_object_or_404(Page, id=page_id))
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)


def _require_source_edit(user, source: TranslationSource) -> None:
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist as error:  # the page it was made from is gone
        raise Http404 from error
    if isinstance(instance, Page):
        _require_page_edit(user, instance)
    elif not user.is_superuser:
        raise Http404  # no translatable snippets here


@require_admin_access
def update_translations(request, translation_source_id: int):
    _require_source_edit(request.user, get_object_or_404(TranslationSource, id=translation_source_id))
    return UpdateTranslationsView.as_view()(request, translation_source_id=translation_source_id)


def _translation_of_an_editable_page(view):
    """wagtail-localize's ``view`` of one translation, for a user who may
    edit the page it was made from; a 404 otherwise (it answers 403)."""

    @require_admin_access
    def scoped(request, translation_id: int, **kwargs):
        translation = get_object_or_404(Translation.objects.select_related("source"), id=translation_id)
        _require_source_edit(request.user, translation.source)
        return view(request, translation_id=translation_id, **kwargs)

    return scoped


def _closed(view):
    """wagtail-localize's ``view``, closed to everyone (a 404): its snippet
    views list every row of any snippet (participants, invitation codes) to
    anyone with admin access, and no snippet of this site is translatable."""

    @functools.wraps(view)
    def closed(request, *args, **kwargs):
        raise Http404

    return closed


@require_admin_access
def convert_to_alias(request, page_id: int):
    _require_page_edit(request.user, get_object_or_404(Page, id=page_id))
    return convert.convert_to_alias(request, page_id=page_id)


# Routed before wagtail-localize's own (forum_site/urls.py), same paths.
translation_urlpatterns = [
    path(f"admin/localize/translate/<int:translation_id>/{route}", _translation_of_an_editable_page(view))
    for route, view in [
        ("strings/<int:string_segment_id>/edit/", edit_translation.edit_string_translation),
        ("overrides/<int:overridable_segment_id>/edit/", edit_translation.edit_override),
        ("pofile/download/", edit_translation.download_pofile),
        ("pofile/upload/", edit_translation.upload_pofile),
        ("machine_translate/", edit_translation.machine_translate),
        ("preview/", edit_translation.preview_translation),
        ("preview/<str:mode>/", edit_translation.preview_translation),
        ("disable/", edit_translation.stop_translation),
    ]
] + [
    path("admin/localize/page/<int:page_id>/convert_to_alias/", convert_to_alias),
    path("admin/localize/api/snippets/<path:rest>", _closed(snippets_api.SnippetViewSet.as_view({"get": "list"}))),
    path("admin/localize/submit/snippet/<path:rest>", _closed(SubmitSnippetTranslationView.as_view())),
]


class ScopedTranslationsReportView(TranslationsReportView):
    """The translations report, of the pages the user may edit."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return queryset
        pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
        return queryset.filter(source__object_id__in=pages.values("translation_key"))


translations_report = require_admin_access(ScopedTranslationsReportView.as_view())
translations_report_results = require_admin_access(ScopedTranslationsReportView.as_view(results_only=True))
