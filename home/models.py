from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock, HomeBodyBlock


class HomePage(Page):
    """The site's root page: a hero, featured events, and a call to action."""

    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("Body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.ContentPage", "agenda.EventIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Home page")


class ContentPage(Page):
    """A plain content page (about, privacy notice, venue information...)."""

    intro = models.TextField(_("Introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage", "agenda.EventPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("Content page")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """Site-wide settings edited in the admin: identity and footer."""

    organisation_name = models.CharField(_("Organisation name"), max_length=200, default="Forum on the Ethics of AI")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Logo"),
    )
    footer_text = models.TextField(_("Footer text"), blank=True)
    contact_email = models.EmailField(_("Contact email"), blank=True)

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("logo"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
        InlinePanel("footer_links", label=_("Footer links")),
    ]

    class Meta:
        verbose_name = _("Site settings")


class FooterLink(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    label = models.CharField(_("Label"), max_length=100)
    url = models.CharField(_("URL"), max_length=500, help_text=_("A full URL or a path such as /privacy/"))

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self):
        return self.label
