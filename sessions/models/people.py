"""What people keep at events: starred sessions, the private agenda feed
token, and check-in staff assignments."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sessions.models.agenda import Session
from sessions.models.events import EventPage


class StarredSession(models.Model):
    """A session a user put on their personal agenda."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="starred_sessions")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Starred session")
        constraints = [models.UniqueConstraint(fields=["user", "session"], name="starred_session_unique")]

    def __str__(self):
        return f"{self.user_id} * {self.session_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class AgendaFeedToken(models.Model):
    """The secret that makes a user's personal agenda feed URL; resetting it
    replaces the token, so the old URL stops working at once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feed_token")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Personal agenda feed token")

    def __str__(self):
        return f"feed token of user {self.user_id}"


class CheckinStaff(models.Model):
    """A person who checks people in at one event (scanner, search, manual
    check-in, undo), assigned by the event's organisers. Check-in rights
    are given per event only: see ``sessions.permissions``."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="checkin_staff", verbose_name=_("Event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkin_assignments", verbose_name=_("Person")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("Added at"), auto_now_add=True)
    is_lead = models.BooleanField(
        _("Lead"), default=False, help_text=_("Lead staff register and revoke the event's scanning devices.")
    )

    class Meta:
        ordering = ["event", "user__email"]
        verbose_name = _("Check-in staff member")
        verbose_name_plural = _("Check-in staff")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="checkin_staff_once_per_event")]

    def __str__(self):
        return f"{self.user} @ {self.event}"
