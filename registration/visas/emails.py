"""What the visa letter emails show (rendered by ``home.emails.render_email``
in the participant's language)."""

from django.urls import reverse

from home.emails import absolute_url
from registration.visas.models import VisaLetterRequest
from sessions.i18n import event_title


def email_context(request: VisaLetterRequest) -> dict:
    registration = request.registration
    return {
        "request": request,
        "registration": registration,
        "event_name": event_title(request.event, request.language),
        "letter_url": absolute_url(reverse("visas:letter", kwargs={"reference": registration.reference})),
        "request_url": absolute_url(reverse("visas:request", kwargs={"reference": registration.reference})),
    }
