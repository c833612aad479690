"""The organisers' side in the Wagtail admin: registrations per event (filters,
search, counts, bulk approve / reject / cancel / resend, CSV and spreadsheet
export with the extra questions), the outbox (failed emails, resend), and the
per-event settings, categories, questions and invitation codes.

Every listing and object is limited to the events the user may manage
(``selectors.manageable_events``), through the permission policies below."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from registration import selectors, services
from registration.models import (
    AttendanceMode,
    Category,
    EmailStatus,
    InvitationCode,
    OutgoingEmail,
    Question,
    Registration,
    RegistrationSettings,
    Status,
)
from sessions.models import EventPage
from sessions.permissions import EventScopedPermissionPolicy

# --- permissions: model permission AND the right to manage the event ---------------------


POLICIES = {
    Registration: EventScopedPermissionPolicy(Registration),
    Category: EventScopedPermissionPolicy(Category),
    Question: EventScopedPermissionPolicy(Question),
    RegistrationSettings: EventScopedPermissionPolicy(RegistrationSettings),
    InvitationCode: EventScopedPermissionPolicy(InvitationCode, event_lookup="category__event"),
    OutgoingEmail: EventScopedPermissionPolicy(OutgoingEmail, event_lookup="registration__event"),
}


ANY_ACTION = ["add", "change", "delete", "view"]


class ForbiddenWithoutRightsMixin:
    """A signed-in admin user without any right on the model gets a plain 403
    (Wagtail would redirect to the dashboard with a message)."""

    def dispatch(self, request, *args, **kwargs):
        if not POLICIES[self.model].user_has_any_permission(request.user, ANY_ACTION):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)


class ScopedIndexMixin(ForbiddenWithoutRightsMixin):
    """Index views list only what the user may manage."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        allowed = POLICIES[self.model].instances_user_has_any_permission_for(self.request.user, ANY_ACTION)
        return queryset.filter(pk__in=allowed.values("pk"))


class ScopedObjectMixin(ForbiddenWithoutRightsMixin):
    """Edit and delete views 404 for objects of events the user may not manage."""

    def get_queryset(self):
        return POLICIES[self.model].instances_user_has_any_permission_for(self.request.user, ANY_ACTION)


class EventChoiceFormMixin:
    """Offer only the events (and their categories) the user may manage."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        events = selectors.manageable_events(user=for_user)
        if "event" in self.fields:
            self.fields["event"].queryset = events
        if "category" in self.fields:
            self.fields["category"].queryset = Category.objects.filter(event__in=events).select_related("event")
            self.fields["category"].label_from_instance = lambda category: f"{category.event.title}: {category.name}"


class ScopedAdminForm(EventChoiceFormMixin, WagtailAdminModelForm):
    pass


# --- registrations --------------------------------------------------------------------------


def _manageable_events(request):
    if request is None:
        return EventPage.objects.none()
    return selectors.manageable_events(user=request.user)


def _manageable_categories(request):
    return Category.objects.filter(event__in=_manageable_events(request)).select_related("event")


class NeedsFilter(django_filters.ChoiceFilter):
    NEEDS = {
        "dietary": ~Q(dietary_needs=""),
        "accessibility": ~Q(accessibility_needs=""),
        "interpretation": ~Q(interpretation_needs=""),
        "visa": Q(visa_letter_requested=True),
    }

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(self.NEEDS[value])


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(label=_("Event"), queryset=_manageable_events)
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=_manageable_categories)
    attendance_mode = django_filters.ChoiceFilter(label=_("Attendance"), choices=AttendanceMode.choices)
    needs = NeedsFilter(
        label=_("Needs"),
        choices=[
            ("dietary", _("Dietary needs")),
            ("accessibility", _("Accessibility needs")),
            ("interpretation", _("Interpretation needs")),
            ("visa", _("Visa support letter")),
        ],
    )

    class Meta:
        model = Registration
        fields = ["event", "status", "category", "country", "attendance_mode"]


class AuditTrailPanel(Panel):
    """The registration's status changes: who, when, why."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "registration/admin/audit_trail_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["changes"] = list(instance.status_changes.select_related("by")) if instance.pk else []
            context["emails"] = list(instance.emails.all()) if instance.pk else []
            return context


DETAIL_PANELS = [
    FieldRowPanel([FieldPanel("honorific"), FieldPanel("first_name"), FieldPanel("last_name")]),
    FieldRowPanel([FieldPanel("email"), FieldPanel("preferred_language")]),
    FieldRowPanel([FieldPanel("organisation"), FieldPanel("position")]),
    FieldRowPanel([FieldPanel("country"), FieldPanel("gender")]),
    FieldPanel("attendance_mode"),
    MultiFieldPanel(
        [
            FieldPanel("dietary_needs"),
            FieldPanel("accessibility_needs"),
            FieldPanel("interpretation_needs"),
            FieldPanel("visa_letter_requested"),
            FieldPanel("photo_consent"),
        ],
        heading=_("Needs and consents"),
    ),
]


class RegistrationAddForm(ScopedAdminForm):
    override_reason = forms.CharField(
        label=_("Reason for the override"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        cleaned = super().clean()
        event, category = cleaned.get("event"), cleaned.get("category")
        if event and category and category.event_id != event.pk:
            self.add_error("category", _("This category does not belong to the event."))
        return cleaned


class RegistrationEditForm(ScopedAdminForm):
    pass


ADD_HANDLER = ObjectList(
    [
        FieldRowPanel([FieldPanel("event"), FieldPanel("category")]),
        *DETAIL_PANELS,
        MultiFieldPanel(
            [FieldPanel("capacity_override"), FieldPanel("override_reason")],
            heading=_("Capacity"),
            help_text=_("Tick to confirm this person even if the event or category is full; the reason is recorded."),
        ),
    ],
    base_form_class=RegistrationAddForm,
)
EDIT_HANDLER = ObjectList(
    [
        FieldRowPanel(
            [
                FieldPanel("event", read_only=True),
                FieldPanel("category", read_only=True),
                FieldPanel("status", read_only=True),
            ]
        ),
        *DETAIL_PANELS,
        AuditTrailPanel(heading=_("Audit trail")),
    ],
    base_form_class=RegistrationEditForm,
)


class RegistrationIndexView(ScopedIndexMixin, IndexView):
    _base_list_export: list = []
    _base_export_headings: dict = {}
    results_template_name = "registration/admin/registration_index_results.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "category")

    def filtered_event(self):
        event_id = self.request.GET.get("event")
        return event_id if event_id and event_id.isdigit() else None

    @cached_property
    def export_questions(self) -> list[Question]:
        questions = Question.objects.filter(event__in=selectors.manageable_events(user=self.request.user))
        if self.filtered_event():
            questions = questions.filter(event_id=self.filtered_event())
        return list(questions.select_related("event").order_by("event_id", "sort_order", "pk"))

    # The viewset passes its own list_export and export_headings; the extra
    # questions of the events in view are added to them.
    @property
    def list_export(self):
        return [*self._base_list_export, *(f"answer_{q.pk}" for q in self.export_questions)]

    @list_export.setter
    def list_export(self, value):
        self._base_list_export = list(value)

    @property
    def export_headings(self):
        many_events = len({q.event_id for q in self.export_questions}) > 1
        return {
            **self._base_export_headings,
            **{
                f"answer_{q.pk}": f"{q.event.title}: {q.label}" if many_events else q.label
                for q in self.export_questions
            },
        }

    @export_headings.setter
    def export_headings(self, value):
        self._base_export_headings = dict(value)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.is_export:
            queryset = queryset.prefetch_related(Prefetch("answers", to_attr="export_answers"))
        return queryset

    def to_row_dict(self, item):
        answers = {f"answer_{answer.question_id}": answer.value for answer in getattr(item, "export_answers", [])}
        row = {}
        for field in self.list_export:
            if field.startswith("answer_"):
                value = answers.get(field, "")
                row[field] = ", ".join(value) if isinstance(value, list) else value
            else:
                row[field] = RegistrationViewSet.export_value(item, field)
        return row

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            context["counts"] = selectors.registration_counts_for(self.get_queryset())
        return context


class RegistrationCreateView(ForbiddenWithoutRightsMixin, CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        details = {field: data[field] for field in services.DETAIL_FIELDS if field in data}
        return services.registration_register(
            event=data["event"],
            category=data["category"],
            details=details,
            privacy_accepted=True,
            by=self.request.user,
            capacity_override=data.get("capacity_override", False),
            reason=data.get("override_reason", ""),
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.AlreadyRegistered:
            form.add_error("email", _("This person is already registered for this event."))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        return self.form_invalid(form)


class RegistrationEditView(ScopedObjectMixin, EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        details = {field: data[field] for field in services.DETAIL_FIELDS if field in data}
        return services.registration_update(registration=self.object, details=details, by=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for field, errors in getattr(error, "error_dict", {None: error.error_list}).items():
                form.add_error(field if field in form.fields else None, errors)
        return self.form_invalid(form)


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    # Registrations refer to nothing an editor would search usages of; indexing
    # each one took about 40% of a registration's time.
    add_to_reference_index = False
    icon = "group"
    menu_label = _("Registrations")
    index_view_class = RegistrationIndexView
    add_view_class = RegistrationCreateView
    edit_view_class = RegistrationEditView
    filterset_class = RegistrationFilterSet
    search_fields = ["first_name", "last_name", "email", "organisation", "reference"]
    search_backend_name = None
    list_per_page = 50
    copy_view_enabled = False
    ordering = ["-created_at"]
    list_display = [
        "full_name",
        "reference",
        Column("event", label=_("Event")),
        Column("category", label=_("Category")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("attendance_mode", label=_("Attendance"), accessor="get_attendance_mode_display"),
        Column("country", label=_("Country"), accessor="country.name"),
        DateColumn("created_at", label=_("Registered")),
    ]
    export_fields = [
        "reference",
        "event",
        "category",
        "status",
        *services.DETAIL_FIELDS,
        "capacity_override",
        "created_at",
    ]
    list_export = export_fields
    export_headings = {"event": _("Event"), "category": _("Category"), "created_at": _("Registered at")}
    export_filename = "registrations"

    @staticmethod
    def export_value(item, field):
        if field == "event":
            return item.event.title
        if field == "category":
            return item.category.name
        if field == "country":
            return item.country.code
        if field in {"status", "attendance_mode"}:
            return getattr(item, field)
        return getattr(item, field)

    def get_edit_handler(self):
        return EDIT_HANDLER.bind_to_model(Registration)

    def get_add_view_kwargs(self, **kwargs):
        add_handler = ADD_HANDLER.bind_to_model(Registration)
        return super().get_add_view_kwargs(panel=add_handler, form_class=add_handler.get_form_class(), **kwargs)

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(**kwargs)


# --- bulk actions on registrations -------------------------------------------------------


class BulkMessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the participants (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ScopedBulkActionMixin:
    """Bulk actions act only on objects of events the user may manage; the
    others are left out without being named."""

    template_name = "registration/admin/confirm_bulk_action.html"

    def check_perm(self, obj):
        return POLICIES[self.models[0]].user_has_permission_for_instance(self.request.user, "change", obj)

    def get_all_objects_in_listing_query(self, parent_id):
        return (
            POLICIES[self.models[0]]
            .instances_user_has_any_permission_for(self.request.user, ["change"])
            .values_list("pk", flat=True)
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}

    def get_actionable_objects(self):
        objects, _extra = super().get_actionable_objects()
        return objects, {"items_with_no_access": []}


class RegistrationBulkAction(ScopedBulkActionMixin, SnippetBulkAction):
    models = [Registration]
    form_class = BulkMessageForm
    service_action = ""

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "user": self.request.user,
            "message": self.cleaned_form.cleaned_data.get("message", ""),
        }

    @classmethod
    def execute_action(cls, objects, user=None, message="", **kwargs):
        done, problems = services.registration_bulk_action(
            registrations=objects, action=cls.service_action, by=user, message=message
        )
        kwargs["self"].problems = problems
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        text = ngettext("%(count)d registration updated.", "%(count)d registrations updated.", num_parent_objects) % {
            "count": num_parent_objects
        }
        if getattr(self, "problems", None):
            text = f"{text} {_('Not changed:')} {'; '.join(self.problems)}"
        return text


class ApproveBulkAction(RegistrationBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected registrations")
    service_action = "approve"
    action_priority = 10


class RejectBulkAction(RegistrationBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected registrations")
    service_action = "reject"
    action_priority = 20
    classes = {"serious"}


class CancelBulkAction(RegistrationBulkAction):
    display_name = _("Cancel")
    action_type = "cancel"
    aria_label = _("Cancel the selected registrations")
    service_action = "cancel"
    action_priority = 25
    classes = {"serious"}


class ResendBulkAction(RegistrationBulkAction):
    display_name = _("Resend confirmation")
    action_type = "resend"
    aria_label = _("Send the selected participants their current status again")
    form_class = forms.Form
    action_priority = 40

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for registration in objects:
            services.registration_resend_confirmation(registration=registration)
        return len(objects), 0

    def get_execution_context(self):
        return {"self": self, "user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d email queued.", "%(count)d emails queued.", num_parent_objects) % {
            "count": num_parent_objects
        }


# --- the outbox -----------------------------------------------------------------------------


def registration_resend_view(request, registration_id: int):
    """One registration's "Resend confirmation" (the listing's More menu):
    confirm, then send the email of its current status again."""
    if not request.user.has_perm("registration.change_registration"):
        raise PermissionDenied
    registration = get_object_or_404(selectors.registrations_for_admin(user=request.user), pk=registration_id)
    listing = reverse("wagtailsnippets_registration_registration:list")
    next_url = request.POST.get("next") or request.GET.get("next") or listing
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = listing
    if request.method == "POST":
        services.registration_resend_confirmation(registration=registration)
        messages.success(
            request,
            _("The email was queued again for %(name)s (%(email)s).")
            % {"name": registration.full_name, "email": registration.email},
        )
        return redirect(next_url)
    context = {"registration": registration, "next_url": next_url}
    return TemplateResponse(request, "registration/admin/resend_confirm.html", context)


class OutgoingEmailFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EmailStatus.choices)
    registration__event = django_filters.ModelChoiceFilter(label=_("Event"), queryset=_manageable_events)

    class Meta:
        model = OutgoingEmail
        fields = ["status", "kind"]


class OutgoingEmailIndexView(ScopedIndexMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("registration__event")


class OutgoingEmailEditView(ScopedObjectMixin, EditView):
    pass


class ResendEmailBulkAction(ScopedBulkActionMixin, SnippetBulkAction):
    models = [OutgoingEmail]
    display_name = _("Resend")
    action_type = "resend_email"
    aria_label = _("Send the selected emails again")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, **kwargs):
        for email in objects:
            services.outgoing_email_resend(email=email)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d email queued.", "%(count)d emails queued.", num_parent_objects) % {
            "count": num_parent_objects
        }


class OutgoingEmailViewSet(SnippetViewSet):
    model = OutgoingEmail
    add_to_reference_index = False
    icon = "mail"
    menu_label = _("Outgoing emails")
    index_view_class = OutgoingEmailIndexView
    edit_view_class = OutgoingEmailEditView
    filterset_class = OutgoingEmailFilterSet
    search_fields = ["to", "registration__reference"]
    search_backend_name = None
    copy_view_enabled = False
    ordering = ["-created_at"]
    list_display = [
        "__str__",
        Column("kind", label=_("Kind")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("attempts", label=_("Attempts")),
        Column("last_error", label=_("Last error")),
        DateColumn("updated_at", label=_("Updated")),
    ]
    panels = [
        FieldPanel("kind", read_only=True),
        FieldPanel("to", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("attempts", read_only=True),
        FieldPanel("last_error", read_only=True),
        FieldPanel("sent_at", read_only=True),
    ]


# --- settings, categories, questions, codes -----------------------------------------------


class ScopedIndexView(ScopedIndexMixin, IndexView):
    pass


class ScopedEditView(ScopedObjectMixin, EditView):
    pass


class ScopedViewSet(SnippetViewSet):
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return self._edit_handler.get_form_class()


class RegistrationSettingsViewSet(ScopedViewSet):
    model = RegistrationSettings
    icon = "cog"
    menu_label = _("Settings per event")
    list_display = ["__str__", "mode", "capacity_in_person", "capacity_online", "waitlist_enabled"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            FieldPanel("mode"),
            FieldRowPanel([FieldPanel("capacity_in_person"), FieldPanel("capacity_online")]),
            FieldPanel("waitlist_enabled"),
        ],
        base_form_class=ScopedAdminForm,
    )


class CategoryViewSet(ScopedViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "event", "capacity", "approval_required", "is_public"]
    list_filter = ["event", "approval_required", "is_public"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("badge_colour"), FieldPanel("capacity"), FieldPanel("sort_order")]),
            FieldRowPanel([FieldPanel("approval_required"), FieldPanel("is_public")]),
        ],
        base_form_class=ScopedAdminForm,
    )


class QuestionViewSet(ScopedViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["label", "event", "kind", "required", "sort_order"]
    list_filter = ["event"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("label"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("required"), FieldPanel("sort_order")]),
            FieldPanel("choices"),
        ],
        base_form_class=ScopedAdminForm,
    )


class InvitationCodeViewSet(ScopedViewSet):
    model = InvitationCode
    icon = "key"
    menu_label = _("Invitation codes")
    list_display = ["code", "category", "max_uses", "times_used"]
    edit_handler = ObjectList(
        [FieldPanel("category"), FieldRowPanel([FieldPanel("code"), FieldPanel("max_uses")])],
        base_form_class=ScopedAdminForm,
    )


class RegistrationAdminGroup(SnippetViewSetGroup):
    menu_label = _("Registration")
    menu_icon = "group"
    menu_order = 300
    items = (
        RegistrationViewSet,
        OutgoingEmailViewSet,
        RegistrationSettingsViewSet,
        CategoryViewSet,
        QuestionViewSet,
        InvitationCodeViewSet,
    )


BULK_ACTIONS = (ApproveBulkAction, RejectBulkAction, CancelBulkAction, ResendBulkAction, ResendEmailBulkAction)
