"""Taking up a registration someone else made: the claim link from the
emails, and the consent page a claimed registration asks first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forum_site.forms import add_service_errors
from home.privacy_notice import version_url
from registration import selectors, services
from registration.claim_tokens import registration_for_claim_token
from registration.forms import ConsentForm


def masked_email(email: str) -> str:
    """The address with its local part hidden but for its first letter: a•••@example.org."""
    local, at, domain = email.partition("@")
    if not at:
        return "•••"
    return f"{local[:1]}•••@{domain}"


def consent_url(registration, *, next_url: str = "") -> str:
    url = reverse("registration:consent", kwargs={"reference": registration.reference})
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


@require_GET
def claim(request, token: str):
    """The claim link. Bad or tampered (or made for an address the
    registration no longer has): 404. Not signed in: how to sign in or
    sign up with that address, and back here. Signed in with that address
    verified: the registration becomes theirs. Any other account: why not,
    and nothing changes (403)."""
    registration = registration_for_claim_token(token)
    if registration is None:
        return render(request, "registration/claim_invalid.html", status=404)
    context = {
        "registration": registration,
        "event": registration.event,
        "masked_email": masked_email(registration.email),
    }
    user = request.user
    if not user.is_authenticated:
        context.update(
            login_url=_with_next("account_login", request.path),
            signup_url=_with_next("account_signup", request.path),
        )
        return render(request, "registration/claim_sign_in.html", context)
    if registration.user_id == user.pk:
        return redirect("registration:detail", reference=registration.reference)
    address = selectors.address_of_user(user=user, email=registration.email)
    if registration.user_id is None and address is not None and address.verified:
        services.registrations_claim(user=user)
        registration.refresh_from_db(fields=["user"])
        if registration.user_id == user.pk:
            messages.success(request, _("This registration is now linked to your account."))
            return redirect("registration:detail", reference=registration.reference)
        existing = selectors.registration_of_user_for_event(user=user, event=registration.event)
        if existing is not None:
            messages.warning(
                request,
                _(
                    "Your account already has a registration for this event (%(reference)s), so the one made "
                    "for you (%(other)s) was not added to it. Please write to the organisers if you need it."
                )
                % {"reference": existing.reference, "other": registration.reference},
            )
            return redirect("registration:detail", reference=existing.reference)
    context.update(
        address_unverified=address is not None and not address.verified,
        claimed_elsewhere=registration.user_id is not None,
        email_management_url=reverse("account_email"),
        logout_url=reverse("account_logout"),
        signed_in_as=user.email,
    )
    return render(request, "registration/claim_other_address.html", context, status=403)


def _safe_next(request, default: str) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return default


@login_required
@require_http_methods(["GET", "POST"])
def consent(request, reference: str):
    """What only the person can give, asked before anything else of a
    registration made for them: the privacy notice, photos, the list of
    participants, their gender. Cancelling stays possible without it."""
    try:
        registration = selectors.registration_for_user(user=request.user, reference=reference)
    except selectors.Registration.DoesNotExist as error:
        raise Http404(_("No such registration.")) from error
    next_url = _safe_next(request, reverse("registration:detail", kwargs={"reference": registration.reference}))
    if not registration.awaits_consent:
        return redirect(next_url)
    form = ConsentForm(
        request.POST or None, registration=registration, privacy_version=selectors.privacy_notice_version()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_give_consent(registration=registration, by=request.user, **form.consent())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your registration is complete."))
            return redirect(next_url)
    context = {
        "form": form,
        "registration": registration,
        "event": registration.event,
        "next_url": next_url,
        "privacy_url": version_url(form.privacy_notice_shown) if form.privacy_notice_shown else "",
    }
    return render(request, "registration/consent.html", context)
