"""Event pages: the events index and each event (its days, venue, time
zone, registration link), whose routes serve the agenda, speakers and
calendar files."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BodyBlock
from home.languages import LinkedInReadersLanguage

UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def timezone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class EventKind(models.TextChoices):
    GLOBAL_FORUM = "global_forum", _("Global Forum")
    POLICY_DIALOGUE = "policy_dialogue", _("Policy dialogue")
    EXPERT_WORKSHOP = "expert_workshop", _("Expert workshop")
    SIDE_EVENT = "side_event", _("Side event")
    WEBINAR = "webinar", _("Webinar")


class EventIndexPage(LinkedInReadersLanguage, Page):
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


class EventPageQuerySet(PageQuerySet):
    def originals(self) -> "EventPageQuerySet":
        """One page per event: the page its data hangs on (see
        :attr:`EventPage.original`), not its translations."""
        earlier = Page.objects.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
        return self.exclude(Exists(earlier))


class EventPage(LinkedInReadersLanguage, RoutablePageMixin, Page):
    """One event (a Global Forum, a policy dialogue, a workshop...). Owns its
    rooms, tracks and sessions; registration settings hang off it too.

    A translation of the event (wagtail-localize) is another page with the
    same ``translation_key``: its own title, summary and body, in its own
    locale, but the sessions, rooms, registrations, staff and scans all hang
    on the :attr:`original` page, the same in every language."""

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

    objects = PageManager.from_queryset(EventPageQuerySet)()

    class Meta:
        verbose_name = _("Event")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The event cannot end before it starts.")})

    def get_context(self, request, *args, **kwargs):
        from sessions import pages

        return {**super().get_context(request, *args, **kwargs), **pages.event_context(request, page=self)}

    @cached_property
    def original(self) -> "EventPage":
        """The page of the event that its data hangs on: the first created
        among its translations (itself when it has none). One query."""
        first = EventPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
        return self if first is None or first.pk == self.pk else first

    @property
    def source_language(self) -> str:
        """The language the event was first written in, its original's: the
        language its rows (sessions, rooms, categories...) are written in."""
        return self.original.locale.language_code

    def localized_url(self) -> str:
        """The URL of this event's page in the active language (of the page
        itself when it has no live translation in it)."""
        return self.localized.url

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
    # (live, privacy and permissions checked), each built by ``sessions.pages``
    # from this page's text and its original's data.
    # sessions/urls.py hands the .ics files, which end without a slash, to Wagtail.
    @path("agenda/")
    def agenda(self, request):
        from sessions import pages

        return pages.agenda_page(request, page=self)

    @re_path(rf"^sessions/(?P<uid>{UUID_PATTERN})/$")
    def session_detail(self, request, uid):
        from sessions import pages

        return pages.session_page(request, page=self, uid=uid)

    @path("speakers/")
    def speaker_index(self, request):
        from sessions import pages

        return pages.speaker_index_page(request, page=self)

    @path("speakers/<slug:slug>/")
    def speaker_detail(self, request, slug):
        from sessions import pages

        return pages.speaker_page(request, page=self, slug=slug)

    @path("calendar.ics/")
    def calendar_feed(self, request):
        from sessions import pages

        return pages.event_feed(request, page=self)

    @re_path(rf"^sessions/(?P<uid>{UUID_PATTERN})\.ics/$")
    def session_calendar(self, request, uid):
        from sessions import pages

        return pages.session_feed(request, page=self, uid=uid)
