import datetime

import pytest

from sessions.models import Session, SessionSpeaker
from tests.factories import SessionFactory, SessionSpeakerFactory, SpeakerFactory, UserFactory, local, make_event
from tests.helpers import SESSIONS, form_data, make_checkin_staff

UTC = datetime.UTC


def listed_titles(response) -> list[str]:
    return [session.title for session in response.context["object_list"]]


def test_organiser_creates_a_session_with_times_in_the_event_zone(events_organiser_client, forum, room, track):
    speaker = SpeakerFactory()
    response = events_organiser_client.post(
        SESSIONS + "add/", form_data(forum, room, track, speakers=[(speaker, "keynote")])
    )
    assert response.status_code == 302
    session = Session.objects.get(title="Readiness assessment: lessons")
    # 14:00 in Bangkok is 07:00 UTC.
    assert session.starts_at == datetime.datetime(2026, 6, 25, 7, 0, tzinfo=UTC)
    assert session.ends_at == datetime.datetime(2026, 6, 25, 8, 30, tzinfo=UTC)
    assert list(session.session_speakers.values_list("speaker_id", "role")) == [(speaker.pk, "keynote")]


def test_edit_form_shows_times_in_the_event_zone(events_organiser_client, session):
    response = events_organiser_client.get(f"{SESSIONS}edit/{session.pk}/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["starts_at"].value() == datetime.datetime(2026, 6, 24, 9, 0)
    assert form["ends_at"].value() == datetime.datetime(2026, 6, 24, 10, 30)


def test_room_overlap_error_is_shown_beside_the_room_and_nothing_is_saved(
    events_organiser_client, forum, room, session
):
    speaker = SpeakerFactory()
    response = events_organiser_client.post(
        SESSIONS + "add/",
        form_data(
            forum, room, starts_at="2026-06-24 10:00", ends_at="2026-06-24 11:00", speakers=[(speaker, "panellist")]
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "room": ["Plenary Hall is already taken by “Facial recognition in public spaces” from 09:00 to 10:30."]
    }
    assert Session.objects.count() == 1
    assert SessionSpeaker.objects.filter(speaker=speaker).count() == 0


def test_end_before_start_and_outside_the_event_are_errors_beside_the_fields(events_organiser_client, forum):
    response = events_organiser_client.post(
        SESSIONS + "add/", form_data(forum, starts_at="2026-06-25 15:00", ends_at="2026-06-25 14:00")
    )
    assert response.context["form"].errors == {"ends_at": ["The session must end after it starts."]}
    response = events_organiser_client.post(
        SESSIONS + "add/", form_data(forum, starts_at="2026-06-27 09:00", ends_at="2026-06-27 10:00")
    )
    assert response.context["form"].errors == {
        "ends_at": ["The session must end by the end of the event's last day (26 June 2026)."]
    }
    assert Session.objects.count() == 0


def test_double_booked_speaker_is_refused_beside_the_speaker(events_organiser_client, forum, session):
    busy = session.session_speakers.get().speaker
    response = events_organiser_client.post(
        SESSIONS + "add/",
        form_data(forum, starts_at="2026-06-24 10:00", ends_at="2026-06-24 11:00", speakers=[(busy, "panellist")]),
    )
    assert response.status_code == 200
    formset = response.context["form"].formsets["session_speakers"]
    assert formset.forms[0].errors == {
        "speaker": ["Amara Okafor already speaks at “Facial recognition in public spaces” from 09:00 to 10:30."]
    }
    assert Session.objects.count() == 1


def test_moving_a_session_in_the_admin_raises_its_sequence(events_organiser_client, forum, room, session):
    speaker = session.session_speakers.get()
    data = form_data(forum, room, title=session.title, starts_at="2026-06-26 09:00", ends_at="2026-06-26 10:00")
    data.update(
        {
            "session_speakers-TOTAL_FORMS": "1",
            "session_speakers-INITIAL_FORMS": "1",
            "session_speakers-0-id": str(speaker.pk),
            "session_speakers-0-speaker": str(speaker.speaker_id),
            "session_speakers-0-role": "moderator",
            "session_speakers-0-ORDER": "1",
        }
    )
    response = events_organiser_client.post(f"{SESSIONS}edit/{session.pk}/", data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1
    assert session.starts_at == datetime.datetime(2026, 6, 26, 2, 0, tzinfo=UTC)


def test_listing_filters_by_event_day_room_track_and_type(events_organiser_client, forum, room, track, session):
    SessionFactory(
        event=forum,
        title="Day two workshop",
        session_type="workshop",
        starts_at=local(forum, 1, 9),
        ends_at=local(forum, 1, 10),
    )
    # 06:30 Bangkok on day two is still 24 June in UTC: the day filter uses the event's zone.
    SessionFactory(
        event=forum,
        title="Day two breakfast",
        session_type="networking",
        starts_at=local(forum, 1, 6, 30),
        ends_at=local(forum, 1, 7),
    )
    other = make_event(slug="other-dialogue")
    SessionFactory(event=other, title="Elsewhere")
    assert sorted(listed_titles(events_organiser_client.get(SESSIONS))) == [
        "Day two breakfast",
        "Day two workshop",
        "Elsewhere",
        "Facial recognition in public spaces",
    ]
    assert sorted(listed_titles(events_organiser_client.get(SESSIONS, {"event": forum.pk}))) == [
        "Day two breakfast",
        "Day two workshop",
        "Facial recognition in public spaces",
    ]
    assert sorted(listed_titles(events_organiser_client.get(SESSIONS, {"day": "2026-06-25"}))) == [
        "Day two breakfast",
        "Day two workshop",
    ]
    assert listed_titles(events_organiser_client.get(SESSIONS, {"room": room.pk})) == [
        "Facial recognition in public spaces"
    ]
    assert listed_titles(events_organiser_client.get(SESSIONS, {"track": track.pk})) == [
        "Facial recognition in public spaces"
    ]
    assert listed_titles(events_organiser_client.get(SESSIONS, {"session_type": "workshop"})) == ["Day two workshop"]
    assert listed_titles(events_organiser_client.get(SESSIONS, {"q": "facial"})) == [
        "Facial recognition in public spaces"
    ]


def test_listing_exports_a_spreadsheet_with_local_times(events_organiser_client, forum, session):
    response = events_organiser_client.get(SESSIONS, {"export": "csv", "event": forum.pk})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Title,Event,Starts (local),Ends (local),Room,Track,Type,Visibility,Cancelled"
    assert lines[1] == (
        "Facial recognition in public spaces,Global Forum 2026,2026-06-24 09:00:00+07:00,"
        "2026-06-24 10:30:00+07:00,Plenary Hall,Human rights,panel,public,False"
    )


def test_user_without_permission_cannot_reach_the_session_admin(client, session):
    client.force_login(UserFactory())
    response = client.get(SESSIONS)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/agenda/sessions/"
    assert client.post(SESSIONS + "add/", {"title": "x"}).status_code == 302
    assert Session.objects.count() == 1


def test_check_in_staff_cannot_edit_sessions(client, session):
    client.force_login(make_checkin_staff(session.event))
    response = client.get(f"{SESSIONS}edit/{session.pk}/")
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={SESSIONS}edit/{session.pk}/")


def test_room_and_track_admin_listings(events_organiser_client, room, track):
    response = events_organiser_client.get("/admin/agenda/rooms/")
    assert [r.name for r in response.context["object_list"]] == ["Plenary Hall"]
    response = events_organiser_client.get("/admin/agenda/tracks/")
    assert [t.name for t in response.context["object_list"]] == ["Human rights"]


def sign_in_event_team(client, event, agenda_permissions):
    """Sign in a member of a team that may edit only ``event``'s page, with
    admin access and the given agenda model permissions."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Forum team")
    group.permissions.add(Permission.objects.get(codename="access_admin"), *agenda_permissions)
    GroupPagePermission.objects.create(
        group=group,
        page=event,
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page"),
    )
    user = UserFactory()
    user.groups.add(group)
    client.force_login(user)
    return client


def agenda_permissions(codename_suffix: str = ""):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="agenda", codename__endswith=codename_suffix)


def test_organiser_sees_only_sessions_of_events_they_manage(client, forum, session):
    other = make_event(slug="someone-elses-dialogue")
    SessionFactory(event=other, title="Not mine")
    sign_in_event_team(client, forum, agenda_permissions("_session"))
    response = client.get(SESSIONS)
    assert listed_titles(response) == ["Facial recognition in public spaces"]
    form = client.get(SESSIONS + "add/").context["form"]
    assert [event.pk for event in form.fields["event"].queryset] == [forum.pk]


@pytest.mark.parametrize("model_path", ["sessions", "rooms", "tracks"])
def test_organiser_cannot_edit_or_delete_objects_of_events_they_do_not_manage(client, forum, model_path):
    from tests.factories import RoomFactory, TrackFactory

    other = make_event(slug="someone-elses-workshop")
    target = {
        "sessions": lambda: SessionFactory(event=other, title="Not mine"),
        "rooms": lambda: RoomFactory(event=other, name="Not my room"),
        "tracks": lambda: TrackFactory(event=other, name="Not my track"),
    }[model_path]()
    sign_in_event_team(client, forum, agenda_permissions())
    base = f"/admin/agenda/{model_path}/"
    assert client.get(f"{base}edit/{target.pk}/").status_code == 404
    assert client.post(f"{base}delete/{target.pk}/").status_code == 404
    assert type(target).objects.filter(pk=target.pk).exists()


def test_room_form_offers_only_managed_events(client, forum):
    make_event(slug="another-teams-event")
    sign_in_event_team(client, forum, agenda_permissions())
    form = client.get("/admin/agenda/rooms/add/").context["form"]
    assert [event.pk for event in form.fields["event"].queryset] == [forum.pk]


def agenda_object(model_path: str, event):
    from tests.factories import RoomFactory, TrackFactory

    return {
        "sessions": lambda: SessionFactory(event=event, title="Agenda item"),
        "rooms": lambda: RoomFactory(event=event, name="Agenda room"),
        "tracks": lambda: TrackFactory(event=event, name="Agenda track"),
    }[model_path]()


@pytest.mark.parametrize("view", ["history", "usage"])
@pytest.mark.parametrize("model_path", ["sessions", "rooms", "tracks"])
def test_history_and_usage_answer_200_for_the_events_team(client, forum, model_path, view):
    target = agenda_object(model_path, forum)
    sign_in_event_team(client, forum, agenda_permissions())
    response = client.get(f"/admin/agenda/{model_path}/{view}/{target.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("view", ["history", "usage", "history-results"])
@pytest.mark.parametrize("model_path", ["sessions", "rooms", "tracks"])
def test_history_and_usage_are_404_for_another_events_team(client, forum, model_path, view):
    target = agenda_object(model_path, make_event(slug="someone-elses-forum"))
    sign_in_event_team(client, forum, agenda_permissions())
    response = client.get(f"/admin/agenda/{model_path}/{view}/{target.pk}/")
    assert response.status_code == 404


def test_session_history_lists_its_edits(client, forum, session):
    from wagtail.log_actions import log

    log(session, "wagtail.edit", user=None)
    sign_in_event_team(client, forum, agenda_permissions())
    response = client.get(f"{SESSIONS}history/{session.pk}/")
    assert [entry.action for entry in response.context["object_list"]] == ["wagtail.edit"]


def test_session_chooser_lists_only_the_events_sessions(client, forum, session):
    theirs = SessionFactory(event=make_event(slug="someone-elses-meeting"), title="Not mine")
    sign_in_event_team(client, forum, agenda_permissions())
    choose = client.get("/admin/snippets/choose/agenda/session/")
    assert [found.pk for found in choose.context["results"]] == [session.pk]
    assert client.get(f"/admin/snippets/choose/agenda/session/chosen/{session.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/choose/agenda/session/chosen/{theirs.pk}/").status_code == 404


def test_room_export_neutralises_formulas(client, forum):
    import csv
    import io

    from tests.factories import RoomFactory

    RoomFactory(event=forum, name='=HYPERLINK("https://evil.example")', floor="+1", capacity=40)
    sign_in_event_team(client, forum, agenda_permissions())
    response = client.get("/admin/agenda/rooms/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1] == ['\'=HYPERLINK("https://evil.example")', "Global Forum 2026", "40", "'+1", ""]


def test_bulk_delete_of_sessions_leaves_other_events_alone_and_unnamed(client, forum, session):
    theirs = SessionFactory(event=make_event(slug="someone-elses-retreat"), title="Their keynote")
    sign_in_event_team(client, forum, agenda_permissions())
    url = f"/admin/bulk/agenda/session/delete/?id={session.pk}&id={theirs.pk}"
    confirm = client.get(url)
    client.post(url)
    assert [item["item"] for item in confirm.context["items"]] == [session]
    assert "Their keynote" not in confirm.content.decode()
    assert list(Session.objects.values_list("title", flat=True)) == ["Their keynote"]


def edit_data(session, **overrides) -> dict:
    """The edit form of ``session`` as posted back, its speaker rows included."""
    data = form_data(
        session.event,
        session.room,
        session.track,
        title=session.title,
        starts_at="2026-06-24 09:00",
        ends_at="2026-06-24 10:30",
    )
    links = list(session.session_speakers.order_by("sort_order"))
    data["session_speakers-TOTAL_FORMS"] = data["session_speakers-INITIAL_FORMS"] = str(len(links))
    for i, link in enumerate(links):
        data.update(
            {
                f"session_speakers-{i}-id": str(link.pk),
                f"session_speakers-{i}-speaker": str(link.speaker_id),
                f"session_speakers-{i}-role": link.role,
                f"session_speakers-{i}-ORDER": str(i + 1),
            }
        )
    data.update(overrides)
    return data


def test_moving_a_session_onto_its_speakers_other_session_is_refused_beside_the_speaker(
    events_organiser_client, forum, session
):
    speaker = session.session_speakers.get().speaker
    later = SessionFactory(event=forum, title="Later", starts_at=local(forum, 0, 14), ends_at=local(forum, 0, 15))
    SessionSpeakerFactory(session=later, speaker=speaker)

    response = events_organiser_client.post(
        f"{SESSIONS}edit/{later.pk}/",
        edit_data(later, room="", track="", starts_at="2026-06-24 10:00", ends_at="2026-06-24 11:00"),
    )

    assert response.status_code == 200
    assert response.context["form"].formsets["session_speakers"].forms[0].errors == {
        "speaker": ["Amara Okafor already speaks at “Facial recognition in public spaces” from 09:00 to 10:30."]
    }
    later.refresh_from_db()
    assert (later.starts_at, later.sequence) == (local(forum, 0, 14), 0)


def test_the_same_speaker_twice_is_refused_beside_the_second_row(events_organiser_client, forum):
    speaker = SpeakerFactory()
    response = events_organiser_client.post(
        SESSIONS + "add/", form_data(forum, speakers=[(speaker, "panellist"), (speaker, "moderator")])
    )
    assert response.status_code == 200
    rows = response.context["form"].formsets["session_speakers"].forms
    assert [row.errors for row in rows] == [{}, {"__all__": ["Please correct the duplicate values below."]}]
    assert Session.objects.count() == 0


def test_editing_replaces_the_speakers_and_keeps_the_rows_that_stay(events_organiser_client, forum, session):
    kept = session.session_speakers.get()
    added = SpeakerFactory()
    data = edit_data(session)
    data.update(
        {
            "session_speakers-TOTAL_FORMS": "2",
            "session_speakers-0-role": "panellist",
            "session_speakers-0-ORDER": "2",
            "session_speakers-1-id": "",
            "session_speakers-1-speaker": str(added.pk),
            "session_speakers-1-role": "keynote",
            "session_speakers-1-ORDER": "1",
        }
    )
    assert events_organiser_client.post(f"{SESSIONS}edit/{session.pk}/", data).status_code == 302
    assert list(session.session_speakers.order_by("sort_order").values_list("pk", "speaker_id", "role")) == [
        (session.session_speakers.get(speaker=added).pk, added.pk, "keynote"),
        (kept.pk, kept.speaker_id, "panellist"),
    ]

    data = edit_data(session)
    data["session_speakers-1-DELETE"] = "1"
    assert events_organiser_client.post(f"{SESSIONS}edit/{session.pk}/", data).status_code == 302
    assert list(session.session_speakers.values_list("speaker_id", flat=True)) == [added.pk]


def test_copying_a_session_makes_a_new_one_and_leaves_the_original(events_organiser_client, forum, room, session):
    speaker = session.session_speakers.get().speaker
    data = edit_data(session, title="Facial recognition, part two", starts_at="2026-06-25 09:00")
    data.update({"session_speakers-0-id": "", "ends_at": "2026-06-25 10:00"})

    response = events_organiser_client.post(f"{SESSIONS}copy/{session.pk}/", data)

    assert response.status_code == 302
    copy = Session.objects.get(title="Facial recognition, part two")
    assert (copy.pk != session.pk, copy.uid != session.uid) == (True, True)
    assert list(copy.session_speakers.values_list("speaker_id", "role")) == [(speaker.pk, "moderator")]
    session.refresh_from_db()
    assert (session.title, session.starts_at, session.session_speakers.count()) == (
        "Facial recognition in public spaces",
        local(forum, 0, 9),
        1,
    )
