"""Personal data in the admin: each event's retention policy and its page
(what goes when, dry run, purge, anonymise all), at the organiser's events."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from registration.privacy.admin_views import PersonalDataView
from registration.privacy.models import RetentionPolicy, RetentionRun
from registration.views.admin.common import ScopedAdminForm
from registration.views.admin.event_setup import EventSetupViewSet
from sessions.permissions import EventScopedPermissionPolicy, event_filterset, policy_for

register_permission_policy(RetentionPolicy, EventScopedPermissionPolicy(RetentionPolicy))
register_permission_policy(RetentionRun, EventScopedPermissionPolicy(RetentionRun))


class RetentionPolicyViewSet(EventSetupViewSet):
    model = RetentionPolicy
    icon = "lock"
    menu_label = _("Retention policies")
    add_to_admin_menu = False
    list_display = ["__str__", "passport_days", "needs_days"]
    filterset_class = event_filterset(RetentionPolicy)
    edit_handler = ObjectList(
        [FieldPanel("event"), FieldRowPanel([FieldPanel("passport_days"), FieldPanel("needs_days")])],
        base_form_class=ScopedAdminForm,
    )

    def get_queryset(self, request):
        return RetentionPolicy.objects.select_related("event")


register_snippet(RetentionPolicyViewSet)

admin_urls = (
    [
        path("", PersonalDataView.as_view(), name="index"),
        path("<int:event_id>/", PersonalDataView.as_view(), name="event"),
    ],
    "privacy_admin",
)


@hooks.register("register_admin_urls")
def register_privacy_admin_urls():
    return [path("personal-data/", include(admin_urls))]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_for(RetentionPolicy).user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def register_personal_data_menu_item():
    return PersonalDataMenuItem(_("Personal data"), reverse("privacy_admin:index"), icon_name="lock", order=330)
