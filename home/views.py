from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView

from home.account import account_sections


@login_required
def account_home(request):
    """ "My account": the hub that each capability adds a section to."""
    return render(request, "home/account_home.html", {"sections": account_sections(request)})


@require_admin_access
def superuser_only_site_history(request, *args, **kwargs):
    """Wagtail's "Site history" report lists every admin change whose model
    the user has rights on, whatever the event: another team's invitation
    codes, draft sessions and speakers. It is for superusers only; an
    organiser reads the history of their own objects on each object."""
    if not (request.user.is_active and request.user.is_superuser):
        raise Http404
    view = LogEntriesView.as_view(results_only=request.path.rstrip("/").endswith("/results"))
    return view(request, *args, **kwargs)
