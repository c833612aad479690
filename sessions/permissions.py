"""Who may act on which event: the one place that answers it.

- **Organisers** manage an event when they may edit or publish its page in
  Wagtail (page permissions, granted per events index or per event); a
  superuser manages every event. Each admin object that belongs to an event
  (sessions, rooms, registrations, invitations, scans...) is reached only
  through :class:`EventScopedPermissionPolicy`, and every admin view of it
  through :class:`EventScopedViewSetMixin`: another event's object is a 404
  whatever its id, in the listing, the edit, delete, history, usage and
  inspect views, the choosers and the exports.
- **Check-in staff** check people in at the events they were assigned to
  (:class:`~sessions.models.CheckinStaff`, by the event's organisers); a
  superuser at every event. Organisers are not check-in staff unless
  assigned. A scanner token acts at the events it was made for that its
  user still works at.

The check-in answer is asked on every badge scan, so it is kept in the
shared cache for ``CHECKIN_PERMISSION_CACHE_SECONDS`` (on when the cache is
Redis, see settings) under a generation that any change of an assignment
replaces: a removed assignment takes effect at the next scan.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from sessions.models import CheckinStaff, EventPage

# --- organisers ---------------------------------------------------------------------------


def manageable_events(user) -> QuerySet[EventPage]:
    """The events the user may manage (edit or publish rights on the page),
    the latest first."""
    if not user.is_active:
        return EventPage.objects.none()
    events = EventPage.objects.originals().order_by("-start_date", "title")
    if user.is_superuser:
        return events
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
    return events.filter(pk__in=pages.values("pk"))


def user_can_manage_event(user, event: EventPage | int) -> bool:
    event_id = event if isinstance(event, int) else event.pk
    return manageable_events(user).filter(pk=event_id).exists()


# --- check-in staff -----------------------------------------------------------------------

GENERATION_KEY = "checkin:access:generation"


def _assigned_event_ids(user) -> frozenset[int]:
    return frozenset(CheckinStaff.objects.filter(user=user).order_by().values_list("event_id", flat=True))


def checkin_event_ids(
    user, *, token_event_ids: Iterable[int] | None = None, device: bool = False
) -> frozenset[int] | None:
    """The ids of the events the user (or their scanner token, limited to
    ``token_event_ids``) may check people in at. ``None`` means every event
    (a superuser without a token). ``device``: the token is a registered
    device's, by the rule of :func:`device_event_ids`."""
    if device:
        return device_event_ids(user, token_event_ids=token_event_ids or ())
    if not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None if token_event_ids is None else frozenset(token_event_ids)
    allowed = _cached_assigned_event_ids(user)
    return allowed if token_event_ids is None else allowed & frozenset(token_event_ids)


def _cached_assigned_event_ids(user) -> frozenset[int]:
    seconds = settings.CHECKIN_PERMISSION_CACHE_SECONDS
    if not seconds:
        return _assigned_event_ids(user)
    user_key = f"checkin:access:user:{user.pk}"
    cached = cache.get_many([GENERATION_KEY, user_key])
    generation = cached.get(GENERATION_KEY)
    if generation is None:
        generation = secrets.token_hex(8)
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    known = cached.get(user_key)
    if known is not None and known[0] == generation:
        return known[1]
    allowed = _assigned_event_ids(user)
    cache.set(user_key, (generation, allowed), timeout=seconds)
    return allowed


def can_check_in(user, event_id: int, *, token_event_ids: Iterable[int] | None = None) -> bool:
    allowed = checkin_event_ids(user, token_event_ids=token_event_ids)
    return allowed is None or event_id in allowed


def may_check_in_anywhere(user, *, token_event_ids: Iterable[int] | None = None) -> bool:
    allowed = checkin_event_ids(user, token_event_ids=token_event_ids)
    return allowed is None or bool(allowed)


def checkin_events(user, *, token_event_ids: Iterable[int] | None = None) -> QuerySet[EventPage]:
    """The events the user may check people in at, the latest first."""
    allowed = checkin_event_ids(user, token_event_ids=token_event_ids)
    events = EventPage.objects.originals().order_by("-start_date", "title")
    return events if allowed is None else events.filter(pk__in=allowed)


def device_event_ids(user, *, token_event_ids: Iterable[int]) -> frozenset[int]:
    """The events a registered device (a token made for one event by its
    organisers or lead staff, acting as the person who registered it) may
    check people in at: those of its events where that person still checks
    people in or manages the event. The staff answer is the cached one; an
    organiser's page rights are asked only when it does not settle it."""
    token_event_ids = frozenset(token_event_ids)
    if not user.is_active:
        return frozenset()
    if user.is_superuser:
        return token_event_ids
    allowed = _cached_assigned_event_ids(user) & token_event_ids
    rest = token_event_ids - allowed
    if rest:
        allowed |= frozenset(manageable_events(user).filter(pk__in=rest).values_list("pk", flat=True))
    return allowed


# --- scanning devices: who registers and revokes them -----------------------------------------


def _lead_event_ids(user) -> frozenset[int]:
    assigned = CheckinStaff.objects.filter(user=user, is_lead=True).order_by()
    return frozenset(assigned.values_list("event_id", flat=True))


def device_manageable_events(user) -> QuerySet[EventPage]:
    """The events whose scanning devices the user may register and revoke:
    those they manage as organisers, or check people in at as lead staff."""
    if not user.is_active:
        return EventPage.objects.none()
    events = EventPage.objects.originals().order_by("-start_date", "title")
    if user.is_superuser:
        return events
    managed = manageable_events(user).values("pk")
    return events.filter(Q(pk__in=managed) | Q(pk__in=_lead_event_ids(user)))


def may_manage_devices(user, event: EventPage | int) -> bool:
    event_id = event if isinstance(event, int) else event.pk
    return device_manageable_events(user).filter(pk=event_id).exists()


def _new_generation() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def forget_checkin_access(**kwargs) -> None:
    """Every cached answer is stale: an assignment changed. Again at commit,
    so that no scan caches what was read before it."""
    _new_generation()
    transaction.on_commit(_new_generation)


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(forget_checkin_access, sender=CheckinStaff, dispatch_uid=f"checkin-access-{signal}")


# --- admin objects of an event ----------------------------------------------------------


class EventScopedPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, limited to the objects of the events the
    user may manage. ``event_lookups`` are the ORM paths from the model to
    its event; an object belongs to the user's events when any path leads
    to one (a speaker through their sessions or their invitations)."""

    def __init__(self, model, event_lookup: str | tuple[str, ...] = "event", **kwargs):
        super().__init__(model, **kwargs)
        self.event_lookups = (event_lookup,) if isinstance(event_lookup, str) else tuple(event_lookup)

    def scope(self, queryset: QuerySet, user) -> QuerySet:
        """``queryset`` limited to the objects of the user's events."""
        if user.is_active and user.is_superuser:
            return queryset
        events = manageable_events(user)
        condition = Q()
        for lookup in self.event_lookups:
            condition |= Q(**{f"{lookup}__in": events})
        if len(self.event_lookups) == 1 and "__" not in self.event_lookups[0]:
            return queryset.filter(condition)
        # A path through a to-many relation: match through a subquery, so the
        # rows are not repeated and the queryset stays free to annotate.
        return queryset.filter(pk__in=self.model._default_manager.filter(condition).values("pk"))

    def _in_scope(self, user, instance) -> bool:
        if instance is None or instance.pk is None:
            return False
        return self.scope(self.model._default_manager.filter(pk=instance.pk), user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(self.model._default_manager.all(), user)


def policy_for(model: type[Model]) -> EventScopedPermissionPolicy:
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(model)
    if not isinstance(policy, EventScopedPermissionPolicy):
        raise TypeError(f"{model.__name__} has no event-scoped permission policy registered")
    return policy


def scoped_objects(model: type[Model], user) -> QuerySet:
    """Every object of ``model`` in the events the user may manage."""
    return policy_for(model).scope(model._default_manager.all(), user)


def _scoped_view_class(view_class, model: type[Model]):
    """A subclass of a listing or chooser view whose object lists and
    lookups see only the user's events (and whose exports are safe to open
    in a spreadsheet program)."""
    from wagtail.admin.views.generic.models import IndexView

    from forum_site.exports import SafeExportMixin

    overrides, bases = {}, (view_class,)
    if issubclass(view_class, IndexView):
        bases = (SafeExportMixin, view_class)

        def get_base_queryset(self):
            return policy_for(model).scope(super(scoped, self).get_base_queryset(), self.request.user)

        overrides["get_base_queryset"] = get_base_queryset
    if hasattr(view_class, "get_object_list"):

        def get_object_list(self):
            return policy_for(model).scope(super(scoped, self).get_object_list(), self.request.user)

        overrides["get_object_list"] = get_object_list
    if hasattr(view_class, "get_objects"):

        def get_objects(self, pks):
            return policy_for(model).scope(super(scoped, self).get_objects(pks), self.request.user)

        overrides["get_objects"] = get_objects
    if not overrides:
        return view_class
    scoped = type(f"EventScoped{view_class.__name__}", bases, overrides)
    return scoped


def _guard_object_url(view, model: type[Model]):
    """The view function, answering 404 when the URL names an object of an
    event the user may not manage (edit, delete, copy, history, usage,
    inspect, revisions, ``chosen/<id>/``...)."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            objects = scoped_objects(model, request.user)
            try:
                found = objects.filter(pk=unquote(str(pk))).exists()
            except (ValueError, TypeError):
                found = False
            if not found:
                raise Http404
        return view(request, *args, **kwargs)

    return guarded


class _EventScopedViews:
    def construct_view(self, view_class, **kwargs):
        view_class = _scoped_view_class(view_class, self.model)
        return _guard_object_url(super().construct_view(view_class, **kwargs), self.model)


class EventScopedChooserViewSetMixin(_EventScopedViews):
    """For a chooser viewset: lists and ``chosen/<id>/`` answers of the user's
    events only."""


class EventScopedViewSetMixin(_EventScopedViews):
    """For a SnippetViewSet or ModelViewSet whose model belongs to an event
    (its policy registered with ``register_permission_policy``): the
    listing, exports and every view of one object see only the events the
    user may manage; the chooser too."""

    @property
    def chooser_viewset_class(self):
        base = super().chooser_viewset_class
        return type(f"EventScoped{base.__name__}", (EventScopedChooserViewSetMixin, base), {})


ANY_ACTION = ["add", "change", "delete", "view"]


class ForbiddenWithoutRightsMixin:
    """For a viewset: a signed-in admin user without any right on the model
    gets a plain 403 from each of its views (Wagtail would redirect to the
    dashboard with a message)."""

    def construct_view(self, view_class, **kwargs):
        from django.core.exceptions import PermissionDenied
        from django.views.defaults import permission_denied

        view = super().construct_view(view_class, **kwargs)
        model = self.model

        @functools.wraps(view)
        def checked(request, *args, **kwargs):
            if not policy_for(model).user_has_any_permission(request.user, ANY_ACTION):
                # A response, not an exception, which the admin would turn into a redirect.
                return permission_denied(request, PermissionDenied())
            return view(request, *args, **kwargs)

        return checked


class EventScopedBulkActionMixin:
    """For a bulk action on a model with an event-scoped policy: it acts only
    on the objects of the user's events (``id=all`` included); the others are
    left out without being named. ``permission_action`` is the model right
    it needs."""

    permission_action = "change"

    def get_all_objects_in_listing_query(self, parent_id):
        return scoped_objects(self.model, self.request.user).values_list("pk", flat=True)

    def check_perm(self, obj):
        # The scope is applied to all the objects at once (get_actionable_objects).
        return policy_for(self.model).user_has_permission(self.request.user, self.permission_action)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        refused = extra["items_with_no_access"]
        requested = scoped_objects(self.model, self.request.user).filter(pk__in=[o.pk for o in [*objects, *refused]])
        in_scope = set(requested.values_list("pk", flat=True))
        return (
            [obj for obj in objects if obj.pk in in_scope],
            {**extra, "items_with_no_access": [obj for obj in refused if obj.pk in in_scope]},
        )


def _events_of_request(request) -> QuerySet[EventPage]:
    if request is None:
        return EventPage.objects.none()
    return manageable_events(request.user)


def event_filter(label=None, **kwargs):
    """A listing filter on the event, offering only the events the user may
    manage (no other event's name appears in the choices)."""
    import django_filters
    from django.utils.translation import gettext_lazy as _

    return django_filters.ModelChoiceFilter(label=label or _("Event"), queryset=_events_of_request, **kwargs)


def event_filterset(model: type[Model], *, field: str = "event", extra: Iterable[str] = ()):
    """A filter set with the event filter and ``extra`` plain fields."""
    from wagtail.admin.filters import WagtailFilterSet

    meta = type("Meta", (), {"model": model, "fields": [field, *extra]})
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), {field: event_filter(), "Meta": meta})
