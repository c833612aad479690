"""Registration: per-event settings, participant categories, registrations
and their log. Badges and check-in keep their models in
``registration/badges`` and ``registration/checkin``; email goes through
the site's outbox (``home.OutgoingEmail``)."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from home.translated import Translated, TranslatedFieldsMixin

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I

# Honorifics in UN usage, offered beside the field (free text is allowed too).
HONORIFICS = ("H.E.", "Hon.", "Dr", "Prof.", "Mr", "Ms", "Mx")


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class RegistrationMode(models.TextChoices):
    OPEN = "open", _("Open")
    APPROVAL = "approval", _("Approval required")
    INVITATION = "invitation", _("Invitation code only")


class ListVisibility(models.TextChoices):
    HIDDEN = "hidden", _("Organisers only")
    PARTICIPANTS = "participants", _("Confirmed participants")
    PUBLIC = "public", _("Everyone")


class RegistrationSettings(models.Model):
    """How an event takes registrations. Its row is the lock that every seat
    decision for the event takes (``select_for_update``)."""

    event = models.OneToOneField(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="registration_settings", verbose_name=_("Event")
    )
    opens_at = models.DateTimeField(_("Registration opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("Registration closes"), null=True, blank=True)
    mode = models.CharField(_("Mode"), max_length=20, choices=RegistrationMode.choices, default=RegistrationMode.OPEN)
    capacity_in_person = models.PositiveIntegerField(
        _("In-person capacity"), null=True, blank=True, help_text=_("Blank means unlimited.")
    )
    capacity_online = models.PositiveIntegerField(
        _("Online capacity"), null=True, blank=True, help_text=_("Blank means unlimited.")
    )
    waitlist_enabled = models.BooleanField(_("Waiting list"), default=True)
    nominations_close_at = models.DateTimeField(
        _("Nominations close"),
        null=True,
        blank=True,
        help_text=_("After this, focal points can no longer nominate, edit or withdraw delegates."),
    )
    list_visibility = models.CharField(
        _("List of participants"),
        max_length=20,
        choices=ListVisibility.choices,
        default=ListVisibility.PARTICIPANTS,
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("Reminder, days before"),
        default=2,
        validators=[MaxValueValidator(30)],
        help_text=_(
            "Confirmed participants get a reminder this many days before the event (at 8:00, event time), "
            "with their badge and the practical information, or the stream link when online. 0: no reminder."
        ),
    )

    class Meta:
        verbose_name = _("Registration settings")
        verbose_name_plural = _("Registration settings")

    def __str__(self):
        return str(self.event)


class Category(TranslatedFieldsMixin, models.Model):
    """A participant category of one event (Member State delegation, civil
    society, media...), with its badge colour and its own rules."""

    translated_fields = ("name", "description")

    event = models.ForeignKey(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="registration_categories", verbose_name=_("Event")
    )
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Slug"), max_length=100)
    description = models.TextField(_("Description"), blank=True)
    badge_colour = models.CharField(_("Badge colour"), max_length=7, default="#1f5f8b")
    capacity = models.PositiveIntegerField(_("Capacity"), null=True, blank=True, help_text=_("Blank means unlimited."))
    approval_required = models.BooleanField(_("Approval required"), default=False)
    is_public = models.BooleanField(
        _("Public"), default=True, help_text=_("Public categories are offered on the form; others need a code.")
    )
    sort_order = models.PositiveIntegerField(_("Order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Participant category")
        verbose_name_plural = _("Participant categories")
        constraints = [models.UniqueConstraint(fields=["event", "slug"], name="category_unique_slug_per_event")]

    def __str__(self):
        return self.name

    def source_language_owner(self):
        return self.event if self.event_id else None


class InvitationCode(models.Model):
    """A code that opens a non-public category, for a number of uses."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="invitation_codes")
    code = models.CharField(_("Code"), max_length=40)
    max_uses = models.PositiveIntegerField(_("Number of uses"), default=1)
    times_used = models.PositiveIntegerField(_("Times used"), default=0)

    class Meta:
        verbose_name = _("Invitation code")
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="invitation_code_unique"),
            models.CheckConstraint(
                condition=Q(times_used__lte=models.F("max_uses")), name="invitation_code_not_overused"
            ),
        ]

    def __str__(self):
        return self.code


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    YES_NO = "yes_no", _("Yes / no")


class Question(TranslatedFieldsMixin, models.Model):
    """An extra question an event asks on its registration form. Its choices
    are translated line by line, but an answer stores the source choice, so
    figures and exports count one answer whatever the language."""

    translated_fields = ("label", "choices")

    event = models.ForeignKey("agenda.EventPage", on_delete=models.CASCADE, related_name="registration_questions")
    label = models.CharField(_("Question"), max_length=255)
    kind = models.CharField(_("Kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SHORT_TEXT)
    choices = models.TextField(_("Choices"), blank=True, help_text=_("One per line, for choice questions."))
    required = models.BooleanField(_("Required"), default=False)
    sort_order = models.PositiveIntegerField(_("Order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("Question")

    def __str__(self):
        return self.label

    def source_language_owner(self):
        return self.event if self.event_id else None

    @property
    def choice_values(self) -> list[str]:
        """The source choices, one a line: what an answer stores."""
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def translated_choices(self, language: str | None = None) -> list[tuple[str, Translated]]:
        """(stored value, label shown) for each choice: the translation's line
        at the same place, else the source choice marked as a fallback."""
        values = self.choice_values
        text = self.translated("choices", language)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if text.is_fallback or len(lines) != len(values):
            return [(value, Translated(value, language=self.source_language, is_fallback=True)) for value in values]
        return [(value, Translated(line, language=text.language)) for value, line in zip(values, lines, strict=True)]


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Registration(models.Model):
    """One person's registration for one event."""

    reference = models.CharField(_("Reference"), max_length=12, unique=True, default=new_reference, editable=False)
    event = models.ForeignKey(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="registrations", verbose_name=_("Event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations", null=True, blank=True
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("Category")
    )
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
        db_index=True,
    )
    attendance_mode = models.CharField(
        _("Attendance"), max_length=20, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    honorific = models.CharField(_("Honorific"), max_length=50, blank=True)
    first_name = models.CharField(_("First name"), max_length=100)
    last_name = models.CharField(_("Last name"), max_length=100)
    email = models.EmailField(_("Email"))
    organisation = models.CharField(_("Organisation"), max_length=200)
    position = models.CharField(_("Position"), max_length=200, blank=True)
    country = CountryField(_("Country"))
    gender = models.CharField(_("Gender"), max_length=20, blank=True)
    preferred_language = models.CharField(
        _("Preferred language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    dietary_needs = models.CharField(_("Dietary needs"), max_length=255, blank=True)
    accessibility_needs = models.CharField(_("Accessibility needs"), max_length=255, blank=True)
    interpretation_needs = models.CharField(_("Interpretation needs"), max_length=255, blank=True)
    visa_letter_requested = models.BooleanField(_("Visa support letter requested"), default=False)
    photo_consent = models.BooleanField(_("Photo consent"), default=False)
    list_consent = models.BooleanField(
        _("Listed in the list of participants"),
        default=False,
        help_text=_("Given by the person: name, position and organisation in the official list of participants."),
    )
    privacy_accepted_at = models.DateTimeField(_("Privacy notice accepted at"), null=True, blank=True)
    privacy_notice_version = models.ForeignKey(
        "home.PrivacyNoticeVersion",
        on_delete=models.PROTECT,  # what a person accepted stays readable while their registration exists
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("Privacy notice version accepted"),
    )
    anonymised_at = models.DateTimeField(
        _("Anonymised at"),
        null=True,
        blank=True,
        help_text=_("Its personal data was erased; counts and statistics keep it."),
    )
    claimed_at = models.DateTimeField(
        _("Claimed at"),
        null=True,
        blank=True,
        help_text=_("When the person signed in with this address and took the registration made for them."),
    )
    capacity_override = models.BooleanField(_("Confirmed over capacity"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="An organiser or focal point who registered this person.",
    )
    badge_version = models.PositiveIntegerField(_("Badge version"), default=1)
    checked_in_at = models.DateTimeField(_("Checked in at"), null=True, blank=True)
    checked_in_gate = models.CharField(_("Checked in at gate"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Registration")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], condition=Q(user__isnull=False), name="registration_one_per_user_per_event"
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"]),
            # Claiming looks registrations without an account up by address.
            models.Index(Lower("email"), condition=Q(user__isnull=True), name="registration_unclaimed_email"),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.reference})"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.honorific, self.first_name, self.last_name) if part)

    @property
    def awaits_consent(self) -> bool:
        """Made for the person, who has not yet given their own consent
        (the privacy notice) while it is still active."""
        return self.privacy_accepted_at is None and self.status in (
            RegistrationStatus.PENDING,
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITLISTED,
        )


class Answer(models.Model):
    """A participant's answer to an event's extra question."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(default=str)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "question"], name="answer_unique")]

    def __str__(self):
        return f"{self.question}: {self.value}"


class RegistrationLogEntry(models.Model):
    """A registration's log: every change of its status, and every badge
    reissue (the status unchanged), by whom and why."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="log_entries")
    from_status = models.CharField(max_length=20, choices=RegistrationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.registration_id}: {self.from_status or '-'} -> {self.to_status}"


class DetailChange(models.Model):
    """Audit trail: a change of a registration's name, organisation or email
    (the details a badge shows or the emails go to), old and new, by whom."""

    class Field(models.TextChoices):
        HONORIFIC = "honorific", _("Honorific")
        FIRST_NAME = "first_name", _("First name")
        LAST_NAME = "last_name", _("Last name")
        ORGANISATION = "organisation", _("Organisation")
        EMAIL = "email", _("Email")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="detail_changes")
    field = models.CharField(max_length=20, choices=Field.choices)
    old_value = models.CharField(max_length=255, blank=True)
    new_value = models.CharField(max_length=255, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.registration_id}: {self.field} {self.old_value!r} -> {self.new_value!r}"
