"""Bulk badge batches: what they select, the order, progress, the task."""

import time

import pytest
from django.core.exceptions import ValidationError

from registration.badges import pdf as badge_pdf
from registration.badges import tokens as badge_tokens
from registration.badges.models import BadgeBatch
from registration.badges.printing import badge_batch_build
from registration.badges.selectors import badge_batch_registrations
from registration.badges.services import badge_batch_create
from registration.badges.tasks import build_badge_batch
from registration.models import RegistrationStatus
from tests.factories import CategoryFactory, RegistrationFactory, UserFactory, make_event
from tests.helpers import decoded_codes, pdf_page_sizes, rasterise, restore_site_basics


@pytest.mark.django_db
def test_batch_selects_confirmed_of_category_sorted_by_last_name():
    event = make_event()
    press = CategoryFactory(event=event)
    for last_name in ["Zeller", "abebe", "Martin", "Ångström"]:
        RegistrationFactory(event=event, category=press, user=None, last_name=last_name)
    RegistrationFactory(
        event=event, category=press, user=None, last_name="Cancelled", status=RegistrationStatus.CANCELLED
    )
    RegistrationFactory(event=event, user=None, last_name="Another category")
    RegistrationFactory(category=CategoryFactory(), user=None, last_name="Another event")

    batch = BadgeBatch(event=event, category=press)

    assert [r.last_name for r in badge_batch_registrations(batch)] == ["abebe", "Martin", "Zeller", "Ångström"]


@pytest.mark.django_db
def test_batch_filters_by_attendance_and_references():
    event = make_event()
    in_person = RegistrationFactory(event=event, user=None, attendance_mode="in_person")
    online = RegistrationFactory(event=event, user=None, attendance_mode="online")
    chosen = RegistrationFactory(event=event, user=None)

    assert list(badge_batch_registrations(BadgeBatch(event=event, attendance_mode="online"))) == [online]
    picked = BadgeBatch(event=event, references=f"{chosen.reference.lower()}, {in_person.reference}")
    assert {r.pk for r in badge_batch_registrations(picked)} == {chosen.pk, in_person.pk}


@pytest.mark.django_db
def test_batch_create_refuses_a_category_of_another_event(user):
    event = make_event()

    with pytest.raises(ValidationError) as error:
        badge_batch_create(event=event, category=CategoryFactory(), by=user)

    assert error.value.message_dict == {"category": ["This category belongs to another event."]}


@pytest.mark.django_db
def test_batch_build_records_progress_and_the_pdf(temporary_media, tmp_path, monkeypatch):
    event = make_event()
    registrations = [RegistrationFactory(event=event, user=None, last_name=f"Name{n:02d}") for n in range(9)]
    batch = BadgeBatch.objects.create(event=event, layout=BadgeBatch.Layout.A4_FOUR)
    seen = []
    original = badge_pdf.render_badges_pdf

    def watching(*args, **kwargs):
        progress = kwargs["progress"]

        def record(done):
            progress(done)
            seen.append(BadgeBatch.objects.get(pk=batch.pk).done)

        return original(*args, **{**kwargs, "progress": record, "progress_every": 4})

    monkeypatch.setattr(badge_pdf, "render_badges_pdf", watching)

    badge_batch_build(batch=batch)

    batch.refresh_from_db()
    assert seen == [4, 8, 9]
    assert (batch.state, batch.total, batch.done) == ("done", 9, 9)
    pdf = batch.file.read()
    assert pdf_page_sizes(pdf) == ["595.276 x 841.89 pts"] * 3
    pages = rasterise(pdf, tmp_path)
    assert decoded_codes(pages[0]) == sorted(badge_tokens.badge_token(r) for r in registrations[:4])


@pytest.mark.django_db
def test_task_is_idempotent_and_quiet_when_gone(temporary_media):
    event = make_event()
    RegistrationFactory(event=event, user=None)
    batch = BadgeBatch.objects.create(event=event, layout=BadgeBatch.Layout.A6)

    build_badge_batch.delay(batch_id=batch.pk)
    batch.refresh_from_db()
    first_file = batch.file.name
    build_badge_batch.delay(batch_id=batch.pk)
    build_badge_batch.delay(batch_id=999_999)

    batch.refresh_from_db()
    assert (batch.state, batch.file.name) == ("done", first_file)


@pytest.mark.celery_worker
def test_real_worker_builds_the_batch(celery_worker):
    restore_site_basics()
    event = make_event()
    for n in range(6):
        RegistrationFactory(event=event, user=None, last_name=f"Worker{n}")
    organiser = UserFactory()

    batch = badge_batch_create(event=event, by=organiser, layout=BadgeBatch.Layout.A6)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        batch.refresh_from_db()
        if batch.state in {"done", "failed"}:
            break
        time.sleep(0.3)
    assert (batch.state, batch.total, batch.done, batch.error) == ("done", 6, 6, ""), celery_worker.log()
    assert pdf_page_sizes(batch.file.read()) == ["297.638 x 419.528 pts"] * 6
