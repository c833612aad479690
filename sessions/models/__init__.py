"""The agenda app's models ("agenda" is its label), in four modules:
``events`` (the event pages), ``agenda`` (rooms, tracks, sessions and their
speakers and documents), ``people`` (starred sessions, feed tokens, check-in
staff), ``notices`` (change notices). Imported here so that
``sessions.models.<Model>`` names them all."""

from sessions.models.agenda import (
    Room,
    Session,
    SessionDocument,
    SessionSpeaker,
    SessionType,
    SpeakerRole,
    Track,
    Visibility,
)
from sessions.models.events import UUID_PATTERN, EventIndexPage, EventKind, EventPage, timezone_choices
from sessions.models.notices import ChangeNotice, ChangeNoticeItem, ChangeNoticeOptOut
from sessions.models.people import AgendaFeedToken, CheckinStaff, StarredSession, new_feed_token

__all__ = [
    "UUID_PATTERN",
    "AgendaFeedToken",
    "ChangeNotice",
    "ChangeNoticeItem",
    "ChangeNoticeOptOut",
    "CheckinStaff",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "Room",
    "Session",
    "SessionDocument",
    "SessionSpeaker",
    "SessionType",
    "SpeakerRole",
    "StarredSession",
    "Track",
    "Visibility",
    "new_feed_token",
    "timezone_choices",
]
