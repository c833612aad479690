"""Messages to participants in the admin menu, and their URLs."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from registration.mailings.admin_views import (
    MailingComposeView,
    MailingDetailView,
    MailingIndexView,
    MailingSendView,
)
from registration.models import Registration
from sessions.permissions import policy_for

admin_urls = (
    [
        path("", MailingIndexView.as_view(), name="index"),
        path("<int:event_id>/", MailingIndexView.as_view(), name="event"),
        path("<int:event_id>/new/", MailingComposeView.as_view(), name="add"),
        path("<int:event_id>/<int:mailing_id>/", MailingDetailView.as_view(), name="detail"),
        path("<int:event_id>/<int:mailing_id>/edit/", MailingComposeView.as_view(), name="edit"),
        path("<int:event_id>/<int:mailing_id>/send/", MailingSendView.as_view(), name="send"),
    ],
    "mailings_admin",
)


@hooks.register("register_admin_urls")
def register_mailings_admin_urls():
    return [path("event-messages/", include(admin_urls))]


class MailingsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_for(Registration).user_has_permission(request.user, "change")


@hooks.register("register_admin_menu_item")
def register_mailings_menu_item():
    return MailingsMenuItem(_("Messages to participants"), reverse("mailings_admin:index"), icon_name="mail", order=160)
