"""Reads for the public event pages, agendas and calendar feeds. Each selector
brings everything its page or feed shows, so no template adds a query."""

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from home.translated import language_code
from sessions.models import (
    AgendaFeedToken,
    EventIndexPage,
    EventPage,
    Room,
    Session,
    SessionSpeaker,
    SessionType,
    SpeakerRole,
    StarredSession,
    Track,
    Visibility,
)
from speakers.models import Speaker


def _published_speakers() -> Prefetch:
    """The published speakers of public sessions: a closed session is listed
    without details, its speakers included."""
    return Prefetch(
        "session_speakers",
        queryset=SessionSpeaker.objects.filter(speaker__is_published=True, session__visibility=Visibility.PUBLIC)
        .select_related("speaker", "speaker__photo")
        .order_by("sort_order", "pk"),
        to_attr="published_speakers",
    )


def with_labels(sessions: list[Session]) -> list[Session]:
    """Sets ``type_label`` on each session and ``role_label`` on each speaker
    link: Django's ``get_FOO_display`` is slow with lazy choices, and feeds
    and agendas call it hundreds of times."""
    types = {value: str(label) for value, label in SessionType.choices}
    roles = {value: str(label) for value, label in SpeakerRole.choices}
    for session in sessions:
        session.type_label = types.get(session.session_type, session.session_type)
        for link in getattr(session, "published_speakers", ()):
            link.role_label = roles.get(link.role, link.role)
    return sessions


def _sessions_with_details() -> QuerySet[Session]:
    return Session.objects.select_related("room", "track").prefetch_related(_published_speakers())


# --- events -----------------------------------------------------------------------


def event_listing(*, index: EventIndexPage, kind: str = "", year: int | None = None) -> dict:
    """Live events under ``index`` or any of its translations, each once (its
    page in the index's language, else its original): upcoming (soonest
    first) and past (latest first), optionally of one kind and one year,
    plus the years on offer."""
    under = Q()
    for parent_path in index.get_translations(inclusive=True).values_list("path", flat=True):
        under |= Q(path__startswith=parent_path)
    candidates = (
        EventPage.objects.live()
        .public()
        .filter(under, depth=index.depth + 1)
        .filter(Q(locale_id=index.locale_id) | Q(pk__in=EventPage.objects.originals().values("pk")))
        .select_related("hero_image")
        .order_by("pk")
    )
    chosen: dict = {}
    for event in candidates:
        if event.translation_key not in chosen or event.locale_id == index.locale_id:
            chosen[event.translation_key] = event
    events = list(chosen.values())
    years = sorted({event.start_date.year for event in events}, reverse=True)
    events = [e for e in events if (not kind or e.kind == kind) and (not year or e.start_date.year == year)]
    today = timezone.localdate()
    upcoming = sorted((e for e in events if e.end_date >= today), key=lambda e: (e.start_date, e.pk))
    past = sorted((e for e in events if e.end_date < today), key=lambda e: (e.start_date, e.pk), reverse=True)
    return {"upcoming": upcoming, "past": past, "years": years}


def user_is_confirmed(*, user: AbstractBaseUser, event: EventPage) -> bool:
    """True when the user holds a confirmed registration for the event."""
    if not user.is_authenticated:
        return False
    from registration.models import Registration, RegistrationStatus

    return Registration.objects.filter(user=user, event=event, status=RegistrationStatus.CONFIRMED).exists()


# --- agenda -----------------------------------------------------------------------


@dataclass
class AgendaFilters:
    day: datetime.date | None = None
    track: int | None = None
    session_type: str = ""
    room: int | None = None
    language: str = ""
    query: str = ""


def agenda_filter_options(*, event: EventPage) -> dict:
    """Tracks, rooms and languages to offer as agenda filters."""
    codes = set()
    for languages in (
        Session.objects.filter(event=event).exclude(visibility=Visibility.DRAFT).values_list("languages", flat=True)
    ):
        codes.update(code.strip().lower() for code in languages.split(",") if code.strip())
    return {
        "tracks": list(Track.objects.filter(event=event)),
        "rooms": list(Room.objects.filter(event=event)),
        "languages": sorted(codes),
    }


def agenda_sessions(*, event: EventPage, filters: AgendaFilters, user: AbstractBaseUser | None = None) -> list[Session]:
    """The non-draft sessions of an event that match the filters, in order,
    each marked ``is_starred`` for the user. A closed session matches a text
    search on its title only."""
    sessions = _sessions_with_details().filter(event=event).exclude(visibility=Visibility.DRAFT)
    if user is not None and user.is_authenticated:
        sessions = sessions.annotate(
            is_starred=Exists(StarredSession.objects.filter(user=user, session=OuterRef("pk")))
        )
    if filters.day:
        start, end = event.local_day_bounds(filters.day)
        sessions = sessions.filter(starts_at__gte=start, starts_at__lt=end)
    if filters.track:
        sessions = sessions.filter(track_id=filters.track)
    if filters.session_type:
        sessions = sessions.filter(session_type=filters.session_type)
    if filters.room:
        sessions = sessions.filter(room_id=filters.room)
    if filters.language:
        sessions = sessions.filter(languages__iregex=rf"(^|,)\s*{re.escape(filters.language)}\s*(,|$)")
    if filters.query:
        # The title and description in the visitor's language are searched too.
        text = f"translations__{language_code()}__"
        details = Session.objects.filter(
            Q(description__icontains=filters.query)
            | Q(**{f"{text}description__icontains": filters.query})
            | Q(
                session_speakers__speaker__is_published=True,
                session_speakers__speaker__last_name__icontains=filters.query,
            )
            | Q(
                session_speakers__speaker__is_published=True,
                session_speakers__speaker__first_name__icontains=filters.query,
            )
        )
        words = (
            Q(title__icontains=filters.query)
            | Q(**{f"{text}title__icontains": filters.query})
            | Q(visibility=Visibility.PUBLIC, pk__in=details.values("pk"))
        )
        sessions = sessions.filter(words)
    sessions = list(sessions.order_by("starts_at", "room__sort_order", "room__name", "title"))
    for session in sessions:
        session.event = event
    return with_labels(sessions)


@dataclass
class TimeSlot:
    starts_at: datetime.datetime
    sessions: list[Session] = field(default_factory=list)


@dataclass
class AgendaDay:
    date: datetime.date
    slots: list[TimeSlot] = field(default_factory=list)


def group_by_day_and_slot(sessions: list[Session], event: EventPage) -> list[AgendaDay]:
    """Sessions (already in time order) grouped by local day, then by start
    time: the sessions of one slot run in parallel."""
    days: list[AgendaDay] = []
    for session in sessions:
        local_start = timezone.localtime(session.starts_at, event.tz)
        if not days or days[-1].date != local_start.date():
            days.append(AgendaDay(date=local_start.date()))
        slots = days[-1].slots
        if not slots or slots[-1].starts_at != local_start:
            slots.append(TimeSlot(starts_at=local_start))
        slots[-1].sessions.append(session)
    return days


def visible_session(*, event: EventPage, uid: str) -> Session | None:
    """A non-draft session of the event, or None."""
    session = _sessions_with_details().filter(event=event, uid=uid).exclude(visibility=Visibility.DRAFT).first()
    if session is not None:
        session.event = event
        with_labels([session])
    return session


def session_documents(*, session: Session) -> list:
    return list(session.documents.select_related("document").order_by("sort_order"))


def starred_session_ids(*, user: AbstractBaseUser, event: EventPage | None = None) -> set[int]:
    if not user.is_authenticated:
        return set()
    stars = StarredSession.objects.filter(user=user)
    if event is not None:
        stars = stars.filter(session__event=event)
    return set(stars.values_list("session_id", flat=True))


# --- speakers ---------------------------------------------------------------------


def _public_speaker_links(**conditions) -> QuerySet[SessionSpeaker]:
    """Links of published speakers to public sessions: speaking only in
    closed (or draft) sessions lists nobody publicly."""
    return SessionSpeaker.objects.filter(
        speaker__is_published=True, session__visibility=Visibility.PUBLIC, **conditions
    )


def event_speakers(*, event: EventPage) -> list[Speaker]:
    """Published speakers on at least one public session of the event."""
    ids = _public_speaker_links(session__event=event).values("speaker_id")
    return list(Speaker.objects.filter(pk__in=ids).select_related("photo").order_by("last_name", "first_name"))


def event_speaker(*, event: EventPage, slug: str) -> Speaker | None:
    ids = _public_speaker_links(session__event=event, speaker__slug=slug).values("speaker_id")
    return Speaker.objects.filter(pk__in=ids).select_related("photo").first()


def speaker_sessions_at_event(*, event: EventPage, speaker: Speaker) -> list[Session]:
    """The speaker's public sessions at the event (never the closed ones)."""
    sessions = list(
        _sessions_with_details()
        .filter(event=event, session_speakers__speaker=speaker, visibility=Visibility.PUBLIC)
        .order_by("starts_at", "title")
    )
    for session in sessions:
        session.event = event
    return with_labels(sessions)


# --- calendar feeds ---------------------------------------------------------------


def _with_event(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.select_related("event", "room", "track").prefetch_related(_published_speakers())


def event_feed_sessions(*, event: EventPage) -> list[Session]:
    """Public sessions of the event (cancelled ones included, so calendars
    drop them); closed and draft sessions never appear."""
    sessions = list(
        _sessions_with_details().filter(event=event, visibility=Visibility.PUBLIC).order_by("starts_at", "pk")
    )
    for session in sessions:
        session.event = event
    return with_labels(sessions)


def event_feed_fingerprint(*, event: EventPage) -> tuple:
    """Changes whenever the event feed's content may change: sessions added,
    edited or removed, speakers added, removed or edited. (Room and track
    renames are not seen here; the feed cache's lifetime covers them.)"""
    found = Session.objects.filter(event=event, visibility=Visibility.PUBLIC).aggregate(
        sessions=Count("pk", distinct=True),
        changed=Max("updated_at"),
        links=Count("session_speakers", distinct=True),
        speakers_changed=Max("session_speakers__speaker__updated_at"),
    )
    return (
        found["sessions"],
        found["changed"] and found["changed"].timestamp(),
        found["links"],
        found["speakers_changed"] and found["speakers_changed"].timestamp(),
    )


def speaker_feed_sessions(*, speaker: Speaker) -> list[Session]:
    """Public sessions of a published speaker at live events."""
    return with_labels(
        list(
            _with_event(
                Session.objects.filter(
                    session_speakers__speaker=speaker, visibility=Visibility.PUBLIC, event__live=True
                ).order_by("starts_at", "pk")
            )
        )
    )


def published_speaker(*, slug: str) -> Speaker | None:
    """A published speaker with a public session at a live event (one who
    speaks only in closed sessions has no public calendar)."""
    ids = _public_speaker_links(speaker__slug=slug, session__event__live=True).values("speaker_id")
    return Speaker.objects.filter(pk__in=ids).first()


def personal_agenda_sessions(*, user: AbstractBaseUser) -> list[Session]:
    """The user's starred sessions (never drafts), in time order."""
    return with_labels(
        list(
            _with_event(
                Session.objects.filter(stars__user=user, event__live=True)
                .exclude(visibility=Visibility.DRAFT)
                .order_by("starts_at", "pk")
            )
        )
    )


def sessions_by_id(*, ids) -> list[Session]:
    """These sessions with their event, room, track and published speakers,
    in time order (for a change notice and its calendar file)."""
    return with_labels(list(_with_event(Session.objects.filter(pk__in=ids).order_by("starts_at", "pk"))))


def feed_token_owner(*, token: str) -> AbstractBaseUser | None:
    found = AgendaFeedToken.objects.filter(token=token).select_related("user").first()
    if found is None or not found.user.is_active:
        return None
    return found.user


def user_language(*, user: AbstractBaseUser) -> str | None:
    """The language a person chose on their latest active registration (the
    site keeps no other saved language for an account), else None."""
    from registration.models import Registration, RegistrationStatus

    active = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    return (
        Registration.objects.filter(user=user, status__in=active)
        .order_by("-updated_at", "-pk")
        .values_list("preferred_language", flat=True)
        .first()
    )
