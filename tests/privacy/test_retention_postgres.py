"""The purge against a real PostgreSQL: a registration whose row another
transaction holds is not waited on for ever (lock_timeout), its erasure is
retried and done once the row is free, and a participant's change made
meanwhile is not lost."""

import datetime
import logging
import threading

import pytest
from django.db import connection, transaction

from registration.models import Registration
from registration.privacy import services
from registration.privacy.models import RetentionLogEntry
from tests.factories import RegistrationFactory, make_event

TODAY = datetime.date(2026, 12, 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_locked_registration_is_retried_and_nothing_is_lost(page_root, monkeypatch, caplog):
    event = make_event(start_date=datetime.date(2026, 8, 31), end_date=datetime.date(2026, 9, 2))
    held = RegistrationFactory(event=event, dietary_needs="Vegetarian", first_name="Ada")
    free = RegistrationFactory(event=event, dietary_needs="Halal")
    monkeypatch.setattr(services, "LOCK_TIMEOUT", "300ms")
    locked, first_attempt_failed = threading.Event(), threading.Event()

    class Watch(logging.Handler):
        def emit(self, record):
            if "attempt 1 failed" in record.getMessage():
                first_attempt_failed.set()

    watch = Watch()
    services.logger.addHandler(watch)

    def participant_edits_slowly():
        """Holds the row until the purge has failed once, then renames themselves."""
        try:
            with transaction.atomic():
                row = Registration.objects.select_for_update().get(pk=held.pk)
                locked.set()
                assert first_attempt_failed.wait(timeout=20)
                row.first_name = "Adah"
                row.save(update_fields=["first_name"])
        finally:
            connection.close()

    editor = threading.Thread(target=participant_edits_slowly)
    editor.start()
    try:
        assert locked.wait(timeout=20)
        with caplog.at_level(logging.WARNING, logger=services.logger.name):
            (run,) = services.retention_apply(today=TODAY, event=event)
    finally:
        editor.join(timeout=30)
        services.logger.removeHandler(watch)

    assert (run.erased, run.failed) == (2, 0)
    held.refresh_from_db()
    free.refresh_from_db()
    assert (held.first_name, held.dietary_needs, free.dietary_needs) == ("Adah", "", "")
    assert sorted(RetentionLogEntry.objects.values_list("reference", "ok")) == sorted(
        [(held.reference, True), (free.reference, True)]
    )
