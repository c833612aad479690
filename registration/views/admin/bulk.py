"""Bulk actions of the registration admin: approve, reject, cancel and
resend registrations, and delete, each on the
objects of the user's events only (``EventScopedBulkActionMixin``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.actions import action_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from registration import services
from registration.models import Category, InvitationCode, Question, Registration, RegistrationSettings
from sessions.permissions import EventScopedBulkActionMixin


class BulkMessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the participants (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _with_problems(text: str, problems: list[str]) -> str:
    if not problems:
        return text
    return f"{text} {_('Not changed:')} {'; '.join(problems)}"


class ScopedBulkAction(EventScopedBulkActionMixin, SnippetBulkAction):
    template_name = "home/admin/confirm_bulk_action.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}


class RegistrationBulkAction(ScopedBulkAction):
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
        return _with_problems(text, getattr(self, "problems", []))


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


class ConfirmWaitingForm(forms.Form):
    reason = forms.CharField(
        label=_("Why they are confirmed ahead of the waiting list"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in each registration's history."),
    )
    over_capacity = forms.BooleanField(
        label=_("Confirm over capacity"),
        required=False,
        help_text=_("When no seat is free, confirm anyway (the capacity is exceeded)."),
    )


class ConfirmWaitingBulkAction(RegistrationBulkAction):
    """Confirm waiting people by hand (``services.registration_confirm_waiting``)."""

    display_name = _("Confirm from waiting list")
    action_type = "confirm_waiting"
    aria_label = _("Confirm the selected people from the waiting list")
    form_class = ConfirmWaitingForm
    action_priority = 15

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data
        return {"self": self, "user": self.request.user, "reason": data["reason"], "over": data["over_capacity"]}

    @classmethod
    def execute_action(cls, objects, user=None, reason="", over=False, **kwargs):
        done, problems = 0, []
        for registration in objects:
            try:
                services.registration_confirm_waiting(
                    registration=registration, by=user, reason=reason, over_capacity=over
                )
            except ValidationError as error:
                problems.append(f"{registration.reference}: {' '.join(error.messages)}")
            else:
                done += 1
        kwargs["self"].problems = problems
        return done, 0


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


class ScopedDeleteBulkAction(EventScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's bulk delete, for the user's events' objects only, each
    deleted by the model's delete action as its delete view does: a category,
    question or code in use stays, with the reason. Registrations are never
    deleted (their policy refuses it)."""

    models = [Registration, RegistrationSettings, Category, Question, InvitationCode]
    permission_action = "delete"

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        done, problems = 0, []
        for obj in objects:
            action_class = action_registry.get_action_class(type(obj), "delete")
            try:
                action_class(obj, user=user).execute(skip_permission_checks=True)
            except ValidationError as error:
                problems.extend(error.messages)
            else:
                done += 1
        kwargs["self"].problems = problems
        return done, 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        text = ngettext("%(count)d item deleted.", "%(count)d items deleted.", num_parent_objects) % {
            "count": num_parent_objects
        }
        return _with_problems(text, getattr(self, "problems", []))


BULK_ACTIONS = (
    ApproveBulkAction,
    ConfirmWaitingBulkAction,
    RejectBulkAction,
    CancelBulkAction,
    ResendBulkAction,
    ScopedDeleteBulkAction,
)
