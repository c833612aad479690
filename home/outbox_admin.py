"""The site's outbox in the Wagtail admin: every email, its status, attempts
and last error, with resend. Organisers see the mail of the events they
manage (``sessions.permissions``); mail of no event (account mail) only
superusers. No message body is shown to anyone: account mail holds
password-reset links."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from home.models import EmailStatus, OutgoingEmail
from home.outbox import email_resend
from sessions.permissions import (
    EventScopedBulkActionMixin,
    EventScopedPermissionPolicy,
    EventScopedViewSetMixin,
    ForbiddenWithoutRightsMixin,
    event_filter,
)


class OutboxPermissionPolicy(EventScopedPermissionPolicy):
    """The mail of the user's events. A record of what the site sent:
    looked at, resent (by whoever may look at it) and deleted, never written
    in the admin (superusers neither): only ``home.outbox`` writes it, and
    the send task updates it while an edit form would save a stale copy."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, "view" if action == "resend" else action)


class OutgoingEmailFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EmailStatus.choices)
    event = event_filter()

    class Meta:
        model = OutgoingEmail
        fields = ["status", "kind", "event"]


class OutgoingEmailIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class OutgoingEmailViewSet(EventScopedViewSetMixin, ForbiddenWithoutRightsMixin, SnippetViewSet):
    model = OutgoingEmail
    add_to_reference_index = False
    add_to_admin_menu = True
    menu_order = 310
    icon = "mail"
    menu_label = _("Outgoing emails")
    index_view_class = OutgoingEmailIndexView
    filterset_class = OutgoingEmailFilterSet
    search_fields = ["to", "subject", "registration__reference"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    # Never the body: an account email carries a password-reset link.
    inspect_view_fields = [
        "kind",
        "to",
        "event",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    ordering = ["-created_at"]
    list_display = [
        "__str__",
        Column("subject", label=_("Subject")),
        Column("event", label=_("Event")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("attempts", label=_("Attempts")),
        Column("last_error", label=_("Last error")),
        DateColumn("updated_at", label=_("Updated")),
    ]


class ResendEmailBulkAction(EventScopedBulkActionMixin, SnippetBulkAction):
    """Send the selected failed emails again (see ``home.outbox.email_resend``)."""

    models = [OutgoingEmail]
    template_name = "home/admin/confirm_bulk_action.html"
    display_name = _("Resend")
    action_type = "resend_email"
    permission_action = "resend"
    aria_label = _("Send the selected failed emails again")
    action_priority = 10

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}

    @classmethod
    def execute_action(cls, objects, **kwargs):
        """Failed emails only (``email_resend``); the count is of those queued."""
        queued = [email_resend(email=email) for email in objects]
        return sum(email.status == EmailStatus.QUEUED for email in queued), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d email queued.", "%(count)d emails queued.", num_parent_objects) % {
            "count": num_parent_objects
        }


class ScopedDeleteEmailBulkAction(EventScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's bulk delete, for the emails of the user's events only."""

    models = [OutgoingEmail]
    permission_action = "delete"


BULK_ACTIONS = (ResendEmailBulkAction, ScopedDeleteEmailBulkAction)
