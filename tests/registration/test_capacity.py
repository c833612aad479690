"""The waiting list moves: raising an event's or a category's capacity
confirms waiting people at once, in the order they came; a capacity below
the people confirmed is refused beside its field; organisers confirm a
waiting person by hand, with a reason, over capacity if they choose."""

import pytest
from django.core.exceptions import ValidationError

from registration.models import Registration
from registration.services import capacity_save, registration_confirm_waiting
from tests.factories import CategoryFactory, RegistrationSettingsFactory
from tests.helpers import make_event_organiser, register

pytestmark = pytest.mark.django_db


def statuses(*registrations):
    return [Registration.objects.get(pk=registration.pk).status for registration in registrations]


def emails(registration):
    return list(registration.emails.order_by("pk").values_list("kind", flat=True))


def edit_form_data(client, url: str, **changes) -> dict:
    """What the admin's edit form posts back unchanged, with ``changes``."""
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value.pk if hasattr(value, "pk") else value
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


@pytest.fixture
def waiting_event(event):
    """Capacity 2 in person: two confirmed, then three waiting (online one in the middle)."""
    settings = RegistrationSettingsFactory(event=event, capacity_in_person=2, capacity_online=0)
    category = CategoryFactory(event=event)
    confirmed = [register(event, category) for _ in range(2)]
    waiting = [
        register(event, category),
        register(event, category, attendance_mode="online"),
        register(event, category),
        register(event, category),
    ]
    assert statuses(*confirmed, *waiting) == ["confirmed"] * 2 + ["waitlisted"] * 4
    return settings, category, confirmed, waiting


def test_raising_the_event_capacity_in_the_admin_confirms_the_first_waiting_at_once(client, event, waiting_event):
    settings, _category, _confirmed, (first, online, second, third) = waiting_event
    client.force_login(make_event_organiser(event))
    url = f"/admin/snippets/registration/registrationsettings/edit/{settings.pk}/"

    response = client.post(url, edit_form_data(client, url, capacity_in_person=4), follow=True)

    assert response.status_code == 200
    assert statuses(first, online, second, third) == ["confirmed", "waitlisted", "confirmed", "waitlisted"]
    assert "2 people confirmed from the waiting list." in [str(m) for m in response.context["messages"]]
    assert emails(first) == ["waitlisted", "promoted"] and emails(third) == ["waitlisted"]
    settings.refresh_from_db()
    assert settings.capacity_in_person == 4


def test_raising_a_category_capacity_confirms_its_waiting_people_in_order(client, event):
    RegistrationSettingsFactory(event=event, capacity_in_person=None)
    small, other = CategoryFactory(event=event, capacity=1), CategoryFactory(event=event, capacity=1)
    register(event, small)
    register(event, other)
    waiting_small = [register(event, small) for _ in range(3)]
    waiting_other = register(event, other)
    client.force_login(make_event_organiser(event))
    url = f"/admin/snippets/registration/category/edit/{small.pk}/"

    assert client.post(url, edit_form_data(client, url, capacity=3)).status_code == 302

    assert statuses(*waiting_small, waiting_other) == ["confirmed", "confirmed", "waitlisted", "waitlisted"]


def test_a_capacity_below_the_people_confirmed_is_refused_beside_it_and_nothing_changes(client, event, waiting_event):
    settings, category, _confirmed, waiting = waiting_event
    client.force_login(make_event_organiser(event))
    url = f"/admin/snippets/registration/registrationsettings/edit/{settings.pk}/"

    response = client.post(url, edit_form_data(client, url, capacity_in_person=1, waitlist_enabled=None))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["capacity_in_person"]
    assert errors["capacity_in_person"] == [
        "2 people are confirmed already: the capacity cannot be below that. Cancel registrations first if seats "
        "must go."
    ]
    settings.refresh_from_db()
    assert (settings.capacity_in_person, settings.waitlist_enabled) == (2, True)
    assert statuses(*waiting) == ["waitlisted"] * 4

    category_url = f"/admin/snippets/registration/category/edit/{category.pk}/"
    refused = client.post(category_url, edit_form_data(client, category_url, capacity=1))
    assert list(refused.context["form"].errors) == ["capacity"]
    category.refresh_from_db()
    assert category.capacity is None


def test_lowering_to_exactly_the_confirmed_and_removing_a_limit_are_allowed(event, waiting_event):
    settings, _category, _confirmed, (first, online, second, third) = waiting_event
    organiser = make_event_organiser(event)

    def save(**capacities):
        def write():
            for field, value in capacities.items():
                setattr(settings, field, value)
            settings.save()

        return capacity_save(event=event, capacities=capacities, save=write, by=organiser)

    assert save(capacity_in_person=2) == []
    promoted = save(capacity_in_person=None)  # no limit: everyone waiting in person comes in
    assert [registration.pk for registration in promoted] == [first.pk, second.pk, third.pk]
    assert statuses(online) == ["waitlisted"]


def test_an_organiser_confirms_a_waiting_person_by_hand_with_a_reason(event, waiting_event):
    _settings, _category, _confirmed, (first, _online, second, _third) = waiting_event
    organiser = make_event_organiser(event)

    with pytest.raises(ValidationError) as no_reason:
        registration_confirm_waiting(registration=second, by=organiser, reason=" ")
    assert no_reason.value.message_dict == {"reason": ["Say why this person is confirmed ahead of the waiting list."]}
    with pytest.raises(ValidationError) as full:
        registration_confirm_waiting(registration=second, by=organiser, reason="Adviser to the minister.")
    assert full.value.messages == ["No seat is free. Confirm over capacity to add this person anyway."]
    assert statuses(second) == ["waitlisted"]

    registration_confirm_waiting(
        registration=second, by=organiser, reason="Adviser to the minister.", over_capacity=True
    )

    second.refresh_from_db()
    assert (second.status, second.capacity_override) == ("confirmed", True)
    entry = second.log_entries.last()
    assert (entry.to_status, entry.reason, entry.by_id) == ("confirmed", "Adviser to the minister.", organiser.pk)
    assert emails(second) == ["waitlisted", "promoted"]
    assert statuses(first) == ["waitlisted"]  # the list's order is not otherwise touched
    with pytest.raises(ValidationError):
        registration_confirm_waiting(registration=second, by=organiser, reason="Again.", over_capacity=True)


def test_another_events_organiser_cannot_confirm_by_hand(event, waiting_event, db):
    from tests.factories import make_event

    _settings, _category, _confirmed, (first, *_rest) = waiting_event
    stranger = make_event_organiser(make_event())
    with pytest.raises(ValidationError):
        registration_confirm_waiting(registration=first, by=stranger, reason="Mine.", over_capacity=True)
    assert statuses(first) == ["waitlisted"]


def test_the_admin_s_bulk_action_confirms_waiting_people_with_the_reason_beside_the_field(client, event, waiting_event):
    from django.urls import reverse

    _settings, _category, _confirmed, (first, online, second, _third) = waiting_event
    client.force_login(make_event_organiser(event))
    url = reverse("wagtail_bulk_action", args=["registration", "registration", "confirm_waiting"])
    url = f"{url}?id={first.pk}&id={second.pk}"

    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and "reason" in empty.context["form"].errors
    assert statuses(first, second) == ["waitlisted", "waitlisted"]

    refused = client.post(url, {"reason": "Speakers' advisers."}, follow=True)
    text = " ".join(str(message) for message in refused.context["messages"])
    assert "No seat is free" in text and first.reference in text
    assert statuses(first, second) == ["waitlisted", "waitlisted"]

    assert client.post(url, {"reason": "Speakers' advisers.", "over_capacity": "on"}).status_code == 302
    assert statuses(first, online, second) == ["confirmed", "waitlisted", "confirmed"]
    assert Registration.objects.get(pk=first.pk).log_entries.last().reason == "Speakers' advisers."
