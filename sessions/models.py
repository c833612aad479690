"""Events (Wagtail pages) and their agendas: rooms, tracks, sessions and the
speakers on each session."""

import uuid
import zoneinfo

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
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

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


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
