"""Forms of the public agenda (filters) and of the Wagtail session editor."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from sessions.models import EventPage, SessionType
from sessions.selectors import AgendaFilters


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
        self.fields["track"].choices = everything + [(t.pk, t.translated("name")) for t in tracks]
        self.fields["type"].choices = everything + list(SessionType.choices)
        self.fields["room"].choices = everything + [(r.pk, r.translated("name")) for r in rooms]
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
    """The session editor: times are typed in the event's own time zone. It
    validates the fields; the admin views save through ``sessions.services``
    (which lock, check room and speakers, and save) and show a refusal
    beside its field or speaker row (``add_service_errors``)."""

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
            for name in self.TIME_FIELDS:
                value = cleaned.get(name)
                if value is not None:
                    # The field read the wall-clock time in the server's zone;
                    # keep the wall-clock time, put it in the event's zone.
                    wall = timezone.localtime(value).replace(tzinfo=None)
                    cleaned[name] = timezone.make_aware(wall, event.tz)
        return cleaned

    def session_fields(self) -> dict:
        """The session's fields as the form cleaned them, for the services."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        if hasattr(self, "translation_fields"):  # set on the instance by TranslationsFormMixin
            fields["translations"] = self.instance.translations
        return fields

    def speaker_slots(self) -> list[tuple]:
        """(speaker, role) of the speaker rows kept, in their order."""
        return [
            (form.cleaned_data["speaker"], form.cleaned_data["role"]) for form in self._kept_rows("session_speakers")
        ]

    def document_slots(self) -> list[tuple]:
        return [(form.cleaned_data["document"], form.cleaned_data["title"]) for form in self._kept_rows("documents")]

    def _kept_rows(self, name: str) -> list:
        """The rows neither deleted nor left empty, in their order (read
        while the formset is valid: the list is kept once computed)."""
        return self.formsets[name].ordered_forms

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's refusal beside the field it names; a speaker's
        beside that speaker's row."""
        rows = {}
        for form in self._kept_rows("session_speakers"):
            rows[form.cleaned_data["speaker"].pk] = form
        for field, errors in error.error_dict.items():
            for item in errors:
                row = rows.get(getattr(item, "speaker_id", None))
                if row is not None:
                    row.add_error("speaker", item.messages)
                else:
                    self.add_error(field if field in self.fields else None, item.messages)
