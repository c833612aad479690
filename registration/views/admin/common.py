"""What every registration admin viewset shares: the plain 403 for a user
without any right on the model, the forms that offer only the user's events
and categories, and the delete view that shows a service's refusal."""

import functools

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.views.defaults import permission_denied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views.snippets import DeleteView

from registration.models import Category
from sessions.permissions import manageable_events, policy_for, scoped_objects

ANY_ACTION = ["add", "change", "delete", "view"]


class ForbiddenWithoutRightsMixin:
    """For a viewset: a signed-in admin user without any right on the model
    gets a plain 403 from each of its views (Wagtail would redirect to the
    dashboard with a message)."""

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        model = self.model

        @functools.wraps(view)
        def checked(request, *args, **kwargs):
            if not policy_for(model).user_has_any_permission(request.user, ANY_ACTION):
                # A response, not an exception, which the admin would turn into a redirect.
                return permission_denied(request, PermissionDenied())
            return view(request, *args, **kwargs)

        return checked


def user_categories(request) -> QuerySet[Category]:
    """The categories of the user's events, for a listing filter."""
    if request is None:
        return Category.objects.none()
    return scoped_objects(Category, request.user).select_related("event")


class EventChoiceFormMixin:
    """Offer only the events (and their categories) the user may manage."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        if "event" in self.fields:
            self.fields["event"].queryset = manageable_events(for_user)
        if "category" in self.fields:
            self.fields["category"].queryset = scoped_objects(Category, for_user).select_related("event")
            self.fields["category"].label_from_instance = lambda category: f"{category.event.title}: {category.name}"


class ScopedAdminForm(EventChoiceFormMixin, WagtailAdminModelForm):
    pass


# --- deleting through a service ---------------------------------------------------------


class ServiceDeleteView(DeleteView):
    """The delete view of a model whose delete action (``register_actions``)
    deletes through a service that may refuse: the refusal is shown on the
    edit page and nothing is deleted."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for message in error.messages:
                messages.error(self.request, message)
            return redirect(reverse(self.edit_url_name, args=(quote(self.object.pk),)))
