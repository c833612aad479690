"""What the organisers' own admin views share: the model permission first,
then the objects named in the URL, looked up among the user's events only."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied

from forum_site.forms import IdChoiceField, is_id
from sessions.permissions import manageable_events, policy_for


class ScopedAdminMixin:
    """The permission ``permission_action`` on ``permission_model`` (a plain
    403 without it: Wagtail's admin would turn PermissionDenied into a
    redirect to the dashboard), then ``load_objects``, which looks the URL's
    objects up among the user's events only and raises Http404 for any other
    (and for an id no column can hold, before it reaches the database)."""

    permission_model = None
    permission_action = "view"

    def dispatch(self, request, *args, **kwargs):
        if not policy_for(self.permission_model).user_has_permission(request.user, self.permission_action):
            return permission_denied(request, PermissionDenied())
        if any(name.endswith("_id") and not is_id(value) for name, value in kwargs.items()):
            raise Http404
        self.load_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def load_objects(self, **kwargs) -> None:
        """Fetch the objects named in the URL (of the user's events only)."""


class EventChoiceForm(forms.Form):
    """The picker at the top of a per-event admin page: the events the user
    manages, and only those."""

    event = IdChoiceField(label=_("Event"), queryset=None, required=False, empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = manageable_events(user)


class EventPickerMixin:
    """For a per-event admin page whose picker (``EventChoiceForm``, a GET
    form) sends ``?event=<id>``: redirected to that event's own URL,
    ``event_url_name``, where the event is looked up among the user's."""

    event_url_name = ""

    def get(self, request, *args, **kwargs):
        if kwargs.get("event_id") is None and is_id(request.GET.get("event", "")):
            return redirect(self.event_url_name, event_id=int(request.GET["event"]))
        return super().get(request, *args, **kwargs)
