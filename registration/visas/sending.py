"""Writing a visa letter email to the outbox: the issued letter (its PDF
attached; ``tasks.send_visa_letter`` calls it after the approval commits),
the rejection and the withdrawal notices."""

from __future__ import annotations

from django.db import transaction

from home.emails import render_email
from home.outbox import email_queue
from registration.visas.emails import email_context
from registration.visas.models import PASSPORT_FIELDS, VisaLetterRequest, VisaLetterStatus
from registration.visas.pdf import render_letter_pdf
from registration.visas.selectors import letter_settings

EMAIL_LETTER = "visa_letter"
EMAIL_REJECTED = "visa_letter_rejected"
EMAIL_WITHDRAWN = "visa_letter_withdrawn"


def locked(request: VisaLetterRequest, *, passport: bool = False) -> VisaLetterRequest:
    """The request, its row locked (not its registration's or event's), with
    its passport details only when ``passport`` (the letter is printed)."""
    requests = VisaLetterRequest.objects.select_for_update(of=("self",)).select_related("registration", "event")
    return (requests if passport else requests.defer(*PASSPORT_FIELDS)).get(pk=request.pk)


def queue_email(request: VisaLetterRequest, *, kind: str, template: str, attachments=(), holds_secret=False):
    registration = request.registration
    message = render_email(
        template,
        email_context(request),
        to=[registration.email],
        language=request.language,
        attachments=attachments,
    )
    return email_queue(
        message,
        kind=kind,
        event=request.event,
        registration=registration,
        language=request.language,
        dedupe_key=f"{kind}:{request.pk}:{request.number}" if kind == EMAIL_LETTER else None,
        holds_secret=holds_secret,
    )


def visa_letter_send(*, request: VisaLetterRequest):
    """Email the issued letter (its PDF attached) to the participant, once
    per number. The outbox forgets the attachment once it is sent."""
    with transaction.atomic():
        request = locked(request, passport=True)
        if request.status != VisaLetterStatus.APPROVED or request.passport_erased_at is not None:
            return None
        pdf = render_letter_pdf(request, letter_settings(event=request.event))
        return queue_email(
            request,
            kind=EMAIL_LETTER,
            template="visas/emails/letter",
            attachments=[(f"visa-letter-{request.number}.pdf", pdf, "application/pdf")],
            holds_secret=True,
        )
