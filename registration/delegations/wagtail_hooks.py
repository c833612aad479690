"""The delegation admin: its URLs (/admin/delegations/...), its menu item,
and the permission policy that limits delegations to the user's events."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from registration.delegations import admin_views
from registration.delegations.models import Delegation, DelegationLogEntry, DelegationQuota, Nomination
from sessions.permissions import EventScopedPermissionPolicy, policy_for

register_permission_policy(Delegation, EventScopedPermissionPolicy(Delegation))
for model in (DelegationQuota, Nomination, DelegationLogEntry):
    register_permission_policy(model, EventScopedPermissionPolicy(model, event_lookup="delegation__event"))


@hooks.register("register_admin_urls")
def register_delegation_urls():
    urls = [
        path("", admin_views.DelegationIndexView.as_view(), name="index"),
        path("remind/", admin_views.DelegationRemindView.as_view(), name="remind"),
        path("approve/", admin_views.DelegationApproveView.as_view(), name="approve"),
        path("event/<int:event_id>/add/", admin_views.DelegationCreateView.as_view(), name="add"),
        path("<int:delegation_id>/", admin_views.DelegationDetailView.as_view(), name="detail"),
    ]
    return [path("delegations/", include((urls, "delegations_admin"), namespace="delegations_admin"))]


class DelegationMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_for(Delegation).user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def register_delegation_menu_item():
    return DelegationMenuItem(_("Delegations"), reverse("delegations_admin:index"), icon_name="globe", order=310)
