"""The official list of participants as a PDF, built by a Celery task."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forum_site.storage import private_storage


def participant_list_file_name(instance, filename: str) -> str:
    return f"participant-lists/{secrets.token_urlsafe(16)}.pdf"


class ParticipantListBuild(models.Model):
    """One PDF of an event's list of participants: draft or final, in one
    language, and its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="participant_lists", verbose_name=_("Event")
    )
    language = models.CharField(_("Language"), max_length=5, choices=settings.LANGUAGES, default="en")
    final = models.BooleanField(_("Final"), default=False, help_text=_("A draft is marked as such on every page."))
    state = models.CharField(_("State"), max_length=20, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(_("People listed"), default=0)
    file = models.FileField(_("PDF"), upload_to=participant_list_file_name, storage=private_storage, blank=True)
    error = models.TextField(blank=True)
    listed = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="The registrations the PDF lists (ids): it is handed out only while all of them still consent.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("List of participants (PDF)")
        verbose_name_plural = _("Lists of participants (PDF)")

    def __str__(self):
        return f"{self.event} ({self.language}, {'final' if self.final else 'draft'})"
