"""A person's own data: the download of everything the site holds about
them, and deleting their account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from registration.models import Registration
from registration.privacy import services
from registration.privacy.export import user_data
from registration.privacy.forms import AccountDeleteForm


@login_required
def my_data(request):
    data = user_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    filename = f"my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = AccountDeleteForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=user)
        logout(request)
        messages.success(request, _("Your account has been deleted and your registrations anonymised."))
        return redirect("privacy:account_deleted")
    registrations = Registration.objects.filter(user=user).select_related("event").order_by("created_at")
    return render(request, "privacy/delete_account.html", {"form": form, "registrations": registrations})


def account_deleted(request):
    return render(request, "privacy/account_deleted.html")


def account_section(request) -> str | None:
    """The "Your data" section of the My account page."""
    from django.template.loader import render_to_string

    if not request.user.is_authenticated:
        return None
    return render_to_string("privacy/account_section.html", {}, request=request)
