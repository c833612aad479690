import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from home.models import OutgoingEmail
from registration.badges.tokens import badge_token, parse_token
from registration.models import InvitationCode, Registration, RegistrationLogEntry, RegistrationMode
from registration.selectors import waitlist_position
from registration.services import (
    AlreadyRegistered,
    registration_approve,
    registration_cancel,
    registration_promote,
    registration_register,
    registration_reject,
    registration_update,
)
from tests.factories import CategoryFactory, RegistrationSettingsFactory, UserFactory
from tests.helpers import details, grant_event_rights, register

pytestmark = pytest.mark.django_db


def statuses(event):
    return list(Registration.objects.filter(event=event).order_by("pk").values_list("status", flat=True))


def emails(registration):
    return list(registration.emails.order_by("pk").values_list("kind", flat=True))


def test_register_confirms_while_seats_remain_then_waitlists(event, reg_settings, category):
    first, second, third = (register(event, category) for _ in range(3))

    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]
    assert waitlist_position(third) == 1
    assert emails(first) == ["confirmed"]
    assert emails(third) == ["waitlisted"]
    change = RegistrationLogEntry.objects.get(registration=third)
    assert (change.from_status, change.to_status, change.by_id) == ("", "waitlisted", third.user_id)
    assert first.privacy_accepted_at is not None


def test_register_without_waitlist_refuses_when_full_and_saves_nothing(event, category):
    RegistrationSettingsFactory(event=event, capacity_in_person=1, waitlist_enabled=False)
    register(event, category)

    with pytest.raises(ValidationError) as error:
        register(event, category)

    assert error.value.messages == ["This event is full."]
    assert Registration.objects.filter(event=event).count() == 1
    assert OutgoingEmail.objects.count() == 1


def test_register_counts_capacity_per_attendance_mode(event, category):
    RegistrationSettingsFactory(event=event, capacity_in_person=1, capacity_online=1)

    results = [
        register(event, category, attendance_mode="in_person").status,
        register(event, category, attendance_mode="online").status,
        register(event, category, attendance_mode="online").status,
        register(event, category, attendance_mode="in_person").status,
    ]

    assert results == ["confirmed", "confirmed", "waitlisted", "waitlisted"]


def test_register_respects_category_capacity(event, reg_settings):
    small = CategoryFactory(event=event, capacity=1)
    other = CategoryFactory(event=event)

    assert register(event, small).status == "confirmed"
    assert register(event, small).status == "waitlisted"
    assert register(event, other).status == "confirmed"


def test_register_in_approval_category_is_pending(event, reg_settings):
    media = CategoryFactory(event=event, name="Media", approval_required=True)

    registration = register(event, media)

    assert registration.status == "pending"
    assert emails(registration) == ["received"]


def test_register_in_approval_mode_is_pending_for_every_category(event, category):
    RegistrationSettingsFactory(event=event, mode=RegistrationMode.APPROVAL)

    assert register(event, category).status == "pending"


def test_register_outside_window_is_refused(event, category):
    RegistrationSettingsFactory(event=event, closes_at=timezone.now() - datetime.timedelta(minutes=1))

    with pytest.raises(ValidationError) as error:
        register(event, category)

    assert error.value.messages == ["Registration is closed."]
    assert Registration.objects.count() == 0


def test_register_before_opening_is_refused(event, category):
    RegistrationSettingsFactory(event=event, opens_at=timezone.now() + datetime.timedelta(days=1))

    with pytest.raises(ValidationError) as error:
        register(event, category)

    assert error.value.messages == ["Registration has not opened yet."]


def test_register_twice_raises_already_registered_with_the_existing_one(event, reg_settings, category):
    user = UserFactory()
    first = register(event, category, user=user)

    with pytest.raises(AlreadyRegistered) as error:
        register(event, category, user=user)

    assert error.value.registration == first
    assert Registration.objects.filter(event=event).count() == 1


def test_register_without_privacy_consent_is_refused(event, reg_settings, category):
    with pytest.raises(ValidationError) as error:
        registration_register(event=event, category=category, user=UserFactory(), details=details())

    assert error.value.message_dict == {"privacy_accepted": ["Please accept the privacy notice to register."]}
    assert Registration.objects.count() == 0


def test_register_with_category_of_another_event_is_refused(event, reg_settings, category):
    foreign = CategoryFactory()

    with pytest.raises(ValidationError) as error:
        register(event, foreign)

    assert error.value.message_dict == {"category": ["This category does not belong to the event."]}


def test_invitation_only_category_needs_a_valid_code_and_spends_it(event, reg_settings):
    staff = CategoryFactory(event=event, name="Staff", is_public=False)
    InvitationCode.objects.create(category=staff, code="STAFF-2026", max_uses=1)

    with pytest.raises(ValidationError) as missing:
        register(event, staff)
    with pytest.raises(ValidationError) as wrong:
        register(event, staff, invitation_code="NOPE")
    registration = register(event, staff, invitation_code="staff-2026")
    with pytest.raises(ValidationError) as spent:
        register(event, staff, invitation_code="STAFF-2026")

    assert missing.value.message_dict == {"invitation_code": ["This category needs an invitation code."]}
    assert wrong.value.message_dict == {"invitation_code": ["This invitation code is not valid for this category."]}
    assert spent.value.message_dict == {"invitation_code": ["This invitation code is not valid for this category."]}
    assert registration.status == "confirmed"
    assert InvitationCode.objects.get().times_used == 1


def test_oversized_field_is_refused_and_nothing_saved(event, reg_settings, category):
    with pytest.raises(ValidationError) as error:
        register(event, category, organisation="x" * 201)

    assert list(error.value.message_dict) == ["organisation"]
    assert Registration.objects.count() == 0
    assert InvitationCode.objects.count() == 0


def test_approve_confirms_when_a_seat_is_free(event, reg_settings):
    media = CategoryFactory(event=event, approval_required=True)
    registration = register(event, media)
    organiser = UserFactory()

    registration_approve(registration=registration, by=organiser, message="Welcome")

    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert emails(registration) == ["received", "confirmed"]
    assert "Welcome" in registration.emails.last().text_body
    change = registration.log_entries.last()
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        "pending",
        "confirmed",
        organiser,
        "Welcome",
    )


def test_approve_waitlists_when_full_and_override_confirms_over_capacity(event, reg_settings, category):
    media = CategoryFactory(event=event, approval_required=True)
    register(event, category)
    register(event, category)
    waiting = register(event, media)
    overridden = register(event, media)
    organiser = UserFactory()

    registration_approve(registration=waiting, by=organiser)
    registration_approve(registration=overridden, by=organiser, capacity_override=True)

    waiting.refresh_from_db()
    overridden.refresh_from_db()
    assert waiting.status == "waitlisted"
    assert (overridden.status, overridden.capacity_override) == ("confirmed", True)
    assert overridden.log_entries.last().reason == "Confirmed over capacity by an organiser."


def test_approve_a_confirmed_registration_is_refused(event, reg_settings, category):
    registration = register(event, category)

    with pytest.raises(ValidationError) as error:
        registration_approve(registration=registration, by=UserFactory())

    assert error.value.messages == ["Only a registration awaiting approval can be approved."]


def test_reject_pending_registration(event, reg_settings):
    media = CategoryFactory(event=event, approval_required=True)
    registration = register(event, media)

    registration_reject(registration=registration, by=UserFactory(), message="Accreditation closed")

    registration.refresh_from_db()
    assert registration.status == "rejected"
    assert emails(registration) == ["received", "rejected"]


def test_cancel_confirmed_promotes_first_waitlisted_of_same_mode(event, category):
    RegistrationSettingsFactory(event=event, capacity_in_person=1, capacity_online=1)
    confirmed = register(event, category, attendance_mode="in_person")
    register(event, category, attendance_mode="online")
    online_waiting = register(event, category, attendance_mode="online")
    first_waiting = register(event, category, attendance_mode="in_person")
    second_waiting = register(event, category, attendance_mode="in_person")

    registration_cancel(registration=confirmed, by=confirmed.user)

    for registration in (confirmed, online_waiting, first_waiting, second_waiting):
        registration.refresh_from_db()
    assert confirmed.status == "cancelled"
    assert first_waiting.status == "confirmed"
    assert (online_waiting.status, second_waiting.status) == ("waitlisted", "waitlisted")
    assert waitlist_position(second_waiting) == 1
    assert emails(first_waiting) == ["waitlisted", "promoted"]
    assert emails(confirmed) == ["confirmed", "cancelled"]
    assert first_waiting.log_entries.last().reason == "Promoted from the waiting list."


def test_cancel_skips_waitlisted_whose_category_is_full(event):
    RegistrationSettingsFactory(event=event, capacity_in_person=2)
    full = CategoryFactory(event=event, capacity=1)
    open_category = CategoryFactory(event=event)
    register(event, full)
    leaving = register(event, open_category)
    blocked = register(event, full)
    fits = register(event, open_category)

    registration_cancel(registration=leaving, by=None)

    blocked.refresh_from_db()
    fits.refresh_from_db()
    assert (blocked.status, fits.status) == ("waitlisted", "confirmed")


def test_cancel_waitlisted_does_not_promote(event, reg_settings, category):
    register(event, category)
    register(event, category)
    waiting = register(event, category)
    after = register(event, category)

    registration_cancel(registration=waiting, by=waiting.user)

    after.refresh_from_db()
    assert after.status == "waitlisted"
    assert statuses(event) == ["confirmed", "confirmed", "cancelled", "waitlisted"]


def test_cancel_twice_is_refused(event, reg_settings, category):
    registration = register(event, category)
    registration_cancel(registration=registration, by=None)

    with pytest.raises(ValidationError) as error:
        registration_cancel(registration=registration, by=None)

    assert error.value.messages == ["This registration is already cancelled or rejected."]


def test_promote_fills_seats_after_capacity_is_raised(event, reg_settings, category):
    for _ in range(5):
        register(event, category)
    reg_settings.capacity_in_person = 4
    reg_settings.save()

    promoted = registration_promote(event=event)

    assert len(promoted) == 2
    assert statuses(event) == ["confirmed", "confirmed", "confirmed", "confirmed", "waitlisted"]


def test_update_changes_details_but_not_the_seat(event, reg_settings, category):
    registration = register(event, category)

    registration_update(registration=registration, details={"organisation": "UNESCO", "dietary_needs": "Vegan"})

    registration.refresh_from_db()
    assert (registration.organisation, registration.dietary_needs, registration.status) == (
        "UNESCO",
        "Vegan",
        "confirmed",
    )


def test_update_to_a_full_attendance_mode_is_refused(event, category):
    RegistrationSettingsFactory(event=event, capacity_in_person=1, capacity_online=1)
    register(event, category, attendance_mode="online")
    registration = register(event, category, attendance_mode="in_person")

    with pytest.raises(ValidationError) as error:
        registration_update(registration=registration, details={"attendance_mode": "online"})

    assert error.value.message_dict == {"attendance_mode": ["There is no seat left for this attendance mode."]}
    registration.refresh_from_db()
    assert registration.attendance_mode == "in_person"


def test_organiser_registers_on_behalf_with_recorded_override(event, reg_settings, category):
    register(event, category)
    register(event, category)
    organiser = UserFactory()

    registration = registration_register(
        event=event,
        category=category,
        details=details(email="delegate@example.org"),
        privacy_accepted=True,
        by=organiser,
        capacity_override=True,
        reason="Head of delegation",
    )

    assert (registration.status, registration.capacity_override, registration.registered_by) == (
        "confirmed",
        True,
        organiser,
    )
    assert registration.user is None
    change = registration.log_entries.get()
    assert (change.by, change.reason) == (organiser, "Head of delegation")


# --- changes after confirmation ------------------------------------------------------


def detail_changes(registration):
    return list(registration.detail_changes.order_by("pk").values_list("field", "old_value", "new_value", "by_id"))


def approved(event, category):
    """A confirmed registration in an event that approves each participant."""
    organiser = grant_event_rights(UserFactory(), event)
    registration = register(event, category)
    return registration_approve(registration=registration, by=organiser), organiser


def test_update_records_changes_of_name_organisation_and_email(event, reg_settings, category):
    registration = register(event, category, first_name="Amina", organisation="Ministry", email="a@example.org")

    registration_update(
        registration=registration,
        details={"first_name": "Aminata", "organisation": "UNESCO", "email": "b@example.org", "dietary_needs": "Vegan"},
        by=registration.user,
    )

    assert detail_changes(registration) == [
        ("first_name", "Amina", "Aminata", registration.user_id),
        ("organisation", "Ministry", "UNESCO", registration.user_id),
        ("email", "a@example.org", "b@example.org", registration.user_id),
    ]


def test_update_without_a_change_of_tracked_details_records_nothing(event, reg_settings, category):
    registration = register(event, category)

    registration_update(registration=registration, details={"dietary_needs": "Vegan"}, by=registration.user)

    registration.refresh_from_db()
    assert (detail_changes(registration), registration.badge_version) == ([], 1)


def test_update_of_the_name_replaces_the_badge(event, reg_settings, category):
    registration = register(event, category, last_name="Diallo")
    old_token = badge_token(registration)

    registration_update(registration=registration, details={"last_name": "Diallo-Sow"}, by=registration.user)

    registration.refresh_from_db()
    assert (registration.badge_version, registration.status) == (2, "confirmed")
    assert parse_token(old_token).version == 1
    assert badge_token(registration) != old_token


def test_update_of_the_organisation_keeps_the_badge(event, reg_settings, category):
    registration = register(event, category)

    registration_update(registration=registration, details={"organisation": "UNESCO"}, by=registration.user)

    registration.refresh_from_db()
    assert registration.badge_version == 1


def test_update_of_the_name_in_an_approval_event_awaits_approval_again(event, category, mailoutbox):
    RegistrationSettingsFactory(event=event, mode=RegistrationMode.APPROVAL)
    registration, _organiser = approved(event, category)

    registration_update(registration=registration, details={"honorific": "Dr"}, by=registration.user)

    registration.refresh_from_db()
    assert (registration.status, registration.badge_version) == ("pending", 2)
    change = registration.log_entries.order_by("pk").last()
    assert (change.from_status, change.to_status, change.by_id, change.reason) == (
        "confirmed",
        "pending",
        registration.user_id,
        "Name changed from “Amina Diallo” to “Dr Amina Diallo”: awaiting approval again.",
    )
    assert emails(registration) == ["received", "confirmed", "received"]


def test_update_of_the_name_in_a_category_with_approval_awaits_approval_again(event, reg_settings):
    media = CategoryFactory(event=event, name="Media", approval_required=True)
    registration, _organiser = approved(event, media)

    registration_update(registration=registration, details={"first_name": "Aminata"}, by=registration.user)

    registration.refresh_from_db()
    assert registration.status == "pending"


def test_update_of_the_name_awaiting_approval_gives_the_seat_to_the_waiting_list(event, category):
    RegistrationSettingsFactory(event=event, mode=RegistrationMode.APPROVAL, capacity_in_person=1)
    registration, organiser = approved(event, category)
    waiting = registration_approve(registration=register(event, category), by=organiser)
    assert waiting.status == "waitlisted"

    registration_update(registration=registration, details={"first_name": "Aminata"}, by=registration.user)

    assert statuses(event) == ["pending", "confirmed"]


def test_update_of_the_name_by_an_organiser_needs_no_new_approval(event, category):
    RegistrationSettingsFactory(event=event, mode=RegistrationMode.APPROVAL)
    registration, organiser = approved(event, category)

    registration_update(registration=registration, details={"first_name": "Aminata"}, by=organiser)

    registration.refresh_from_db()
    assert (registration.status, registration.badge_version) == ("confirmed", 2)
    assert detail_changes(registration) == [("first_name", "Amina", "Aminata", organiser.pk)]


def test_update_of_the_name_while_pending_stays_pending(event, category):
    RegistrationSettingsFactory(event=event, mode=RegistrationMode.APPROVAL)
    registration = register(event, category)

    registration_update(registration=registration, details={"first_name": "Aminata"}, by=registration.user)

    registration.refresh_from_db()
    assert (registration.status, registration.log_entries.count()) == ("pending", 1)
