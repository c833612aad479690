"""The site's outbox in the Wagtail admin: every email, its status, attempts
and last error, with resend. Organisers see the mail of the events they
manage (``sessions.permissions``); mail of no event (account mail) only
superusers. No message body is shown to anyone: account mail holds
password-reset links."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from home.models import EmailStatus, OutgoingEmail
from home.outbox import email_resend
from sessions.permissions import (
    EventScopedBulkActionMixin,
    EventScopedViewSetMixin,
    ForbiddenWithoutRightsMixin,
    event_filter,
)


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
    # Never the body: an account email carries a password-reset link.
    panels = [
        FieldPanel("kind", read_only=True),
        FieldPanel("to", read_only=True),
        FieldPanel("subject", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("attempts", read_only=True),
        FieldPanel("last_error", read_only=True),
        FieldPanel("sent_at", read_only=True),
    ]


class ResendEmailBulkAction(EventScopedBulkActionMixin, SnippetBulkAction):
    """Send the selected emails again (see ``home.outbox.email_resend``)."""

    models = [OutgoingEmail]
    template_name = "home/admin/confirm_bulk_action.html"
    display_name = _("Resend")
    action_type = "resend_email"
    aria_label = _("Send the selected emails again")
    action_priority = 10

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}

    @classmethod
    def execute_action(cls, objects, **kwargs):
        for email in objects:
            email_resend(email=email)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d email queued.", "%(count)d emails queued.", num_parent_objects) % {
            "count": num_parent_objects
        }


class ScopedDeleteEmailBulkAction(EventScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's bulk delete, for the emails of the user's events only."""

    models = [OutgoingEmail]
    permission_action = "delete"


BULK_ACTIONS = (ResendEmailBulkAction, ScopedDeleteEmailBulkAction)
