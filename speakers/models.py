"""Speaker profiles (a Wagtail snippet). Sessions link to speakers through
``agenda.SessionSpeaker``; invitations are added by the speakers capability."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary or another gender")
    PREFER_NOT_TO_SAY = "undisclosed", _("Prefer not to say")


class Speaker(index.Indexed, models.Model):
    """A person who speaks at one or more events."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    honorific = models.CharField(_("Honorific"), max_length=50, blank=True, help_text=_("H.E., Dr, Prof..."))
    first_name = models.CharField(_("First name"), max_length=100)
    last_name = models.CharField(_("Last name"), max_length=100)
    slug = models.SlugField(_("Slug"), max_length=120, unique=True, blank=True)
    position = models.CharField(_("Position"), max_length=200, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    country = CountryField(_("Country"), blank=True)
    bio = RichTextField(_("Biography"), blank=True, features=["bold", "italic", "link"])
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Photo"),
    )
    website = models.URLField(_("Website"), blank=True)
    social_url = models.URLField(_("Social media profile"), blank=True)
    email = models.EmailField(_("Email"), blank=True, help_text=_("Private: used for invitations only."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="speaker_profiles"
    )
    gender = models.CharField(
        _("Gender"),
        max_length=20,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional; stored only with the speaker's consent and shown only in aggregate."),
    )
    gender_consent = models.BooleanField(_("Consent to store gender for balance figures"), default=False)
    is_published = models.BooleanField(
        _("Published"), default=True, help_text=_("Published speakers appear on public pages.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("honorific"),
                FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                FieldPanel("slug"),
            ],
            heading=_("Name"),
        ),
        FieldPanel("position"),
        FieldPanel("organisation"),
        FieldPanel("country"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("social_url")]),
        FieldPanel("email"),
        FieldRowPanel([FieldPanel("gender"), FieldPanel("gender_consent")]),
        FieldPanel("is_published"),
    ]
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.SearchField("organisation"),
        index.AutocompleteField("last_name"),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("Speaker")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(f"{self.first_name} {self.last_name}")[:100] or "speaker"
            slug, n = base, 2
            while Speaker.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.honorific, self.first_name, self.last_name) if part)
