"""Participant pages: register, my registrations, details, edit, cancel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from registration import selectors, services
from registration.emails import badge_url
from registration.forms import RegistrationDetailsForm, RegistrationForm
from registration.models import RegistrationMode, Status
from sessions.models import EventPage


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _own_registration(request, reference: str):
    try:
        return selectors.registration_for_user(user=request.user, reference=reference)
    except selectors.Registration.DoesNotExist as error:
        raise Http404(_("No such registration.")) from error


@login_required
@require_http_methods(["GET", "POST"])
def register(request, event_id: int):
    event = get_object_or_404(EventPage.objects.live(), pk=event_id)
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
    }
    if request.method == "POST":
        form = RegistrationForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                registration = services.registration_register(
                    event=event,
                    user=request.user,
                    category=form.cleaned_data["category"],
                    details=form.details(),
                    answers=form.answers(),
                    invitation_code=form.cleaned_data.get("invitation_code", ""),
                    privacy_accepted=form.cleaned_data["privacy_accepted"],
                )
            except services.AlreadyRegistered as already:
                messages.info(request, _("You are already registered for this event."))
                return redirect("registration:detail", reference=already.registration.reference)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return redirect("registration:detail", reference=registration.reference)
    else:
        user = request.user
        form = RegistrationForm(
            initial={"first_name": user.first_name, "last_name": user.last_name, "email": user.email}, **form_kwargs
        )
    return render(
        request,
        "registration/register.html",
        {"event": event, "form": form, "registration_settings": settings},
    )


@login_required
def my_registrations(request):
    registrations = list(selectors.registrations_for_user(user=request.user))
    for registration in registrations:
        registration.badge_url = badge_url(registration) if registration.status == Status.CONFIRMED else ""
    return render(request, "registration/my_registrations.html", {"registrations": registrations})


def account_section(request) -> str | None:
    """The "My registrations" section of the My account page."""
    if not request.user.is_authenticated:
        return None
    registrations = list(selectors.registrations_for_user(user=request.user))
    return render_to_string("registration/account_section.html", {"registrations": registrations}, request=request)


@login_required
def detail(request, reference: str):
    registration = _own_registration(request, reference)
    return render(
        request,
        "registration/detail.html",
        {
            "registration": registration,
            "event": registration.event,
            "waitlist_position": selectors.waitlist_position(registration),
            "badge_url": badge_url(registration) if registration.status == Status.CONFIRMED else "",
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
    event = registration.event
    form_kwargs = {"event": event, "questions": selectors.event_questions(event=event), "instance": registration}
    if registration.status == Status.PENDING:
        form_kwargs["categories"] = selectors.public_categories(event=event)
    if request.method == "POST":
        form = RegistrationDetailsForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                services.registration_update(
                    registration=registration,
                    details=form.details(),
                    answers=form.answers(),
                    category=form.cleaned_data.get("category"),
                    by=request.user,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your details have been updated."))
                return redirect("registration:detail", reference=registration.reference)
    else:
        form = RegistrationDetailsForm(**form_kwargs)
    return render(request, "registration/edit.html", {"registration": registration, "event": event, "form": form})


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
