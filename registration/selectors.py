"""Reads of registrations, each with the joins its page needs."""

from allauth.account.models import EmailAddress
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import translation

from registration.models import Category, Question, Registration, RegistrationSettings, RegistrationStatus
from sessions.permissions import scoped_objects


def with_waitlist_place(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Annotate ``waitlist_place`` (1-based, same event and attendance mode) in the same query."""
    ahead = (
        Registration.objects.filter(
            Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")),
            event_id=OuterRef("event_id"),
            attendance_mode=OuterRef("attendance_mode"),
            status=RegistrationStatus.WAITLISTED,
        )
        .order_by()
        .values("event_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return registrations.annotate(
        waitlist_place=Case(
            When(
                status=RegistrationStatus.WAITLISTED, then=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1
            ),
            default=None,
            output_field=IntegerField(),
        )
    )


def registrations_for_user(*, user) -> QuerySet[Registration]:
    """The user's registrations, newest first, with their place on any waiting list."""
    return with_waitlist_place(
        Registration.objects.filter(user=user).select_related("event", "category").order_by("-created_at", "-pk")
    )


def registration_for_user(*, user, reference: str) -> Registration:
    """The user's own registration (``Registration.DoesNotExist`` for anyone else's)."""
    return (
        Registration.objects.select_related("event", "category")
        .prefetch_related("answers__question")
        .get(user=user, reference=reference)
    )


def registration_of_user_for_event(*, user, event) -> Registration | None:
    return Registration.objects.filter(user=user, event=event).select_related("category").first()


def public_categories(*, event) -> QuerySet[Category]:
    return Category.objects.filter(event=event, is_public=True)


def event_questions(*, event) -> QuerySet[Question]:
    return Question.objects.filter(event=event)


def event_registration_settings(*, event) -> RegistrationSettings | None:
    return RegistrationSettings.objects.filter(event=event).first()


def waitlist_position(registration: Registration) -> int | None:
    """1-based place on the waiting list of the same event and attendance mode."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk),
        event_id=registration.event_id,
        status=RegistrationStatus.WAITLISTED,
        attendance_mode=registration.attendance_mode,
    ).count()
    return ahead + 1


def registration_counts(*, event) -> dict[str, list[tuple[str, int]]]:
    """Counts by status, category, country and gender of an event's registrations."""
    return registration_counts_for(Registration.objects.filter(event=event))


def registration_counts_for(registrations: QuerySet[Registration]) -> dict[str, list[tuple[str, int]]]:
    """Counts by status, category, country and gender (four grouped queries)."""
    status_labels = dict(RegistrationStatus.choices)
    registrations = registrations.order_by()

    def grouped(field):
        return list(registrations.values_list(field).annotate(n=Count("pk")).order_by("-n", field))

    return {
        "status": [(str(status_labels.get(key, key)), n) for key, n in grouped("status")],
        "category": grouped("category__name"),
        "country": [(key or "-", n) for key, n in grouped("country")],
        "gender": [(key or "-", n) for key, n in grouped("gender")],
    }


def registrations_for_admin(*, user) -> QuerySet[Registration]:
    """The registrations of the events the user may manage."""
    return scoped_objects(Registration, user).select_related("event", "category")


def privacy_notice_version():
    """The version of the site's privacy notice a person reads now (in the
    active language), or None when the site has no notice."""
    from home.privacy_notice import current_version

    return current_version(translation.get_language())


def address_of_user(*, user, email: str) -> EmailAddress | None:
    """The user's own address ``email`` (case-insensitive), verified or not; None if it is not theirs."""
    return EmailAddress.objects.filter(user=user, email__iexact=email.strip()).order_by("-verified").first()
