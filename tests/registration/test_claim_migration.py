"""The data migrations of claims (0011_claims_and_list_consent,
0012_claim_unasked_consent): a registration made for someone without an
account loses the consent nobody asked them for; one linked to an account
is marked claimed, its consent kept."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from registration.models import Registration
from tests.factories import CategoryFactory, UserFactory, make_event

BEFORE = [("registration", "0010_outgoingemail_to_home")]


@pytest.mark.django_db(transaction=True)
def test_on_behalf_registrations_lose_unasked_consent_and_linked_ones_are_claimed(page_root):
    event = make_event()
    category = CategoryFactory(event=event)
    organiser, person = UserFactory(), UserFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps.get_model("registration", "Registration")
        common = {"event_id": event.pk, "category_id": category.pk, "organisation": "UNESCO", "country": "FR"}
        accepted = timezone.now()
        made_by_organiser = old.objects.create(
            **common, first_name="Kofi", last_name="Mensah", email="kofi@example.org",
            registered_by_id=organiser.pk, privacy_accepted_at=accepted, photo_consent=True, gender="man",
        )  # fmt: skip
        speaker = old.objects.create(
            **common, first_name="Amara", last_name="Nwosu", email="amara@example.org",
            privacy_accepted_at=accepted, gender="woman",
        )  # fmt: skip
        own = old.objects.create(
            **common, first_name="Ada", last_name="Lovelace", email=person.email, user_id=person.pk,
            privacy_accepted_at=accepted, photo_consent=True, gender="woman",
        )  # fmt: skip
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    made_by_organiser = Registration.objects.get(pk=made_by_organiser.pk)
    speaker = Registration.objects.get(pk=speaker.pk)
    own = Registration.objects.get(pk=own.pk)
    # Nobody asked the person an organiser registered.
    assert (made_by_organiser.privacy_accepted_at, made_by_organiser.photo_consent) == (None, False)
    assert (made_by_organiser.list_consent, made_by_organiser.gender, made_by_organiser.claimed_at) == (False, "", None)
    # A speaker's registration: the privacy notice was never asked; the
    # gender came with consent from their profile and stays.
    assert (speaker.privacy_accepted_at, speaker.gender, speaker.claimed_at) == (None, "woman", None)
    # The person's own registration: claimed since it was made, consent kept.
    assert own.claimed_at == own.created_at
    assert (own.privacy_accepted_at, own.photo_consent, own.gender, own.list_consent) == (
        accepted,
        True,
        "woman",
        False,
    )
