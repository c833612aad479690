"""The event dashboard in the admin menu, its URLs, and a link to it from
each event page's header in the page editor."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from registration.dashboard.admin_views import DashboardCSVView, DashboardView
from registration.models import Registration
from sessions.models import EventPage
from sessions.permissions import policy_for, user_can_manage_event

admin_urls = (
    [
        path("", DashboardView.as_view(), name="index"),
        path("<int:event_id>/", DashboardView.as_view(), name="event"),
        path("<int:event_id>/<slug:key>.csv", DashboardCSVView.as_view(), name="csv"),
    ],
    "dashboard_admin",
)


@hooks.register("register_admin_urls")
def register_dashboard_admin_urls():
    return [path("event-dashboard/", include(admin_urls))]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_for(Registration).user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(_("Event dashboard"), reverse("dashboard_admin:index"), icon_name="view", order=150)


@hooks.register("register_page_header_buttons")
def dashboard_header_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, EventPage) and user_can_manage_event(user, page.pk):
        yield Button(
            _("Dashboard"),
            url=reverse("dashboard_admin:event", kwargs={"event_id": page.pk}),
            icon_name="view",
            priority=12,
        )
