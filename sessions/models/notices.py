"""Change notices: the emails that tell people a session on their agenda,
or one they speak in, moved or was cancelled.

A change to a session opens (or joins) one ``ChangeNotice`` per person and
event, due fifteen minutes later; further changes in that time join it, so
three moves in ten minutes make one email. Each ``ChangeNoticeItem`` keeps
the session as the person last heard of it, so the email can say "was" and
"now", and leave out a session moved back where it was."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sessions.models.agenda import Room, Session
from sessions.models.events import EventPage


class ChangeNoticeOptOut(models.Model):
    """A person who asked for no emails about sessions they starred (those
    they speak in still come: a speaker must know where to be)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="change_notice_opt_out"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Change notice opt-out")

    def __str__(self):
        return f"no change notices for user {self.user_id}"


class ChangeNotice(models.Model):
    """One email to one person (an account, or a speaker without one) about
    the sessions of one event that changed; the log of who was told what,
    once sent."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="change_notices")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="change_notices"
    )
    speaker = models.ForeignKey(
        "speakers.Speaker", null=True, blank=True, on_delete=models.CASCADE, related_name="change_notices"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    email = models.ForeignKey("home.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("Change notice")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, speaker__isnull=True) | Q(user__isnull=True, speaker__isnull=False),
                name="change_notice_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["event", "user"], condition=Q(sent_at__isnull=True), name="change_notice_one_open_per_user"
            ),
            models.UniqueConstraint(
                fields=["event", "speaker"],
                condition=Q(sent_at__isnull=True),
                name="change_notice_one_open_per_speaker",
            ),
        ]

    def __str__(self):
        return f"change notice {self.pk} of event {self.event_id}"


class ChangeNoticeItem(models.Model):
    """One session of a notice, with where and when it was before the first
    change the notice gathers."""

    notice = models.ForeignKey(ChangeNotice, on_delete=models.CASCADE, related_name="items")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    as_speaker = models.BooleanField(default=False)
    was_starts_at = models.DateTimeField()
    was_ends_at = models.DateTimeField()
    was_room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    was_cancelled = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "session"], name="change_notice_item_once")]

    def __str__(self):
        return f"session {self.session_id} in notice {self.notice_id}"
