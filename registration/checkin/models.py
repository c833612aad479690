"""Check-in: every scan at a gate or a session's door (the log), who is in
which session, which sessions admit whom, and the API tokens of scanning
devices. Who may scan where is ``sessions.permissions``' to say."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_GATE_LENGTH = 50


class ScanResult(models.TextChoices):
    OK = "ok", _("Checked in")
    ALREADY_CHECKED_IN = "already_checked_in", _("Already checked in")
    CANCELLED = "cancelled", _("Cancelled")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")
    WRONG_EVENT = "wrong_event", _("Wrong event")
    INVALID = "invalid", _("Invalid")
    NOT_ADMITTED = "not_admitted", _("Not admitted to this session")
    ROOM_FULL = "room_full", _("Room full")
    LEFT = "left", _("Left the session")


class Direction(models.TextChoices):
    ENTRY = "entry", _("Entry")
    EXIT = "exit", _("Exit")


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
    # At a session's door rather than the event's entrance.
    session = models.ForeignKey(
        "agenda.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scans",
        verbose_name=_("Session"),
    )
    direction = models.CharField(_("Direction"), max_length=5, choices=Direction.choices, default=Direction.ENTRY)
    # Made offline and uploaded later: what the device showed then, which
    # device (its token, or the browser's own id) and whether the server's
    # verdict contradicts it (checked in offline on two devices).
    offline = models.BooleanField(_("Made offline"), default=False)
    device_result = models.CharField(_("Verdict on the device"), max_length=20, blank=True)
    device_id = models.CharField(_("Device"), max_length=64, blank=True)
    token = models.ForeignKey(
        "ScannerToken", on_delete=models.SET_NULL, null=True, blank=True, related_name="scans", verbose_name=_("Token")
    )
    conflict = models.BooleanField(_("Conflict"), default=False)

    class Meta:
        db_table = "registration_scan"  # kept when the model left the registration app
        ordering = ["-scanned_at", "-pk"]

    def __str__(self):
        return f"{self.result} at {self.scanned_at:%H:%M:%S}"

    @property
    def device_label(self) -> str:
        """Which device made the scan: its token's name, else the browser's
        own id (a scanner signed in with a session)."""
        if self.token_id is not None:
            return self.token.name
        return self.device_id

    def get_device_result_display(self) -> str:
        """What the device showed, in words (``offline``: saved, not judged)."""
        if self.device_result in ScanResult.values:
            return str(ScanResult(self.device_result).label)
        return {"offline": _("Saved, not judged"), "unknown": _("Unknown")}.get(self.device_result, "")


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
    # A scanning device registered for one event by its organisers or lead
    # staff: set up by scanning a one-time QR code (only its hash is kept).
    is_device = models.BooleanField(_("Registered device"), default=False)
    setup_code_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    setup_expires_at = models.DateTimeField(null=True, blank=True)
    set_up_at = models.DateTimeField(_("Set up at"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("Last seen at"), null=True, blank=True)
    wiped_at = models.DateTimeField(_("Wiped at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "registration_scannertoken"  # kept when the model left the registration app
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Scanner token")

    def __str__(self):
        return f"{self.name} ({self.user})"


class SessionAccess(models.Model):
    """Who a session's door admits. Without one, or when not closed, every
    confirmed participant of the event; closed, only the categories and
    the people named here (and the session's speakers, see services)."""

    session = models.OneToOneField(
        "agenda.Session", on_delete=models.CASCADE, related_name="access", verbose_name=_("Session")
    )
    closed = models.BooleanField(
        _("Closed session"), default=False, help_text=_("Admit only the categories and people chosen below.")
    )
    categories = models.ManyToManyField(
        "registration.Category", blank=True, related_name="+", verbose_name=_("Categories admitted")
    )
    registrations = models.ManyToManyField(
        "registration.Registration", blank=True, related_name="+", verbose_name=_("People invited")
    )
    # Raised by every change, the lists included: scanners refresh the
    # session's rules when it moves past their cursor (roster.py).
    updated_at = models.DateTimeField(_("Updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("Session access")
        verbose_name_plural = _("Session access")

    def __str__(self):
        return str(self.session)


class SessionAttendance(models.Model):
    """Who attended a session: the first entry, the last scan, and whether
    the person is inside now (their last scan at the door was an entry)."""

    session = models.ForeignKey("agenda.Session", on_delete=models.CASCADE, related_name="attendance")
    registration = models.ForeignKey(
        "registration.Registration", on_delete=models.CASCADE, related_name="session_attendance"
    )
    first_entry_at = models.DateTimeField(_("First entry"))
    last_scan_at = models.DateTimeField(_("Last scan"))
    inside = models.BooleanField(_("Inside now"), default=True)
    entries = models.PositiveIntegerField(_("Entries"), default=1)

    class Meta:
        ordering = ["session", "first_entry_at"]
        verbose_name = _("Session attendance")
        verbose_name_plural = _("Session attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="attendance_once_per_session"),
        ]
        indexes = [models.Index(fields=["session", "inside"])]

    def __str__(self):
        return f"{self.registration_id} @ {self.session_id}"
