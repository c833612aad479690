"""Panel balance: confirmed speakers (``agenda.SessionSpeaker`` rows) by
gender and by UNESCO regional group, per session and per event, with flags.

Gender counts only where the speaker consented to store it; otherwise the
speaker counts as "not stated". Figures are aggregates: nothing here names
a speaker's gender."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from sessions.models import EventPage, Session
from speakers.models import Gender, Speaker
from speakers.regions import SHORT_LABELS, Region, region_for_country
from speakers.selectors import balance_sessions_for_event

NOT_STATED = ""
GENDER_COLUMNS = [*Gender.choices, (NOT_STATED, _("Not stated"))]
REGION_COLUMNS = [*Region.choices, (NOT_STATED, _("Unknown region"))]
# For narrow table headers: (key, short label, full label).
REGION_HEADERS = [(key, SHORT_LABELS.get(key, "?"), label) for key, label in REGION_COLUMNS]


def _gender_counts(speakers: list[Speaker]) -> dict[str, int]:
    counts = Counter(speaker.consented_gender or NOT_STATED for speaker in speakers)
    return {key: counts.get(key, 0) for key, _label in GENDER_COLUMNS}


def _region_counts(speakers: list[Speaker]) -> dict[str, int]:
    counts = Counter(region_for_country(speaker.country.code) or NOT_STATED for speaker in speakers)
    return {key: counts.get(key, 0) for key, _label in REGION_COLUMNS}


@dataclass
class SessionBalance:
    session: Session
    speakers: list[Speaker]
    by_gender: dict[str, int]
    by_region: dict[str, int]

    @property
    def speaker_count(self) -> int:
        return len(self.speakers)

    @property
    def no_woman(self) -> bool:
        """Two or more speakers and not one (consenting) woman among them."""
        return self.speaker_count >= 2 and self.by_gender[Gender.WOMAN] == 0

    @property
    def one_region(self) -> bool:
        """Two or more speakers, all from the same (known) regional group."""
        known = [key for key, count in self.by_region.items() if count and key != NOT_STATED]
        return self.speaker_count >= 2 and self.by_region[NOT_STATED] == 0 and len(known) == 1

    @property
    def flagged(self) -> bool:
        return self.no_woman or self.one_region


@dataclass
class EventBalance:
    event: EventPage
    sessions: list[SessionBalance]
    by_gender: dict[str, int] = field(default_factory=dict)
    by_region: dict[str, int] = field(default_factory=dict)
    speaker_count: int = 0

    @property
    def flagged_sessions(self) -> list[SessionBalance]:
        return [row for row in self.sessions if row.flagged]

    @property
    def no_woman_count(self) -> int:
        return sum(row.no_woman for row in self.sessions)

    @property
    def one_region_count(self) -> int:
        return sum(row.one_region for row in self.sessions)


def session_balance(session: Session) -> SessionBalance:
    """Figures for one session; its ``session_speakers`` should be prefetched
    with their speakers (see ``balance_sessions_for_event``)."""
    speakers = [row.speaker for row in session.session_speakers.all()]
    return SessionBalance(session, speakers, _gender_counts(speakers), _region_counts(speakers))


def event_balance(event: EventPage) -> EventBalance:
    """Figures for every session of the event that is not cancelled, drafts
    included (organisers check balance before the agenda is published).
    Event totals count each speaker once, however many sessions they have."""
    rows = [session_balance(session) for session in balance_sessions_for_event(event)]
    distinct = list({speaker.pk: speaker for row in rows for speaker in row.speakers}.values())
    return EventBalance(
        event=event,
        sessions=rows,
        by_gender=_gender_counts(distinct),
        by_region=_region_counts(distinct),
        speaker_count=len(distinct),
    )
