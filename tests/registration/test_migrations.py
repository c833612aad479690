"""Migrations that move models keep their tables and rows: a database made
before badges and check-in became apps of their own migrates and keeps
every registration, log entry, scan, token and batch, and the Organisers
keep the permissions they had on them."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from registration.badges.models import BadgeBatch
from registration.checkin.models import Scan, ScannerToken
from registration.models import Registration, RegistrationLogEntry
from tests.factories import CategoryFactory, UserFactory, make_event

BEFORE = [("registration", "0007_registration_detail_change")]


@pytest.mark.django_db(transaction=True)
def test_badges_and_checkin_leave_registration_with_every_row(page_root):
    event = make_event()
    category = CategoryFactory(event=event)
    staff = UserFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        registration = old.get_model("registration", "Registration").objects.create(
            event_id=event.pk, category_id=category.pk, first_name="Amina", last_name="Diallo", email="a@example.org"
        )
        old.get_model("registration", "StatusChange").objects.create(
            registration=registration, from_status="pending", to_status="confirmed", reason="Approved"
        )
        old.get_model("registration", "Scan").objects.create(
            event_id=event.pk, registration=registration, code="FB1.X", staff_id=staff.pk, result="ok",
            scanned_at=timezone.now(), nonce="gate-a-1",
        )  # fmt: skip
        token = old.get_model("registration", "ScannerToken").objects.create(
            user_id=staff.pk, name="Gate A phone", key_hash="f" * 64
        )
        token.events.add(event.pk)
        old.get_model("registration", "BadgeBatch").objects.create(event_id=event.pk, layout="a6", total=1)
        old_scan_type = ContentType.objects.get(app_label="registration", model="scan").pk
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    registration = Registration.objects.get(reference=registration.reference)
    assert [entry.reason for entry in registration.log_entries.all()] == ["Approved"]
    assert RegistrationLogEntry.objects.count() == 1
    scan = Scan.objects.get()
    assert (scan.registration, scan.nonce, scan.staff) == (registration, "gate-a-1", staff)
    token = ScannerToken.objects.get()
    assert (token.name, list(token.events.values_list("pk", flat=True))) == ("Gate A phone", [event.pk])
    assert BadgeBatch.objects.get().event_id == event.pk
    # The content type moved in place: permissions granted on it stay granted.
    assert ContentType.objects.get_for_model(Scan).pk == old_scan_type
    assert not ContentType.objects.filter(app_label="registration", model__in=["scan", "statuschange"]).exists()
    organisers = Group.objects.get(name="Organisers")
    assert organisers.permissions.filter(content_type__app_label="checkin", codename="view_scan").exists()
    assert organisers.permissions.filter(content_type__app_label="badges", codename="add_badgebatch").exists()
