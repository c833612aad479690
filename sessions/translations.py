"""What is left to translate at an event: for each language, the status of
each session, room, track, participant category, question and speaker of the
event (``home.translated``). One query per kind of object, whatever the
number of rows or languages: a row's translations come with it."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.translated import TranslatedFieldsMixin, TranslationStatus
from registration.models import Category, Question
from sessions.models import EventPage, Room, Session, Track
from speakers.models import Speaker
from speakers.selectors import SPEAKER_EVENT_LOOKUPS

KINDS = (
    (Session, _("Session")),
    (Room, _("Room")),
    (Track, _("Track")),
    (Category, _("Participant category")),
    (Question, _("Question")),
    (Speaker, _("Speaker")),
)


@dataclass
class TranslationRow:
    obj: TranslatedFieldsMixin
    kind: str
    status: TranslationStatus


@dataclass
class LanguageReport:
    code: str
    name: str
    rows: list[TranslationRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(TranslationStatus.values, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def count_items(self) -> list[tuple[str, str, int]]:
        """(status, its label, how many), in the statuses' order."""
        counts = self.counts
        return [(value, label, counts[value]) for value, label in TranslationStatus.choices]


def event_translatable_objects(*, event: EventPage) -> list[tuple[str, list[TranslatedFieldsMixin]]]:
    """(kind label, rows) for each kind of translated object of the event."""
    speakers = Q()
    for lookup in SPEAKER_EVENT_LOOKUPS:
        speakers |= Q(**{lookup: event})
    querysets = {
        Session: Session.objects.filter(event=event).order_by("starts_at", "title", "pk"),
        Room: Room.objects.filter(event=event),
        Track: Track.objects.filter(event=event),
        Category: Category.objects.filter(event=event),
        Question: Question.objects.filter(event=event),
        Speaker: Speaker.objects.filter(pk__in=Speaker.objects.filter(speakers).values("pk")),
    }
    return [(label, list(querysets[model])) for model, label in KINDS]


def event_translation_report(*, event: EventPage) -> list[LanguageReport]:
    """A report per language of the site: each object of the event written in
    another language, with its status in this one."""
    objects = event_translatable_objects(event=event)
    reports = []
    for code, name in settings.LANGUAGES:
        report = LanguageReport(code=code, name=str(name))
        for label, rows in objects:
            for obj in rows:
                if obj.source_language != code:
                    report.rows.append(TranslationRow(obj=obj, kind=label, status=obj.translation_status(code)))
        if report.rows:
            reports.append(report)
    return reports
