"""Asking for a list's PDF, and the Celery task that builds it (eager in
tests; with a real worker under the celery_worker marker)."""

import time

import pytest
from django.core.exceptions import ValidationError

from registration.models import ListVisibility, Registration
from registration.official_list import pdf as list_pdf
from registration.official_list.models import ParticipantListBuild
from registration.official_list.selectors import latest_final_build, participant_list
from registration.official_list.services import participant_list_build_create
from registration.official_list.tasks import build_participant_list
from tests.factories import (
    CategoryFactory,
    ParticipantListBuildFactory,
    RegistrationSettingsFactory,
    UserFactory,
    make_event,
)
from tests.helpers import make_event_organiser, make_listed_person, pdf_text, restore_site_basics


def test_a_requested_build_is_drawn_after_commit_into_private_storage(
    protocol_event, settings, django_capture_on_commit_callbacks
):
    organiser = make_event_organiser(protocol_event.event)

    with django_capture_on_commit_callbacks(execute=True):
        build = participant_list_build_create(event=protocol_event.event, language="fr", final=True, by=organiser)
        assert ParticipantListBuild.objects.get(pk=build.pk).state == "queued"

    build.refresh_from_db()
    assert (build.state, build.total, build.error, build.created_by) == ("done", 16, "", organiser)
    assert build.finished_at is not None
    assert build.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    text = pdf_text(build.file.read(), raw=True)
    assert ("Allemagne" in text, "DRAFT" in text) == (True, False)


@pytest.mark.django_db
def test_task_is_idempotent_and_quiet_when_the_build_is_gone():
    event = make_event()
    make_listed_person(event, CategoryFactory(event=event))
    build = ParticipantListBuildFactory(event=event)

    build_participant_list.delay(build_id=build.pk)
    build.refresh_from_db()
    first_file = build.file.name
    build_participant_list.delay(build_id=build.pk)
    build_participant_list.delay(build_id=999_999)

    build.refresh_from_db()
    assert (build.state, build.total, build.file.name) == ("done", 1, first_file)


@pytest.mark.django_db
def test_a_failure_is_recorded_on_the_build(monkeypatch):
    build = ParticipantListBuildFactory()

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(list_pdf, "render_participant_list_pdf", broken)

    with pytest.raises(RuntimeError):
        build_participant_list.delay(build_id=build.pk)

    build.refresh_from_db()
    assert (build.state, build.error, build.file.name) == ("failed", "RuntimeError: no fonts", "")
    assert build.finished_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "organiser_of_the_event", "error"),
    [
        ("de", True, {"language": ["Choose one of the site's languages."]}),
        ("en", False, {"event": ["You do not manage this event."]}),
    ],
)
def test_a_bad_request_changes_nothing(language, organiser_of_the_event, error, django_capture_on_commit_callbacks):
    event = make_event()
    by = make_event_organiser(event) if organiser_of_the_event else make_event_organiser(make_event())

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError) as refused:
        participant_list_build_create(event=event, language=language, final=False, by=by)

    assert (refused.value.message_dict, ParticipantListBuild.objects.count(), callbacks) == (error, 0, [])


@pytest.mark.celery_worker
def test_real_worker_builds_the_list(celery_worker):
    restore_site_basics()
    event = make_event(title="Worker forum")
    category = CategoryFactory(event=event, name="Member States")
    for n in range(5):
        make_listed_person(event, category, last_name=f"Worker{n}", country="KE")
    organiser = UserFactory(is_superuser=True)

    build = participant_list_build_create(event=event, language="en", final=False, by=organiser)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        build.refresh_from_db()
        if build.state in {"done", "failed"}:
            break
        time.sleep(0.3)
    assert (build.state, build.total, build.error) == ("done", 5, ""), celery_worker.log()
    assert "Worker4" in pdf_text(build.file.read(), raw=True)


def test_a_final_pdf_is_no_longer_handed_out_once_someone_it_lists_withdraws_consent(
    protocol_event, client, django_capture_on_commit_callbacks
):

    event = protocol_event.event
    RegistrationSettingsFactory(event=event, list_visibility=ListVisibility.PUBLIC)
    organiser = make_event_organiser(event)
    with django_capture_on_commit_callbacks(execute=True):
        build = participant_list_build_create(event=event, language="en", final=True, by=organiser)
    build.refresh_from_db()
    listed = set(build.listed)
    assert len(listed) == build.total == 16
    pdf_url = f"/events/{event.pk}/participants/en.pdf"
    assert client.get(pdf_url).status_code == 200

    # Someone new who agrees to be listed does not make the PDF wrong: it is still handed out.
    make_listed_person(event, protocol_event.member_states, first_name="Nadia", last_name="Haddad", country="MA")
    assert latest_final_build(event=event, language="en") == build

    # One of those it lists withdraws: the PDF is no longer offered, until it is built again.
    Registration.objects.filter(pk=min(listed)).update(list_consent=False)
    assert latest_final_build(event=event, language="en") is None
    assert client.get(pdf_url).status_code == 404
    assert "Download the list (PDF)" not in client.get(f"/events/{event.pk}/participants/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        rebuilt = participant_list_build_create(event=event, language="en", final=True, by=organiser)
    rebuilt.refresh_from_db()
    assert min(listed) not in rebuilt.listed
    assert latest_final_build(event=event, language="en") == rebuilt
    assert client.get(pdf_url).status_code == 200


def test_the_head_of_delegation_is_named_as_such_in_the_pdf_and_on_the_page(protocol_event, client):

    event = protocol_event.event
    RegistrationSettingsFactory(event=event, list_visibility=ListVisibility.PUBLIC)

    text = pdf_text(
        list_pdf.render_participant_list_pdf(participant_list(event=event, language="en"), event=event, final=True),
        raw=True,
    )
    page = client.get(f"/events/{event.pk}/participants/").content.decode()

    zimmerman = text.index("H.E. Ms Laura Zimmerman")
    assert zimmerman < text.index("Head of delegation", zimmerman) < text.index("Mr John Adams")
    assert page.count('<span class="participant__head">Head of delegation</span>') == text.count("Head of delegation")
    assert text.count("Head of delegation") >= 2
