"""Participant pages: register, my registrations, details, edit, cancel.

The register and edit forms are rate-limited per person (429 beyond the
limit, and nothing is saved): a flood of submissions, and guessing
invitation codes, which only wrong codes count against."""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from forum_site.forms import add_service_errors
from forum_site.ratelimit import RateLimit, client_key
from registration import selectors, services
from registration.forms import RegistrationDetailsForm, RegistrationForm
from registration.models import RegistrationMode, RegistrationStatus
from registration.views.claim import consent_url
from sessions.models import EventPage

REGISTRATION_SUBMITS = RateLimit("registration-submit", limit=20, window=10 * 60)
WRONG_INVITATION_CODES = RateLimit("registration-invitation-code", limit=10, window=10 * 60)

# Fields never put back into a form refused for too many attempts.
NOT_KEPT = {"csrfmiddlewaretoken", "invitation_code", "privacy_accepted"}


def _wait_message(limit: RateLimit) -> str:
    minutes = math.ceil(limit.retry_after() / 60)
    return ngettext(
        "Please wait %(minutes)s minute and try again.", "Please wait %(minutes)s minutes and try again.", minutes
    ) % {"minutes": minutes}


def _too_many(request, template: str, context: dict, *, limit: RateLimit, reason: str):
    """The form again, unvalidated (so nothing is checked, counted or saved),
    with the reason and how long to wait."""
    messages.error(request, f"{reason} {_wait_message(limit)}")
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(limit.retry_after())
    return response


def _kept_input(request) -> dict:
    return {key: value for key, value in request.POST.items() if key not in NOT_KEPT}


def _badge_path(registration) -> str:
    """The badge link of a page: a path on the site the page was asked from."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return ""
    return reverse("badges:badge", kwargs={"reference": registration.reference})


def _own_registration(request, reference: str):
    try:
        return selectors.registration_for_user(user=request.user, reference=reference)
    except selectors.Registration.DoesNotExist as error:
        raise Http404(_("No such registration.")) from error


@login_required
@require_http_methods(["GET", "POST"])
def register(request, event_id: int):
    event = get_object_or_404(EventPage.objects.live().originals(), pk=event_id)
    # A registration made for this person's address is theirs already: no second one.
    services.registrations_claim(user=request.user)
    existing = selectors.registration_of_user_for_event(user=request.user, event=event)
    if existing is not None:
        messages.info(request, _("You are already registered for this event."))
        return redirect("registration:detail", reference=existing.reference)
    settings = selectors.event_registration_settings(event=event)
    form_kwargs = {
        "event": event,
        "questions": selectors.event_questions(event=event),
        "categories": selectors.public_categories(event=event),
        "invitation_only": settings is not None and settings.mode == RegistrationMode.INVITATION,
        "privacy_version": selectors.privacy_notice_version(),
    }
    context = {"event": event, "registration_settings": settings}
    if request.method == "POST":
        key = client_key(request)
        if not REGISTRATION_SUBMITS.allow(key):
            context["form"] = RegistrationForm(initial=_kept_input(request), **form_kwargs)
            reason = _("You have sent the registration form too many times in a short while.")
            return _too_many(request, "registration/register.html", context, limit=REGISTRATION_SUBMITS, reason=reason)
        if request.POST.get("invitation_code", "").strip() and WRONG_INVITATION_CODES.exceeded(key):
            context["form"] = RegistrationForm(initial=_kept_input(request), **form_kwargs)
            reason = _("Too many wrong invitation codes.")
            return _too_many(
                request, "registration/register.html", context, limit=WRONG_INVITATION_CODES, reason=reason
            )
        form = RegistrationForm(request.POST, **form_kwargs)
        valid = form.is_valid()
        if form.invitation_code_rejected:
            WRONG_INVITATION_CODES.count(key)
        if valid:
            try:
                registration = services.registration_register(
                    event=event,
                    user=request.user,
                    category=form.cleaned_data["category"],
                    details=form.details(),
                    answers=form.answers(),
                    invitation_code=form.cleaned_data.get("invitation_code", ""),
                    privacy_accepted=form.cleaned_data["privacy_accepted"],
                    privacy_notice_version=form.cleaned_data.get("privacy_notice_version"),
                )
            except services.AlreadyRegistered as already:
                messages.info(request, _("You are already registered for this event."))
                return redirect("registration:detail", reference=already.registration.reference)
            except ValidationError as error:
                if "invitation_code" in getattr(error, "error_dict", {}):
                    WRONG_INVITATION_CODES.count(key)  # a used-up code, or one of another category
                add_service_errors(form, error)
            else:
                return redirect("registration:detail", reference=registration.reference)
    else:
        user = request.user
        form = RegistrationForm(
            initial={"first_name": user.first_name, "last_name": user.last_name, "email": user.email}, **form_kwargs
        )
    return render(request, "registration/register.html", {**context, "form": form})


@login_required
def my_registrations(request):
    """The person's registrations, with those made for their verified
    addresses taken up first (one query when there are none)."""
    services.registrations_claim(user=request.user)
    return render(request, "registration/my_registrations.html", _list_context(request.user))


def _list_context(user) -> dict:
    registrations = list(selectors.registrations_for_user(user=user))
    for registration in registrations:
        registration.badge_url = "" if registration.awaits_consent else _badge_path(registration)
    return {
        "registrations": registrations,
        "awaiting_consent": [registration for registration in registrations if registration.awaits_consent],
    }


def account_section(request) -> str | None:
    """The "My registrations" section of the My account page."""
    if not request.user.is_authenticated:
        return None
    return render_to_string("registration/account_section.html", _list_context(request.user), request=request)


def _consent_first(request, registration):
    """A registration made for the person asks their consent before its pages."""
    return redirect(consent_url(registration, next_url=request.get_full_path()))


@login_required
def detail(request, reference: str):
    registration = _own_registration(request, reference)
    if registration.awaits_consent:
        return _consent_first(request, registration)
    return render(
        request,
        "registration/detail.html",
        {
            "registration": registration,
            "event": registration.event,
            "waitlist_position": selectors.waitlist_position(registration),
            "badge_url": _badge_path(registration),
            "answers": list(registration.answers.all()),
            "can_change": registration.status in services.ACTIVE_STATUSES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, reference: str):
    registration = _own_registration(request, reference)
    if registration.status not in services.ACTIVE_STATUSES:
        raise Http404(_("This registration can no longer be changed."))
    if registration.awaits_consent:
        return _consent_first(request, registration)
    event = registration.event
    form_kwargs = {"event": event, "questions": selectors.event_questions(event=event), "instance": registration}
    if registration.status == RegistrationStatus.PENDING and services.category_is_own_choice(registration):
        form_kwargs["categories"] = selectors.public_categories(event=event)
    context = {
        "registration": registration,
        "event": event,
        "rename_needs_approval": services.rename_needs_approval(
            registration=registration, settings=selectors.event_registration_settings(event=event)
        ),
    }
    if request.method == "POST":
        if not REGISTRATION_SUBMITS.allow(client_key(request)):
            context["form"] = RegistrationDetailsForm(initial=_kept_input(request), **form_kwargs)
            reason = _("You have sent the form too many times in a short while.")
            return _too_many(request, "registration/edit.html", context, limit=REGISTRATION_SUBMITS, reason=reason)
        before = registration.status, registration.badge_version
        form = RegistrationDetailsForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                updated = services.registration_update(
                    registration=registration,
                    details=form.details(),
                    answers=form.answers(),
                    category=form.cleaned_data.get("category"),
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _update_message(before, updated))
                return redirect("registration:detail", reference=registration.reference)
    else:
        form = RegistrationDetailsForm(**form_kwargs)
    return render(request, "registration/edit.html", {**context, "form": form})


def _update_message(before: tuple[str, int], registration) -> str:
    status, badge_version = before
    if registration.status == RegistrationStatus.PENDING and status != RegistrationStatus.PENDING:
        return _(
            "Your details have been updated. This event approves each participant, so your new name awaits "
            "the organisers' approval: your registration is pending until then, and a badge printed before "
            "no longer works."
        )
    if registration.badge_version != badge_version and registration.status == RegistrationStatus.CONFIRMED:
        return _(
            "Your details have been updated. Your badge now shows your new name: download it again, "
            "as a badge printed before no longer works."
        )
    return _("Your details have been updated.")


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, reference: str):
    registration = _own_registration(request, reference)
    if registration.status not in services.ACTIVE_STATUSES:
        messages.info(request, _("This registration is already cancelled."))
        return redirect("registration:detail", reference=registration.reference)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, by=request.user)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your registration has been cancelled."))
        return redirect("registration:detail", reference=registration.reference)
    return render(request, "registration/cancel.html", {"registration": registration, "event": registration.event})
