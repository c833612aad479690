"""Who may manage which event, in one place.

An organiser manages an event when they may edit its page in Wagtail (page
permissions, granted per events index or per event); a superuser manages
every event. Admin objects that belong to an event (sessions, rooms,
registrations, invitations...) use :class:`EventScopedPermissionPolicy`, so a
guessed edit or delete URL for another event's object is refused, not only
hidden from the listing."""

from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from sessions.models import EventPage


def manageable_events(user) -> QuerySet[EventPage]:
    if not user.is_active:
        return EventPage.objects.none()
    if user.is_superuser:
        return EventPage.objects.all()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
    return EventPage.objects.filter(pk__in=pages.values("pk"))


def user_can_manage_event(user, event: EventPage) -> bool:
    return manageable_events(user).filter(pk=event.pk).exists()


class EventScopedPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, limited to the events the user may manage.
    ``event_lookup`` is the ORM path from the model to its event."""

    def __init__(self, model, event_lookup: str = "event", **kwargs):
        super().__init__(model, **kwargs)
        self.event_lookup = event_lookup

    def event_id_of(self, instance) -> int | None:
        *path, last = self.event_lookup.split("__")
        target = instance
        for part in path:
            target = getattr(target, part, None)
            if target is None:
                return None
        return getattr(target, f"{last}_id", None)

    def _manages_event_of(self, user, instance) -> bool:
        event_id = self.event_id_of(instance)
        return event_id is not None and manageable_events(user).filter(pk=event_id).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._manages_event_of(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._manages_event_of(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(**{f"{self.event_lookup}__in": manageable_events(user)})


class EventScopedObjectMixin:
    """For admin edit, delete, history and usage views: an object of an event
    the user may not manage is a 404, whatever its id."""

    def get_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "delete", "view"]
        )


def event_scoped_snippet_views() -> dict:
    """View classes for a SnippetViewSet whose model belongs to an event."""
    from wagtail.snippets.views import snippets as views

    return {
        f"{name}_view_class": type(f"EventScoped{view.__name__}", (EventScopedObjectMixin, view), {})
        for name, view in (
            ("edit", views.EditView),
            ("delete", views.DeleteView),
            ("history", views.HistoryView),
            ("usage", views.UsageView),
        )
    }
