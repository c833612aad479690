"""Forms of the public agenda (filters) and of the Wagtail session editor."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from sessions.models import EventPage, SessionType
from sessions.selectors import AgendaFilters
from sessions.services import event_lock, speaker_conflict_message, speaker_conflicts


class AgendaFilterForm(forms.Form):
    """The agenda's filters, read from the query string. A malformed value
    is dropped on its own, so the rest of the filters (or the whole agenda)
    still shows."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    track = forms.TypedChoiceField(label=_("Track"), required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(label=_("Type"), required=False)
    room = forms.TypedChoiceField(label=_("Room"), required=False, coerce=int, empty_value=None)
    lang = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, data, *, tracks, rooms, languages):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["track"].choices = everything + [(t.pk, t.name) for t in tracks]
        self.fields["type"].choices = everything + list(SessionType.choices)
        self.fields["room"].choices = everything + [(r.pk, r.name) for r in rooms]
        self.fields["lang"].choices = everything + [(code, code.upper()) for code in languages]

    def filters(self, *, day: datetime.date | None) -> AgendaFilters:
        self.is_valid()
        data = self.cleaned_data  # only the fields that were valid
        return AgendaFilters(
            day=day,
            track=data.get("track"),
            session_type=data.get("type") or "",
            room=data.get("room"),
            language=data.get("lang") or "",
            query=(data.get("q") or "").strip(),
        )

    def active_values(self) -> dict:
        """The valid filters, to keep them in the day tabs' links."""
        self.is_valid()
        return {name: value for name, value in self.data.items() if name in self.cleaned_data and value}


def parse_day(value: str | None, event: EventPage) -> datetime.date | None:
    """A day of the event from ``YYYY-MM-DD``; anything else is None."""
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if event.start_date <= day <= event.end_date else None


class EventScopedAdminForm(WagtailAdminModelForm):
    """An admin form whose event choice lists only the events the user may
    manage (the permission policy refuses the others on save anyway)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "event" in self.fields and self.for_user is not None:
            from sessions.permissions import manageable_events

            self.fields["event"].queryset = manageable_events(self.for_user)


class SessionAdminForm(EventScopedAdminForm):
    """The session editor: times are typed in the event's own time zone, and
    a speaker already booked elsewhere at that time is refused beside the
    speaker's row."""

    TIME_FIELDS = ("starts_at", "ends_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance.event if self.instance.event_id else None
        if event is not None:
            for name in self.TIME_FIELDS:
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = timezone.localtime(value, event.tz).replace(tzinfo=None)
        for name in self.TIME_FIELDS:
            if name in self.fields:
                self.fields[name].help_text = _("Local time of the event, in its own time zone.")
        # Rooms and tracks of this event, or of the user's events for a new
        # session: no other event's names among the choices.
        if event is not None:
            events = [event.pk]
        elif self.for_user is not None:
            from sessions.permissions import manageable_events

            events = manageable_events(self.for_user).values("pk")
        else:
            events = []
        for name in ("room", "track"):
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(event__in=events)
        self._limit_speaker_choices()

    def _limit_speaker_choices(self) -> None:
        """A session's speakers are chosen among the published profiles and
        the user's events' own (``speakers_to_choose``), besides those it has."""
        formset = self.formsets.get("session_speakers")
        if formset is None or self.for_user is None:
            return
        from django.db.models import Q

        from speakers.models import Speaker
        from speakers.selectors import speakers_to_choose

        current = self.instance.session_speakers.values("speaker_id") if self.instance.pk else []
        allowed = Speaker.objects.filter(Q(pk__in=speakers_to_choose(self.for_user).values("pk")) | Q(pk__in=current))
        for form in [*formset.forms, formset.empty_form]:
            if "speaker" in form.fields:
                form.fields["speaker"].queryset = allowed

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event")
        if event is not None:
            # The room and speaker checks come after this (in the model's
            # clean and in is_valid); the admin views run validation and save
            # in one transaction, so the lock holds until the save commits.
            event_lock(event.pk)
            for name in self.TIME_FIELDS:
                value = cleaned.get(name)
                if value is not None:
                    # The field read the wall-clock time in the server's zone;
                    # keep the wall-clock time, put it in the event's zone.
                    wall = timezone.localtime(value).replace(tzinfo=None)
                    cleaned[name] = timezone.make_aware(wall, event.tz)
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        return self._speakers_are_free()

    def _speakers_are_free(self) -> bool:
        formset = self.formsets.get("session_speakers")
        session = self.instance
        if formset is None or session.is_cancelled or session.visibility == "draft":
            return True
        free = True
        seen: set[int] = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            speaker = data.get("speaker")
            if speaker is None or data.get("DELETE"):
                continue
            if speaker.pk in seen:
                form.add_error("speaker", _("This speaker is already on this session."))
                free = False
                continue
            seen.add(speaker.pk)
            conflicts = speaker_conflicts(
                speaker_ids=[speaker.pk],
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                exclude_session_id=session.pk,
            )
            if conflicts:
                form.add_error("speaker", speaker_conflict_message(conflicts[0], session.event))
                free = False
        return free
