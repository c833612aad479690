"""Delegations of an event: who the focal point is, how many seats each
category gives, who was nominated (a ``Nomination`` beside each nominee's
registration), the note verbale, and the delegation's log."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from forum_site.storage import private_storage

NOTE_VERBALE_MAX_BYTES = 5 * 1024 * 1024


def note_verbale_file_name(instance, filename: str) -> str:
    """An unguessable name: the file is an official letter of a government."""
    return f"notes-verbales/{secrets.token_urlsafe(16)}.pdf"


class Delegation(models.Model):
    """A Member State's (or an organisation's) delegation to one event, and
    its focal point, invited by a one-time link (as speakers are: only the
    SHA-256 of the token is stored)."""

    event = models.ForeignKey(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="delegations", verbose_name=_("Event")
    )
    country = CountryField(_("Country"), blank=True, help_text=_("For a Member State or an observer State."))
    organisation = models.CharField(
        _("Organisation"), max_length=200, blank=True, help_text=_("For an organisation, when no country is given.")
    )
    focal_point_name = models.CharField(_("Focal point's name"), max_length=200)
    focal_point_email = models.EmailField(_("Focal point's email"))
    language = models.CharField(_("Language of the emails"), max_length=5, choices=settings.LANGUAGES, default="en")
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="focal_point_delegations",
        verbose_name=_("Focal point's account"),
    )
    token_salt = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_at = models.DateTimeField(_("Invited at"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("Accepted at"), null=True, blank=True, editable=False)
    last_reminded_at = models.DateTimeField(_("Last reminded at"), null=True, blank=True, editable=False)
    note_verbale = models.FileField(
        _("Note verbale"), upload_to=note_verbale_file_name, storage=private_storage, blank=True
    )
    note_verbale_uploaded_at = models.DateTimeField(_("Note verbale received at"), null=True, blank=True)
    extra_seats_requested = models.PositiveIntegerField(_("Extra seats requested"), default=0)
    extra_seats_reason = models.TextField(_("Reason for extra seats"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event", "country", "organisation", "pk"]
        verbose_name = _("Delegation")
        verbose_name_plural = _("Delegations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(country="") & ~Q(organisation="")) | (~Q(country="") & Q(organisation="")),
                name="delegation_country_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["event", "country"], condition=~Q(country=""), name="delegation_one_per_country"
            ),
            models.UniqueConstraint(
                fields=["event", "organisation"],
                condition=~Q(organisation=""),
                name="delegation_one_per_organisation",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The country's name in the active language, or the organisation's."""
        return str(self.country.name) if self.country else self.organisation


class DelegationQuota(models.Model):
    """How many people a delegation may nominate in one participant category."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="quotas")
    category = models.ForeignKey(
        "registration.Category", on_delete=models.CASCADE, related_name="+", verbose_name=_("Category")
    )
    seats = models.PositiveIntegerField(_("Seats"))

    class Meta:
        ordering = ["category__sort_order", "category__name", "pk"]
        verbose_name = _("Seats")
        verbose_name_plural = _("Seats")
        constraints = [
            models.UniqueConstraint(fields=["delegation", "category"], name="delegation_quota_one_per_category")
        ]

    def __str__(self):
        return f"{self.delegation}: {self.category} × {self.seats}"


class Nomination(models.Model):
    """A delegate named by the focal point: the registration made for them,
    and whether they head the delegation (one head per delegation)."""

    registration = models.OneToOneField(
        "registration.Registration", on_delete=models.CASCADE, related_name="nomination"
    )
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="nominations")
    is_head = models.BooleanField(_("Head of delegation"), default=False)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Nominated at"), auto_now_add=True)

    class Meta:
        ordering = ["-is_head", "created_at", "pk"]
        verbose_name = _("Nomination")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation"], condition=Q(is_head=True), name="nomination_one_head_per_delegation"
            )
        ]

    def __str__(self):
        return f"{self.delegation}: {self.registration}"


class DelegationLogEntry(models.Model):
    """The delegation's audit trail: every change, by whom and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("Delegation created")
        INVITED = "invited", _("Focal point invited")
        ACCEPTED = "accepted", _("Focal point accepted")
        ACCOUNT_DELETED = "account_deleted", _("Focal point's account deleted")
        REMINDED = "reminded", _("Focal point reminded")
        NOMINATED = "nominated", _("Delegate nominated")
        EDITED = "edited", _("Nomination edited")
        WITHDRAWN = "withdrawn", _("Nomination withdrawn")
        HEAD_NAMED = "head_named", _("Head of delegation named")
        NOTE_VERBALE = "note_verbale", _("Note verbale uploaded")
        SEATS_REQUESTED = "seats_requested", _("Extra seats requested")
        QUOTA_CHANGED = "quota_changed", _("Seats changed")
        APPROVED = "approved", _("Nominations approved")

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="log_entries")
    action = models.CharField(max_length=20, choices=Action.choices)
    detail = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.delegation_id}: {self.action}"
