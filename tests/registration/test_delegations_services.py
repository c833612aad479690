"""The delegation services: the focal point's invitation, seats, nominations
within the quota and before the deadline, the head of delegation, the note
verbale, extra seats, the organisers' approval and reminders, the log."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from home.models import OutgoingEmail
from home.tokens import hash_token
from registration.delegations import selectors
from registration.delegations.forms import NoteVerbaleForm
from registration.delegations.models import NOTE_VERBALE_MAX_BYTES, Delegation, DelegationLogEntry, Nomination
from registration.delegations.services import (
    InvitationTaken,
    delegation_accept,
    delegation_approve,
    delegation_create,
    delegation_invite,
    delegation_note_verbale_upload,
    delegation_quotas_set,
    delegation_remind,
    delegation_request_seats,
    invitation_link_token,
    nomination_create,
    nomination_make_head,
    nomination_update,
    nomination_withdraw,
)
from registration.models import DetailChange, Registration, RegistrationSettings, RegistrationStatus
from tests.factories import CategoryFactory, RegistrationSettingsFactory, UserFactory
from tests.helpers import delegation_link_path, nominee, pdf_upload, register

pytestmark = pytest.mark.django_db

Action = DelegationLogEntry.Action


def actions(delegation) -> list[str]:
    return list(
        DelegationLogEntry.objects.filter(delegation=delegation).order_by("at", "pk").values_list("action", flat=True)
    )


def nominate(delegation, category, by, **overrides):
    return nomination_create(delegation=delegation, category=category, details=nominee(**overrides), by=by)


def close_nominations(event, *, ago=datetime.timedelta(minutes=1)):
    RegistrationSettings.objects.update_or_create(event=event, defaults={"nominations_close_at": timezone.now() - ago})


# --- the focal point's invitation ---------------------------------------------------------


def test_create_stores_the_seats_and_only_the_hash_of_the_link(
    event, member_state_category, event_organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delegation = delegation_create(
            event=event,
            country="SN",
            focal_point_name="Awa Ndiaye",
            focal_point_email="awa.ndiaye@mfa.example.org",
            language="fr",
            quotas={member_state_category: 5},
            by=event_organiser,
        )

    token = invitation_link_token(delegation)
    assert delegation.token_hash == hash_token(token)
    assert token not in delegation.token_salt
    assert [(row.category.name, row.used, row.seats) for row in selectors.delegation_seats(delegation)] == [
        ("Member State delegation", 0, 5)
    ]
    assert actions(delegation) == [Action.CREATED, Action.INVITED]
    assert delegation.invited_at is not None
    assert [message.to for message in mail.outbox] == [["awa.ndiaye@mfa.example.org"]]
    assert delegation_link_path(mail.outbox[0]) == f"/delegations/invitation/{token}/"
    assert selectors.delegation_for_token(token) == delegation


def test_the_invitation_is_queued_in_the_focal_points_language(event, member_state_category, event_organiser):
    delegation_create(
        event=event,
        country="DE",
        focal_point_name="Jonas Weber",
        focal_point_email="jonas.weber@example.org",
        language="es",
        quotas={member_state_category: 5},
        by=event_organiser,
    )

    email = OutgoingEmail.objects.get(kind="delegation_invitation")
    assert (email.language, email.to, email.holds_secret) == ("es", "jonas.weber@example.org", True)
    assert '<html lang="es">' in email.html_body
    # The country's name follows the language too.
    assert "Alemania" in email.subject
    assert "Germany" not in email.text_body


@pytest.mark.parametrize(
    ("country", "organisation", "seats", "errors"),
    [
        ("", "", 5, {"country": ["Give either a country or an organisation."]}),
        ("KE", "UNDP", 5, {"country": ["Give either a country or an organisation."]}),
        ("FR", "", 5, {"country": ["This country already has a delegation at this event."]}),
        ("", "unesco", 5, {"organisation": ["This organisation already has a delegation at this event."]}),
        ("KE", "", 0, {"quotas": ["Give the delegation at least one seat."]}),
    ],
)
def test_create_refuses_with_a_reason_and_saves_nothing(
    france, member_state_category, event_organiser, country, organisation, seats, errors
):
    delegation_create(
        event=france.event,
        organisation="UNESCO",
        focal_point_name="Ana Silva",
        focal_point_email="ana@unesco.example.org",
        quotas={member_state_category: 1},
        by=event_organiser,
    )
    before = Delegation.objects.count()

    with pytest.raises(ValidationError) as error:
        delegation_create(
            event=france.event,
            country=country,
            organisation=organisation,
            focal_point_name="Someone",
            focal_point_email="someone@example.org",
            quotas={member_state_category: seats},
            by=event_organiser,
        )

    assert error.value.message_dict == errors
    assert Delegation.objects.count() == before


def test_create_refuses_a_category_of_another_event(event, other_event, event_organiser):
    with pytest.raises(ValidationError) as error:
        delegation_create(
            event=event,
            country="KE",
            focal_point_name="Wanjiru Kamau",
            focal_point_email="wanjiru@example.org",
            quotas={CategoryFactory(event=other_event): 3},
            by=event_organiser,
        )

    assert error.value.message_dict == {"quotas": ["Every category must belong to the event."]}


def test_resending_rotates_the_link(kenya, event_organiser, django_capture_on_commit_callbacks):
    old_token = invitation_link_token(kenya)

    with django_capture_on_commit_callbacks(execute=True):
        delegation_invite(delegation=kenya, by=event_organiser)

    kenya.refresh_from_db()
    new_token = invitation_link_token(kenya)
    assert new_token != old_token
    assert (selectors.delegation_for_token(old_token), selectors.delegation_for_token(new_token)) == (None, kenya)
    # The fixture's first email is still in the outbox (its transaction never committed); the resend is sent.
    assert [delegation_link_path(message) for message in mail.outbox] == [f"/delegations/invitation/{new_token}/"]
    assert [old_token in email.text_body for email in OutgoingEmail.objects.order_by("pk")] == [True, False]
    assert actions(kenya) == [Action.CREATED, Action.INVITED, Action.INVITED]


def test_resending_is_refused_once_accepted(france, event_organiser):
    token = invitation_link_token(france)

    with pytest.raises(ValidationError) as error:
        delegation_invite(delegation=france, by=event_organiser)

    assert error.value.messages == ["The focal point has already accepted the invitation."]
    france.refresh_from_db()
    assert invitation_link_token(france) == token


def test_accepting_links_the_account_once(kenya):
    focal = UserFactory()

    delegation_accept(delegation=kenya, user=focal)
    delegation_accept(delegation=kenya, user=focal)

    kenya.refresh_from_db()
    assert (kenya.focal_point, kenya.accepted_at is not None) == (focal, True)
    assert actions(kenya) == [Action.CREATED, Action.INVITED, Action.ACCEPTED]


def test_accepting_after_another_account_changes_nothing(france, focal_point):
    accepted_at = france.accepted_at

    with pytest.raises(InvitationTaken):
        delegation_accept(delegation=france, user=UserFactory())

    france.refresh_from_db()
    assert (france.focal_point, france.accepted_at) == (focal_point, accepted_at)


# --- nominations ---------------------------------------------------------------------


def test_a_nomination_is_a_registration_awaiting_approval_made_by_the_focal_point(
    france, member_state_category, focal_point
):
    nomination = nominate(france, member_state_category, focal_point)

    registration = nomination.registration
    assert (registration.status, registration.category, registration.registered_by, registration.user) == (
        RegistrationStatus.PENDING,
        member_state_category,
        focal_point,
        None,
    )
    assert (registration.full_name, registration.position, registration.country.code) == (
        "H.E. Jean Dupont",
        "Ambassador, Permanent Delegate",
        "FR",
    )
    # Nobody asked the delegate: no consent is recorded for them.
    assert (registration.privacy_accepted_at, registration.photo_consent, registration.list_consent) == (
        None,
        False,
        False,
    )
    assert (nomination.delegation, nomination.nominated_by, nomination.is_head) == (france, focal_point, False)
    assert actions(france)[-1] == Action.NOMINATED
    assert DelegationLogEntry.objects.filter(delegation=france).last().detail == (
        "H.E. Jean Dupont (Member State delegation)"
    )
    assert OutgoingEmail.objects.filter(registration=registration).values_list("kind", "language").get() == (
        "received",
        "fr",
    )


def test_the_quota_holds_per_category(france, member_state_category, focal_point, event_organiser):
    observers = CategoryFactory(event=france.event, name="Observers", is_public=False)
    delegation_quotas_set(delegation=france, seats={observers: 1}, by=event_organiser)
    nominate(france, member_state_category, focal_point, email="a@example.org")
    nominate(france, member_state_category, focal_point, email="b@example.org")
    registrations = Registration.objects.count()

    with pytest.raises(ValidationError) as error:
        nominate(france, member_state_category, focal_point, email="c@example.org")

    assert error.value.message_dict == {"category": ["All 2 seats of your delegation in this category are taken."]}
    assert (Registration.objects.count(), Nomination.objects.count()) == (registrations, 2)
    nominate(france, observers, focal_point, email="c@example.org")
    assert [(row.category.name, row.used, row.seats) for row in selectors.delegation_seats(france)] == [
        ("Member State delegation", 2, 2),
        ("Observers", 1, 1),
    ]


def test_a_category_without_seats_is_refused(france, focal_point):
    with pytest.raises(ValidationError) as error:
        nominate(france, CategoryFactory(event=france.event), focal_point)

    assert error.value.message_dict == {"category": ["Your delegation has no seats in this category."]}


def test_someone_already_registered_is_refused_beside_the_email(france, member_state_category, focal_point):
    # Registered themselves, with an account, under the same address.
    register(france.event, CategoryFactory(event=france.event), email="jean.dupont@diplomatie.example.org")

    with pytest.raises(ValidationError) as error:
        nominate(france, member_state_category, focal_point, email="Jean.Dupont@diplomatie.example.org")

    assert error.value.message_dict == {"email": ["This person is already registered for this event."]}
    assert Nomination.objects.count() == 0


def test_after_the_deadline_nothing_is_nominated_edited_or_withdrawn(france, member_state_category, focal_point):
    nomination = nominate(france, member_state_category, focal_point)
    close_nominations(france.event)

    refusals = []
    for attempt in (
        lambda: nominate(france, member_state_category, focal_point, email="late@example.org"),
        lambda: nomination_update(nomination=nomination, details={"last_name": "Durand"}, by=focal_point),
        lambda: nomination_withdraw(nomination=nomination, by=focal_point),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        refusals.append((error.value.code, error.value.messages))

    assert refusals == [("closed", ["Nominations are closed for this event."])] * 3
    nomination.registration.refresh_from_db()
    assert (nomination.registration.last_name, nomination.registration.status) == ("Dupont", "pending")
    assert Nomination.objects.count() == 1


def test_before_the_deadline_nominations_are_open(france, member_state_category, focal_point):
    RegistrationSettingsFactory(event=france.event, nominations_close_at=timezone.now() + datetime.timedelta(hours=1))

    assert nominate(france, member_state_category, focal_point).pk is not None


def test_an_edit_goes_through_the_registration_and_is_logged(france, member_state_category, focal_point):
    nomination = nominate(france, member_state_category, focal_point)

    nomination_update(
        nomination=nomination, details=nominee(last_name="Durand", position="Deputy Permanent Delegate"), by=focal_point
    )
    nomination_update(
        nomination=nomination, details=nominee(last_name="Durand", position="Deputy Permanent Delegate"), by=focal_point
    )

    registration = Registration.objects.get(pk=nomination.registration_id)
    assert (registration.last_name, registration.position, registration.badge_version) == (
        "Durand",
        "Deputy Permanent Delegate",
        2,
    )
    assert list(DetailChange.objects.filter(registration=registration).values_list("field", "old_value", "by")) == [
        ("last_name", "Dupont", focal_point.pk)
    ]
    assert actions(france).count(Action.EDITED) == 1
    assert DelegationLogEntry.objects.get(delegation=france, action=Action.EDITED).detail == (
        "H.E. Jean Durand: last_name, position"
    )


def test_an_edit_to_the_address_of_someone_registered_is_refused(france, member_state_category, focal_point):
    first = nominate(france, member_state_category, focal_point, email="a@example.org")
    nominate(france, member_state_category, focal_point, email="b@example.org")

    with pytest.raises(ValidationError) as error:
        nomination_update(nomination=first, details={"email": "B@example.org"}, by=focal_point)

    assert error.value.message_dict == {"email": ["This person is already registered for this event."]}


def test_withdrawing_cancels_the_registration_and_frees_the_seat(
    france, member_state_category, focal_point, django_capture_on_commit_callbacks
):
    first = nominate(france, member_state_category, focal_point, email="a@example.org")
    nominate(france, member_state_category, focal_point, email="b@example.org")
    nomination_make_head(nomination=first, by=focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        nomination_withdraw(nomination=first, by=focal_point)

    first.refresh_from_db()
    first.registration.refresh_from_db()
    assert (first.registration.status, first.is_head) == (RegistrationStatus.CANCELLED, False)
    assert first.registration.log_entries.last().reason == "Withdrawn by the delegation's focal point."
    assert OutgoingEmail.objects.filter(kind="cancelled").values_list("to", flat=True).get() == "a@example.org"
    assert [(row.used, row.seats) for row in selectors.delegation_seats(france)] == [(1, 2)]
    assert nominate(france, member_state_category, focal_point, email="c@example.org").pk is not None
    assert actions(france).count(Action.WITHDRAWN) == 1


def test_a_withdrawn_delegate_cannot_be_withdrawn_again_or_named_head(france, member_state_category, focal_point):
    nomination = nominate(france, member_state_category, focal_point)
    nomination_withdraw(nomination=nomination, by=focal_point)

    messages = []
    for service in (nomination_withdraw, nomination_make_head):
        with pytest.raises(ValidationError) as error:
            service(nomination=nomination, by=focal_point)
        messages.append(error.value.messages)

    assert messages == [["This nomination has been withdrawn or rejected."]] * 2


def test_one_head_per_delegation_and_naming_another_moves_it(france, member_state_category, focal_point):
    first = nominate(france, member_state_category, focal_point, email="a@example.org")
    second = nominate(france, member_state_category, focal_point, email="b@example.org")

    nomination_make_head(nomination=first, by=focal_point)
    nomination_make_head(nomination=second, by=focal_point)
    nomination_make_head(nomination=second, by=focal_point)

    assert list(Nomination.objects.filter(delegation=france, is_head=True)) == [second]
    assert actions(france).count(Action.HEAD_NAMED) == 2


# --- the note verbale and extra seats ------------------------------------------------------


def test_the_note_verbale_is_stored_privately(france, focal_point):
    delegation_note_verbale_upload(delegation=france, upload=pdf_upload(), by=focal_point)

    france.refresh_from_db()
    with france.note_verbale.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    assert france.note_verbale.name.startswith("notes-verbales/")
    assert france.note_verbale_uploaded_at is not None
    with pytest.raises(ValueError):
        france.note_verbale.url  # noqa: B018 - the private storage has no URL
    assert actions(france)[-1] == Action.NOTE_VERBALE


def test_replacing_the_note_verbale_keeps_only_the_new_one(france, focal_point, django_capture_on_commit_callbacks):
    delegation_note_verbale_upload(delegation=france, upload=pdf_upload(), by=focal_point)
    france.refresh_from_db()
    old = france.note_verbale.name

    with django_capture_on_commit_callbacks(execute=True):
        delegation_note_verbale_upload(delegation=france, upload=pdf_upload(content=b"%PDF-1.7 second"), by=focal_point)

    france.refresh_from_db()
    storage = france.note_verbale.storage
    assert (storage.exists(old), france.note_verbale.name != old, storage.exists(france.note_verbale.name)) == (
        False,
        True,
        True,
    )
    with france.note_verbale.open("rb") as stored:
        assert stored.read() == b"%PDF-1.7 second"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: pdf_upload(name="letter.pdf", content=b"\x89PNG\r\n\x1a\n not a pdf"),
            "The note verbale must be a PDF file.",
        ),
        (lambda: pdf_upload(name="letter.pdf", content=b"<html>%PDF-</html>"), "The note verbale must be a PDF file."),
        (lambda: pdf_upload(size=NOTE_VERBALE_MAX_BYTES + 1), "The file is too large: at most 5 MB."),
    ],
    ids=["png", "html", "too-large"],
)
def test_a_note_verbale_that_is_not_a_small_pdf_is_refused(france, focal_point, upload, message):
    with pytest.raises(ValidationError) as error:
        delegation_note_verbale_upload(delegation=france, upload=upload(), by=focal_point)

    france.refresh_from_db()
    assert error.value.message_dict == {"note_verbale": [message]}
    assert (france.note_verbale.name, france.note_verbale_uploaded_at) == ("", None)
    assert Action.NOTE_VERBALE not in actions(france)


def test_a_note_verbale_of_exactly_the_limit_is_accepted(france, focal_point):
    delegation_note_verbale_upload(delegation=france, upload=pdf_upload(size=NOTE_VERBALE_MAX_BYTES), by=focal_point)

    france.refresh_from_db()
    assert france.note_verbale.size == NOTE_VERBALE_MAX_BYTES


def test_extra_seats_are_asked_with_a_reason(france, focal_point):
    delegation_request_seats(delegation=france, seats=3, reason="  The minister's advisers.  ", by=focal_point)

    france.refresh_from_db()
    assert (france.extra_seats_requested, france.extra_seats_reason) == (3, "The minister's advisers.")
    assert DelegationLogEntry.objects.filter(delegation=france).last().detail == "3: The minister's advisers."


@pytest.mark.parametrize(
    ("seats", "reason", "errors"),
    [
        (0, "Advisers", {"seats": ["Ask for between 1 and 100 seats."]}),
        (101, "Advisers", {"seats": ["Ask for between 1 and 100 seats."]}),
        (2, "   ", {"reason": ["Say why the delegation needs more seats."]}),
    ],
)
def test_extra_seats_refusals(france, focal_point, seats, reason, errors):
    with pytest.raises(ValidationError) as error:
        delegation_request_seats(delegation=france, seats=seats, reason=reason, by=focal_point)

    france.refresh_from_db()
    assert error.value.message_dict == errors
    assert france.extra_seats_requested == 0


def test_raising_the_seats_answers_the_request_for_extra_seats(
    france, member_state_category, focal_point, event_organiser
):
    delegation_request_seats(delegation=france, seats=2, reason="Advisers", by=focal_point)
    delegation_quotas_set(delegation=france, seats={member_state_category: 2}, by=event_organiser)  # unchanged
    france.refresh_from_db()
    assert france.extra_seats_requested == 2

    delegation_quotas_set(delegation=france, seats={member_state_category: 4}, by=event_organiser)

    france.refresh_from_db()
    assert (france.extra_seats_requested, france.extra_seats_reason) == (0, "")


# --- the organisers -------------------------------------------------------------------------


def test_seats_are_raised_lowered_and_never_below_those_used(
    france, member_state_category, focal_point, event_organiser
):
    observers = CategoryFactory(event=france.event, name="Observers")
    nominate(france, member_state_category, focal_point, email="a@example.org")
    nominate(france, member_state_category, focal_point, email="b@example.org")

    delegation_quotas_set(delegation=france, seats={member_state_category: 4, observers: 2}, by=event_organiser)
    with pytest.raises(ValidationError) as error:
        delegation_quotas_set(delegation=france, seats={member_state_category: 1, observers: 0}, by=event_organiser)

    assert error.value.message_dict == {
        f"seats_{member_state_category.pk}": [
            "There are 2 active nominations in this category: the seats cannot be fewer."
        ]
    }
    delegation_quotas_set(delegation=france, seats={member_state_category: 2, observers: 0}, by=event_organiser)
    assert [(row.category.name, row.used, row.seats) for row in selectors.delegation_seats(france)] == [
        ("Member State delegation", 2, 2)
    ]
    assert list(
        DelegationLogEntry.objects.filter(delegation=france, action=Action.QUOTA_CHANGED).values_list("detail", "by")
    ) == [
        ("Member State delegation: 2 → 4; Observers: 0 → 2", event_organiser.pk),
        ("Member State delegation: 4 → 2; Observers: 2 → 0", event_organiser.pk),
    ]


def test_approving_a_whole_delegation_approves_its_pending_nominees_only(
    france, kenya, member_state_category, focal_point, event_organiser, django_capture_on_commit_callbacks
):
    RegistrationSettingsFactory(event=france.event, capacity_in_person=None)
    first = nominate(france, member_state_category, focal_point, email="a@example.org")
    second = nominate(france, member_state_category, focal_point, email="b@example.org")
    nomination_withdraw(nomination=second, by=focal_point)
    kenyan = nominate(kenya, member_state_category, delegation_accept(delegation=kenya, user=UserFactory()).focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        done, problems = delegation_approve(delegation=france, by=event_organiser)

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert (done, problems) == (1, [])
    assert statuses == {
        "a@example.org": "confirmed",
        "b@example.org": "cancelled",
        kenyan.registration.email: "pending",
    }
    assert (
        DelegationLogEntry.objects.get(delegation=france, action=Action.APPROVED).detail == first.registration.full_name
    )
    assert OutgoingEmail.objects.filter(registration=first.registration, kind="confirmed").count() == 1


def test_approving_selected_nominees_leaves_the_others_waiting(
    france, member_state_category, focal_point, event_organiser
):
    first = nominate(france, member_state_category, focal_point, email="a@example.org")
    nominate(france, member_state_category, focal_point, email="b@example.org")

    done, problems = delegation_approve(delegation=france, by=event_organiser, nominations=[first])

    assert (done, problems) == (1, [])
    assert dict(Registration.objects.values_list("email", "status")) == {
        "a@example.org": "confirmed",
        "b@example.org": "pending",
    }


def test_approving_reports_who_could_not_be_approved(france, member_state_category, focal_point, event_organiser):
    RegistrationSettingsFactory(event=france.event, capacity_in_person=1, waitlist_enabled=False)
    nominate(france, member_state_category, focal_point, email="a@example.org", first_name="Anne")
    nominate(france, member_state_category, focal_point, email="b@example.org", first_name="Bruno")

    done, problems = delegation_approve(delegation=france, by=event_organiser)

    assert (done, problems) == (1, ["H.E. Bruno Dupont: This event is full."])
    assert dict(Registration.objects.values_list("email", "status")) == {
        "a@example.org": "confirmed",
        "b@example.org": "pending",
    }


def test_reminders_go_once_a_day_to_those_who_have_not_nominated(
    france, kenya, member_state_category, focal_point, event_organiser, django_capture_on_commit_callbacks
):
    nominate(france, member_state_category, focal_point)
    now = timezone.now()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = delegation_remind(delegations=[france, kenya], by=event_organiser, now=now)
        again = delegation_remind(
            delegations=[france, kenya], by=event_organiser, now=now + datetime.timedelta(hours=23)
        )
        next_day = delegation_remind(delegations=[kenya], by=event_organiser, now=now + datetime.timedelta(hours=25))

    assert (first, again, next_day) == ([kenya], [], [kenya])
    kenya.refresh_from_db()
    assert kenya.last_reminded_at == now + datetime.timedelta(hours=25)
    assert [message.to for message in mail.outbox] == [["wanjiru.kamau@mfa.example.org"]] * 2
    # Not accepted yet: the reminder carries the (same) invitation link.
    assert delegation_link_path(mail.outbox[0]) == f"/delegations/invitation/{invitation_link_token(kenya)}/"
    assert actions(kenya).count(Action.REMINDED) == 2
    assert Action.REMINDED not in actions(france)


def test_a_reminder_is_in_the_focal_points_language_and_links_the_page_once_accepted(france, event_organiser):
    delegation_remind(delegations=[france], by=event_organiser)

    email = OutgoingEmail.objects.get(kind="delegation_reminder")
    assert (email.language, email.to, email.holds_secret) == ("fr", france.focal_point_email, False)
    assert f"/delegations/{france.pk}/" in email.text_body
    assert "/delegations/invitation/" not in email.text_body
    assert '<html lang="fr">' in email.html_body


def test_a_withdrawn_delegation_is_reminded_again(france, member_state_category, focal_point, event_organiser):
    nomination_withdraw(nomination=nominate(france, member_state_category, focal_point), by=focal_point)

    assert delegation_remind(delegations=[france], by=event_organiser) == [france]


def test_every_change_is_logged_with_who_did_it(france, member_state_category, focal_point, event_organiser):
    nomination = nominate(france, member_state_category, focal_point)
    nomination_make_head(nomination=nomination, by=focal_point)
    delegation_note_verbale_upload(delegation=france, upload=pdf_upload(), by=focal_point)
    delegation_request_seats(delegation=france, seats=1, reason="An adviser", by=focal_point)
    delegation_quotas_set(delegation=france, seats={member_state_category: 3}, by=event_organiser)
    delegation_approve(delegation=france, by=event_organiser)
    nomination_update(nomination=nomination, details={"position": "Minister"}, by=focal_point)
    nomination_withdraw(nomination=nomination, by=focal_point)

    log = list(DelegationLogEntry.objects.filter(delegation=france).order_by("at", "pk").values_list("action", "by"))

    assert log == [
        (Action.CREATED, event_organiser.pk),
        (Action.INVITED, event_organiser.pk),
        (Action.ACCEPTED, focal_point.pk),
        (Action.NOMINATED, focal_point.pk),
        (Action.HEAD_NAMED, focal_point.pk),
        (Action.NOTE_VERBALE, focal_point.pk),
        (Action.SEATS_REQUESTED, focal_point.pk),
        (Action.QUOTA_CHANGED, event_organiser.pk),
        (Action.APPROVED, event_organiser.pk),
        (Action.EDITED, focal_point.pk),
        (Action.WITHDRAWN, focal_point.pk),
    ]


def test_a_withdrawn_delegate_can_be_nominated_again(france, member_state_category, focal_point):
    first = nominate(france, member_state_category, focal_point, email="a@example.org")
    nomination_withdraw(nomination=first, by=focal_point)

    again = nominate(france, member_state_category, focal_point, email="A@example.org")

    assert again.registration.pk != first.registration.pk
    assert again.registration.status == RegistrationStatus.PENDING
    first.registration.refresh_from_db()
    assert first.registration.status == RegistrationStatus.CANCELLED
    assert [(row.used, row.seats) for row in selectors.delegation_seats(france)] == [(1, 2)]


def test_the_withdrawal_reaches_the_nominee_in_their_language(
    france, member_state_category, focal_point, django_capture_on_commit_callbacks
):
    delegate = nominate(france, member_state_category, focal_point, email="ana@example.org", preferred_language="es")
    mail.outbox.clear()

    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        nomination_withdraw(nomination=delegate, by=focal_point)

    with translation.override("es"):
        spanish = translation.gettext("Withdrawn by the delegation's focal point.")
    (cancelled,) = [message for message in mail.outbox if message.to == ["ana@example.org"]]
    assert spanish != "Withdrawn by the delegation's focal point."
    assert spanish in cancelled.body


def test_a_deleted_focal_point_account_opens_the_invitation_again(
    france, focal_point, event_organiser, django_capture_on_commit_callbacks
):
    focal_point.delete()

    france.refresh_from_db()
    assert (france.focal_point, france.accepted_at) == (None, None)
    assert actions(france)[-1] == Action.ACCOUNT_DELETED
    with django_capture_on_commit_callbacks(execute=True):
        delegation_invite(delegation=france, by=event_organiser)
    assert actions(france)[-1] == Action.INVITED


def test_the_note_verbale_help_follows_the_language():
    with translation.override("fr"):
        help_text = str(NoteVerbaleForm().fields["note_verbale"].help_text)

    assert "5" in help_text and "PDF" in help_text
    assert not help_text.startswith("The official letter")
