import base64

from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock, HomeBodyBlock
from .languages import LinkedInReadersLanguage
from .translated import TranslatedFieldsMixin
from .translation_admin import TranslatedObjectList, TranslationsPanel, with_translations


class HomePage(LinkedInReadersLanguage, Page):
    """The site's root page: a hero, featured events, and a call to action."""

    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("Body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.ContentPage", "agenda.EventIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Home page")


class ContentPage(LinkedInReadersLanguage, Page):
    """A plain content page (about, privacy notice, venue information...)."""

    intro = models.TextField(_("Introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage", "agenda.EventPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("Content page")


class PrivacyNoticeVersion(models.Model):
    """One published version of the privacy notice (the content page with
    slug "privacy", or a translation of it), as it read then: what a person
    accepted is this row, kept as long as a registration points at it."""

    translation_key = models.UUIDField(db_index=True, help_text="The notice's pages in every language share it.")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    language = models.CharField(_("Language"), max_length=10)
    number = models.PositiveIntegerField(_("Version"))
    title = models.CharField(_("Title"), max_length=255)
    intro = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    published_at = models.DateTimeField(_("Published at"))

    class Meta:
        ordering = ["translation_key", "language", "-number"]
        verbose_name = _("Privacy notice version")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "language", "number"], name="privacy_notice_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language}, v{self.number})"


@register_setting(icon="cog")
class SiteSettings(TranslatedFieldsMixin, BaseSiteSetting, ClusterableModel):
    """Site-wide settings edited in the admin: identity and footer; the
    organisation's name and the footer text in each language of the site."""

    translated_fields = ("organisation_name", "footer_text")

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

    edit_handler = TranslatedObjectList(
        [
            FieldPanel("organisation_name"),
            FieldPanel("logo"),
            FieldPanel("contact_email"),
            FieldPanel("footer_text"),
            InlinePanel("footer_links", label=_("Footer links")),
            TranslationsPanel(),
        ],
        base_form_class=with_translations(WagtailAdminModelForm),
    )

    class Meta:
        verbose_name = _("Site settings")


class FooterLink(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    label = models.CharField(_("Label"), max_length=100)
    url = models.CharField(_("URL"), max_length=500, help_text=_("A full URL or a path such as /privacy/"))

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self):
        return self.label


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Retrying")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class OutgoingEmail(models.Model):
    """One email the site sends (the outbox, for every kind of mail).

    Written, already rendered in the recipient's language, in the same
    transaction as the change it reports (``home.outbox.email_queue``); the
    ``home.tasks.send_outgoing_email`` task claims it, sends it once and
    records the outcome. ``event`` scopes it in the admin (no event: account
    mail, for superusers only); ``registration`` links a participant's mail
    to their registration; ``dedupe_key`` makes a message that must go out
    at most once (one reminder of one invitation) impossible to queue twice.

    Rows written before messages were stored have no body: they are rendered
    when sent, from their registration and kind (``needs_legacy_render``)."""

    kind = models.CharField(_("Kind"), max_length=40)
    event = models.ForeignKey(
        "agenda.EventPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outgoing_emails",
        verbose_name=_("Event"),
    )
    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("Registration"),
    )
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    # The message carries a secret link (password reset, speaker invitation):
    # its bodies are cleared once it is sent, so the table keeps no live link.
    holds_secret = models.BooleanField(default=False)
    to = models.EmailField(_("To"), help_text=_("The first recipient."))
    recipients = models.JSONField(default=list, blank=True)
    from_email = models.CharField(max_length=320, blank=True)
    language = models.CharField(max_length=5, default="en")
    subject = models.TextField(_("Subject"), blank=True)
    text_body = models.TextField(blank=True)
    html_body = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=EmailStatus.choices, default=EmailStatus.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(_("Attempts"), default=0)
    last_error = models.TextField(_("Last error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(_("Sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Outgoing email")
        verbose_name_plural = _("Outgoing emails")

    def __str__(self):
        # The first column of the admin's outbox listing.
        return gettext("%(kind)s to %(to)s (%(status)s)") % {
            "kind": self.kind,
            "to": self.to,
            "status": self.get_status_display(),
        }

    def message(self) -> EmailMultiAlternatives:
        """The stored message, ready to send, with a Message-ID that stays the
        same on every attempt (a receiving server may drop a repeat)."""
        headers = {"Message-ID": f"<outbox-{self.pk}@forum.invalid>", **self.headers}
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text_body,
            from_email=self.from_email or None,
            to=self.recipients or [self.to],
            headers=headers,
        )
        if self.html_body:
            message.attach_alternative(self.html_body, "text/html")
        for attachment in self.attachments:
            message.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
        return message

    @property
    def needs_legacy_render(self) -> bool:
        """Written before the outbox stored messages: render it from its registration."""
        return not self.text_body and not self.html_body
