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
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock

UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


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
        from sessions import pages

        return {**super().get_context(request, *args, **kwargs), **pages.event_index_context(request, index=self)}


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
        from sessions import pages

        return {**super().get_context(request, *args, **kwargs), **pages.event_context(request, event=self)}

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

    # The pages and calendar files under the event's URL, served by Wagtail
    # (live, privacy and permissions checked), each built by ``sessions.pages``.
    # sessions/urls.py hands the .ics files, which end without a slash, to Wagtail.
    @path("agenda/")
    def agenda(self, request):
        from sessions import pages

        return pages.agenda_page(request, event=self)

    @re_path(rf"^sessions/(?P<uid>{UUID_PATTERN})/$")
    def session_detail(self, request, uid):
        from sessions import pages

        return pages.session_page(request, event=self, uid=uid)

    @path("speakers/")
    def speaker_index(self, request):
        from sessions import pages

        return pages.speaker_index_page(request, event=self)

    @path("speakers/<slug:slug>/")
    def speaker_detail(self, request, slug):
        from sessions import pages

        return pages.speaker_page(request, event=self, slug=slug)

    @path("calendar.ics/")
    def calendar_feed(self, request):
        from sessions import pages

        return pages.event_feed(request, event=self)

    @re_path(rf"^sessions/(?P<uid>{UUID_PATTERN})\.ics/$")
    def session_calendar(self, request, uid):
        from sessions import pages

        return pages.session_feed(request, event=self, uid=uid)


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
        return f"{self.event.url}sessions/{self.uid}/"

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
