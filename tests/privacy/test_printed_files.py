"""Printed documents that name a person go when they are anonymised: the
event's badge sheets and lists of participants lose their PDFs (after the
transaction commits; a rollback keeps them), and the admin says why."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from registration.badges.models import BadgeBatch
from registration.official_list.models import ParticipantListBuild
from registration.privacy import services
from tests.factories import BadgeBatchFactory, ParticipantListBuildFactory, RegistrationFactory
from tests.helpers import make_event_organiser

pytestmark = pytest.mark.django_db


def with_pdf(row, name):
    row.file.save(name, ContentFile(b"%PDF-1.4 names"), save=False)
    row.state = row.State.DONE
    row.save()
    return row


def test_anonymising_a_person_removes_the_pdfs_that_name_them(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(list_consent=True)
    event = registration.event
    batch = with_pdf(BadgeBatchFactory(event=event), "badges.pdf")
    build = with_pdf(ParticipantListBuildFactory(event=event), "list.pdf")
    other_event_batch = with_pdf(BadgeBatchFactory(), "other.pdf")
    storage, names = batch.file.storage, (batch.file.name, build.file.name)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_anonymise(registration=registration, by=None)

    batch.refresh_from_db()
    build.refresh_from_db()
    assert (batch.file.name, build.file.name, batch.state) == ("", "", BadgeBatch.State.DONE)
    assert [storage.exists(name) for name in names] == [False, False]
    other_event_batch.refresh_from_db()
    assert storage.exists(other_event_batch.file.name)


def test_a_list_pdf_without_the_person_stays(django_capture_on_commit_callbacks):
    not_listed = RegistrationFactory(list_consent=False)
    build = with_pdf(ParticipantListBuildFactory(event=not_listed.event), "list.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_anonymise(registration=not_listed, by=None)

    build.refresh_from_db()
    assert build.file.storage.exists(build.file.name)


def test_a_rolled_back_anonymisation_keeps_the_files(monkeypatch, django_capture_on_commit_callbacks):
    registration = RegistrationFactory()
    batch = with_pdf(BadgeBatchFactory(event=registration.event), "badges.pdf")
    monkeypatch.setattr(services, "_scrub_outbox", lambda *args, **kwargs: 1 / 0)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ZeroDivisionError):
        services.registration_anonymise(registration=registration, by=None)

    batch.refresh_from_db()
    registration.refresh_from_db()
    assert (registration.anonymised_at, bool(batch.file)) == (None, True)
    assert batch.file.storage.exists(batch.file.name)


def test_the_admin_says_why_a_pdf_is_gone(client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory()
    batch = with_pdf(BadgeBatchFactory(event=registration.event), "badges.pdf")
    build = with_pdf(ParticipantListBuildFactory(event=registration.event), "list.pdf")
    ParticipantListBuild.objects.filter(pk=build.pk).update(file="")  # as after an anonymisation
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_anonymise(registration=registration, by=None)
    client.force_login(make_event_organiser(registration.event))

    badges = client.get(reverse("badges_batch", args=[batch.pk])).content.decode()
    lists = client.get(reverse("official_list_build", args=[build.pk])).content.decode()

    assert "Its PDF was removed because a person in it was anonymised: print a new batch." in badges
    assert "Its PDF was removed because a person in it was anonymised: build the list again." in lists
    assert client.get(reverse("badges_batch_download", args=[batch.pk])).status_code == 404
