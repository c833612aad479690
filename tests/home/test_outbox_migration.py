"""The outbox's move from registration to home keeps the table's rows and
the permissions groups hold on it."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from home.models import OutgoingEmail
from home.roles import ORGANISERS
from home.tasks import send_outgoing_email
from tests.factories import RegistrationFactory, make_event
from tests.helpers import restore_site_basics

BEFORE = [("registration", "0009_registration_log_entry"), ("home", "0002_create_groups")]


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_every_outbox_row_and_the_groups_permissions(page_root, mailoutbox):
    event = make_event()
    registration = RegistrationFactory(event=event, status="confirmed")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old_apps = executor.loader.project_state(BEFORE).apps
        OldOutgoingEmail = old_apps.get_model("registration", "OutgoingEmail")
        waiting = OldOutgoingEmail.objects.create(
            kind="confirmed", registration_id=registration.pk, to=registration.email, language="en"
        )
        sent = OldOutgoingEmail.objects.create(
            kind="received", registration_id=registration.pk, to=registration.email, status="sent", attempts=1
        )
        old_type = old_apps.get_model("contenttypes", "ContentType").objects.get(
            app_label="registration", model="outgoingemail"
        )
        organisers = old_apps.get_model("auth", "Group").objects.get(name=ORGANISERS)
        held = sorted(organisers.permissions.filter(content_type=old_type).values_list("codename", flat=True))
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        restore_site_basics()

    rows = list(OutgoingEmail.objects.order_by("pk").values_list("pk", "kind", "status", "event_id", "registration_id"))
    assert rows == [
        (waiting.pk, "confirmed", "queued", event.pk, registration.pk),
        (sent.pk, "received", "sent", event.pk, registration.pk),
    ]
    moved = ContentType.objects.get_for_model(OutgoingEmail)
    assert (moved.pk, moved.app_label) == (old_type.pk, "home")
    assert not ContentType.objects.filter(app_label="registration", model="outgoingemail").exists()
    group = Group.objects.get(name=ORGANISERS)
    assert held == ["add_outgoingemail", "change_outgoingemail", "delete_outgoingemail", "view_outgoingemail"]
    assert sorted(group.permissions.filter(content_type=moved).values_list("codename", flat=True)) == held

    # The row left waiting is sent, rendered from its registration as before.
    assert send_outgoing_email(email_id=waiting.pk) == "sent"
    assert [message.to for message in mailoutbox] == [[registration.email]]
