"""Admin for speakers: the Speaker snippet, the invitations listing (status
counts, filters, export) with its own create/manage views, the
"invite speakers" button on sessions, the panel-balance report and the
dashboard panel.

A speaker may speak at several events. An organiser lists, edits and
deletes (and sees the private fields of) only the speakers of the events
they manage: with a session or an invitation there, or created for one of
them (``Speaker.added_for_event``); any other is a 404. The speaker chooser
of a session's speakers offers every published speaker, by name and
organisation only, so that one person can be put on several events."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

from home.translation_admin import TranslatedObjectList, TranslationsPanel, with_translations
from sessions.models import EventPage, Session
from sessions.permissions import (
    EventScopedBulkActionMixin,
    EventScopedPermissionPolicy,
    EventScopedViewSetMixin,
    event_filterset,
    manageable_events,
    policy_for,
)
from speakers import admin_views
from speakers.balance import event_balance
from speakers.forms import SpeakerAdminForm
from speakers.models import Invitation, InvitationStatus, Speaker
from speakers.selectors import (
    SPEAKER_EVENT_LOOKUPS,
    invitation_status_counts,
    invitations_for_admin,
    speakers_to_choose,
)


class SpeakerPermissionPolicy(EventScopedPermissionPolicy):
    """The speakers of the user's events; and deleting a profile, which takes
    the speaker off every event's sessions, only when it belongs to none of
    the events the user does not manage."""

    def user_has_permission_for_instance(self, user, action, instance):
        allowed = super().user_has_permission_for_instance(user, action, instance)
        if allowed and action == "delete" and not user.is_superuser:
            return not _belongs_to_other_events(user, instance)
        return allowed


def _belongs_to_other_events(user, speaker: Speaker) -> bool:
    events = EventPage.objects.filter(
        Q(sessions__session_speakers__speaker=speaker)
        | Q(speaker_invitations__speaker=speaker)
        | Q(pk=speaker.added_for_event_id)
    )
    return events.exclude(pk__in=manageable_events(user).values("pk")).exists()


register_permission_policy(Speaker, SpeakerPermissionPolicy(Speaker, event_lookup=SPEAKER_EVENT_LOOKUPS))
register_permission_policy(Invitation, EventScopedPermissionPolicy(Invitation))


# --- the speaker chooser: every published speaker, public fields only --------------------


class SpeakerSearchForm(BaseFilterForm):
    """The chooser's search, by name or organisation in the database: the
    search index cannot filter on the ids the chooser is limited to."""

    q = forms.CharField(
        label=_("Search term"), widget=forms.TextInput(attrs={"placeholder": _("Search")}), required=False
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            for word in query.split()[:5]:
                objects = objects.filter(
                    Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(organisation__icontains=word)
                )
            self.is_searching, self.search_query = True, query
        return objects


class SpeakerChoiceMixin:
    """Lists and answers with the speakers an organiser may choose
    (``speakers_to_choose``), by name and organisation only: the chooser
    never shows a private field, nor links to another event's speaker."""

    filter_form_class = SpeakerSearchForm

    def get_object_list(self):
        return speakers_to_choose(self.request.user)

    @property
    def columns(self):
        title = self.title_column
        title.label = _("Name")
        return [title, Column("organisation", label=_("Organisation"))]


class SpeakerChooseView(SpeakerChoiceMixin, chooser_views.ChooseView):
    pass


class SpeakerChooseResultsView(SpeakerChoiceMixin, chooser_views.ChooseResultsView):
    pass


class SpeakerChosenView(chooser_views.SnippetChosenView):
    def get_object(self, pk):
        return speakers_to_choose(self.request.user).get(pk=pk)


class SpeakerChosenMultipleView(chooser_views.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return speakers_to_choose(self.request.user).filter(pk__in=pks)


class SpeakerChooserViewSet(chooser_views.SnippetChooserViewSet):
    choose_view_class = SpeakerChooseView
    choose_results_view_class = SpeakerChooseResultsView
    chosen_view_class = SpeakerChosenView
    chosen_multiple_view_class = SpeakerChosenMultipleView


class SpeakerDeleteView(DeleteView):
    """Wagtail's delete view asks for the model permission only; this one
    asks the policy about this speaker (a 403 for one shared with events the
    user does not manage)."""

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance("delete", self.object):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)


class SpeakerViewSet(EventScopedViewSetMixin, SnippetViewSet):
    model = Speaker
    delete_view_class = SpeakerDeleteView
    # Not scoped to the user's events, unlike the listing: see SpeakerChoiceMixin.
    chooser_viewset_class = SpeakerChooserViewSet
    icon = "user"
    menu_label = _("Speakers")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["full_name", "organisation", "country", "is_published", "updated_at"]
    list_filter = ["is_published", "country"]
    search_fields = ["first_name", "last_name", "organisation"]
    search_backend_name = None  # the listing is limited by id, which the search index cannot filter on
    # Exports list public profile fields only: never gender, email or needs.
    list_export = ["first_name", "last_name", "honorific", "position", "organisation", "country", "is_published"]
    export_filename = "speakers"

    def get_edit_handler(self):
        return TranslatedObjectList(
            [*Speaker.panels, TranslationsPanel()], base_form_class=with_translations(SpeakerAdminForm)
        ).bind_to_model(Speaker)


class InvitationIndexView(IndexView):
    """The invitations of the user's events (the viewset scopes
    ``get_base_queryset``), with the counts per status above them."""

    template_name = "speakers/admin/invitation_index.html"

    def get_base_queryset(self):
        return invitations_for_admin(super().get_base_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = invitation_status_counts(self.get_base_queryset())
        context["status_counts"] = [(status, label, counts[status]) for status, label in InvitationStatus.choices]
        context["balance_url"] = reverse("speakers_invitations:balance")
        return context


class InvitationViewSet(EventScopedViewSetMixin, ModelViewSet):
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
    filterset_class = event_filterset(Invitation, extra=["status", "role"])
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


class SpeakerDeleteBulkAction(EventScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's bulk delete, for the speakers of the user's events only
    (others are neither deleted nor named), under the same rule as the
    delete view."""

    models = [Speaker]
    permission_action = "delete"

    def check_perm(self, obj):
        # A speaker shared with another team's event is not this team's to delete.
        return policy_for(Speaker).user_has_permission_for_instance(self.request.user, "delete", obj)


# After Wagtail's own (registered for every snippet), so that it replaces it.
hooks.register("register_bulk_action", SpeakerDeleteBulkAction, order=1)
invitation_viewset = InvitationViewSet()


@hooks.register("register_admin_viewset")
def register_invitation_viewset():
    return invitation_viewset


def _may(user, action: str) -> bool:
    return policy_for(Invitation).user_has_permission(user, action)


class BalanceMenuItem(MenuItem):
    def is_shown(self, request):
        return _may(request.user, "view")


@hooks.register("register_admin_menu_item")
def register_balance_menu_item():
    return BalanceMenuItem(
        _("Panel balance"),
        reverse("speakers_invitations:balance"),
        icon_name="group",
        order=212,
    )


def _invite_button(session, user):
    if isinstance(session, Session) and _may(user, "add"):
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
        return context.get("view") == "edit" and _may(context["request"].user, "add") and super().is_shown(context)

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
        events = list(manageable_events(self.user)[:5])
        return {"balances": [event_balance(event) for event in events]}


@hooks.register("construct_homepage_panels")
def add_panel_balance(request, panels):
    if _may(request.user, "view"):
        panels.append(PanelBalancePanel(request.user))
