"""A message to participants and its log: one ``Mailing`` (the texts and
the group it goes to), one ``MailingRecipient`` per person it was sent to,
fixed when it is sent, with the outbox row that carried it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MailingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class CheckedIn(models.TextChoices):
    ANY = "", _("Checked in or not")
    YES = "yes", _("Checked in")
    NO = "no", _("Not checked in")


class Mailing(models.Model):
    event = models.ForeignKey(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="mailings", verbose_name=_("Event")
    )
    subject = models.CharField(_("Subject"), max_length=200)
    body = models.TextField(_("Message"))
    # {language code: {"subject": ..., "body": ...}} for the other languages written.
    translations = models.JSONField(default=dict, blank=True)
    # The group.
    categories = models.ManyToManyField(
        "registration.Category", blank=True, related_name="+", verbose_name=_("Categories")
    )
    statuses = models.JSONField(_("Statuses"), default=list)
    attendance_mode = models.CharField(_("Attendance"), max_length=20, blank=True)
    checked_in = models.CharField(_("Check-in"), max_length=3, choices=CheckedIn.choices, blank=True)
    countries = models.JSONField(_("Countries"), default=list, blank=True)

    status = models.CharField(_("Status"), max_length=10, choices=MailingStatus.choices, default=MailingStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Message to participants")
        verbose_name_plural = _("Messages to participants")

    def __str__(self):
        return self.subject

    def text_in(self, language: str) -> tuple[str, str, str]:
        """(subject, body, language they are in) for a reader of ``language``:
        the organisers' text in it where they wrote one, else the original."""
        written = self.translations.get(language)
        if written:
            return written["subject"], written["body"], language
        return self.subject, self.body, settings.LANGUAGE_CODE


class MailingRecipient(models.Model):
    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="recipients")
    registration = models.ForeignKey("registration.Registration", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10, blank=True)
    email = models.ForeignKey("home.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mailing", "registration"], name="mailing_recipient_once")]
        indexes = [models.Index(fields=["mailing", "queued_at"], name="mailing_recipient_pending")]

    def __str__(self):
        return f"{self.registration_id} in mailing {self.mailing_id}"
