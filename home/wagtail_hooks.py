"""Admin hooks of the site shell: the site's outbox, and site history for
superusers only."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from home.models import OutgoingEmail
from home.outbox_admin import BULK_ACTIONS, OutboxPermissionPolicy, OutgoingEmailViewSet

# Before any view asks for it: an email reaches the admin only through its
# event (no event, as account mail: superusers only).
register_permission_policy(OutgoingEmail, OutboxPermissionPolicy(OutgoingEmail, event_lookup="event"))
register_snippet(OutgoingEmailViewSet)

# After Wagtail's own bulk delete (registered for every snippet), so that
# ours replaces it for the outbox.
for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)


@hooks.register("construct_reports_menu")
def hide_site_history_from_event_teams(request, menu_items):
    """Site history is for superusers (see ``home.views.superuser_only_site_history``)."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
