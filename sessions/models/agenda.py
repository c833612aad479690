"""An event's agenda: rooms, tracks, sessions, their speakers and documents."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from home.translated import TranslatedFieldsMixin
from sessions.models.events import EventPage


class Room(TranslatedFieldsMixin, models.Model):
    """A room at an event's venue (or a virtual room), its name, floor and
    notes translated (``home.translated``)."""

    translated_fields = ("name", "floor", "accessibility_notes")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("Event"))
    name = models.CharField(_("Name"), max_length=100)
    capacity = models.PositiveIntegerField(_("Capacity"), null=True, blank=True)
    floor = models.CharField(_("Floor"), max_length=50, blank=True)
    accessibility_notes = models.TextField(_("Accessibility notes"), blank=True)
    sort_order = models.PositiveIntegerField(_("Order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Room")
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="room_unique_name_per_event")]

    def __str__(self):
        return self.name

    def source_language_owner(self):
        return self.event if self.event_id else None


class Track(TranslatedFieldsMixin, models.Model):
    """A thematic track of an event, with a colour used on the agenda."""

    translated_fields = ("name",)

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("Event"))
    name = models.CharField(_("Name"), max_length=100)
    colour = models.CharField(_("Colour"), max_length=7, default="#1f5f8b", help_text=_("A hex colour such as #1f5f8b"))
    sort_order = models.PositiveIntegerField(_("Order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Track")
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="track_unique_name_per_event")]

    def __str__(self):
        return self.name

    def source_language_owner(self):
        return self.event if self.event_id else None


class SessionType(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    KEYNOTE = "keynote", _("Keynote")
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    SIDE_EVENT = "side_event", _("Side event")
    BREAK = "break", _("Break")
    NETWORKING = "networking", _("Networking")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    CLOSED = "closed", _("Closed (listed without details)")
    DRAFT = "draft", _("Draft")


class Session(TranslatedFieldsMixin, index.Indexed, ClusterableModel):
    """A slot on an event's agenda, in one room, with speakers. One row in
    every language: its texts' translations live in ``translations``."""

    translated_fields = ("title", "description", "cancellation_reason")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("Event"))
    title = models.CharField(_("Title"), max_length=255)
    session_type = models.CharField(_("Type"), max_length=20, choices=SessionType.choices, default=SessionType.PANEL)
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions", verbose_name=_("Track")
    )
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions", verbose_name=_("Room")
    )
    starts_at = models.DateTimeField(_("Starts at"))
    ends_at = models.DateTimeField(_("Ends at"))
    description = RichTextField(_("Description"), blank=True)
    languages = models.CharField(
        _("Languages"),
        max_length=50,
        blank=True,
        default="en",
        help_text=_("Language codes spoken in the session, comma separated (en, fr, es)."),
    )
    interpretation = models.BooleanField(_("Simultaneous interpretation"), default=False)
    capacity = models.PositiveIntegerField(_("Capacity"), null=True, blank=True)
    visibility = models.CharField(_("Visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    is_cancelled = models.BooleanField(_("Cancelled"), default=False)
    cancellation_reason = models.CharField(_("Reason for cancellation"), max_length=255, blank=True)
    stream_url = models.URLField(_("Stream link"), blank=True)
    recording_url = models.URLField(_("Recording link"), blank=True)
    sequence = models.PositiveIntegerField(
        default=0, editable=False, help_text="iCalendar SEQUENCE, raised when time, room or status changes."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.FilterField("event_id"),
        index.FilterField("visibility"),
    ]

    class Meta:
        ordering = ["starts_at", "room__sort_order", "title"]
        verbose_name = _("Session")
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="session_starts_before_it_ends"),
        ]
        indexes = [models.Index(fields=["event", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        """The session's page in the active language. For one session; a
        page of many builds the links from its event's URL, found once."""
        return f"{self.event.localized_url()}sessions/{self.uid}/"

    def source_language_owner(self):
        return self.event if self.event_id else None

    def clean(self):
        """End after start, inside the event's days, in a room and a track of
        the event. (The room and speaker clashes are checked under the
        event's lock by ``sessions.services``.)"""
        super().clean()
        if not self.event_id or self.starts_at is None or self.ends_at is None:
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})
        event, errors = self.event, {}
        if self.starts_at < event.local_day_bounds(event.start_date)[0]:
            errors["starts_at"] = _("The session must start on or after the event's first day (%(date)s).") % {
                "date": date_format(event.start_date, "j F Y")
            }
        if self.ends_at > event.local_day_bounds(event.end_date)[1]:
            errors["ends_at"] = _("The session must end by the end of the event's last day (%(date)s).") % {
                "date": date_format(event.end_date, "j F Y")
            }
        if self.room_id and self.room.event_id != self.event_id:
            errors["room"] = _("This room belongs to another event.")
        if self.track_id and self.track.event_id != self.event_id:
            errors["track"] = _("This track belongs to another event.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self) -> bool:
        return self.visibility == Visibility.DRAFT

    @property
    def is_closed(self) -> bool:
        return self.visibility == Visibility.CLOSED

    @property
    def language_codes(self) -> list[str]:
        return [code.strip().lower() for code in self.languages.split(",") if code.strip()]

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at, self.event.tz)

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at, self.event.tz)


class SpeakerRole(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    KEYNOTE = "keynote", _("Keynote speaker")
    PANELLIST = "panellist", _("Panellist")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class SessionSpeaker(Orderable):
    """A confirmed speaker on a session, with a role. Pending invitations live
    in ``speakers.Invitation`` and never appear here until accepted."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="session_speakers")
    speaker = models.ForeignKey(
        "speakers.Speaker", on_delete=models.CASCADE, related_name="session_roles", verbose_name=_("Speaker")
    )
    role = models.CharField(_("Role"), max_length=20, choices=SpeakerRole.choices, default=SpeakerRole.PANELLIST)

    class Meta(Orderable.Meta):
        verbose_name = _("Session speaker")
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="session_speaker_unique"),
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()})"


class SessionDocument(Orderable):
    """A document (programme note, background paper, slides) attached to a session."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("Document")
    )
    title = models.CharField(_("Link text"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("Session document")

    def __str__(self):
        return self.title or self.document.title
