"""Retention: each event's periods, the purge of exactly what is due on a
given day (one transaction per registration), the dry run, the beat task
under a frozen clock, and the organisers' page."""

import dataclasses
import datetime

import pytest
from django.db import OperationalError, connection

from registration.models import Registration
from registration.privacy import services
from registration.privacy.models import RetentionLogEntry, RetentionPolicy, RetentionRun
from registration.privacy.retention import personal_data, register_personal_data
from registration.visas.models import VisaLetterRequest
from tests.factories import RegistrationFactory, VisaLetterRequestFactory, make_event
from tests.helpers import make_event_organiser

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture
def ended_long_ago():
    """Ended 91 days before TODAY: its needs (90 days) and passports (30) are due."""
    return make_event(title="Dialogue A", start_date=datetime.date(2026, 8, 31), end_date=datetime.date(2026, 9, 2))


@pytest.fixture
def ended_lately():
    """Ended 10 days before TODAY: nothing is due."""
    return make_event(title="Dialogue B", start_date=datetime.date(2026, 11, 20), end_date=datetime.date(2026, 11, 22))


def with_needs(event, **fields):
    return RegistrationFactory(event=event, dietary_needs="Vegetarian", accessibility_needs="Wheelchair", **fields)


def test_the_purge_erases_exactly_what_is_due(ended_long_ago, ended_lately):
    due = with_needs(ended_long_ago)
    untouched_without_needs = RegistrationFactory(event=ended_long_ago)
    not_due = with_needs(ended_lately)
    passport = VisaLetterRequestFactory(registration=due)
    recent_passport = VisaLetterRequestFactory(registration=not_due)

    runs = services.retention_apply(today=TODAY)

    assert [(run.event, run.erased, run.failed, run.dry_run) for run in runs] == [(ended_long_ago, 2, 0, False)]
    due.refresh_from_db()
    assert (due.dietary_needs, due.accessibility_needs, due.first_name) == ("", "", "Ada")
    passport = VisaLetterRequest.objects.get(pk=passport.pk)
    assert passport.passport_number is None and passport.passport_erased_at is not None
    not_due.refresh_from_db()
    assert not_due.dietary_needs == "Vegetarian"
    assert VisaLetterRequest.objects.get(pk=recent_passport.pk).passport_number == recent_passport.passport_number
    assert Registration.objects.get(pk=untouched_without_needs.pk).updated_at == untouched_without_needs.updated_at
    entries = sorted(RetentionLogEntry.objects.values_list("kind", "reference", "ok"))
    assert entries == [("needs", due.reference, True), ("passport", due.reference, True)]
    # Nothing twice: a second run finds nothing due.
    assert services.retention_apply(today=TODAY) == []


def test_an_events_own_policy_sets_its_days(ended_lately):
    RetentionPolicy.objects.create(event=ended_lately, passport_days=5, needs_days=200)
    registration = with_needs(ended_lately)
    VisaLetterRequestFactory(registration=registration)

    services.retention_apply(today=TODAY)

    registration.refresh_from_db()
    assert registration.dietary_needs == "Vegetarian"  # 200 days
    assert VisaLetterRequest.objects.get().passport_erased_at is not None  # 5 days


def test_a_dry_run_changes_nothing_and_lists_the_same(ended_long_ago):
    due = with_needs(ended_long_ago)
    (run,) = services.retention_apply(today=TODAY, dry_run=True, event=ended_long_ago)
    assert run.dry_run is True
    assert list(run.entries.values_list("kind", "reference")) == [("needs", due.reference)]
    due.refresh_from_db()
    assert due.dietary_needs == "Vegetarian"


def test_a_failing_erasure_rolls_back_that_registration_only(ended_long_ago):
    first, second = with_needs(ended_long_ago), with_needs(ended_long_ago)
    needs = next(kind for kind in personal_data() if kind.key == "needs")
    real_erase = needs.erase

    def erase_then_fail_for_the_first(registration):
        real_erase(registration)  # written, then the failure rolls it back
        if registration.pk == first.pk:
            raise RuntimeError("disk full")

    register_personal_data(dataclasses.replace(needs, erase=erase_then_fail_for_the_first))
    try:
        (run,) = services.retention_apply(today=TODAY, event=ended_long_ago)
    finally:
        register_personal_data(needs)

    assert (run.erased, run.failed) == (1, 1)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.dietary_needs, first.accessibility_needs) == ("Vegetarian", "Wheelchair")
    assert (second.dietary_needs, second.accessibility_needs) == ("", "")
    failed = RetentionLogEntry.objects.get(ok=False)
    assert (failed.reference, failed.error) == (first.reference, "RuntimeError")


def test_an_erasure_the_database_gave_up_on_is_retried(ended_long_ago):
    registration = with_needs(ended_long_ago)
    needs = next(kind for kind in personal_data() if kind.key == "needs")
    attempts = []

    def locked_once(row):
        attempts.append(row.pk)
        if len(attempts) == 1:
            raise OperationalError("could not obtain lock on row")
        needs.erase(row)

    register_personal_data(dataclasses.replace(needs, erase=locked_once))
    try:
        (run,) = services.retention_apply(today=TODAY, event=ended_long_ago)
    finally:
        register_personal_data(needs)

    assert (len(attempts), run.erased, run.failed) == (2, 1, 0)
    registration.refresh_from_db()
    assert registration.dietary_needs == ""


def test_a_period_ends_on_its_last_day_not_before(ended_long_ago):
    """Needs go 90 days after the end (2 September): on 1 December, not on 30 November."""
    registration = with_needs(ended_long_ago)

    assert services.retention_apply(today=datetime.date(2026, 11, 30), event=ended_long_ago)[0].erased == 0
    registration.refresh_from_db()
    assert registration.dietary_needs == "Vegetarian"
    assert services.retention_apply(today=datetime.date(2026, 12, 1), event=ended_long_ago)[0].erased == 1
    registration.refresh_from_db()
    assert registration.dietary_needs == ""


def test_the_beat_task_counts_from_todays_date(ended_long_ago, ended_lately, monkeypatch):
    from django.utils import timezone

    from registration.privacy.tasks import apply_retention

    due, not_yet = with_needs(ended_long_ago), with_needs(ended_lately)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)

    assert apply_retention() == 1

    due.refresh_from_db()
    not_yet.refresh_from_db()
    assert (due.dietary_needs, not_yet.dietary_needs) == ("", "Vegetarian")
    assert RetentionRun.objects.get().by is None


def test_the_beat_schedule_runs_the_purge(settings):
    assert (
        settings.CELERY_BEAT_SCHEDULE["privacy-apply-retention"]["task"] == "registration.privacy.tasks.apply_retention"
    )


def test_erased_passport_data_is_gone_from_the_column(ended_long_ago):
    request = VisaLetterRequestFactory(registration=RegistrationFactory(event=ended_long_ago))
    services.retention_apply(today=TODAY)
    with connection.cursor() as cursor:
        cursor.execute("SELECT passport_number, date_of_birth FROM visas_visaletterrequest WHERE id = %s", [request.pk])
        assert cursor.fetchone() == (None, None)


# --- the organisers' page ---------------------------------------------------------------


def test_the_page_shows_what_goes_when(client, ended_long_ago):
    with_needs(ended_long_ago)
    client.force_login(make_event_organiser(ended_long_ago))
    page = client.get(f"/admin/personal-data/{ended_long_ago.pk}/")
    assert page.status_code == 200
    rows = {row.kind.key: (row.days, row.due_on, row.holders) for row in page.context["schedule"]}
    assert rows == {
        "needs": (90, datetime.date(2026, 12, 1), 1),
        "passport": (30, datetime.date(2026, 10, 2), 0),
    }


def test_another_events_organiser_gets_404(client, ended_long_ago, ended_lately):
    client.force_login(make_event_organiser(ended_lately))
    assert client.get(f"/admin/personal-data/{ended_long_ago.pk}/").status_code == 404
    assert client.post(f"/admin/personal-data/{ended_long_ago.pk}/", {"action": "purge"}).status_code == 404


def test_the_dry_run_button_lists_and_changes_nothing(client, ended_long_ago, monkeypatch):
    due = with_needs(ended_long_ago)
    client.force_login(make_event_organiser(ended_long_ago))
    page = client.post(f"/admin/personal-data/{ended_long_ago.pk}/", {"action": "dry_run"})
    assert f'data-entry="needs:{due.reference}"' in page.content.decode()
    due.refresh_from_db()
    assert due.dietary_needs == "Vegetarian"


def test_days_out_of_range_are_refused_beside_the_field(client, ended_long_ago):
    client.force_login(make_event_organiser(ended_long_ago))
    response = client.post(
        "/admin/snippets/privacy/retentionpolicy/add/",
        {"event": ended_long_ago.pk, "passport_days": "4000", "needs_days": "90"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"passport_days": ["Ensure this value is less than or equal to 3650."]}
    assert RetentionPolicy.objects.count() == 0


def test_the_purge_button_erases_what_is_due_and_logs_who(client, ended_long_ago, monkeypatch):
    from django.utils import timezone

    due = with_needs(ended_long_ago)
    organiser = make_event_organiser(ended_long_ago)
    client.force_login(organiser)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)

    response = client.post(f"/admin/personal-data/{ended_long_ago.pk}/", {"action": "purge"}, follow=True)

    assert "1 erasure done." in [str(message) for message in response.context["messages"]]
    due.refresh_from_db()
    assert due.dietary_needs == ""
    assert RetentionRun.objects.get().by == organiser


def test_a_post_without_an_event_is_not_found(client, ended_long_ago):
    client.force_login(make_event_organiser(ended_long_ago))

    assert client.post("/admin/personal-data/", {"action": "purge"}).status_code == 404
