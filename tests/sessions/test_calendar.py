import datetime
import zoneinfo

from django.utils import timezone
from icalendar import Calendar

from sessions.calendar import build_event_calendar, session_uid
from sessions.models import Session, Visibility
from sessions.services import agenda_feed_token_get_or_create, agenda_feed_token_reset, session_star, session_update
from tests.factories import (
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    UserFactory,
    local,
    make_event,
)

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def events_of(calendar: Calendar) -> dict[str, object]:
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_event_feed_fields_one_by_one(client, session, forum):
    session.refresh_from_db()
    response = client.get("/en/events/forum-2026/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="forum-2026.ics"'
    calendar = parse(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Forum on the Ethics of AI//Agenda//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Global Forum 2026"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Bangkok"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"session-{session.uid}@127.0.0.1"
    assert vevent["DTSTART"].dt == datetime.datetime(2026, 6, 24, 9, 0, tzinfo=BANGKOK)
    assert vevent["DTSTART"].params["TZID"] == "Asia/Bangkok"
    assert vevent["DTEND"].dt == datetime.datetime(2026, 6, 24, 10, 30, tzinfo=BANGKOK)
    assert vevent["DTSTAMP"].dt.tzinfo is not None
    assert vevent["LAST-MODIFIED"].dt == session.updated_at.replace(microsecond=0)
    assert vevent["SEQUENCE"] == 0
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["SUMMARY"]) == "Facial recognition in public spaces"
    assert str(vevent["LOCATION"]) == "Plenary Hall, Convention Center, Bangkok"
    assert str(vevent["URL"]) == f"http://127.0.0.1:8000/en/events/forum-2026/sessions/{session.uid}/"
    assert str(vevent["DESCRIPTION"]) == ("Speakers:\n- Amara Okafor (Moderator)\n\nWho watches the watchers?")
    assert [str(c) for c in vevent["CATEGORIES"].cats] == ["Panel", "Human rights"]


def test_uid_is_stable_across_edits(session, forum):
    before = events_of(parse(build_event_calendar(forum)))[session.title]["UID"]
    session_update(
        session=Session.objects.get(pk=session.pk),
        title="Renamed",
        starts_at=local(forum, 1, 9),
        ends_at=local(forum, 1, 10),
    )
    after = events_of(parse(build_event_calendar(forum)))["Renamed"]["UID"]
    assert str(before) == str(after) == session_uid(session)


def test_sequence_rises_in_the_feed_after_a_move_and_cancellation_is_marked(session, forum):
    session = Session.objects.get(pk=session.pk)
    session_update(session=session, starts_at=local(forum, 1, 14), ends_at=local(forum, 1, 15))
    vevent = events_of(parse(build_event_calendar(forum)))[session.title]
    assert vevent["SEQUENCE"] == 1
    assert vevent["DTSTART"].dt == datetime.datetime(2026, 6, 25, 14, 0, tzinfo=BANGKOK)

    session_update(session=session, is_cancelled=True, cancellation_reason="Speaker unwell")
    vevent = events_of(parse(build_event_calendar(forum)))[session.title]
    assert vevent["SEQUENCE"] == 2
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["DESCRIPTION"]).startswith("Cancelled: Speaker unwell\nSpeakers:")


def test_closed_and_draft_sessions_are_left_out_of_the_public_feed(session, forum):
    SessionFactory(event=forum, title="Chatham House", visibility=Visibility.CLOSED)
    SessionFactory(event=forum, title="Not yet", visibility=Visibility.DRAFT)
    assert sorted(events_of(parse(build_event_calendar(forum)))) == ["Facial recognition in public spaces"]


def test_event_crossing_daylight_saving_change_keeps_local_times(db):
    # Europe/Paris switches to summer time in the night of 28 to 29 March 2026.
    event = make_event(
        slug="spring-dialogue",
        start_date=datetime.date(2026, 3, 28),
        end_date=datetime.date(2026, 3, 30),
        time_zone="Europe/Paris",
    )
    SessionFactory(event=event, title="Saturday", starts_at=local(event, 0, 9), ends_at=local(event, 0, 10))
    SessionFactory(event=event, title="Monday", starts_at=local(event, 2, 9), ends_at=local(event, 2, 10))
    calendar = parse(build_event_calendar(event))
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/Paris"
    offsets = {
        (component.name, component["TZOFFSETFROM"].td, component["TZOFFSETTO"].td)
        for component in vtimezone.subcomponents
    }
    assert ("DAYLIGHT", datetime.timedelta(hours=1), datetime.timedelta(hours=2)) in offsets
    assert ("STANDARD", datetime.timedelta(hours=2), datetime.timedelta(hours=1)) in offsets
    events = events_of(calendar)
    assert events["Saturday"]["DTSTART"].to_ical() == b"20260328T090000"
    assert events["Monday"]["DTSTART"].to_ical() == b"20260330T090000"
    # Same wall-clock time, one hour less in UTC after the switch.
    assert events["Saturday"]["DTSTART"].dt.astimezone(datetime.UTC).hour == 8
    assert events["Monday"]["DTSTART"].dt.astimezone(datetime.UTC).hour == 7


def test_session_ics_downloads_one_event(client, session):
    response = client.get(f"/en/events/forum-2026/sessions/{session.uid}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="facial-recognition-in-public-spaces.ics"'
    assert list(events_of(parse(response.content))) == ["Facial recognition in public spaces"]


def test_draft_session_ics_is_404(client, session):
    Session.objects.filter(pk=session.pk).update(visibility=Visibility.DRAFT)
    assert client.get(f"/en/events/forum-2026/sessions/{session.uid}.ics").status_code == 404


def test_unknown_event_or_session_feed_is_404(client, session):
    assert client.get("/en/events/no-such-event/calendar.ics").status_code == 404
    assert client.get("/en/events/forum-2026/sessions/00000000-0000-0000-0000-000000000000.ics").status_code == 404


def test_unpublished_event_feed_is_404(client, session, forum):
    forum.unpublish()
    assert client.get("/en/events/forum-2026/calendar.ics").status_code == 404


def test_private_feed_lists_starred_sessions_and_token_can_be_reset(client, session, forum):
    user = UserFactory()
    other = SessionFactory(event=forum, title="Not starred")
    closed = SessionFactory(
        event=forum,
        title="Closed one",
        visibility=Visibility.CLOSED,
        starts_at=local(forum, 1, 9),
        ends_at=local(forum, 1, 10),
    )
    draft = SessionFactory(event=forum, title="Draft one", visibility=Visibility.DRAFT)
    for starred in (session, closed, draft):
        session_star(user=user, session=starred)
    token = agenda_feed_token_get_or_create(user=user).token
    response = client.get(f"/calendar/agenda/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="my-agenda.ics"'
    events = events_of(parse(response.content))
    assert sorted(events) == ["Closed one", "Facial recognition in public spaces"]
    assert str(events["Closed one"]["DESCRIPTION"]) == "Closed session: no details are published."
    assert str(events["Closed one"]["CLASS"]) == "PRIVATE"
    assert other.title not in events

    new_token = agenda_feed_token_reset(user=user).token
    assert new_token != token
    assert client.get(f"/calendar/agenda/{token}.ics").status_code == 404
    assert client.get(f"/calendar/agenda/{new_token}.ics").status_code == 200


def test_wrong_feed_token_is_a_bare_404(client, db):
    response = client.get("/calendar/agenda/not-a-token.ics")
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


def test_feed_token_of_an_inactive_user_is_404(client, session):
    user = UserFactory()
    token = agenda_feed_token_get_or_create(user=user).token
    user.is_active = False
    user.save()
    assert client.get(f"/calendar/agenda/{token}.ics").status_code == 404


def test_speaker_feed_lists_public_sessions_at_every_event(client, session, forum):
    speaker = session.session_speakers.get().speaker
    dialogue = make_event(slug="dialogue", time_zone="Europe/Paris")
    elsewhere = SessionFactory(event=dialogue, title="In Paris")
    SessionSpeakerFactory(session=elsewhere, speaker=speaker)
    hidden = SessionFactory(
        event=forum,
        title="Closed",
        visibility=Visibility.CLOSED,
        starts_at=local(forum, 2, 9),
        ends_at=local(forum, 2, 10),
    )
    SessionSpeakerFactory(session=hidden, speaker=speaker)
    response = client.get("/calendar/speakers/amara-okafor.ics")
    assert response.status_code == 200
    calendar = parse(response.content)
    assert sorted(events_of(calendar)) == ["Facial recognition in public spaces", "In Paris"]
    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == ["Asia/Bangkok", "Europe/Paris"]
    assert events_of(calendar)["In Paris"]["DTSTART"].params["TZID"] == "Europe/Paris"


def test_unpublished_or_unknown_speaker_feed_is_404(client, session):
    speaker = session.session_speakers.get().speaker
    speaker.is_published = False
    speaker.save()
    assert client.get("/calendar/speakers/amara-okafor.ics").status_code == 404
    assert client.get("/calendar/speakers/nobody.ics").status_code == 404


def test_speaker_feed_of_a_speaker_in_closed_sessions_only_is_404(client, forum):
    closed = SessionFactory(event=forum, title="Closed", visibility=Visibility.CLOSED)
    SessionSpeakerFactory(session=closed, speaker=SpeakerFactory(first_name="Quiet", last_name="Envoy"))
    assert client.get("/calendar/speakers/quiet-envoy.ics").status_code == 404


def test_personal_feed_names_no_speaker_of_a_starred_closed_session(client, forum):
    closed = SessionFactory(event=forum, title="Closed", visibility=Visibility.CLOSED)
    SessionSpeakerFactory(session=closed, speaker=SpeakerFactory(first_name="Quiet", last_name="Envoy"))
    user = UserFactory()
    session_star(user=user, session=closed)
    token = agenda_feed_token_get_or_create(user=user).token
    calendar = parse(client.get(f"/calendar/agenda/{token}.ics").content)
    assert str(events_of(calendar)["Closed"]["DESCRIPTION"]) == "Closed session: no details are published."
    assert b"Envoy" not in calendar.to_ical()


def test_feed_is_valid_rfc5545_text(session, forum):
    content = build_event_calendar(forum)
    lines = content.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert lines[-2:] == [b"END:VCALENDAR", b""]
    assert max(len(line) for line in lines) <= 75
    assert content.count(b"BEGIN:VEVENT") == content.count(b"END:VEVENT") == 1


def test_dtstamp_is_generation_time(session, forum):
    before = timezone.now().replace(microsecond=0)
    vevent = parse(build_event_calendar(forum)).walk("VEVENT")[0]
    assert before <= vevent["DTSTAMP"].dt <= timezone.now()


def test_unpublished_speaker_is_not_named_in_descriptions(session, forum):
    hidden = SpeakerFactory(first_name="Secret", last_name="Person", is_published=False)
    SessionSpeakerFactory(session=session, speaker=hidden)
    description = str(parse(build_event_calendar(forum)).walk("VEVENT")[0]["DESCRIPTION"])
    assert description == "Speakers:\n- Amara Okafor (Moderator)\n\nWho watches the watchers?"


def test_cached_event_feed_follows_moves_and_speaker_edits(client, session, forum):
    url = "/en/events/forum-2026/calendar.ics"
    first = events_of(parse(client.get(url).content))[session.title]
    assert (first["SEQUENCE"], first["DTSTART"].to_ical()) == (0, b"20260624T090000")
    session_update(
        session=Session.objects.get(pk=session.pk), starts_at=local(forum, 2, 9), ends_at=local(forum, 2, 10)
    )
    moved = events_of(parse(client.get(url).content))[session.title]
    assert (moved["SEQUENCE"], moved["DTSTART"].to_ical()) == (1, b"20260626T090000")
    speaker = session.session_speakers.get().speaker
    speaker.first_name = "Amina"
    speaker.save()
    renamed = events_of(parse(client.get(url).content))[session.title]
    assert str(renamed["DESCRIPTION"]).startswith("Speakers:\n- Amina Okafor (Moderator)")
    SessionFactory(event=forum, title="Added later", starts_at=local(forum, 1, 9), ends_at=local(forum, 1, 10))
    assert sorted(events_of(parse(client.get(url).content))) == ["Added later", session.title]
