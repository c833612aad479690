"""One person's "Resend confirmation" from the registrations listing (the
site's outbox itself is listed by ``home.outbox_admin``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from registration import selectors, services


def registration_resend_view(request, registration_id: int):
    """One registration's "Resend confirmation" (the listing's More menu):
    confirm, then send the email of its current status again."""
    if not request.user.has_perm("registration.change_registration"):
        raise PermissionDenied
    registration = get_object_or_404(selectors.registrations_for_admin(user=request.user), pk=registration_id)
    listing = reverse("wagtailsnippets_registration_registration:list")
    next_url = request.POST.get("next") or request.GET.get("next") or listing
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = listing
    if request.method == "POST":
        services.registration_resend_confirmation(registration=registration)
        messages.success(
            request,
            _("The email was queued again for %(name)s (%(email)s).")
            % {"name": registration.full_name, "email": registration.email},
        )
        return redirect(next_url)
    context = {"registration": registration, "next_url": next_url}
    return TemplateResponse(request, "registration/admin/resend_confirm.html", context)
