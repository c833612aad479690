"""The session form of one event's team names nothing of another event:
its room and track choices, its speaker choices and its double-booking
message."""

import datetime

import pytest

from sessions.models import Session
from tests.factories import RoomFactory, SessionFactory, SessionSpeakerFactory, SpeakerFactory, local, make_event
from tests.helpers import SESSIONS, form_data, make_event_organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(db):
    return make_event(
        title="Policy dialogue",
        start_date=datetime.date(2026, 6, 24),
        end_date=datetime.date(2026, 6, 26),
        time_zone="Asia/Bangkok",
    )


@pytest.fixture
def dialogue_client(client, dialogue):
    client.force_login(make_event_organiser(dialogue))
    return client


def test_add_form_offers_only_the_rooms_of_the_users_events(dialogue_client, dialogue, forum):
    RoomFactory(event=forum, name="Forum plenary")
    own = RoomFactory(event=dialogue, name="Dialogue room")

    form = dialogue_client.get(SESSIONS + "add/").context["form"]

    assert list(form.fields["room"].queryset) == [own]


def test_speaker_booked_at_another_event_is_refused_without_naming_its_session(dialogue_client, dialogue, forum):
    speaker = SpeakerFactory(is_published=True)
    other = SessionFactory(
        event=forum, title="Closed ministerial", starts_at=local(forum, 0, 9), ends_at=local(forum, 0, 10)
    )
    SessionSpeakerFactory(session=other, speaker=speaker)

    response = dialogue_client.post(
        SESSIONS + "add/",
        form_data(
            dialogue, starts_at="2026-06-24 09:30", ends_at="2026-06-24 10:30", speakers=[(speaker, "panellist")]
        ),
    )

    errors = response.context["form"].formsets["session_speakers"].forms[0].errors
    assert errors == {"speaker": [f"{speaker.full_name} already speaks at another event from 09:00 to 10:00."]}
    assert list(Session.objects.filter(event=dialogue)) == []


def test_unpublished_speaker_of_another_event_cannot_be_put_on_a_session(dialogue_client, dialogue, forum):
    hidden = SpeakerFactory(is_published=False)
    SessionSpeakerFactory(session=SessionFactory(event=forum), speaker=hidden)

    response = dialogue_client.post(SESSIONS + "add/", form_data(dialogue, speakers=[(hidden, "panellist")]))

    assert response.status_code == 200
    assert list(response.context["form"].formsets["session_speakers"].forms[0].errors) == ["speaker"]
    assert list(Session.objects.filter(event=dialogue)) == []
