"""Admin for registrations. Badges and check-in have their own
(``registration/badges/wagtail_hooks.py``, ``registration/checkin/wagtail_hooks.py``)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from registration.models import Category, InvitationCode, Question, Registration, RegistrationSettings
from registration.views.admin import (
    BULK_ACTIONS,
    DELETE_ACTIONS,
    RegistrationAdminGroup,
    RegistrationPermissionPolicy,
    registration_resend_view,
)
from sessions.permissions import EventScopedPermissionPolicy

# Before any view asks for them: each model reaches the admin only through
# the events the user may manage.
register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))
for model in (Category, Question, RegistrationSettings):
    register_permission_policy(model, EventScopedPermissionPolicy(model))
register_permission_policy(InvitationCode, EventScopedPermissionPolicy(InvitationCode, event_lookup="category__event"))

register_snippet(RegistrationAdminGroup)

# After Wagtail's own bulk delete (registered for every snippet), so that
# ours replaces it for our models.
for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)


@hooks.register("register_actions")
def register_delete_actions(registry):
    for model, action_class in DELETE_ACTIONS.items():
        registry.register(model, action_class)


@hooks.register("register_admin_urls")
def import_list_urls():
    from django.urls import path

    from registration.views.import_list import import_list_view

    return [
        path("registration/import/", import_list_view, name="registration_import_list"),
        path("registration/<int:registration_id>/resend/", registration_resend_view, name="registration_resend"),
    ]


@hooks.register("register_snippet_listing_buttons")
def registration_resend_button(instance, user, next_url=None):
    """In the registrations listing's "More" menu: send one person's email again."""
    if isinstance(instance, Registration) and user.has_perm("registration.change_registration"):
        url = reverse("registration_resend", kwargs={"registration_id": instance.pk})
        yield Button(
            _("Resend confirmation"),
            f"{url}?{urlencode({'next': next_url})}" if next_url else url,
            icon_name="mail",
            priority=55,
        )


class ImportListMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("registration.add_registration")


@hooks.register("register_admin_menu_item")
def import_list_menu_item():
    return ImportListMenuItem(
        _("Import a delegation list"), reverse("registration_import_list"), icon_name="upload", order=305
    )
