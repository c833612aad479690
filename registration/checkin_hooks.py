"""Admin for badges and check-in (imported by wagtail_hooks): bulk badge
printing with progress, badge reissue, the scan log, menu items."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import ModelPermissionPolicy, register_permission_policy

from registration import checkin
from registration.models import AttendanceMode, BadgeBatch, Category, Registration, Scan
from sessions import permissions
from sessions.permissions import (
    EventScopedPermissionPolicy,
    EventScopedViewSetMixin,
    ForbiddenWithoutRightsMixin,
    event_filterset,
    manageable_events,
)

BATCH_POLL_SECONDS = 2


class BadgeBatchForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Event"), queryset=None)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=None, required=False, empty_label=_("All categories")
    )
    attendance_mode = forms.ChoiceField(
        label=_("Attendance"), choices=[("", _("In person and online"))] + AttendanceMode.choices, required=False
    )
    references = forms.CharField(
        label=_("Only these references"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Optional: registration references separated by spaces, commas or lines."),
    )
    layout = forms.ChoiceField(label=_("Layout"), choices=BadgeBatch.Layout.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        events = manageable_events(user)
        self.fields["event"].queryset = events
        self.fields["category"].queryset = Category.objects.filter(event__in=events).select_related("event")
        self.fields["category"].label_from_instance = lambda category: f"{category.event.title}: {category.name}"


def _batches_for(user):
    return BadgeBatch.objects.filter(event__in=manageable_events(user)).select_related("event", "category")


def badge_batch_index(request):
    if not request.user.has_perm("registration.view_badgebatch"):
        raise PermissionDenied
    can_add = request.user.has_perm("registration.add_badgebatch")
    form = BadgeBatchForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            try:
                batch = checkin.badge_batch_create(
                    event=form.cleaned_data["event"],
                    category=form.cleaned_data["category"],
                    attendance_mode=form.cleaned_data["attendance_mode"],
                    references=form.cleaned_data["references"],
                    layout=form.cleaned_data["layout"],
                    by=request.user,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return redirect("registration_badge_batch", batch_id=batch.pk)
    context = {"form": form, "can_add": can_add, "batches": _batches_for(request.user)[:50]}
    return TemplateResponse(request, "registration/badges/admin_index.html", context)


def badge_batch_detail(request, batch_id: int):
    if not request.user.has_perm("registration.view_badgebatch"):
        raise PermissionDenied
    batch = get_object_or_404(_batches_for(request.user), pk=batch_id)
    running = batch.state in (BadgeBatch.State.QUEUED, BadgeBatch.State.RUNNING)
    context = {
        "batch": batch,
        "running": running,
        "poll_seconds": BATCH_POLL_SECONDS,
        "percent": round(100 * batch.done / batch.total) if batch.total else 100,
    }
    return TemplateResponse(request, "registration/badges/admin_detail.html", context)


def badge_batch_download(request, batch_id: int):
    if not request.user.has_perm("registration.view_badgebatch"):
        raise PermissionDenied
    batch = get_object_or_404(_batches_for(request.user), pk=batch_id, state=BadgeBatch.State.DONE)
    if not batch.file:
        raise Http404
    try:
        content = batch.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(content, as_attachment=True, filename=f"badges-{batch.event.slug}-{batch.pk}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


def badge_reissue_view(request, registration_id: int):
    """Confirm, then reissue a lost badge (the old QR code stops working)."""
    if not request.user.has_perm("registration.change_registration"):
        raise PermissionDenied
    registrations = Registration.objects.filter(event__in=manageable_events(request.user))
    registration = get_object_or_404(registrations.select_related("event", "category"), pk=registration_id)
    if request.method == "POST":
        registration = checkin.badge_reissue(registration=registration, by=request.user)
        messages.success(
            request,
            _("A new badge (version %(version)s) was issued for %(name)s; the old one no longer scans.")
            % {"version": registration.badge_version, "name": registration.full_name},
        )
        return redirect("registration_badge_reissue", registration_id=registration.pk)
    return TemplateResponse(request, "registration/badges/admin_reissue.html", {"registration": registration})


@hooks.register("register_admin_urls")
def register_badge_urls():
    return [
        path("badges/", badge_batch_index, name="registration_badge_batches"),
        path("badges/<int:batch_id>/", badge_batch_detail, name="registration_badge_batch"),
        path("badges/<int:batch_id>/download/", badge_batch_download, name="registration_badge_batch_download"),
        path("badges/reissue/<int:registration_id>/", badge_reissue_view, name="registration_badge_reissue"),
    ]


@hooks.register("register_snippet_listing_buttons")
def registration_badge_buttons(instance, user, next_url=None):
    """In the registrations listing's "More" menu: reissue a lost badge."""
    if isinstance(instance, Registration) and user.has_perm("registration.change_registration"):
        yield Button(
            _("Reissue badge"),
            reverse("registration_badge_reissue", kwargs={"registration_id": instance.pk}),
            icon_name="doc-full",
            priority=60,
        )


class BadgeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("registration.view_badgebatch")


class ScannerMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_check_in_anywhere(request.user)


@hooks.register("register_admin_menu_item")
def register_badge_menu_item():
    return BadgeMenuItem(_("Badges"), reverse("registration_badge_batches"), icon_name="doc-full", order=320)


@hooks.register("register_admin_menu_item")
def register_scanner_menu_item():
    return ScannerMenuItem(
        _("Check-in scanner"), reverse("registration:checkin_start"), icon_name="tick-inverse", order=330
    )


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
register_permission_policy(BadgeBatch, ModelPermissionPolicy(BadgeBatch))


@hooks.register("register_admin_viewset")
def register_scan_viewset():
    return ScanViewSet("scan_log")
