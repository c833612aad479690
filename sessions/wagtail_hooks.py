"""Organisers' admin for agendas: sessions (filtered by event, day, room,
track and type, exportable), rooms and tracks, grouped in one menu."""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.translation_admin import TranslatedObjectList, TranslationsPanel, with_translations
from sessions import (
    checkin_staff_admin,  # noqa: F401 - registers the check-in staff admin
    translations_admin,  # noqa: F401 - registers the translators' page
)
from sessions.forms import EventScopedAdminForm, SessionAdminForm
from sessions.models import EventPage, Room, Session, SessionType, Track, Visibility
from sessions.permissions import (
    EventScopedBulkActionMixin,
    EventScopedPermissionPolicy,
    EventScopedViewSetMixin,
    event_filter,
    event_filterset,
    manageable_events,
)
from sessions.services import session_create, session_update

SESSION_PANELS = [
    FieldPanel("event"),
    FieldPanel("title"),
    FieldRowPanel([FieldPanel("session_type"), FieldPanel("track"), FieldPanel("room")]),
    FieldRowPanel(
        [FieldPanel("starts_at"), FieldPanel("ends_at")],
        heading=_("When (in the event's time zone)"),
    ),
    FieldPanel("description"),
    FieldRowPanel([FieldPanel("languages"), FieldPanel("interpretation"), FieldPanel("capacity")]),
    FieldRowPanel([FieldPanel("visibility"), FieldPanel("is_cancelled"), FieldPanel("cancellation_reason")]),
    FieldRowPanel([FieldPanel("stream_url"), FieldPanel("recording_url")]),
    InlinePanel(
        "session_speakers",
        panels=[FieldPanel("speaker"), FieldPanel("role")],
        heading=_("Speakers"),
        label=_("Speaker"),
    ),
    InlinePanel(
        "documents", panels=[FieldPanel("document"), FieldPanel("title")], heading=_("Documents"), label=_("Document")
    ),
    TranslationsPanel(),
]

for model in (Session, Room, Track):
    register_permission_policy(model, EventScopedPermissionPolicy(model))


def _rooms(request):
    """Rooms and tracks of the events the user may manage, for the filters."""
    events = manageable_events(request.user) if request else EventPage.objects.none()
    return Room.objects.filter(event__in=events).select_related("event")


def _tracks(request):
    events = manageable_events(request.user) if request else EventPage.objects.none()
    return Track.objects.filter(event__in=events).select_related("event")


class SessionFilterSet(WagtailFilterSet):
    event = event_filter()
    day = django_filters.DateFilter(label=_("Day (YYYY-MM-DD)"), method="filter_day")
    room = django_filters.ModelChoiceFilter(label=_("Room"), queryset=_rooms)
    track = django_filters.ModelChoiceFilter(label=_("Track"), queryset=_tracks)
    session_type = django_filters.ChoiceFilter(label=_("Type"), choices=SessionType.choices)
    visibility = django_filters.ChoiceFilter(label=_("Visibility"), choices=Visibility.choices)
    is_cancelled = django_filters.BooleanFilter(label=_("Cancelled"))

    class Meta:
        model = Session
        fields = ["event", "day", "room", "track", "session_type", "visibility", "is_cancelled"]

    def filter_day(self, queryset, name, value):
        """Sessions starting on that day in their own event's time zone."""
        condition = Q(pk__in=[])
        for event in EventPage.objects.filter(pk__in=queryset.values("event_id")):
            start, end = event.local_day_bounds(value)
            condition |= Q(event=event, starts_at__gte=start, starts_at__lt=end)
        return queryset.filter(condition)


def local_start(session: Session) -> str:
    return timezone.localtime(session.starts_at, session.event.tz).strftime("%Y-%m-%d %H:%M")


class SessionWriteMixin:
    """Saves a valid session form through ``session_create`` or
    ``session_update`` (in Wagtail's transaction, with its log entry): the
    form has validated the fields, the service locks the event and the
    speakers, checks the room and the speakers, and saves the session with
    its rows. A refusal rolls everything back and is shown beside its field."""

    def save_instance(self):
        form = self.form
        rows = {"speakers": form.speaker_slots(), "documents": form.document_slots()}
        if self.creates:  # a copy's form holds the original: never update it
            session = session_create(**form.session_fields(), **rows)
        else:
            session = session_update(session=form.instance, **form.session_fields(), **rows)
        form.instance = session
        log(instance=session, action=self.log_action, user=self.request.user, content_changed=True)
        return session

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_service_errors(error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class SessionCreateView(SessionWriteMixin, snippet_views.CreateView):
    creates, log_action = True, "wagtail.create"


class SessionCopyView(SessionWriteMixin, snippet_views.CopyView):
    creates, log_action = True, "wagtail.create"


class SessionEditView(SessionWriteMixin, snippet_views.EditView):
    creates, log_action = False, "wagtail.edit"


class SessionViewSet(EventScopedViewSetMixin, SnippetViewSet):
    # Saved through the sessions services.
    add_view_class = SessionCreateView
    copy_view_class = SessionCopyView
    edit_view_class = SessionEditView
    model = Session
    icon = "date"
    menu_label = _("Sessions")
    url_prefix = "agenda/sessions"
    filterset_class = SessionFilterSet
    search_fields = ["title"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "title",
        Column("local_start", label=_("Starts (local)"), accessor=local_start),
        Column("room", label=_("Room")),
        Column("track", label=_("Track")),
        Column("session_type", label=_("Type"), accessor="get_session_type_display"),
        Column("event", label=_("Event")),
        Column("visibility", label=_("Visibility"), accessor="get_visibility_display"),
        Column("is_cancelled", label=_("Cancelled")),
    ]
    list_export = [
        "title",
        "event",
        "local_starts_at",
        "local_ends_at",
        "room",
        "track",
        "session_type",
        "visibility",
        "is_cancelled",
    ]
    export_headings = {"local_starts_at": _("Starts (local)"), "local_ends_at": _("Ends (local)")}
    export_filename = "sessions"
    ordering = ["starts_at", "room__sort_order"]

    def get_queryset(self, request):
        return Session.objects.select_related("event", "room", "track")

    def get_edit_handler(self):
        return TranslatedObjectList(SESSION_PANELS, base_form_class=with_translations(SessionAdminForm)).bind_to_model(
            Session
        )


class RoomViewSet(EventScopedViewSetMixin, SnippetViewSet):
    model = Room
    icon = "home"
    menu_label = _("Rooms")
    url_prefix = "agenda/rooms"
    list_display = ["name", "event", "capacity", "floor"]
    filterset_class = event_filterset(Room)
    search_fields = ["name"]
    search_backend_name = None
    list_export = ["name", "event", "capacity", "floor", "accessibility_notes"]

    def get_queryset(self, request):
        return Room.objects.select_related("event")

    def get_edit_handler(self):
        fields = ["event", "name", "capacity", "floor", "accessibility_notes", "sort_order"]
        return TranslatedObjectList(
            [*(FieldPanel(name) for name in fields), TranslationsPanel()],
            base_form_class=with_translations(EventScopedAdminForm),
        ).bind_to_model(Room)


class TrackViewSet(EventScopedViewSetMixin, SnippetViewSet):
    model = Track
    icon = "tag"
    menu_label = _("Tracks")
    url_prefix = "agenda/tracks"
    list_display = ["name", "event", "colour"]
    filterset_class = event_filterset(Track)
    search_fields = ["name"]
    search_backend_name = None

    def get_queryset(self, request):
        return Track.objects.select_related("event")

    def get_edit_handler(self):
        fields = ["event", "name", "colour", "sort_order"]
        return TranslatedObjectList(
            [*(FieldPanel(name) for name in fields), TranslationsPanel()],
            base_form_class=with_translations(EventScopedAdminForm),
        ).bind_to_model(Track)


class AgendaViewSetGroup(SnippetViewSetGroup):
    items = (SessionViewSet, RoomViewSet, TrackViewSet)
    menu_icon = "date"
    menu_label = _("Agendas")
    menu_name = "agendas"
    menu_order = 210


register_snippet(AgendaViewSetGroup)


class AgendaDeleteBulkAction(EventScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's bulk delete, for the user's events' sessions, rooms and
    tracks only (another event's are neither deleted nor named)."""

    models = [Session, Room, Track]
    permission_action = "delete"


# After Wagtail's own (registered for every snippet), so that it replaces it.
hooks.register("register_bulk_action", AgendaDeleteBulkAction, order=1)
