"""Badges: bulk print jobs and the events' signing keys. A badge itself is
drawn on demand from its registration (``pdf.py``); its QR code is a signed
token (``tokens.py``), signed with the event's Ed25519 key (``signing.py``)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forum_site.storage import private_storage
from registration.models import AttendanceMode


def badge_batch_file_name(instance, filename: str) -> str:
    """An unguessable name: the PDF holds every badge of a batch."""
    return f"badges/{secrets.token_urlsafe(16)}.pdf"


class BadgeBatch(models.Model):
    """A bulk badge print job for organisers: which registrations, which
    layout, and the PDF a Celery task builds (with its progress)."""

    class Layout(models.TextChoices):
        A4_FOUR = "a4_four", _("A4 sheets of four A6 badges")
        A6 = "a6", _("Single A6 pages")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="badge_batches", verbose_name=_("Event")
    )
    category = models.ForeignKey(
        "registration.Category",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Category"),
    )
    attendance_mode = models.CharField(_("Attendance"), max_length=20, choices=AttendanceMode.choices, blank=True)
    references = models.TextField(_("References"), blank=True)
    layout = models.CharField(_("Layout"), max_length=20, choices=Layout.choices, default=Layout.A4_FOUR)
    state = models.CharField(_("State"), max_length=20, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(_("Badges"), default=0)
    done = models.PositiveIntegerField(_("Badges drawn"), default=0)
    file = models.FileField(_("PDF"), upload_to=badge_batch_file_name, storage=private_storage, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)

    class Meta:
        db_table = "registration_badgebatch"  # kept when the model left the registration app
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Badge batch")
        verbose_name_plural = _("Badge batches")

    def __str__(self):
        return f"{self.event} ({self.get_layout_display()}, {self.total})"


class BadgeKey(models.Model):
    """One of an event's Ed25519 badge keys: its key id (in every badge code
    it signed) and its public key. The private key is derived from the site
    secret when a badge is drawn and never stored (``signing.py``)."""

    event = models.ForeignKey("agenda.EventPage", on_delete=models.CASCADE, related_name="badge_keys")
    kid = models.PositiveSmallIntegerField(_("Key id"))
    public_key = models.BinaryField(max_length=32)
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    retired_at = models.DateTimeField(_("Retired at"), null=True, blank=True)

    class Meta:
        ordering = ["event", "kid"]
        verbose_name = _("Badge key")
        constraints = [models.UniqueConstraint(fields=["event", "kid"], name="badge_key_id_once_per_event")]

    def __str__(self):
        return f"key {self.kid} of event {self.event_id}"
