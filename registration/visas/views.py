"""Visa letter pages on the site: a participant's request (and its status)
from their registration, the issued letter's download, and the public
verification page a consulate opens from the letter's QR code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from forum_site.forms import add_service_errors
from forum_site.ratelimit import RateLimit, client_key
from registration import selectors as registration_selectors
from registration.views.claim import consent_url
from registration.visas import selectors, services
from registration.visas.forms import VisaRequestForm
from registration.visas.models import PASSPORT_FIELDS, VisaLetterRequest, VisaLetterStatus
from registration.visas.pdf import render_letter_pdf
from registration.visas.verification import code_is_valid
from sessions.i18n import event_title

VERIFICATIONS = RateLimit("visa-letter-verification", limit=60, window=10 * 60)


def _own_registration(request, reference: str):
    try:
        return registration_selectors.registration_for_user(user=request.user, reference=reference)
    except registration_selectors.Registration.DoesNotExist as error:
        raise Http404(_("No such registration.")) from error


def _initial(visa_request: VisaLetterRequest | None) -> dict:
    if visa_request is None or visa_request.passport_erased_at is not None:
        return {}
    return {field: getattr(visa_request, field) for field in services.REQUEST_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def request_letter(request, reference: str):
    """Ask for a letter (or correct a rejected request), and see where it stands."""
    registration = _own_registration(request, reference)
    if registration.awaits_consent:
        return redirect(consent_url(registration, next_url=request.get_full_path()))
    visa_request = selectors.request_of(registration)
    refusal = services.request_refusal(registration)
    form = None
    if not refusal:
        form = VisaRequestForm(request.POST or None, initial=_initial(visa_request))
        if request.method == "POST" and form.is_valid():
            try:
                services.visa_request_submit(registration=registration, by=request.user, data=form.request_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your request has been sent. The organisers will review it."))
                return redirect("visas:request", reference=registration.reference)
    elif request.method == "POST":
        messages.error(request, refusal)
    context = {
        "registration": registration,
        "event": registration.event,
        "visa_request": visa_request,
        "refusal": refusal,
        "form": form,
    }
    response = render(request, "visas/request.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def letter(request, reference: str):
    """The participant's issued letter, built now from their request."""
    registration = _own_registration(request, reference)
    visa_request = selectors.request_of(registration)
    if visa_request is None or visa_request.status != VisaLetterStatus.APPROVED or visa_request.passport_erased_at:
        raise Http404(_("No letter has been issued for this registration."))
    return letter_response(visa_request)


def letter_response(visa_request: VisaLetterRequest) -> HttpResponse:
    pdf = render_letter_pdf(visa_request, selectors.letter_settings(event=visa_request.event))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="visa-letter-{visa_request.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def verify(request, number: str, code: str):
    """What a consulate sees: number, name, event, dates, valid or withdrawn.
    A wrong number and a wrong code get the same "not found"."""
    if not VERIFICATIONS.allow(client_key(request)):
        response = render(request, "visas/verify.html", {"too_many": True}, status=429)
        response["Retry-After"] = str(VERIFICATIONS.retry_after())
        return response
    visa_request = None
    if code_is_valid(number, code):
        visa_request = (
            VisaLetterRequest.objects.select_related("registration", "event")
            .defer(*(field for field in PASSPORT_FIELDS if field != "passport_name"))
            .filter(number=number, status__in=(VisaLetterStatus.APPROVED, VisaLetterStatus.WITHDRAWN))
            .first()
        )
    if visa_request is None:
        response = render(request, "visas/verify.html", {"found": False}, status=404)
    else:
        context = {
            "found": True,
            "letter": visa_request,
            "name": visa_request.passport_name or visa_request.registration.full_name,
            "event_name": event_title(visa_request.event),
            "valid": visa_request.status == VisaLetterStatus.APPROVED,
        }
        response = render(request, "visas/verify.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
