"""The translators' page in the admin: per event, what is missing, out of
date or current in each language, with a link to edit each object. Only
the events the user manages (``sessions.permissions``): another's is a 404."""

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forum_site.admin_views import ScopedAdminMixin
from sessions.models import Session
from sessions.permissions import manageable_events, policy_for
from sessions.translations import event_translation_report


def may_translate(user) -> bool:
    """Organisers (who may change sessions) see the page; it lists only their events."""
    return policy_for(Session).user_has_permission(user, "change")


class TranslationAdminMixin(ScopedAdminMixin, WagtailAdminTemplateMixin):
    permission_model = Session
    permission_action = "change"
    header_icon = "globe"


class TranslationIndexView(TranslationAdminMixin, TemplateView):
    template_name = "sessions/admin/translations_index.html"
    page_title = _("Translations")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "events": manageable_events(self.request.user)}


class EventTranslationsView(TranslationAdminMixin, TemplateView):
    template_name = "sessions/admin/translations_event.html"

    def load_objects(self, *, event_id: int, **kwargs) -> None:
        self.event = get_object_or_404(manageable_events(self.request.user), pk=event_id)

    def get_page_title(self):
        return _("Translations: %(event)s") % {"event": self.event.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("agenda_translations:index"), "label": _("Translations")},
            {"url": "", "label": self.event.title},
        ]

    def get_context_data(self, **kwargs):
        reports = event_translation_report(event=self.event)
        url_names = {}
        for report in reports:
            for row in report.rows:
                model = type(row.obj)
                if model not in url_names:
                    url_names[model] = model.snippet_viewset.get_url_name("edit")
                row.edit_url = reverse(url_names[model], args=[quote(row.obj.pk)])
        return {
            **super().get_context_data(**kwargs),
            "event": self.event,
            "reports": reports,
        }


@hooks.register("register_admin_urls")
def translation_urls():
    patterns = [
        path("", TranslationIndexView.as_view(), name="index"),
        path("<int:event_id>/", EventTranslationsView.as_view(), name="event"),
    ]
    return [path("agenda/translations/", include((patterns, "agenda_translations"), namespace="agenda_translations"))]


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_translate(request.user)


@hooks.register("register_admin_menu_item")
def register_translations_menu_item():
    return TranslationsMenuItem(_("Translations"), reverse("agenda_translations:index"), icon_name="globe", order=215)
