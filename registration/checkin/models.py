"""Check-in: every scan at a gate (the log) and the API tokens of scanning
devices. Who may scan where is ``sessions.permissions``' to say."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_GATE_LENGTH = 50


class ScanResult(models.TextChoices):
    OK = "ok", _("Checked in")
    ALREADY_CHECKED_IN = "already_checked_in", _("Already checked in")
    CANCELLED = "cancelled", _("Cancelled")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")
    WRONG_EVENT = "wrong_event", _("Wrong event")
    INVALID = "invalid", _("Invalid")


class Scan(models.Model):
    """Every scan at a gate: who, where, when, what it said."""

    event = models.ForeignKey("agenda.EventPage", on_delete=models.CASCADE, null=True, blank=True, related_name="scans")
    registration = models.ForeignKey(
        "registration.Registration", on_delete=models.CASCADE, null=True, blank=True, related_name="scans"
    )
    code = models.CharField(max_length=200, blank=True)
    gate = models.CharField(max_length=MAX_GATE_LENGTH, blank=True)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    result = models.CharField(max_length=20, choices=ScanResult.choices)
    scanned_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    nonce = models.CharField(max_length=64, null=True, blank=True, unique=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "registration_scan"  # kept when the model left the registration app
        ordering = ["-scanned_at", "-pk"]

    def __str__(self):
        return f"{self.result} at {self.scanned_at:%H:%M:%S}"


class ScannerToken(models.Model):
    """An API token for a scanning device or an outside check-in tool: it
    acts as its user, at the events it was made for that the user still
    works at (``sessions.permissions.checkin_event_ids``). Only a hash of
    the key is stored; the key is shown once, when the token is created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scanner_tokens")
    name = models.CharField(_("Name"), max_length=100, help_text=_("Which device or tool uses it."))
    events = models.ManyToManyField("agenda.EventPage", related_name="+", verbose_name=_("Events"))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("Revoked at"), null=True, blank=True)

    class Meta:
        db_table = "registration_scannertoken"  # kept when the model left the registration app
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Scanner token")

    def __str__(self):
        return f"{self.name} ({self.user})"
