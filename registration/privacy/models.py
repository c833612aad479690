"""Retention of personal data: each event's policy, and the log of what the
purge erased (counts and references, never the values)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_DAYS = 3650


class RetentionPolicy(models.Model):
    """How many days after an event's end each kind of personal data of its
    registrations is kept. An event without one keeps the defaults."""

    event = models.OneToOneField(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="retention_policy", verbose_name=_("Event")
    )
    passport_days = models.PositiveIntegerField(
        _("Passport details: days after the event"),
        default=30,
        validators=[MaxValueValidator(MAX_DAYS)],
        help_text=_("Passport details of visa letter requests are erased then."),
    )
    needs_days = models.PositiveIntegerField(
        _("Needs: days after the event"),
        default=90,
        validators=[MaxValueValidator(MAX_DAYS)],
        help_text=_("Dietary, accessibility and interpretation needs are erased then."),
    )

    class Meta:
        verbose_name = _("Retention policy")
        verbose_name_plural = _("Retention policies")

    def __str__(self):
        return str(self.event)


class RetentionRun(models.Model):
    """One run of the purge: by the beat job (``by`` empty) or an organiser,
    real or dry."""

    started_at = models.DateTimeField(_("Started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)
    today = models.DateField(_("Day the purge counted from"))
    dry_run = models.BooleanField(_("Dry run"), default=False)
    event = models.ForeignKey(
        "agenda.EventPage", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("Event")
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    erased = models.PositiveIntegerField(_("Erased"), default=0)
    failed = models.PositiveIntegerField(_("Failed"), default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("Purge run")

    def __str__(self):
        kind = _("dry run") if self.dry_run else _("purge")
        return f"{self.today} ({kind})"


class RetentionLogEntry(models.Model):
    """What one run erased (or would erase) of one registration."""

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="entries")
    event = models.ForeignKey("agenda.EventPage", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("Data"), max_length=40)
    reference = models.CharField(_("Registration"), max_length=12)
    ok = models.BooleanField(default=True)
    error = models.CharField(max_length=200, blank=True, help_text="The error's type only: never a value.")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.reference}: {self.label}"

    @property
    def label(self):
        """The kind's name in the reader's language (its key if no part registers it any more)."""
        from registration.privacy.retention import personal_data

        return next((kind.label for kind in personal_data() if kind.key == self.kind), self.kind)
