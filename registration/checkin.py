"""Check-in: the scan verdict, manual check-in, undo, badge reissue and
bulk badge batches (services), and the reads the scanner needs (selectors).

The database guarantees one check-in per registration: the check-in is a
conditional ``UPDATE ... WHERE checked_in_at IS NULL``, so of two gates
scanning one badge at the same moment exactly one updates the row; the other
sees zero rows and answers "already checked in". A scan's optional nonce is
unique in the database, so a retried request records one scan and replays
the first answer.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from registration import badges
from registration.models import (
    BadgeBatch,
    Category,
    Registration,
    Scan,
    ScannerToken,
    ScanResult,
    Status,
    StatusChange,
)
from sessions.models import EventPage

SEARCH_LIMIT = 25


@dataclass
class ScanAnswer:
    """What the scanner shows: the verdict, whose badge, a sentence."""

    result: str
    registration: Registration | None
    message: str
    scan_id: int | None = None

    def as_json(self) -> dict:
        return {
            "result": self.result,
            "registration": registration_json(self.registration) if self.registration else None,
            "message": str(self.message),
            "scan": self.scan_id,
        }


def local_time(registration: Registration, moment: datetime.datetime) -> str:
    return timezone.localtime(moment, registration.event.tz).strftime("%H:%M")


def registration_json(registration: Registration) -> dict:
    checked_in_at = registration.checked_in_at
    return {
        "reference": registration.reference,
        "name": registration.full_name,
        "organisation": registration.organisation,
        "country": str(registration.country.name) if registration.country else "",
        "category": registration.category.name,
        "category_colour": registration.category.badge_colour,
        "status": registration.status,
        "event": registration.event.title,
        "checked_in_at": checked_in_at.isoformat() if checked_in_at else None,
        "checked_in_time": local_time(registration, checked_in_at) if checked_in_at else None,
        "checked_in_gate": registration.checked_in_gate,
    }


def _message(result: str, registration: Registration | None, *, superseded: bool = False) -> str:
    if result == ScanResult.OK:
        return gettext("Checked in.")
    if result == ScanResult.ALREADY_CHECKED_IN:
        time = local_time(registration, registration.checked_in_at)
        if registration.checked_in_gate:
            return gettext("Already checked in at %(time)s (gate %(gate)s).") % {
                "time": time,
                "gate": registration.checked_in_gate,
            }
        return gettext("Already checked in at %(time)s.") % {"time": time}
    if result == ScanResult.CANCELLED:
        return gettext("This registration was cancelled.")
    if result == ScanResult.NOT_CONFIRMED:
        return gettext("This registration is not confirmed (%(status)s).") % {
            "status": registration.get_status_display()
        }
    if result == ScanResult.WRONG_EVENT:
        return gettext("This badge is for another event: %(event)s.") % {"event": registration.event.title}
    if superseded:
        return gettext("This badge was replaced by a newer one and is no longer valid.")
    return gettext("Invalid badge: this code was not issued by this site.")


# What a scan's answer shows of the registration, and no more.
SCAN_FIELDS = (
    "id",
    "reference",
    "event_id",
    "category_id",
    "status",
    "honorific",
    "first_name",
    "last_name",
    "organisation",
    "country",
    "badge_version",
    "checked_in_at",
    "checked_in_gate",
)


@functools.cache
def _scan_lookup_sql() -> str:
    """The registration a badge names, with its event's title and time zone
    and its category's name and colour, in one SELECT. Written out because it
    is the hottest query of the site (every scan at the door): the ORM took
    1.4 ms of CPU to build it, this takes 0.3 ms, and RawQuerySet still
    converts the values as the ORM does (dates on SQLite)."""
    registration, event, page, category = (model._meta.db_table for model in (Registration, EventPage, Page, Category))
    columns = ", ".join(f"r.{Registration._meta.get_field(name).column}" for name in SCAN_FIELDS)
    return (
        f"SELECT {columns}, p.title AS scan_event_title, e.time_zone AS scan_event_time_zone, "
        "c.name AS scan_category_name, c.badge_colour AS scan_category_colour "
        f"FROM {registration} r "
        f"JOIN {event} e ON e.page_ptr_id = r.event_id "
        f"JOIN {page} p ON p.id = r.event_id "
        f"JOIN {category} c ON c.id = r.category_id "
        "WHERE r.reference = %s"
    )


def _partial(model, db: str, **values):
    """An instance of ``model`` with these fields loaded (the others load on
    first use), made as the ORM makes the objects of a select_related."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


def _scan_registration(reference: str) -> Registration | None:
    found = list(Registration.objects.raw(_scan_lookup_sql(), [reference]))
    if not found:
        return None
    registration = found[0]
    db = registration._state.db
    registration.event = _partial(
        EventPage,
        db,
        id=registration.event_id,
        page_ptr_id=registration.event_id,
        title=registration.scan_event_title,
        time_zone=registration.scan_event_time_zone,
    )
    registration.category = _partial(
        Category,
        db,
        id=registration.category_id,
        name=registration.scan_category_name,
        badge_colour=registration.scan_category_colour,
    )
    return registration


def _registration_for_code(code: object) -> tuple[Registration | None, bool]:
    """The registration a genuine, current token names; and whether the
    token was genuine but superseded by a reissued badge."""
    token = badges.parse_token(code)
    if token is None:
        return None, False
    registration = _scan_registration(token.reference)
    if registration is None or not badges.signature_is_valid(token, event_id=registration.event_id):
        return None, False
    if token.version != registration.badge_version:
        return None, True
    return registration, False


def _verdict(registration: Registration, *, event_id: int | None, gate: str, when: datetime.datetime) -> str:
    """Check the registration in if it may be; runs inside the transaction.

    What was read a moment ago decides without another query when it says
    no (already in, cancelled): the morning's repeat scans cost less. When
    it says yes, the conditional UPDATE decides, and a scan that lost the
    race to another gate reads what that gate wrote."""
    if event_id is not None and registration.event_id != event_id:
        return ScanResult.WRONG_EVENT
    if registration.status == Status.CONFIRMED and registration.checked_in_at is None:
        updated = Registration.objects.filter(
            pk=registration.pk, status=Status.CONFIRMED, checked_in_at__isnull=True
        ).update(checked_in_at=when, checked_in_gate=gate, updated_at=timezone.now())
        if updated:
            registration.checked_in_at, registration.checked_in_gate = when, gate
            return ScanResult.OK
        registration.refresh_from_db(fields=["status", "checked_in_at", "checked_in_gate"])
    if registration.status == Status.CANCELLED:
        return ScanResult.CANCELLED
    if registration.status != Status.CONFIRMED:
        return ScanResult.NOT_CONFIRMED
    return ScanResult.ALREADY_CHECKED_IN


def _replay(nonce: str) -> ScanAnswer:
    scan = Scan.objects.select_related("registration__event", "registration__category").get(nonce=nonce)
    return ScanAnswer(scan.result, scan.registration, _message(scan.result, scan.registration), scan.pk)


def _record(
    *,
    registration: Registration | None,
    code: str,
    staff: AbstractBaseUser,
    event_id: int | None,
    gate: str,
    nonce: str | None,
    scanned_at: datetime.datetime | None,
    superseded: bool = False,
) -> ScanAnswer:
    when = scanned_at or timezone.now()
    try:
        # A retried nonce is not looked up first (one query less on every
        # scan): its INSERT fails on the unique nonce, which rolls back this
        # transaction's check-in too, and the first answer is replayed.
        with transaction.atomic():
            if registration is None:
                result = ScanResult.INVALID
            else:
                result = _verdict(registration, event_id=event_id, gate=gate, when=when)
            scan = Scan.objects.create(
                event_id=event_id or (registration.event_id if registration else None),
                registration=registration,
                # PostgreSQL text cannot hold NUL: keep the rest of what was read.
                code=code[: badges.MAX_CODE_LENGTH].replace("\x00", "\ufffd"),
                gate=gate,
                staff=staff,
                result=result,
                scanned_at=when,
                nonce=nonce or None,
            )
    except IntegrityError:
        if nonce and Scan.objects.filter(nonce=nonce).exists():
            return _replay(nonce)
        raise
    return ScanAnswer(result, registration, _message(result, registration, superseded=superseded), scan.pk)


def _require_event(event_id: int | None, registration: Registration | None) -> None:
    """A scan names an event that exists: the registration's own needs no
    query (the common case); any other is looked up."""
    if event_id is None or (registration is not None and registration.event_id == event_id):
        return
    if not EventPage.objects.filter(pk=event_id).exists():
        raise ValidationError(_("There is no such event."), code="unknown_event")


def scan_record(
    *,
    code: object,
    staff: AbstractBaseUser,
    event_id: int | None = None,
    gate: str = "",
    nonce: str | None = None,
    scanned_at: datetime.datetime | None = None,
) -> ScanAnswer:
    """Record one scan of a badge code at the event ``event_id`` (any event
    when None) and give its verdict. Anything that is not a genuine, current
    token of this site is "invalid"; an unknown event is a ValidationError."""
    registration, superseded = _registration_for_code(code)
    _require_event(event_id, registration)
    return _record(
        registration=registration,
        code=code if isinstance(code, str) else "",
        staff=staff,
        event_id=event_id,
        gate=gate,
        nonce=nonce,
        scanned_at=scanned_at,
        superseded=superseded,
    )


def registration_check_in(
    *,
    registration: Registration,
    staff: AbstractBaseUser,
    event: EventPage | None = None,
    gate: str = "",
    nonce: str | None = None,
) -> ScanAnswer:
    """Check in someone found by name or reference (no badge at hand)."""
    return _record(
        registration=registration,
        code=f"manual:{registration.reference}",
        staff=staff,
        event_id=event.pk if event else None,
        gate=gate,
        nonce=nonce,
        scanned_at=None,
    )


@transaction.atomic
def scan_undo(*, scan: Scan, by: AbstractBaseUser) -> Registration:
    """Undo a mistaken check-in: the scan is marked undone and the
    registration is no longer checked in (unless a later scan did it)."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    if scan.result != ScanResult.OK or scan.registration_id is None:
        raise ValidationError(_("Only a scan that checked someone in can be undone."))
    if scan.undone_at is not None:
        raise ValidationError(_("This check-in was already undone."))
    scan.undone_at = timezone.now()
    scan.save(update_fields=["undone_at"])
    Registration.objects.filter(pk=scan.registration_id, checked_in_at=scan.scanned_at).update(
        checked_in_at=None, checked_in_gate="", updated_at=timezone.now()
    )
    return Registration.objects.select_related("event", "category").get(pk=scan.registration_id)


@transaction.atomic
def badge_reissue(*, registration: Registration, by: AbstractBaseUser | None) -> Registration:
    """A new badge for a lost one: the version goes up, so the old QR code
    scans as invalid from now on. Recorded in the registration's history."""
    Registration.objects.filter(pk=registration.pk).update(
        badge_version=F("badge_version") + 1, updated_at=timezone.now()
    )
    registration.refresh_from_db(fields=["badge_version", "status", "updated_at"])
    StatusChange.objects.create(
        registration=registration,
        from_status=registration.status,
        to_status=registration.status,
        by=by,
        reason=gettext("Badge reissued (version %(version)s).") % {"version": registration.badge_version},
    )
    return registration


# --- bulk badges ------------------------------------------------------------------------


def parse_references(text: str) -> list[str]:
    return [item.strip().upper() for item in text.replace(",", " ").split() if item.strip()]


def badge_batch_registrations(batch: BadgeBatch) -> QuerySet[Registration]:
    """The confirmed registrations a batch prints, sorted by last name."""
    registrations = Registration.objects.filter(event_id=batch.event_id, status=Status.CONFIRMED)
    if batch.category_id:
        registrations = registrations.filter(category_id=batch.category_id)
    if batch.attendance_mode:
        registrations = registrations.filter(attendance_mode=batch.attendance_mode)
    references = parse_references(batch.references)
    if references:
        registrations = registrations.filter(reference__in=references)
    return registrations.select_related("event", "category").order_by(
        Lower("last_name"), Lower("first_name"), "reference"
    )


def badge_batch_create(
    *,
    event: EventPage,
    by: AbstractBaseUser,
    layout: str = BadgeBatch.Layout.A4_FOUR,
    category: Category | None = None,
    attendance_mode: str = "",
    references: str = "",
) -> BadgeBatch:
    """Queue a bulk badge PDF; the task builds it after commit."""
    from registration.badge_tasks import build_badge_batch

    if category is not None and category.event_id != event.pk:
        raise ValidationError({"category": _("This category belongs to another event.")})
    wanted = parse_references(references)
    if wanted:
        found = set(
            Registration.objects.filter(event=event, status=Status.CONFIRMED, reference__in=wanted).values_list(
                "reference", flat=True
            )
        )
        unknown = [reference for reference in wanted if reference not in found]
        if unknown:
            raise ValidationError(
                {
                    "references": _("No confirmed registration of this event has these references: %(refs)s")
                    % {"refs": ", ".join(unknown)}
                }
            )
    with transaction.atomic():
        batch = BadgeBatch(
            event=event,
            category=category,
            attendance_mode=attendance_mode,
            references="\n".join(wanted),
            layout=layout,
            created_by=by,
        )
        batch.full_clean(exclude=["file"])
        batch.total = badge_batch_registrations(batch).count()
        batch.save()
        transaction.on_commit(lambda: build_badge_batch.delay(batch_id=batch.pk))
    return batch


def badge_batch_build(*, batch: BadgeBatch) -> BadgeBatch:
    """Draw the batch's PDF, recording progress as it goes (each progress
    step is its own small write, visible at once to the progress page)."""
    registrations = badge_batch_registrations(batch)
    total = registrations.count()
    BadgeBatch.objects.filter(pk=batch.pk).update(state=BadgeBatch.State.RUNNING, total=total, done=0, error="")

    def progress(done: int) -> None:
        BadgeBatch.objects.filter(pk=batch.pk).update(done=done)

    pdf = badges.render_badges_pdf(registrations.iterator(chunk_size=500), layout=batch.layout, progress=progress)
    with transaction.atomic():
        batch.refresh_from_db()
        batch.file.save(f"badges-{batch.event.slug}-{batch.pk}.pdf", ContentFile(pdf), save=False)
        batch.state = BadgeBatch.State.DONE
        batch.done = batch.total = total
        batch.finished_at = timezone.now()
        batch.save(update_fields=["file", "state", "done", "total", "finished_at"])
    return batch


def badge_batch_fail(*, batch: BadgeBatch, error: str) -> None:
    BadgeBatch.objects.filter(pk=batch.pk).update(
        state=BadgeBatch.State.FAILED, error=error[:2000], finished_at=timezone.now()
    )


# --- selectors --------------------------------------------------------------------------


def checkin_counts(*, event: EventPage) -> dict:
    """Checked in against confirmed, in total and by category (one query)."""
    confirmed = Q(registrations__status=Status.CONFIRMED)
    categories = (
        Category.objects.filter(event=event)
        .annotate(
            confirmed=Count("registrations", filter=confirmed),
            checked_in=Count("registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False)),
        )
        .order_by("sort_order", "name")
    )
    rows = [
        {
            "category": category.name,
            "colour": category.badge_colour,
            "checked_in": category.checked_in,
            "confirmed": category.confirmed,
        }
        for category in categories
    ]
    return {
        "checked_in": sum(row["checked_in"] for row in rows),
        "confirmed": sum(row["confirmed"] for row in rows),
        "categories": rows,
    }


def checkin_search(*, event: EventPage, query: str) -> list[Registration]:
    """Registrations of the event matching every word of the query in the
    name, organisation, email or reference (for people without a badge)."""
    words = query.split()[:5]
    if not words:
        return []
    registrations = Registration.objects.filter(event=event)
    for word in words:
        registrations = registrations.filter(
            Q(reference__iexact=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(organisation__icontains=word)
            | Q(email__icontains=word)
        )
    return list(
        registrations.select_related("event", "category").order_by(Lower("last_name"), Lower("first_name"))[
            :SEARCH_LIMIT
        ]
    )


def scanner_events() -> QuerySet[EventPage]:
    """Events staff can scan for: live events, the latest first."""
    return EventPage.objects.live().order_by("-start_date", "title")


def participant_badge_registration(*, user, reference: str) -> Registration | None:
    """The signed-in participant's own confirmed registration, else None."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.select_related("event", "category")
        .filter(user=user, reference=reference.upper(), status=Status.CONFIRMED)
        .first()
    )


# --- API tokens for scanning devices -------------------------------------------------------


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def scanner_token_create(*, user: AbstractBaseUser, name: str) -> tuple[ScannerToken, str]:
    """A new token for ``user``; returns it with its key, shown only now."""
    key = secrets.token_urlsafe(32)
    token = ScannerToken(user=user, name=name, key_hash=_hash_key(key))
    token.full_clean(exclude=["key_hash"])
    token.save()
    return token, key


def scanner_tokens_of(*, user: AbstractBaseUser) -> QuerySet[ScannerToken]:
    return ScannerToken.objects.filter(user=user)


def scanner_token_revoke(*, token: ScannerToken) -> ScannerToken:
    ScannerToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def user_for_scanner_key(key: str):
    """The active user a live token key belongs to, or None."""
    if not key or len(key) > 100:
        return None
    token = (
        ScannerToken.objects.select_related("user")
        .filter(key_hash=_hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token else None
