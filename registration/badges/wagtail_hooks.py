"""The badge admin: its URLs, menu item, and the "Reissue badge" button in
the registrations listing."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permissions import ModelPermissionPolicy, register_permission_policy

from registration.badges.models import BadgeBatch
from registration.badges.views import badge_batch_detail, badge_batch_download, badge_batch_index, badge_reissue_view
from registration.models import Registration


@hooks.register("register_admin_urls")
def register_badge_urls():
    return [
        path("badges/", badge_batch_index, name="badges_batches"),
        path("badges/<int:batch_id>/", badge_batch_detail, name="badges_batch"),
        path("badges/<int:batch_id>/download/", badge_batch_download, name="badges_batch_download"),
        path("badges/reissue/<int:registration_id>/", badge_reissue_view, name="badges_reissue"),
    ]


@hooks.register("register_snippet_listing_buttons")
def registration_badge_buttons(instance, user, next_url=None):
    """In the registrations listing's "More" menu: reissue a lost badge."""
    if isinstance(instance, Registration) and user.has_perm("registration.change_registration"):
        yield Button(
            _("Reissue badge"),
            reverse("badges_reissue", kwargs={"registration_id": instance.pk}),
            icon_name="doc-full",
            priority=60,
        )


class BadgeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("badges.view_badgebatch")


@hooks.register("register_admin_menu_item")
def register_badge_menu_item():
    return BadgeMenuItem(_("Badges"), reverse("badges_batches"), icon_name="doc-full", order=320)


register_permission_policy(BadgeBatch, ModelPermissionPolicy(BadgeBatch))
