"""The outbox in the admin (failed emails, their errors) and one person's
"Resend confirmation" from the registrations listing."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from registration import selectors, services
from registration.models import EmailStatus, OutgoingEmail
from registration.views.admin.common import ForbiddenWithoutRightsMixin
from sessions.permissions import EventScopedViewSetMixin, event_filter


def registration_resend_view(request, registration_id: int):
    """One registration's "Resend confirmation" (the listing's More menu):
    confirm, then send the email of its current status again."""
    if not request.user.has_perm("registration.change_registration"):
        raise PermissionDenied
    registration = get_object_or_404(selectors.registrations_for_admin(user=request.user), pk=registration_id)
    listing = reverse("wagtailsnippets_registration_registration:list")
    next_url = request.POST.get("next") or request.GET.get("next") or listing
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = listing
    if request.method == "POST":
        services.registration_resend_confirmation(registration=registration)
        messages.success(
            request,
            _("The email was queued again for %(name)s (%(email)s).")
            % {"name": registration.full_name, "email": registration.email},
        )
        return redirect(next_url)
    context = {"registration": registration, "next_url": next_url}
    return TemplateResponse(request, "registration/admin/resend_confirm.html", context)


class OutgoingEmailFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EmailStatus.choices)
    registration__event = event_filter()

    class Meta:
        model = OutgoingEmail
        fields = ["status", "kind"]


class OutgoingEmailIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("registration__event")


class OutgoingEmailViewSet(EventScopedViewSetMixin, ForbiddenWithoutRightsMixin, SnippetViewSet):
    model = OutgoingEmail
    add_to_reference_index = False
    icon = "mail"
    menu_label = _("Outgoing emails")
    index_view_class = OutgoingEmailIndexView
    filterset_class = OutgoingEmailFilterSet
    search_fields = ["to", "registration__reference"]
    search_backend_name = None
    copy_view_enabled = False
    ordering = ["-created_at"]
    list_display = [
        "__str__",
        Column("kind", label=_("Kind")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("attempts", label=_("Attempts")),
        Column("last_error", label=_("Last error")),
        DateColumn("updated_at", label=_("Updated")),
    ]
    panels = [
        FieldPanel("kind", read_only=True),
        FieldPanel("to", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("attempts", read_only=True),
        FieldPanel("last_error", read_only=True),
        FieldPanel("sent_at", read_only=True),
    ]
