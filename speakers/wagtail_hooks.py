"""Admin for speakers: the Speaker snippet, the invitations listing (status
counts, filters, export) with its own create/manage views, the
"invite speakers" button on sessions, the panel-balance report and the
dashboard panel."""

from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from sessions.models import Session
from speakers import admin_views
from speakers.balance import event_balance
from speakers.models import Invitation, InvitationStatus, Speaker
from speakers.selectors import events_user_can_manage, invitation_status_counts, invitations_for_admin

register_permission_policy(Speaker)
register_permission_policy(Invitation)


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["full_name", "organisation", "country", "is_published", "updated_at"]
    list_filter = ["is_published", "country"]
    search_fields = ["first_name", "last_name", "organisation"]
    # Exports list public profile fields only: never gender, email or needs.
    list_export = ["first_name", "last_name", "honorific", "position", "organisation", "country", "is_published"]
    export_filename = "speakers"


class InvitationIndexView(IndexView):
    template_name = "speakers/admin/invitation_index.html"

    def get_base_queryset(self):
        return invitations_for_admin(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = invitation_status_counts(invitations_for_admin(self.request.user))
        context["status_counts"] = [(status, label, counts[status]) for status, label in InvitationStatus.choices]
        context["balance_url"] = reverse("speakers_invitations:balance")
        return context


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    menu_order = 211
    add_to_admin_menu = True
    url_prefix = "speakers/invitations"
    name = "speakers_invitations"
    index_view_class = InvitationIndexView
    copy_view_enabled = False
    list_display = [
        "full_name",
        "email",
        "event",
        Column("role", label=_("Role"), accessor="get_role_display"),
        StatusTagColumn("status", label=_("Status"), accessor="get_status_display", primary=lambda i: i.is_open),
        Column("reply_by", label=_("Reply by"), accessor=lambda invitation: date_format(invitation.reply_by)),
        DateColumn("sent_at", label=_("Sent")),
    ]
    list_filter = ["status", "event", "role"]
    search_fields = ["first_name", "last_name", "email"]
    list_export = [
        "full_name",
        "email",
        "event",
        "role",
        "status",
        "reply_by",
        "sent_at",
        "answered_at",
        "decline_reason",
    ]
    export_filename = "speaker-invitations"

    def get_common_view_kwargs(self, **kwargs):
        # No generic delete/history/usage views: invitations change only
        # through the services (see the manage view).
        return {**super().get_common_view_kwargs(**kwargs), "delete_url_name": None, "history_url_name": None}

    @property
    def add_view(self):
        return admin_views.InvitationCreateView.as_view()

    @property
    def edit_view(self):
        return admin_views.InvitationManageView.as_view()

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
            path("session/<int:session_id>/", admin_views.SessionInvitationsView.as_view(), name="session"),
            path("balance/", admin_views.BalanceIndexView.as_view(), name="balance"),
            path("balance/<int:event_id>/", admin_views.BalanceReportView.as_view(), name="balance_report"),
        ]


register_snippet(SpeakerViewSet)
invitation_viewset = InvitationViewSet()


@hooks.register("register_admin_viewset")
def register_invitation_viewset():
    return invitation_viewset


class BalanceMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("speakers.view_invitation")


@hooks.register("register_admin_menu_item")
def register_balance_menu_item():
    return BalanceMenuItem(
        _("Panel balance"),
        reverse("speakers_invitations:balance"),
        icon_name="group",
        order=212,
    )


def _invite_button(session, user):
    if isinstance(session, Session) and user.has_perm("speakers.add_invitation"):
        return ListingButton(
            _("Invite speakers"),
            reverse("speakers_invitations:session", args=[session.pk]),
            icon_name="mail",
            priority=15,
        )
    return None


@hooks.register("register_snippet_listing_buttons")
def session_invite_listing_button(snippet, user, next_url=None):
    button = _invite_button(snippet, user)
    return [button] if button else []


class InviteSpeakersMenuItem(ActionMenuItem):
    """ "Invite speakers" in the action menu of a session's edit view."""

    label = _("Invite speakers")
    name = "invite-speakers"
    icon_name = "mail"
    order = 50

    def is_shown(self, context):
        return (
            context.get("view") == "edit"
            and context["request"].user.has_perm("speakers.add_invitation")
            and super().is_shown(context)
        )

    def get_url(self, parent_context):
        return reverse("speakers_invitations:session", args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def session_invite_action_menu_item(model):
    return InviteSpeakersMenuItem() if model is Session else None


class PanelBalancePanel(Component):
    """Dashboard panel: per event, confirmed speakers and flagged sessions."""

    name = "panel_balance"
    order = 150
    template_name = "speakers/admin/balance_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        events = list(events_user_can_manage(self.user)[:5])
        return {"balances": [event_balance(event) for event in events]}


@hooks.register("construct_homepage_panels")
def add_panel_balance(request, panels):
    if request.user.has_perm("speakers.view_invitation"):
        panels.append(PanelBalancePanel(request.user))
