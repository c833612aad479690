"""Deleting in the registration admin: a category, question or invitation
code that registrations use stays (with a message saying why), an unused
one goes, in the delete view and the bulk delete alike."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from registration.models import Category, InvitationCode, Question
from tests.factories import CategoryFactory, RegistrationFactory, make_event
from tests.helpers import make_event_organiser

pytestmark = pytest.mark.django_db


def delete_url(model_name: str, obj) -> str:
    return reverse(f"wagtailsnippets_registration_{model_name}:delete", args=[obj.pk])


def edit_url(model_name: str, obj) -> str:
    return reverse(f"wagtailsnippets_registration_{model_name}:edit", args=[obj.pk])


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def in_use(model_name: str, event):
    """An object of ``event`` that registrations use."""
    category = CategoryFactory(event=event, name="Member States")
    if model_name == "category":
        RegistrationFactory(event=event, category=category)
        return category
    if model_name == "question":
        question = Question.objects.create(event=event, label="Topics")
        question.answers.create(registration=RegistrationFactory(event=event, category=category), value="AI")
        return question
    return InvitationCode.objects.create(category=category, code="DELEGATE", max_uses=5, times_used=1)


def unused(model_name: str, event):
    category = CategoryFactory(event=event, name="Member States")
    if model_name == "category":
        return category
    if model_name == "question":
        return Question.objects.create(event=event, label="Topics")
    return InvitationCode.objects.create(category=category, code="DELEGATE", max_uses=5)


REFUSALS = {
    "category": (
        "The category “Member States” cannot be deleted: people are registered in it. "
        "Make it non-public to close it instead."
    ),
    "question": "The question “Topics” cannot be deleted: participants have answered it.",
    "invitationcode": (
        "The invitation code “DELEGATE” cannot be deleted: it has been used. "
        "Set its number of uses to 1 to stop it instead."
    ),
}


@pytest.mark.parametrize("model_name", ["category", "question", "invitationcode"])
def test_delete_of_an_object_in_use_shows_why_and_keeps_it(organiser_client, event, model_name):
    target = in_use(model_name, event)

    response = organiser_client.post(delete_url(model_name, target))

    assert (response.status_code, response["Location"]) == (302, edit_url(model_name, target))
    assert messages_of(response) == [REFUSALS[model_name]]
    assert type(target).objects.filter(pk=target.pk).exists()


@pytest.mark.parametrize("model_name", ["category", "question", "invitationcode"])
def test_delete_of_an_unused_object_deletes_it_with_a_history_entry(organiser_client, event, model_name):
    target = unused(model_name, event)

    response = organiser_client.post(delete_url(model_name, target))

    assert response.status_code == 302
    assert not type(target).objects.filter(pk=target.pk).exists()
    entry = ModelLogEntry.objects.get(object_id=str(target.pk), action="wagtail.delete")
    assert (entry.content_type.model, entry.user) == (model_name, response.wsgi_request.user)


@pytest.mark.parametrize("model_name", ["category", "question", "invitationcode"])
def test_delete_post_by_another_events_organiser_is_404(client, event, model_name):
    target = unused(model_name, event)
    client.force_login(make_event_organiser(make_event()))

    response = client.post(delete_url(model_name, target))

    assert response.status_code == 404
    assert type(target).objects.filter(pk=target.pk).exists()


def bulk_delete_url(model_name: str, *objects) -> str:
    ids = "&".join(f"id={obj.pk}" for obj in objects)
    return f"{reverse('wagtail_bulk_action', args=['registration', model_name, 'delete'])}?{ids}"


def test_bulk_delete_keeps_categories_in_use_and_deletes_the_others(organiser_client, event):
    used = in_use("category", event)
    free = CategoryFactory(event=event, name="Observers")

    response = organiser_client.post(bulk_delete_url("category", used, free))

    assert response.status_code == 302
    assert list(Category.objects.values_list("name", flat=True)) == ["Member States"]
    assert messages_of(response) == [f"1 item deleted. Not changed: {REFUSALS['category']}"]


def test_bulk_delete_leaves_another_events_objects_alone_and_unnamed(organiser_client, event):
    mine = unused("question", event)
    theirs = Question.objects.create(event=make_event(), label="Their secret question")

    confirm = organiser_client.get(bulk_delete_url("question", mine, theirs))
    organiser_client.post(bulk_delete_url("question", mine, theirs))

    assert [item["item"] for item in confirm.context["items"]] == [mine]
    assert "Their secret question" not in confirm.content.decode()
    assert list(Question.objects.values_list("label", flat=True)) == ["Their secret question"]
