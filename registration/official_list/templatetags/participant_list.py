"""``{% participant_list_url event as url %}``: the link to the event's list
of participants when the visitor may see it, else "". For pages of other
parts (the event page, a registration's details), which link to the list
by its URL name and leave the question of who may see it to its selectors."""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from registration.official_list.selectors import ListAccess, list_access

register = template.Library()


@register.simple_tag(takes_context=True)
def participant_list_url(context, event) -> str:
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    if event is None or list_access(user=user, event=event) is not ListAccess.GRANTED:
        return ""
    return reverse("official_list:page", kwargs={"event_id": event.pk})
