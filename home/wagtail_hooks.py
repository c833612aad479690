"""Admin hooks of the site shell."""

from wagtail import hooks


@hooks.register("construct_reports_menu")
def hide_site_history_from_event_teams(request, menu_items):
    """Site history is for superusers (see ``home.views.superuser_only_site_history``)."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
