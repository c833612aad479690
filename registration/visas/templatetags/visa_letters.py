"""``{% visa_letter_link registration as link %}``: on a participant's
registration page, where to ask for a visa letter or see it ("" when the
event offers none)."""

from django import template
from django.urls import reverse

from registration.visas.selectors import letter_settings

register = template.Library()


@register.simple_tag
def visa_letter_link(registration) -> str:
    settings = letter_settings(event=registration.event)
    if settings is None or not settings.offers_letters:
        return ""
    return reverse("visas:request", kwargs={"reference": registration.reference})


@register.simple_tag
def visa_letter_not_asked(registration) -> bool:
    """The person ticked "visa letter" when registering and has not asked
    for it yet (the registration page then reminds them)."""
    from registration.visas.models import VisaLetterRequest

    if not registration.visa_letter_requested:
        return False
    return not VisaLetterRequest.objects.filter(registration=registration).exists()
