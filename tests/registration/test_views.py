import pytest
from django.urls import reverse

from home.models import OutgoingEmail
from registration.models import InvitationCode, Question, QuestionKind, Registration
from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, UserFactory, make_event
from tests.helpers import register
from tests.helpers import registration_form_data as form_data

pytestmark = pytest.mark.django_db


def register_url(event):
    return reverse("registration:register", kwargs={"event_id": event.pk})


def test_register_page_bounces_anonymous_visitors_to_sign_in_and_back(client, event):
    response = client.get(register_url(event))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={register_url(event)}"


def test_register_confirms_and_shows_the_outcome(user_client, user, event, reg_settings, category, mailoutbox):
    response = user_client.post(register_url(event), form_data(category), follow=True)

    registration = Registration.objects.get(user=user)
    assert response.redirect_chain == [(reverse("registration:detail", args=[registration.reference]), 302)]
    assert registration.status == "confirmed"
    assert registration.preferred_language == "fr"
    assert response.context["registration"] == registration
    assert b'data-status="confirmed"' in response.content


def test_register_full_event_shows_waitlist_position(user_client, user, event, category):
    RegistrationSettingsFactory(event=event, capacity_in_person=1)
    register(event, category)
    register(event, category, attendance_mode="in_person")

    response = user_client.post(register_url(event), form_data(category), follow=True)

    assert response.context["waitlist_position"] == 2
    assert Registration.objects.get(user=user).status == "waitlisted"


def test_register_again_shows_the_existing_registration(user_client, user, event, reg_settings, category):
    existing = register(event, category, user=user)

    get = user_client.get(register_url(event))
    post = user_client.post(register_url(event), form_data(category))

    detail = reverse("registration:detail", args=[existing.reference])
    assert (get.status_code, get["Location"]) == (302, detail)
    assert (post.status_code, post["Location"]) == (302, detail)
    assert Registration.objects.filter(user=user).count() == 1


def test_register_missing_consent_shows_error_beside_field(user_client, event, reg_settings, category):
    data = form_data(category)
    del data["privacy_accepted"]

    response = user_client.post(register_url(event), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"privacy_accepted": ["Please accept the privacy notice to register."]}
    assert Registration.objects.count() == 0


def test_register_tampered_category_is_an_error_and_saves_nothing(user_client, event, reg_settings, category):
    foreign = CategoryFactory(event=make_event())
    hidden = CategoryFactory(event=event, is_public=False)

    foreign_response = user_client.post(register_url(event), {**form_data(category), "category": foreign.pk})
    hidden_response = user_client.post(register_url(event), {**form_data(category), "category": hidden.pk})
    garbage_response = user_client.post(register_url(event), {**form_data(category), "category": "1 OR 1=1"})

    expected = ["Select a valid choice. That choice is not one of the available choices."]
    assert foreign_response.context["form"].errors == {"category": expected}
    assert hidden_response.context["form"].errors == {"category": expected}
    assert garbage_response.context["form"].errors == {"category": expected}
    assert Registration.objects.count() == 0


def test_register_invitation_code_selects_the_hidden_category(user_client, user, event, reg_settings, category):
    staff = CategoryFactory(event=event, name="Staff", is_public=False)
    InvitationCode.objects.create(category=staff, code="TEAM", max_uses=2)

    bad = user_client.post(register_url(event), form_data(category, invitation_code="WRONG"))
    good = user_client.post(register_url(event), form_data(category, invitation_code="team"))

    assert bad.context["form"].errors == {"invitation_code": ["This invitation code is not valid for this event."]}
    assert good.status_code == 302
    assert Registration.objects.get(user=user).category == staff


def test_register_oversized_field_shows_error_beside_field(user_client, event, reg_settings, category):
    response = user_client.post(register_url(event), form_data(category, organisation="x" * 500))

    assert response.context["form"].errors == {
        "organisation": ["Ensure this value has at most 200 characters (it has 500)."]
    }
    assert Registration.objects.count() == 0


def test_register_closed_event_shows_the_reason(user_client, event, category):
    RegistrationSettingsFactory(event=event, capacity_in_person=0, waitlist_enabled=False)

    response = user_client.post(register_url(event), form_data(category))

    assert response.context["form"].non_field_errors() == ["This event is full."]
    assert Registration.objects.count() == 0


def test_register_answers_extra_questions(user_client, user, event, reg_settings, category):
    topics = Question.objects.create(
        event=event, label="Topics", kind=QuestionKind.MULTIPLE_CHOICE, choices="Health\nEducation", required=True
    )
    first_time = Question.objects.create(event=event, label="First time?", kind=QuestionKind.YES_NO)

    missing = user_client.post(register_url(event), form_data(category))
    ok = user_client.post(
        register_url(event),
        form_data(category, **{f"question_{topics.pk}": ["Health"], f"question_{first_time.pk}": "no"}),
    )

    assert missing.context["form"].errors == {f"question_{topics.pk}": ["This field is required."]}
    assert ok.status_code == 302
    answers = dict(Registration.objects.get(user=user).answers.values_list("question__label", "value"))
    assert answers == {"Topics": ["Health"], "First time?": False}


def test_someone_elses_registration_is_404(user_client, event, reg_settings, category):
    other = register(event, category)

    for name in ("detail", "edit", "cancel"):
        assert user_client.get(reverse(f"registration:{name}", args=[other.reference])).status_code == 404
    assert user_client.post(reverse("registration:cancel", args=[other.reference])).status_code == 404
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_cancel_needs_confirmation_then_promotes(
    user_client, user, event, category, django_capture_on_commit_callbacks, mailoutbox
):
    RegistrationSettingsFactory(event=event, capacity_in_person=1)
    mine = register(event, category, user=user)
    waiting = register(event, category)
    url = reverse("registration:cancel", args=[mine.reference])

    confirm_page = user_client.get(url)
    mine.refresh_from_db()
    assert (confirm_page.status_code, mine.status) == (200, "confirmed")

    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(url)

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert response["Location"] == reverse("registration:detail", args=[mine.reference])
    assert (mine.status, waiting.status) == ("cancelled", "confirmed")
    assert sorted(m.subject for m in mailoutbox) == [
        f"A seat is yours: {event.title}",
        f"Registration cancelled: {event.title}",
    ]


def test_edit_updates_details(user_client, user, event, reg_settings, category):
    mine = register(event, category, user=user)
    data = form_data(category, organisation="UNESCO", dietary_needs="Halal")
    del data["category"]

    response = user_client.post(reverse("registration:edit", args=[mine.reference]), data)

    mine.refresh_from_db()
    assert response.status_code == 302
    assert (mine.organisation, mine.dietary_needs, mine.category) == ("UNESCO", "Halal", category)


def test_account_page_lists_my_registrations(user_client, user, event, reg_settings, category):
    mine = register(event, category, user=user)

    response = user_client.get(reverse("account_home"))

    assert response.status_code == 200
    assert f'data-reference="{mine.reference}"'.encode() in response.content


QUERIES_MY_REGISTRATIONS = 13  # the page shell, the claim check (one query: nothing to claim), the list


@pytest.mark.parametrize("count", [1, 10])
def test_my_registrations_query_count_does_not_grow(client, count, django_assert_num_queries):
    user = UserFactory()
    for _ in range(count):
        RegistrationFactory(user=user, status="waitlisted")
    client.force_login(user)

    # The same queries whatever the number of registrations (the page shell's included).
    with django_assert_num_queries(QUERIES_MY_REGISTRATIONS):
        response = client.get(reverse("registration:my_registrations"))

    assert [r.waitlist_place for r in response.context["registrations"]] == [1] * count
    assert response.content.count(b'class="waitlist-position"') == count


def test_outbox_rows_written_with_the_registration(user_client, user, event, reg_settings, category):
    user_client.post(register_url(event), form_data(category))

    registration = Registration.objects.get(user=user)
    assert list(OutgoingEmail.objects.values_list("registration", "kind", "to", "language")) == [
        (registration.pk, "confirmed", "amina@example.org", "fr")
    ]


def test_edit_changes_the_category_only_while_awaiting_approval(user_client, user, event, reg_settings):
    media = CategoryFactory(event=event, name="Media", approval_required=True)
    academia = CategoryFactory(event=event, name="Academia")
    pending = register(event, media, user=user)
    data = form_data(academia)

    response = user_client.post(reverse("registration:edit", args=[pending.reference]), data)

    pending.refresh_from_db()
    assert response.status_code == 302
    assert pending.category == academia


def test_edit_does_not_offer_the_category_once_approved(user_client, user, event, reg_settings, category):
    other = CategoryFactory(event=event, name="Academia")
    confirmed = register(event, category, user=user)

    page = user_client.get(reverse("registration:edit", args=[confirmed.reference]))
    user_client.post(reverse("registration:edit", args=[confirmed.reference]), form_data(other))

    confirmed.refresh_from_db()
    assert "category" not in page.context["form"].fields
    assert confirmed.category == category


# --- badge links ------------------------------------------------------------------------


def test_badge_link_is_a_path_on_the_requested_site(user_client, user, event, reg_settings, category, settings):
    settings.SITE_URL = "http://example.invalid:9999"
    mine = register(event, category, user=user)

    detail = user_client.get(reverse("registration:detail", args=[mine.reference]))
    listing = user_client.get(reverse("registration:my_registrations"))
    account = user_client.get(reverse("account_home"))

    assert detail.context["badge_url"] == f"/badge/{mine.reference}/"
    assert f'<a class="button" href="/badge/{mine.reference}/">Download your badge</a>' in detail.content.decode()
    assert [r.badge_url for r in listing.context["registrations"]] == [f"/badge/{mine.reference}/"]
    for response in (detail, listing, account):
        assert "example.invalid" not in response.content.decode()


def test_badge_link_is_absent_until_confirmed(user_client, user, event, category):
    RegistrationSettingsFactory(event=event, mode="approval")
    mine = register(event, category, user=user)

    detail = user_client.get(reverse("registration:detail", args=[mine.reference]))

    assert detail.context["badge_url"] == ""


# --- rate limits --------------------------------------------------------------------------


def test_register_wrong_invitation_codes_are_limited(user_client, user, event, reg_settings, category):
    staff = CategoryFactory(event=event, name="Staff", is_public=False)
    InvitationCode.objects.create(category=staff, code="TEAM", max_uses=2)
    for attempt in range(10):
        wrong = user_client.post(register_url(event), form_data(category, invitation_code=f"GUESS{attempt}"))
        assert wrong.status_code == 200

    blocked = user_client.post(register_url(event), form_data(category, invitation_code="TEAM"))

    assert blocked.status_code == 429
    assert blocked["Retry-After"].isdigit()
    assert [str(m) for m in blocked.context["messages"]][0].startswith("Too many wrong invitation codes. Please wait ")
    assert Registration.objects.count() == 0
    assert InvitationCode.objects.get().times_used == 0


def test_register_without_a_code_is_not_blocked_by_wrong_codes(user_client, user, event, reg_settings, category):
    for attempt in range(10):
        user_client.post(register_url(event), form_data(category, invitation_code=f"GUESS{attempt}"))

    response = user_client.post(register_url(event), form_data(category))

    assert response.status_code == 302
    assert Registration.objects.get(user=user).category == category


def test_register_submits_are_limited(user_client, user, event, reg_settings, category):
    refused = form_data(category)
    del refused["privacy_accepted"]
    for _ in range(20):
        assert user_client.post(register_url(event), refused).status_code == 200

    blocked = user_client.post(register_url(event), form_data(category))

    assert blocked.status_code == 429
    assert [str(m) for m in blocked.context["messages"]][0].startswith(
        "You have sent the registration form too many times in a short while. Please wait "
    )
    assert blocked.context["form"]["organisation"].value() == "Ministry of Digital Affairs"
    assert Registration.objects.count() == 0


def test_edit_submits_are_limited(user_client, user, event, reg_settings, category):
    mine = register(event, category, user=user)
    data = form_data(category, organisation="UNESCO")
    del data["category"]
    edit_url = reverse("registration:edit", args=[mine.reference])
    for _ in range(20):
        user_client.post(edit_url, data)

    blocked = user_client.post(edit_url, form_data(category, organisation="Blocked"))

    mine.refresh_from_db()
    assert blocked.status_code == 429
    assert mine.organisation == "UNESCO"
    assert mine.detail_changes.count() == 2  # the organisation and the email, once


# --- changes after confirmation -------------------------------------------------------------


def edit_data(category, **overrides):
    data = form_data(category, email="amina@example.org", **overrides)
    del data["category"]
    return data


def test_edit_of_the_name_after_confirmation_replaces_the_badge(user_client, user, event, reg_settings, category):
    mine = register(event, category, user=user, email="amina@example.org")

    response = user_client.post(
        reverse("registration:edit", args=[mine.reference]), edit_data(category, first_name="Aminata"), follow=True
    )

    mine.refresh_from_db()
    assert (mine.status, mine.badge_version) == ("confirmed", 2)
    assert [str(m) for m in response.context["messages"]] == [
        "Your details have been updated. Your badge now shows your new name: download it again, "
        "as a badge printed before no longer works."
    ]


def test_edit_of_the_name_in_an_approval_event_awaits_approval(user_client, user, event, category):
    from registration.services import registration_approve

    RegistrationSettingsFactory(event=event, mode="approval")
    mine = register(event, category, user=user, email="amina@example.org")
    registration_approve(registration=mine, by=UserFactory(is_superuser=True))
    edit_url = reverse("registration:edit", args=[mine.reference])

    page = user_client.get(edit_url)
    response = user_client.post(edit_url, edit_data(category, last_name="Sow"), follow=True)

    mine.refresh_from_db()
    assert page.context["rename_needs_approval"] is True
    assert mine.status == "pending"
    assert [str(m) for m in response.context["messages"]] == [
        "Your details have been updated. This event approves each participant, so your new name awaits "
        "the organisers' approval: your registration is pending until then, and a badge printed before "
        "no longer works."
    ]
    assert response.context["badge_url"] == ""


def test_edit_page_does_not_warn_in_an_open_event(user_client, user, event, reg_settings, category):
    mine = register(event, category, user=user)

    page = user_client.get(reverse("registration:edit", args=[mine.reference]))

    assert page.context["rename_needs_approval"] is False
