"""Messages to participants: choose the group, save a draft, send it.

``mailing_send`` fixes the group (one ``MailingRecipient`` per person, in
one transaction) and starts the delivery (``registration.mailings.delivery``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from registration.mailings.models import CheckedIn, Mailing, MailingRecipient, MailingStatus
from registration.mailings.placeholders import placeholders_in
from registration.models import Registration, RegistrationStatus


def group_registrations(
    *, event, statuses, categories=(), attendance_mode: str = "", checked_in: str = "", countries=()
) -> QuerySet[Registration]:
    """The event's registrations in the group these filters describe (an
    empty filter: anyone)."""
    registrations = Registration.objects.filter(event=event, status__in=list(statuses))
    if categories:
        registrations = registrations.filter(category__in=list(categories))
    if attendance_mode:
        registrations = registrations.filter(attendance_mode=attendance_mode)
    if checked_in == CheckedIn.YES:
        registrations = registrations.filter(checked_in_at__isnull=False)
    elif checked_in == CheckedIn.NO:
        registrations = registrations.filter(checked_in_at__isnull=True)
    if countries:
        registrations = registrations.filter(country__in=list(countries))
    return registrations


def mailing_group(mailing: Mailing) -> QuerySet[Registration]:
    return group_registrations(
        event=mailing.event,
        statuses=mailing.statuses,
        categories=list(mailing.categories.all()),
        attendance_mode=mailing.attendance_mode,
        checked_in=mailing.checked_in,
        countries=mailing.countries,
    )


def _check_texts(*, subject: str, body: str, statuses, field_prefix: str = "") -> None:
    """ValidationError by field for a placeholder that does not exist, or
    a badge link for people who have no badge."""
    errors = {}
    for name, text in (("subject", subject), ("body", body)):
        try:
            used = placeholders_in(text)
        except ValidationError as error:
            errors[field_prefix + name] = error
            continue
        if "badge_link" in used and set(statuses) != {RegistrationStatus.CONFIRMED}:
            errors[field_prefix + name] = ValidationError(
                _("Only confirmed participants have a badge: send {badge_link} to confirmed participants only."),
                code="badge_link",
            )
    if errors:
        raise ValidationError(errors)


def _check(fields: dict) -> None:
    errors = {}
    try:
        _check_texts(subject=fields["subject"], body=fields["body"], statuses=fields["statuses"])
    except ValidationError as error:
        errors.update(error.error_dict)
    for language, texts in fields.get("translations", {}).items():
        try:
            _check_texts(**texts, statuses=fields["statuses"], field_prefix=f"{language}_")
        except ValidationError as error:
            errors.update(error.error_dict)
    if not fields["statuses"]:
        errors["statuses"] = [ValidationError(_("Choose at least one status."), code="required")]
    if errors:
        raise ValidationError(errors)


def mailing_save(*, event, by, mailing: Mailing | None = None, categories=(), **fields) -> Mailing:
    """Write a draft message (a new one, or ``mailing`` changed); refused
    (ValidationError by field) with an unknown placeholder, and once sent."""
    _check(fields)
    with transaction.atomic():
        if mailing is None:
            mailing = Mailing(event=event, created_by=by)
        else:
            mailing = Mailing.objects.select_for_update().get(pk=mailing.pk, event=event)
            if mailing.status != MailingStatus.DRAFT:
                raise ValidationError(_("This message was sent: it can no longer be changed."), code="sent")
        for name, value in fields.items():
            setattr(mailing, name, value)
        mailing.save()
        mailing.categories.set(categories)
    return mailing


def mailing_send(*, mailing: Mailing, by, expected: int | None = None) -> int:
    """Send a draft to its group as it is now: the people are fixed in this
    transaction and the delivery starts once it commits. Refused when the
    group is empty, when it changed size since the preview (``expected``),
    or when the message was sent already. Returns how many will get it."""
    from celery import current_app

    from registration.mailings.tasks import deliver_mailings

    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().select_related("event").get(pk=mailing.pk)
        if mailing.status != MailingStatus.DRAFT:
            raise ValidationError(_("This message was sent already."), code="sent")
        people = list(mailing_group(mailing).values_list("pk", "preferred_language"))
        if not people:
            raise ValidationError(_("Nobody is in this group: nothing was sent."), code="empty")
        if expected is not None and expected != len(people):
            raise ValidationError(
                _("The group changed since the preview (%(now)s people now, %(then)s then): look at it again."),
                code="changed",
                params={"now": len(people), "then": expected},
            )
        MailingRecipient.objects.bulk_create(
            [
                MailingRecipient(mailing=mailing, registration_id=pk, language=mailing.text_in(language)[2])
                for pk, language in people
            ]
        )
        mailing.status = MailingStatus.SENDING
        mailing.sent_by, mailing.sent_at, mailing.recipient_count = by, timezone.now(), len(people)
        mailing.save(update_fields=["status", "sent_by", "sent_at", "recipient_count"])
        # Beat's next run (registration.mailings.tasks) starts the delivery;
        # without a broker there is no beat, and it goes at once.
        if current_app.conf.task_always_eager:
            transaction.on_commit(lambda: deliver_mailings.delay())
    return len(people)
