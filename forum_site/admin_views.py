"""What the organisers' own admin views share: the model permission first,
then the objects named in the URL, looked up among the user's events only."""

from django.core.exceptions import PermissionDenied
from django.views.defaults import permission_denied

from sessions.permissions import policy_for


class ScopedAdminMixin:
    """The permission ``permission_action`` on ``permission_model`` (a plain
    403 without it: Wagtail's admin would turn PermissionDenied into a
    redirect to the dashboard), then ``load_objects``, which looks the URL's
    objects up among the user's events only and raises Http404 for any other."""

    permission_model = None
    permission_action = "view"

    def dispatch(self, request, *args, **kwargs):
        if not policy_for(self.permission_model).user_has_permission(request.user, self.permission_action):
            return permission_denied(request, PermissionDenied())
        self.load_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def load_objects(self, **kwargs) -> None:
        """Fetch the objects named in the URL (of the user's events only)."""
