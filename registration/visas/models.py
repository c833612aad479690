"""Visa support letters: each event's letter settings, the requests of its
confirmed participants (passport details encrypted at rest) and the
sequences that number the letters."""

import secrets

from django.conf import settings
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forum_site.storage import private_storage
from home.translated import TranslatedFieldsMixin
from registration.visas.fields import EncryptedField
from registration.visas.images import validate_letter_image
from registration.visas.placeholders import validate_letter_text

IMAGE_EXTENSIONS = ["png", "jpg", "jpeg"]
# The encrypted fields of a request: left out (``defer``) of every read that
# does not show or print them, so a request whose key is gone can still be
# withdrawn, erased or listed.
PASSPORT_FIELDS = (
    "passport_name",
    "passport_number",
    "nationality",
    "date_of_birth",
    "passport_issued_on",
    "passport_expires_on",
)


def letter_image_file_name(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"visa-letter-images/{secrets.token_urlsafe(16)}.{extension}"


class VisaLetterSettings(TranslatedFieldsMixin, models.Model):
    """Whether an event offers visa support letters, and what its letters
    say: letterhead, signatory, the text with its placeholders (in each
    language) and the prefix of their numbers."""

    translated_fields = ("signatory_title", "letter_text")

    event = models.OneToOneField(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="visa_letter_settings", verbose_name=_("Event")
    )
    offers_letters = models.BooleanField(
        _("Offers visa support letters"),
        default=False,
        help_text=_("Confirmed participants can ask for a letter from their registration."),
    )
    number_prefix = models.CharField(
        _("Letter number prefix"),
        max_length=8,
        default="VL",
        validators=[RegexValidator(r"^[A-Z]{1,8}$", _("Use one to eight capital letters, for example GF."))],
        help_text=_("Letters are numbered with it and the event's year: GF gives GF2026-0001, GF2026-0002..."),
    )
    letterhead = models.FileField(
        _("Letterhead"),
        upload_to=letter_image_file_name,
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(IMAGE_EXTENSIONS), validate_letter_image],
        help_text=_("A PNG or JPEG image printed across the top of each letter."),
    )
    signatory_name = models.CharField(_("Signatory's name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("Signatory's title"), max_length=200, blank=True)
    signature = models.FileField(
        _("Signature"),
        upload_to=letter_image_file_name,
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(IMAGE_EXTENSIONS), validate_letter_image],
        help_text=_("A PNG or JPEG image of the signature, kept in private storage."),
    )
    letter_text = models.TextField(
        _("Letter text"),
        blank=True,
        validators=[validate_letter_text],
        help_text=_(
            "Paragraphs separated by a blank line. Placeholders: {name}, {passport_number}, {nationality}, "
            "{date_of_birth}, {passport_issued_on}, {passport_expires_on}, {position}, {organisation}, {event}, "
            "{event_dates}, {venue}, {stay_from}, {stay_until}, {consulate_city}, {number}. "
            "Blank: the standard text, in the participant's language."
        ),
    )

    class Meta:
        verbose_name = _("Visa letter settings")
        verbose_name_plural = _("Visa letter settings")

    def __str__(self):
        return str(self.event)

    def source_language_owner(self):
        return self.event if self.event_id else None


class VisaLetterStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Letter issued")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class VisaLetterRequest(models.Model):
    """A participant's request for a visa support letter (one per
    registration), with the passport details the letter states. Those are
    encrypted in the database, shown only to the event's organisers with
    the ``view_passport_data`` permission, and erased when the event's
    retention period ends (``passport_erased_at``). Once approved it has a
    number, and its letter is built from it whenever asked (never stored)."""

    registration = models.OneToOneField(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="visa_letter_request",
        verbose_name=_("Registration"),
    )
    event = models.ForeignKey(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="visa_letter_requests", verbose_name=_("Event")
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=VisaLetterStatus.choices, default=VisaLetterStatus.REQUESTED
    )
    passport_name = EncryptedField(_("Name as in the passport"))
    passport_number = EncryptedField(_("Passport number"))
    nationality = EncryptedField(_("Nationality"))
    date_of_birth = EncryptedField(_("Date of birth"), kind="date")
    passport_issued_on = EncryptedField(_("Passport issued on"), kind="date")
    passport_expires_on = EncryptedField(_("Passport expires on"), kind="date")
    passport_erased_at = models.DateTimeField(_("Passport details erased at"), null=True, blank=True)
    consulate_city = models.CharField(
        _("Consulate city"), max_length=100, help_text=_("Where you will apply for the visa.")
    )
    stay_from = models.DateField(_("Arrival"))
    stay_until = models.DateField(_("Departure"))
    number = models.CharField(_("Letter number"), max_length=20, null=True, blank=True, unique=True)
    language = models.CharField(_("Letter language"), max_length=5, choices=settings.LANGUAGES, default="en")
    reason = models.TextField(_("Reason"), blank=True, help_text=_("Why it was rejected or withdrawn."))
    requested_at = models.DateTimeField(_("Requested at"))
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("Visa letter request")
        verbose_name_plural = _("Visa letter requests")
        permissions = [("view_passport_data", _("Can see the passport details of visa letter requests"))]
        indexes = [models.Index(fields=["event", "status", "requested_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(stay_from__lte=models.F("stay_until")), name="visa_stay_in_order"),
            models.CheckConstraint(
                condition=~Q(status=VisaLetterStatus.APPROVED) | Q(number__isnull=False),
                name="visa_issued_letter_has_number",
            ),
        ]

    def __str__(self):
        # No passport detail: this appears in logs and admin titles.
        return self.number or f"{self.registration_id}"


class LetterNumberSequence(models.Model):
    """The last number given to a letter, per prefix and year; its row is
    locked (``select_for_update``) while a number is taken, so two approvals
    never share one. Numbers are unique across the site, as the public
    verification page finds a letter by its number."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="letter_number_sequence_unique")]

    def __str__(self):
        return f"{self.prefix}{self.year}: {self.last}"
