"""What every registration admin viewset shares: the forms that offer only the user's events
and categories, and the delete view that shows a service's refusal."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views.snippets import DeleteView

from registration.models import Category
from sessions.permissions import manageable_events, scoped_objects


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
