"""Visa letters in the admin: the requests (list, approve, reject,
withdraw, the letter) and each event's letter settings, at the events the
organiser manages."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from home.translation_admin import TranslatedObjectList, TranslationsPanel
from home.widgets import PrivateFileInput
from registration.views.admin.event_setup import EventSetupViewSet
from registration.visas import admin_views
from registration.visas.forms import VisaLetterSettingsForm
from registration.visas.models import VisaLetterRequest, VisaLetterSettings
from sessions.permissions import EventScopedPermissionPolicy, event_filterset, policy_for

register_permission_policy(VisaLetterRequest, EventScopedPermissionPolicy(VisaLetterRequest))
register_permission_policy(VisaLetterSettings, EventScopedPermissionPolicy(VisaLetterSettings))


class VisaLetterSettingsViewSet(EventSetupViewSet):
    model = VisaLetterSettings
    icon = "doc-full"
    menu_label = _("Visa letter settings")
    add_to_admin_menu = False
    list_display = ["__str__", "offers_letters", "number_prefix", "signatory_name"]
    filterset_class = event_filterset(VisaLetterSettings)
    edit_handler = TranslatedObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("offers_letters"), FieldPanel("number_prefix")]),
            FieldPanel("letterhead", widget=PrivateFileInput),
            FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")]),
            FieldPanel("signature", widget=PrivateFileInput),
            FieldPanel("letter_text"),
            TranslationsPanel(),
        ],
        base_form_class=VisaLetterSettingsForm,
    )

    def get_queryset(self, request):
        return VisaLetterSettings.objects.select_related("event")


register_snippet(VisaLetterSettingsViewSet)

admin_urls = (
    [
        path("", admin_views.RequestIndexView.as_view(), name="index"),
        path("approve/", admin_views.BulkApproveView.as_view(), name="approve"),
        path("<int:request_id>/", admin_views.RequestDetailView.as_view(), name="detail"),
        path("<int:request_id>/approve/", admin_views.RequestActionView.as_view(action="approve"), name="approve_one"),
        path("<int:request_id>/reject/", admin_views.RequestActionView.as_view(action="reject"), name="reject"),
        path("<int:request_id>/withdraw/", admin_views.RequestActionView.as_view(action="withdraw"), name="withdraw"),
        path("<int:request_id>/letter.pdf", admin_views.LetterDownloadView.as_view(), name="letter"),
    ],
    "visas_admin",
)


@hooks.register("register_admin_urls")
def register_visa_admin_urls():
    return [path("visa-letters/", include(admin_urls))]


class VisaLettersMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_for(VisaLetterRequest).user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def register_visa_letters_menu_item():
    return VisaLettersMenuItem(_("Visa letters"), reverse("visas_admin:index"), icon_name="doc-full", order=327)
