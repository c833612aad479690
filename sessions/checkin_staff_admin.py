"""Admin for check-in staff (imported by wagtail_hooks): an event's
organisers list the people who check participants in at their events, add
one by the email of their account, and remove one. Writes go through
``sessions.services``; another event's assignment is a 404."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from sessions.forms import EventScopedAdminForm
from sessions.models import CheckinStaff
from sessions.permissions import EventScopedPermissionPolicy, EventScopedViewSetMixin, event_filterset
from sessions.services import checkin_staff_add, checkin_staff_remove


class CheckinStaffPermissionPolicy(EventScopedPermissionPolicy):
    """Scoped to the organiser's events; an assignment is added or removed,
    never edited (that would move someone to another event unseen)."""

    def user_has_permission(self, user, action):
        return action != "change" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(CheckinStaff, CheckinStaffPermissionPolicy(CheckinStaff))


class CheckinStaffForm(EventScopedAdminForm):
    """The event (one the organiser manages) and the email of an existing,
    active account."""

    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("The email address of their account on this site: they sign in with it to scan."),
    )

    class Meta:
        model = CheckinStaff
        fields = ["event"]

    def clean(self):
        cleaned = super().clean()
        email, event = cleaned.get("email"), cleaned.get("event")
        if not email:
            return cleaned
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).order_by("pk").first()
        if user is None:
            self.add_error("email", _("No active account has this email address."))
        elif event is not None and CheckinStaff.objects.filter(event=event, user=user).exists():
            self.add_error("email", _("This person already checks people in at this event."))
        cleaned["user"] = user
        return cleaned


class CheckinStaffCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return checkin_staff_add(event=data["event"], user=data["user"], by=self.request.user)

    def get_success_message(self, instance):
        return _("%(email)s now checks people in at %(event)s.") % {
            "email": instance.user.email,
            "event": instance.event.title,
        }

    def get_success_buttons(self):
        return []  # nothing to edit


class CheckinStaffDeleteView(generic.DeleteView):
    def delete_action(self):
        checkin_staff_remove(event=self.object.event, user=self.object.user)

    def get_success_message(self):
        return _("%(email)s no longer checks people in at %(event)s.") % {
            "email": self.object.user.email,
            "event": self.object.event.title,
        }


class CheckinStaffIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "user", "added_by")


class CheckinStaffViewSet(EventScopedViewSetMixin, ModelViewSet):
    model = CheckinStaff
    icon = "group"
    menu_label = _("Check-in staff")
    menu_order = 335
    add_to_admin_menu = True
    url_prefix = "checkin-staff"
    name = "checkin_staff"
    index_view_class = CheckinStaffIndexView
    add_view_class = CheckinStaffCreateView
    delete_view_class = CheckinStaffDeleteView
    copy_view_enabled = False
    list_display = [
        "user__email",
        Column("name", label=_("Name"), accessor="user.get_full_name"),
        "event",
        Column("added_by", label=_("Added by"), accessor="added_by.email"),
        DateColumn("added_at", label=_("Added at")),
    ]
    filterset_class = event_filterset(CheckinStaff)
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    search_backend_name = None
    ordering = ["event", "user__email"]
    list_export = ["user.email", "user.get_full_name", "event", "added_at"]
    export_headings = {
        "user.email": _("Email"),
        "user.get_full_name": _("Name"),
        "event": _("Event"),
        "added_at": _("Added at"),
    }
    export_filename = "checkin-staff"

    def get_form_class(self, for_update=False):
        return CheckinStaffForm


@hooks.register("register_admin_viewset")
def register_checkin_staff_viewset():
    return CheckinStaffViewSet()
