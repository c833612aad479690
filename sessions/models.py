"""Events (Wagtail pages) and their agendas: rooms, tracks, sessions and the
speakers on each session."""

import datetime
import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock


def timezone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class EventKind(models.TextChoices):
    GLOBAL_FORUM = "global_forum", _("Global Forum")
    POLICY_DIALOGUE = "policy_dialogue", _("Policy dialogue")
    EXPERT_WORKSHOP = "expert_workshop", _("Expert workshop")
    SIDE_EVENT = "side_event", _("Side event")
    WEBINAR = "webinar", _("Webinar")


class EventIndexPage(Page):
    """Lists events, upcoming and past, filterable by kind and year."""

    intro = RichTextField(_("Introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "sessions/event_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["agenda.EventPage"]

    class Meta:
        verbose_name = _("Events index")

    def get_context(self, request, *args, **kwargs):
        from sessions.views import event_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_index_context(request, index=self))
        return context


class EventPage(RoutablePageMixin, Page):
    """One event (a Global Forum, a policy dialogue, a workshop...). Owns its
    rooms, tracks and sessions; registration settings hang off it too."""

    kind = models.CharField(_("Kind"), max_length=32, choices=EventKind.choices, default=EventKind.POLICY_DIALOGUE)
    start_date = models.DateField(_("Start date"))
    end_date = models.DateField(_("End date"))
    time_zone = models.CharField(_("Time zone"), max_length=64, default="Europe/Paris", choices=timezone_choices)
    venue_name = models.CharField(_("Venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("Address"), blank=True)
    venue_city = models.CharField(_("City"), max_length=100, blank=True)
    venue_country = CountryField(_("Country"), blank=True)
    directions = RichTextField(_("Directions"), blank=True)
    online_participation = models.BooleanField(_("Online participation"), default=False)
    stream_url = models.URLField(_("Stream link"), blank=True, help_text=_("Shown only to confirmed participants."))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Hero image"),
    )
    intro = models.TextField(_("Summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))
    contact_email = models.EmailField(_("Contact email"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("venue_city"), FieldPanel("venue_country")]),
                FieldPanel("directions"),
                FieldPanel("online_participation"),
                FieldPanel("stream_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("contact_email"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("start_date"),
    ]
    template = "sessions/event_page.html"
    parent_page_types = ["agenda.EventIndexPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("Event")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The event cannot end before it starts.")})

    def get_context(self, request, *args, **kwargs):
        from sessions.views import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(request, event=self))
        return context

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def days(self) -> list[datetime.date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=n) for n in range(max(count, 0))]

    def local_day_bounds(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
        """The aware start of ``day`` and of the next day in the event's zone."""
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=self.tz)
        return start, datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=self.tz)

    # Public pages under the event's URL, each handed to a thin view. The .ics
    # files below the event's URL end without a slash, which Wagtail's page
    # serving needs, so sessions/urls.py serves them.
    @path("agenda/")
    def agenda(self, request):
        from sessions.views import agenda_view

        return agenda_view(request, event=self)

    @re_path(r"^sessions/(?P<uid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/$")
    def session_detail(self, request, uid):
        from sessions.views import session_view

        return session_view(request, event=self, uid=uid)

    @path("speakers/")
    def speaker_index(self, request):
        from sessions.views import speaker_index_view

        return speaker_index_view(request, event=self)

    @path("speakers/<slug:slug>/")
    def speaker_detail(self, request, slug):
        from sessions.views import speaker_view

        return speaker_view(request, event=self, slug=slug)


class Room(models.Model):
    """A room at an event's venue (or a virtual room)."""

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


class Track(models.Model):
    """A thematic track of an event, with a colour used on the agenda."""

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


class Session(index.Indexed, ClusterableModel):
    """A slot on an event's agenda, in one room, with speakers."""

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

    panels = [
        FieldPanel("event"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("session_type"), FieldPanel("track"), FieldPanel("room")]),
        FieldRowPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at")],
            heading=_("When (in the event's time zone)"),
        ),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("languages"), FieldPanel("interpretation"), FieldPanel("capacity")]),
        FieldRowPanel([FieldPanel("visibility"), FieldPanel("is_cancelled"), FieldPanel("cancellation_reason")]),
        FieldRowPanel([FieldPanel("stream_url"), FieldPanel("recording_url")]),
        InlinePanel("session_speakers", heading=_("Speakers"), label=_("Speaker")),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
    ]
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

    # The fields whose change makes calendars re-read the entry (SEQUENCE).
    SCHEDULE_FIELDS = ("starts_at", "ends_at", "room_id", "is_cancelled", "visibility")

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_schedule = instance.schedule_fingerprint()
        return instance

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_schedule", None)
        if self.pk and loaded is not None and loaded != self.schedule_fingerprint():
            self.sequence += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)
        self._loaded_schedule = self.schedule_fingerprint()

    def get_absolute_url(self) -> str:
        return f"{self.event.url}sessions/{self.uid}/"

    def clean(self):
        super().clean()
        from sessions.services import session_schedule_errors

        errors = session_schedule_errors(session=self)
        if errors:
            raise ValidationError(errors)

    def schedule_fingerprint(self) -> tuple:
        return tuple(getattr(self, name, None) for name in self.SCHEDULE_FIELDS)

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

    panels = [FieldPanel("speaker"), FieldPanel("role")]

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

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("Session document")

    def __str__(self):
        return self.title or self.document.title


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

    class Meta:
        ordering = ["event", "user__email"]
        verbose_name = _("Check-in staff member")
        verbose_name_plural = _("Check-in staff")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="checkin_staff_once_per_event")]

    def __str__(self):
        return f"{self.user} @ {self.event}"
