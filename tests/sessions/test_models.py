import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sessions.models import Session, SessionSpeaker
from sessions.services import session_create, session_speaker_add, session_update
from tests.factories import RoomFactory, SessionFactory, SessionSpeakerFactory, TrackFactory, local


def test_session_create_stores_aware_times_of_the_event_zone(forum, room):
    session = session_create(
        event=forum, title="Keynote", starts_at=local(forum, 1, 9), ends_at=local(forum, 1, 10), room=room
    )
    session.refresh_from_db()
    # 09:00 in Bangkok (UTC+7) is 02:00 UTC.
    assert session.starts_at == datetime.datetime(2026, 6, 25, 2, 0, tzinfo=datetime.UTC)
    assert session.local_starts_at.strftime("%Y-%m-%d %H:%M %z") == "2026-06-25 09:00 +0700"


def test_session_ending_before_it_starts_is_refused_beside_the_end(forum):
    with pytest.raises(ValidationError) as error:
        session_create(event=forum, title="Backwards", starts_at=local(forum, 0, 10), ends_at=local(forum, 0, 9))
    assert error.value.message_dict == {"ends_at": ["The session must end after it starts."]}
    assert Session.objects.count() == 0


def test_session_outside_the_event_days_is_refused(forum):
    with pytest.raises(ValidationError) as error:
        session_create(event=forum, title="Too early", starts_at=local(forum, -1, 23), ends_at=local(forum, 0, 1))
    assert error.value.message_dict == {
        "starts_at": ["The session must start on or after the event's first day (24 June 2026)."]
    }
    with pytest.raises(ValidationError) as error:
        session_create(event=forum, title="Too late", starts_at=local(forum, 2, 23), ends_at=local(forum, 3, 1))
    assert error.value.message_dict == {
        "ends_at": ["The session must end by the end of the event's last day (26 June 2026)."]
    }


def test_local_midnight_bounds_follow_the_event_zone_not_utc(forum):
    # 06:30 Bangkok on the first day is 23:30 UTC the day before: still inside.
    session = session_create(
        event=forum, title="Early bird", starts_at=local(forum, 0, 6, 30), ends_at=local(forum, 0, 7, 30)
    )
    assert session.starts_at.astimezone(datetime.UTC).date() == datetime.date(2026, 6, 23)


def test_room_overlap_is_refused_and_names_the_other_session(session, forum, room):
    with pytest.raises(ValidationError) as error:
        session_create(
            event=forum, title="Clash", starts_at=local(forum, 0, 10), ends_at=local(forum, 0, 11), room=room
        )
    assert error.value.message_dict == {
        "room": ["Plenary Hall is already taken by “Facial recognition in public spaces” from 09:00 to 10:30."]
    }
    assert Session.objects.filter(title="Clash").count() == 0


def test_back_to_back_sessions_and_cancelled_sessions_do_not_clash(session, forum, room):
    after = session_create(
        event=forum, title="After", starts_at=local(forum, 0, 10, 30), ends_at=local(forum, 0, 11), room=room
    )
    assert after.pk is not None
    session_update(session=session, is_cancelled=True, cancellation_reason="Merged")
    instead = session_create(
        event=forum, title="Instead", starts_at=local(forum, 0, 9), ends_at=local(forum, 0, 10), room=room
    )
    assert instead.room == room


def test_room_and_track_must_belong_to_the_event(forum):
    other_room, other_track = RoomFactory(), TrackFactory()
    with pytest.raises(ValidationError) as error:
        session_create(
            event=forum,
            title="Elsewhere",
            starts_at=local(forum, 0, 9),
            ends_at=local(forum, 0, 10),
            room=other_room,
            track=other_track,
        )
    assert error.value.message_dict == {
        "room": ["This room belongs to another event."],
        "track": ["This track belongs to another event."],
    }


def test_speaker_in_two_overlapping_sessions_is_refused(session, forum):
    speaker = session.session_speakers.get().speaker
    other = SessionFactory(event=forum, title="Parallel", starts_at=local(forum, 0, 10), ends_at=local(forum, 0, 11))
    with pytest.raises(ValidationError) as error:
        session_speaker_add(session=other, speaker=speaker)
    assert error.value.message_dict == {
        "speaker": ["Amara Okafor already speaks at “Facial recognition in public spaces” from 09:00 to 10:30."]
    }
    assert SessionSpeaker.objects.filter(session=other).count() == 0
    later = SessionFactory(event=forum, title="Later", starts_at=local(forum, 0, 11), ends_at=local(forum, 0, 12))
    assert session_speaker_add(session=later, speaker=speaker, role="keynote").role == "keynote"


def test_moving_a_session_onto_its_speakers_other_session_is_refused(session, forum):
    speaker = session.session_speakers.get().speaker
    later = SessionFactory(event=forum, title="Later", starts_at=local(forum, 0, 11), ends_at=local(forum, 0, 12))
    SessionSpeakerFactory(session=later, speaker=speaker)
    with pytest.raises(ValidationError) as error:
        session_update(session=later, starts_at=local(forum, 0, 10), ends_at=local(forum, 0, 11))
    assert error.value.message_dict == {
        "starts_at": ["Amara Okafor already speaks at “Facial recognition in public spaces” from 09:00 to 10:30."]
    }
    later.refresh_from_db()
    assert later.starts_at == local(forum, 0, 11)


def test_database_refuses_a_session_that_ends_before_it_starts(forum):
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(event=forum, title="Bad", starts_at=local(forum, 0, 10), ends_at=local(forum, 0, 9))


def test_database_refuses_the_same_speaker_twice_on_a_session(session):
    speaker = session.session_speakers.get().speaker
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionSpeaker.objects.create(session=session, speaker=speaker)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"title": "New title", "description": "<p>New</p>"}, 0),
        ({"starts_at_shift": datetime.timedelta(hours=2)}, 1),
        ({"room": "other"}, 1),
        ({"is_cancelled": True}, 1),
        ({"visibility": "closed"}, 1),
    ],
)
def test_sequence_rises_only_when_time_room_or_status_changes(session, forum, change, expected):
    changes = dict(change)
    if "starts_at_shift" in changes:
        shift = changes.pop("starts_at_shift")
        changes.update(starts_at=session.starts_at + shift, ends_at=session.ends_at + shift)
    if changes.get("room") == "other":
        changes["room"] = RoomFactory(event=forum, name="Annex")
    session = Session.objects.get(pk=session.pk)
    session_update(session=session, **changes)
    assert Session.objects.get(pk=session.pk).sequence == expected


def test_sequence_rises_once_per_save_and_again_on_the_next_move(session, forum):
    session = Session.objects.get(pk=session.pk)
    session_update(session=session, starts_at=local(forum, 1, 9), ends_at=local(forum, 1, 10))
    session_update(session=session, starts_at=local(forum, 1, 11), ends_at=local(forum, 1, 12))
    session_update(session=session, title="Renamed")
    assert Session.objects.get(pk=session.pk).sequence == 2
