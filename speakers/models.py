"""Speaker profiles (a Wagtail snippet) and speaker invitations.

Sessions link to confirmed speakers through ``agenda.SessionSpeaker``; an
``Invitation`` is the pending offer, and only accepting it creates those
rows, so a pending invitation never shows on a public page."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from home.translated import TranslatedFieldsMixin
from sessions.models import SpeakerRole


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary or another gender")
    PREFER_NOT_TO_SAY = "undisclosed", _("Prefer not to say")


class Speaker(TranslatedFieldsMixin, index.Indexed, models.Model):
    """A person who speaks at one or more events. Organisers see and change
    a profile through the events it belongs to: its sessions
    (``agenda.SessionSpeaker``), its invitations, and ``added_for_event``,
    the event it was created for in the admin (until it has either). Its
    biography and position are translated (``home.translated``)."""

    translated_fields = ("bio", "position")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    honorific = models.CharField(_("Honorific"), max_length=50, blank=True, help_text=_("H.E., Dr, Prof..."))
    first_name = models.CharField(_("First name"), max_length=100)
    last_name = models.CharField(_("Last name"), max_length=100)
    slug = models.SlugField(_("Slug"), max_length=120, unique=True, blank=True)
    position = models.CharField(_("Position"), max_length=200, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    country = CountryField(_("Country"), blank=True)
    bio = RichTextField(_("Biography"), blank=True, features=["bold", "italic", "link"])
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Photo"),
    )
    website = models.URLField(_("Website"), blank=True)
    social_url = models.URLField(_("Social media profile"), blank=True)
    email = models.EmailField(_("Email"), blank=True, help_text=_("Private: used for invitations only."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="speaker_profiles"
    )
    gender = models.CharField(
        _("Gender"),
        max_length=20,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional; stored only with the speaker's consent and shown only in aggregate."),
    )
    gender_consent = models.BooleanField(_("Consent to store gender for balance figures"), default=False)
    language = models.CharField(
        _("Preferred language"), max_length=5, choices=settings.LANGUAGES, default="en", blank=True
    )
    travel_needs = models.TextField(_("Travel needs"), blank=True, help_text=_("Private: for the organisers only."))
    accessibility_needs = models.TextField(
        _("Accessibility needs"), blank=True, help_text=_("Private: for the organisers only.")
    )
    is_published = models.BooleanField(
        _("Published"), default=True, help_text=_("Published speakers appear on public pages.")
    )
    added_for_event = models.ForeignKey(
        "agenda.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Added for event"),
        help_text=_("The event this profile is created for: its organisers may edit it before it has a session."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("honorific"),
                FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                FieldPanel("slug"),
            ],
            heading=_("Name"),
        ),
        FieldPanel("position"),
        FieldPanel("organisation"),
        FieldPanel("country"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("social_url")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("gender"), FieldPanel("gender_consent")]),
        MultiFieldPanel([FieldPanel("travel_needs"), FieldPanel("accessibility_needs")], heading=_("Needs (private)")),
        FieldPanel("is_published"),
        FieldPanel("added_for_event"),
    ]
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.SearchField("organisation"),
        index.AutocompleteField("last_name"),
        index.FilterField("is_published"),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("Speaker")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(f"{self.first_name} {self.last_name}")[:100] or "speaker"
            slug, n = base, 2
            while Speaker.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)

    def clean(self):
        if self.gender and not self.gender_consent:
            raise ValidationError({"gender": _("Gender can only be stored with the speaker's consent.")})

    def source_language_owner(self):
        return self.added_for_event if self.added_for_event_id else None

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.honorific, self.first_name, self.last_name) if part)

    @property
    def consented_gender(self) -> str:
        """The gender to count in balance figures: only with consent."""
        return self.gender if self.gender_consent else ""


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class Invitation(models.Model):
    """An offer to speak at one or more sessions of an event, answered through
    a one-time link. The link's token is derived from ``token_salt`` and the
    site's secret key; only its SHA-256 (``token_hash``) is stored for look-up.
    Accepting creates the ``agenda.SessionSpeaker`` rows and the speaker's
    registration; until then nothing about the invitee is public."""

    event = models.ForeignKey(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="speaker_invitations", verbose_name=_("Event")
    )
    speaker = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        verbose_name=_("Speaker"),
        help_text=_("An existing speaker profile; or leave blank and give a name and an email."),
    )
    first_name = models.CharField(_("First name"), max_length=100, blank=True)
    last_name = models.CharField(_("Last name"), max_length=100, blank=True)
    email = models.EmailField(_("Email"), blank=True)
    language = models.CharField(_("Language of the emails"), max_length=5, choices=settings.LANGUAGES, default="en")
    sessions = models.ManyToManyField("agenda.Session", related_name="speaker_invitations", verbose_name=_("Sessions"))
    role = models.CharField(_("Role"), max_length=20, choices=SpeakerRole.choices, default=SpeakerRole.PANELLIST)
    message = models.TextField(_("Personal message"), blank=True)
    reply_by = models.DateField(_("Reply by"))
    status = models.CharField(
        _("Status"), max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING, db_index=True
    )
    token_salt = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("Link expires at"), editable=False)
    sent_at = models.DateTimeField(_("Last sent at"), null=True, blank=True, editable=False)
    sent_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    reminders_sent = models.JSONField(_("Reminders sent (days before)"), default=list, blank=True, editable=False)
    answered_at = models.DateTimeField(_("Answered at"), null=True, blank=True, editable=False)
    decline_reason = models.TextField(_("Reason for declining"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Invited by"),
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Speaker invitation")
        verbose_name_plural = _("Speaker invitations")
        indexes = [models.Index(fields=["event", "status"]), models.Index(fields=["status", "reply_by"])]
        constraints = [
            models.CheckConstraint(condition=~Q(email=""), name="invitation_has_email"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.PENDING
