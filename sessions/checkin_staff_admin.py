"""Admin for check-in staff (imported by wagtail_hooks): an event's
organisers list the people who check participants in at their events, add
one by the email of their account, and remove one. Writes go through
``sessions.services``; another event's assignment is a 404."""

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from sessions.forms import EventScopedAdminForm
from sessions.models import CheckinStaff
from sessions.permissions import EventScopedPermissionPolicy, EventScopedViewSetMixin, event_filterset
from sessions.services import checkin_staff_add, checkin_staff_remove, checkin_staff_set_lead


class CheckinStaffPermissionPolicy(EventScopedPermissionPolicy):
    """Scoped to the organiser's events; an assignment is added or removed,
    and its edit changes only whether the person is lead staff (moving
    someone to another event unseen is not an edit)."""


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
        fields = ["event", "is_lead"]

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


class CheckinStaffLeadForm(forms.ModelForm):
    """An assignment's edit: lead staff or not, nothing else."""

    class Meta:
        model = CheckinStaff
        fields = ["is_lead"]


class CheckinStaffCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return checkin_staff_add(
            event=data["event"], user=data["user"], by=self.request.user, is_lead=data.get("is_lead", False)
        )

    def get_success_message(self, instance):
        return _("%(email)s now checks people in at %(event)s.") % {
            "email": instance.user.email,
            "event": instance.event.title,
        }

    def get_success_buttons(self):
        return []  # nothing to edit


class CheckinStaffEditView(generic.EditView):
    def save_instance(self):
        return checkin_staff_set_lead(assignment=self.object, is_lead=self.form.cleaned_data["is_lead"])

    def get_success_message(self):
        if self.object.is_lead:
            message = _("%(email)s is now lead staff at %(event)s: they register and revoke its scanning devices.")
        else:
            message = _("%(email)s is no longer lead staff at %(event)s.")
        return message % {"email": self.object.user.email, "event": self.object.event.title}

    def get_success_buttons(self):
        return []


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

    @cached_property
    def header_buttons(self):
        """Next to "Add": the events' scanning devices (registered by their
        organisers and lead staff)."""
        devices = HeaderButton(_("Scanning devices"), url=reverse("checkin:device_events"), icon_name="mobile-alt")
        return [*super().header_buttons, devices]


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
    edit_view_class = CheckinStaffEditView
    delete_view_class = CheckinStaffDeleteView
    copy_view_enabled = False
    list_display = [
        "user__email",
        Column("name", label=_("Name"), accessor="user.get_full_name"),
        "event",
        Column("added_by", label=_("Added by"), accessor="added_by.email"),
        DateColumn("added_at", label=_("Added at")),
        BooleanColumn("is_lead", label=_("Lead")),
    ]
    filterset_class = event_filterset(CheckinStaff)
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    search_backend_name = None
    ordering = ["event", "user__email"]
    list_export = ["user.email", "user.get_full_name", "event", "added_at", "is_lead"]
    export_headings = {
        "user.email": _("Email"),
        "user.get_full_name": _("Name"),
        "event": _("Event"),
        "added_at": _("Added at"),
        "is_lead": _("Lead"),
    }
    export_filename = "checkin-staff"

    def get_form_class(self, for_update=False):
        return CheckinStaffLeadForm if for_update else CheckinStaffForm


@hooks.register("register_admin_viewset")
def register_checkin_staff_viewset():
    return CheckinStaffViewSet()
