"""How each event takes registrations, in the admin: its settings,
participant categories, extra questions and invitation codes.

A category, question or code that registrations use is not deleted: the
delete view and the bulk delete both go through the model's delete action
(``DELETE_ACTIONS``, given to Wagtail by ``register_actions``), which calls
the service that refuses."""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.actions import DeleteAction
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from forum_site.forms import add_service_errors
from home.translation_admin import TranslatedObjectList, TranslationsPanel, with_translations
from registration import services
from registration.models import Category, InvitationCode, Question, RegistrationSettings
from registration.views.admin.common import (
    ScopedAdminForm,
    ServiceDeleteView,
    user_categories,
)
from sessions.permissions import EventScopedViewSetMixin, ForbiddenWithoutRightsMixin, event_filter, event_filterset


class CategoryDeleteAction(DeleteAction):
    def _delete(self):
        services.category_delete(category=self.instance, by=self.user)


class QuestionDeleteAction(DeleteAction):
    def _delete(self):
        services.question_delete(question=self.instance, by=self.user)


class InvitationCodeDeleteAction(DeleteAction):
    def _delete(self):
        services.invitation_code_delete(code=self.instance, by=self.user)


DELETE_ACTIONS = {
    Category: CategoryDeleteAction,
    Question: QuestionDeleteAction,
    InvitationCode: InvitationCodeDeleteAction,
}


class CapacityEditView(EditView):
    """The edit page of an event's settings or of a category: a capacity is
    saved through ``services.capacity_save`` (refused beside its field below
    the people confirmed; a raise confirms waiting people at once)."""

    capacity_fields: tuple[str, ...] = ()

    def save_instance(self):
        instance = self.form.instance
        saved = []
        self.promoted = services.capacity_save(
            event=instance.event,
            capacities={field: self.form.cleaned_data.get(field) for field in self.capacity_fields},
            category=instance if isinstance(instance, Category) else None,
            save=lambda: saved.append(super(CapacityEditView, self).save_instance()),
            by=self.request.user,
        )
        return saved[0]

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_code, self.produced_error_message = "validation_error", self.get_error_message()
            return self.form_invalid(form)
        if self.promoted:
            count = len(self.promoted)
            messages.success(
                self.request,
                ngettext(
                    "%(count)s person confirmed from the waiting list.",
                    "%(count)s people confirmed from the waiting list.",
                    count,
                )
                % {"count": count},
            )
        return response


class SettingsEditView(CapacityEditView):
    capacity_fields = ("capacity_in_person", "capacity_online")


class CategoryEditView(CapacityEditView):
    capacity_fields = ("capacity",)


class EventSetupViewSet(EventScopedViewSetMixin, ForbiddenWithoutRightsMixin, SnippetViewSet):
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return self._edit_handler.get_form_class()


class RegistrationSettingsViewSet(EventSetupViewSet):
    model = RegistrationSettings
    icon = "cog"
    edit_view_class = SettingsEditView
    menu_label = _("Settings per event")
    list_display = ["__str__", "mode", "capacity_in_person", "capacity_online", "waitlist_enabled"]
    filterset_class = event_filterset(RegistrationSettings)
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            FieldPanel("mode"),
            FieldRowPanel([FieldPanel("capacity_in_person"), FieldPanel("capacity_online")]),
            FieldPanel("waitlist_enabled"),
            FieldPanel("list_visibility"),
            FieldPanel("reminder_days_before"),
        ],
        base_form_class=ScopedAdminForm,
    )

    def get_queryset(self, request):
        return RegistrationSettings.objects.select_related("event")


class CategoryViewSet(EventSetupViewSet):
    model = Category
    icon = "tag"
    edit_view_class = CategoryEditView
    menu_label = _("Categories")
    delete_view_class = ServiceDeleteView
    list_display = ["name", "event", "capacity", "approval_required", "is_public"]
    filterset_class = event_filterset(Category, extra=["approval_required", "is_public"])
    edit_handler = TranslatedObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("badge_colour"), FieldPanel("capacity"), FieldPanel("sort_order")]),
            FieldRowPanel([FieldPanel("approval_required"), FieldPanel("is_public")]),
            TranslationsPanel(),
        ],
        base_form_class=with_translations(ScopedAdminForm),
    )

    def get_queryset(self, request):
        return Category.objects.select_related("event")


class QuestionViewSet(EventSetupViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    delete_view_class = ServiceDeleteView
    list_display = ["label", "event", "kind", "required", "sort_order"]
    filterset_class = event_filterset(Question)
    edit_handler = TranslatedObjectList(
        [
            FieldPanel("event"),
            FieldPanel("label"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("required"), FieldPanel("sort_order")]),
            FieldPanel("choices"),
            TranslationsPanel(),
        ],
        base_form_class=with_translations(ScopedAdminForm),
    )

    def get_queryset(self, request):
        return Question.objects.select_related("event")


class InvitationCodeFilterSet(WagtailFilterSet):
    category__event = event_filter()
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=user_categories)

    class Meta:
        model = InvitationCode
        fields = ["category__event", "category"]


class InvitationCodeViewSet(EventSetupViewSet):
    model = InvitationCode
    icon = "key"
    menu_label = _("Invitation codes")
    delete_view_class = ServiceDeleteView
    list_display = ["code", "category", "max_uses", "times_used"]
    filterset_class = InvitationCodeFilterSet
    edit_handler = ObjectList(
        [FieldPanel("category"), FieldRowPanel([FieldPanel("code"), FieldPanel("max_uses")])],
        base_form_class=ScopedAdminForm,
    )

    def get_queryset(self, request):
        return InvitationCode.objects.select_related("category__event")
