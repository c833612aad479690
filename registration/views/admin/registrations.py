"""Registrations in the admin: the listing (filters, search, counts, CSV and
spreadsheet export with the extra questions), registering someone on their
behalf, editing a person's details with the audit trail beside them.

Registrations are never deleted here: organisers cancel them (a bulk
action), which records the change and promotes the waiting list."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from forum_site.forms import add_service_errors, is_id
from registration import selectors, services
from registration.models import AttendanceMode, Question, Registration, RegistrationStatus
from registration.views.admin.common import ScopedAdminForm, user_categories
from registration.widgets import HonorificInput
from sessions.permissions import (
    EventScopedPermissionPolicy,
    EventScopedViewSetMixin,
    ForbiddenWithoutRightsMixin,
    event_filter,
    scoped_objects,
)


class RegistrationPermissionPolicy(EventScopedPermissionPolicy):
    """The registrations of the user's events, which nobody deletes in the
    admin (superusers neither): they are cancelled instead."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)


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


class ClaimedFilter(django_filters.ChoiceFilter):
    """Whether the person has taken up the registration with their account."""

    def filter(self, queryset, value):
        if value == "yes":
            return queryset.filter(claimed_at__isnull=False)
        if value == "no":
            return queryset.filter(claimed_at__isnull=True)
        return queryset


class RegistrationFilterSet(WagtailFilterSet):
    event = event_filter()
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=RegistrationStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=user_categories)
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
    claimed = ClaimedFilter(
        label=_("Claimed"),
        choices=[("yes", _("Claimed by the person")), ("no", _("Not claimed yet"))],
    )

    class Meta:
        model = Registration
        fields = ["event", "status", "category", "country", "attendance_mode"]


class AuditTrailPanel(Panel):
    """The registration's changes of status (who, when, why) and of name,
    organisation or email (who, when, from what to what), and its emails."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "registration/admin/audit_trail_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["changes"] = list(instance.log_entries.select_related("by")) if instance.pk else []
            context["detail_changes"] = list(instance.detail_changes.select_related("by")) if instance.pk else []
            context["emails"] = list(instance.emails.all()) if instance.pk else []
            return context


class ConsentPanel(Panel):
    """The person's own consents, read-only: organisers see them and never
    set them (only the person does, when they take up the registration or
    update it)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "registration/admin/consent_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["registration"] = self.instance
            return context


# Organisers fill in and change the details only; the consents (photos, the
# list of participants, gender) are the person's own (``CONSENT_FIELDS``).
DETAIL_PANELS = [
    FieldRowPanel([FieldPanel("honorific", widget=HonorificInput), FieldPanel("first_name"), FieldPanel("last_name")]),
    FieldRowPanel([FieldPanel("email"), FieldPanel("preferred_language")]),
    FieldRowPanel([FieldPanel("organisation"), FieldPanel("position")]),
    FieldPanel("country"),
    FieldPanel("attendance_mode"),
    MultiFieldPanel(
        [
            FieldPanel("dietary_needs"),
            FieldPanel("accessibility_needs"),
            FieldPanel("interpretation_needs"),
            FieldPanel("visa_letter_requested"),
        ],
        heading=_("Needs"),
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
        ConsentPanel(heading=_("Account and consents (given by the person)")),
        AuditTrailPanel(heading=_("Audit trail")),
    ],
    base_form_class=RegistrationEditForm,
)


class RegistrationIndexView(IndexView):
    _base_list_export: list = []
    _base_export_headings: dict = {}
    results_template_name = "registration/admin/registration_index_results.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "category")

    def filtered_event(self):
        event_id = self.request.GET.get("event")
        return event_id if event_id and is_id(event_id) else None

    @cached_property
    def export_questions(self) -> list[Question]:
        questions = scoped_objects(Question, self.request.user)
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
            # The listing's own queryset: the user's events, with the filters applied.
            context["counts"] = selectors.registration_counts_for(self.get_queryset())
        return context


class RegistrationCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        details = {field: data[field] for field in services.DETAIL_FIELDS if field in data}
        return services.registration_register(
            event=data["event"],
            category=data["category"],
            details=details,
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
            add_service_errors(form, error)
        self.produced_error_code, self.produced_error_message = "validation_error", self.get_error_message()
        return self.form_invalid(form)


class RegistrationEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        details = {field: data[field] for field in services.DETAIL_FIELDS if field in data}
        return services.registration_update(registration=self.object, details=details, by=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
        self.produced_error_code, self.produced_error_message = "validation_error", self.get_error_message()
        return self.form_invalid(form)


class RegistrationDeleteView(View):
    """There is no deleting a registration in the admin."""

    def dispatch(self, request, *args, **kwargs):
        raise Http404


class RegistrationViewSet(EventScopedViewSetMixin, ForbiddenWithoutRightsMixin, SnippetViewSet):
    model = Registration
    # Registrations refer to nothing an editor would search usages of; indexing
    # each one took about 40% of a registration's time.
    add_to_reference_index = False
    icon = "group"
    menu_label = _("Registrations")
    index_view_class = RegistrationIndexView
    add_view_class = RegistrationCreateView
    edit_view_class = RegistrationEditView
    delete_view_class = RegistrationDeleteView
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
        BooleanColumn("claimed", label=_("Claimed"), accessor=lambda registration: registration.claimed_at is not None),
        DateColumn("created_at", label=_("Registered")),
    ]
    export_fields = [
        "reference",
        "event",
        "category",
        "status",
        *services.DETAIL_FIELDS,
        # Gender is kept for anonymous balance figures only, never per person.
        "photo_consent",
        "list_consent",
        "capacity_override",
        "claimed_at",
        "created_at",
    ]
    list_export = export_fields
    export_headings = {
        "event": _("Event"),
        "category": _("Category"),
        "claimed_at": _("Claimed at"),
        "created_at": _("Registered at"),
    }
    export_filename = "registrations"

    @staticmethod
    def export_value(item, field):
        # The organisers' export keeps the event's, the category's and the
        # questions' own texts (their source language), whatever the admin's
        # language: one spreadsheet, the same names as the setup screens,
        # and answers stored as the source choices.
        if field == "event":
            return item.event.title
        if field == "category":
            return item.category.name
        if field == "country":
            return item.country.code
        return getattr(item, field)

    def get_edit_handler(self):
        return EDIT_HANDLER.bind_to_model(Registration)

    def get_add_view_kwargs(self, **kwargs):
        add_handler = ADD_HANDLER.bind_to_model(Registration)
        return super().get_add_view_kwargs(panel=add_handler, form_class=add_handler.get_form_class(), **kwargs)
