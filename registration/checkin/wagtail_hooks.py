"""The check-in admin: the scan log and the check-in conflicts (read-only,
at the user's events), the menu item that opens the scanner, and attendance
per session with who each session's door admits (``attendance_admin``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from registration.checkin import attendance_admin
from registration.checkin.models import Scan
from sessions import permissions
from sessions.models import Session
from sessions.permissions import (
    EventScopedPermissionPolicy,
    EventScopedViewSetMixin,
    ForbiddenWithoutRightsMixin,
    event_filterset,
    policy_for,
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
        return super().get_base_queryset().select_related("registration", "staff", "event", "session", "token")


class ScanViewSet(EventScopedViewSetMixin, ForbiddenWithoutRightsMixin, ModelViewSet):
    """The scan log: every scan at the gates and session doors of the user's
    events, filterable and exportable."""

    model = Scan
    icon = "list-ul"
    menu_label = _("Scan log")
    menu_order = 340
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        "scanned_at",
        "result",
        "registration",
        "gate",
        "session",
        "direction",
        "staff",
        "event",
        Column("device", label=_("Device"), accessor="device_label"),
        BooleanColumn("offline", label=_("Made offline")),
        BooleanColumn("conflict", label=_("Conflict")),
        "undone_at",
    ]
    filterset_class = event_filterset(Scan, extra=["result", "gate", "direction", "offline", "conflict"])
    list_export = [
        "scanned_at",
        "result",
        "registration",
        "code",
        "gate",
        "session",
        "direction",
        "staff",
        "event",
        "nonce",
        "offline",
        "device_result",
        "device_label",
        "conflict",
        "undone_at",
    ]
    export_headings = {"device_label": _("Device")}
    ordering = ["-scanned_at", "-pk"]
    form_fields = ["gate"]
    copy_view_enabled = False
    add_to_reference_index = False  # a scan refers to nothing worth a usage count; keep scans one INSERT
    index_view_class = ScanIndexView


class ConflictIndexView(IndexView):
    def get_base_queryset(self):
        scans = super().get_base_queryset().filter(conflict=True)
        return scans.select_related("registration", "event", "session", "token", "staff")


class ConflictViewSet(EventScopedViewSetMixin, ForbiddenWithoutRightsMixin, ModelViewSet):
    """Check-in conflicts: scans made offline that the device let in and the
    server did not (mostly one badge checked in on two devices before they
    could sync), with the check-in that counted, per event."""

    model = Scan
    icon = "warning"
    menu_label = _("Check-in conflicts")
    menu_order = 341
    add_to_admin_menu = True
    url_prefix = "checkin-conflicts"
    name = "checkin_conflicts"
    inspect_view_enabled = False
    list_display = [
        Column("person", label=_("Person"), accessor="registration"),
        Column("reference", label=_("Badge reference"), accessor="registration.reference"),
        DateColumn("scanned_at", label=_("Scanned offline at")),
        "gate",
        "session",
        Column("device", label=_("Device"), accessor="device_label"),
        Column("device_result", label=_("Verdict on the device"), accessor="get_device_result_display"),
        Column("result", label=_("Server's verdict"), accessor="get_result_display"),
        DateColumn("checked_in_at", label=_("Checked in at"), accessor="registration.checked_in_at"),
        Column("checked_in_gate", label=_("Checked in at gate"), accessor="registration.checked_in_gate"),
        "event",
    ]
    filterset_class = event_filterset(Scan)
    list_export = [
        "registration",
        "registration.reference",
        "scanned_at",
        "gate",
        "session",
        "device_label",
        "get_device_result_display",
        "get_result_display",
        "registration.checked_in_at",
        "registration.checked_in_gate",
        "event",
    ]
    export_headings = {
        "registration": _("Person"),
        "registration.reference": _("Badge reference"),
        "scanned_at": _("Scanned offline at"),
        "device_label": _("Device"),
        "get_device_result_display": _("Verdict on the device"),
        "get_result_display": _("Server's verdict"),
        "registration.checked_in_at": _("Checked in at"),
        "registration.checked_in_gate": _("Checked in at gate"),
    }
    export_filename = "checkin-conflicts"
    ordering = ["-scanned_at", "-pk"]
    form_fields = ["gate"]
    copy_view_enabled = False
    add_to_reference_index = False
    index_view_class = ConflictIndexView


register_permission_policy(Scan, ScanLogPermissionPolicy(Scan))


@hooks.register("register_admin_viewset")
def register_scan_viewset():
    return ScanViewSet("scan_log")


@hooks.register("register_admin_viewset")
def register_conflict_viewset():
    return ConflictViewSet()


@hooks.register("register_admin_urls")
def register_attendance_urls():
    return [
        path("attendance/", attendance_admin.AttendanceIndexView.as_view(), name="checkin_attendance"),
        path(
            "attendance/<int:event_id>/",
            attendance_admin.EventAttendanceView.as_view(),
            name="checkin_attendance_event",
        ),
        path(
            "attendance/session/<int:session_id>/",
            attendance_admin.SessionAttendanceView.as_view(),
            name="checkin_attendance_session",
        ),
        path(
            "attendance/session/<int:session_id>/access/",
            attendance_admin.SessionAccessView.as_view(),
            name="checkin_session_access",
        ),
    ]


class AttendanceMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_for(Session).user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def register_attendance_menu_item():
    return AttendanceMenuItem(_("Attendance per session"), reverse("checkin_attendance"), icon_name="group", order=345)
