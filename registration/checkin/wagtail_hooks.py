"""The check-in admin: the scan log (read-only, at the user's events) and
the menu item that opens the scanner."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from registration.checkin.models import Scan
from sessions import permissions
from sessions.permissions import (
    EventScopedPermissionPolicy,
    EventScopedViewSetMixin,
    ForbiddenWithoutRightsMixin,
    event_filterset,
)


class ScannerMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_check_in_anywhere(request.user)


@hooks.register("register_admin_menu_item")
def register_scanner_menu_item():
    return ScannerMenuItem(_("Check-in scanner"), reverse("checkin:start"), icon_name="tick-inverse", order=330)


class ScanLogPermissionPolicy(EventScopedPermissionPolicy):
    """The scans of the user's events. They are a record: looked at and
    exported, never added, changed or deleted in the admin (superusers
    neither; undo happens at the gate)."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change", "delete"} and super().user_has_permission(user, action)


class ScanIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("registration", "staff", "event")


class ScanViewSet(EventScopedViewSetMixin, ForbiddenWithoutRightsMixin, ModelViewSet):
    """The scan log: every scan at the gates of the user's events, filterable
    and exportable."""

    model = Scan
    icon = "list-ul"
    menu_label = _("Scan log")
    menu_order = 340
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["scanned_at", "result", "registration", "gate", "staff", "event", "undone_at"]
    filterset_class = event_filterset(Scan, extra=["result", "gate"])
    list_export = ["scanned_at", "result", "registration", "code", "gate", "staff", "event", "nonce", "undone_at"]
    ordering = ["-scanned_at", "-pk"]
    form_fields = ["gate"]
    copy_view_enabled = False
    add_to_reference_index = False  # a scan refers to nothing worth a usage count; keep scans one INSERT
    index_view_class = ScanIndexView


register_permission_policy(Scan, ScanLogPermissionPolicy(Scan))


@hooks.register("register_admin_viewset")
def register_scan_viewset():
    return ScanViewSet("scan_log")
