"""The list of participants in the admin: its PDFs (ask, follow, download),
at the events the organiser manages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from registration.official_list.models import ParticipantListBuild
from registration.official_list.views import (
    participant_list_build_detail,
    participant_list_build_download,
    participant_list_build_index,
)
from sessions.permissions import EventScopedPermissionPolicy, policy_for

register_permission_policy(ParticipantListBuild, EventScopedPermissionPolicy(ParticipantListBuild))


@hooks.register("register_admin_urls")
def register_participant_list_urls():
    return [
        path("participant-lists/", participant_list_build_index, name="official_list_builds"),
        path("participant-lists/<int:build_id>/", participant_list_build_detail, name="official_list_build"),
        path(
            "participant-lists/<int:build_id>/download/",
            participant_list_build_download,
            name="official_list_build_download",
        ),
    ]


class ParticipantListMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_for(ParticipantListBuild).user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def register_participant_list_menu_item():
    return ParticipantListMenuItem(
        _("List of participants"), reverse("official_list_builds"), icon_name="list-ul", order=325
    )
