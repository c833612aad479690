import datetime
import re

import pytest
from django.utils import timezone

from registration.models import RegistrationStatus
from sessions.models import StarredSession, Visibility
from sessions.services import session_star
from tests.factories import (
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
    local,
    make_event,
)

AGENDA = "/en/events/forum-2026/agenda/"


def titles(response) -> list[str]:
    """Session titles on an agenda page, in order."""
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", t).strip()
        for t in re.findall(r'<h4 class="session-card__title"[^>]*>(.*?)</h4>', html, re.S)
    ]


@pytest.fixture
def agenda(forum, session, track, room):
    """Five more sessions over two days, in two tracks, rooms and languages."""
    annex = RoomFactory(event=forum, name="Annex")
    gender = TrackFactory(event=forum, name="Gender equality")
    SessionFactory(
        event=forum,
        title="Women in AI careers",
        track=gender,
        room=annex,
        session_type="workshop",
        starts_at=local(forum, 0, 9),
        ends_at=local(forum, 0, 10),
        languages="en,es",
    )
    SessionFactory(
        event=forum,
        title="Bias audits",
        track=gender,
        room=room,
        session_type="panel",
        starts_at=local(forum, 1, 9),
        ends_at=local(forum, 1, 10),
        languages="fr",
    )
    SessionFactory(
        event=forum,
        title="Ministerial round table",
        room=annex,
        visibility=Visibility.CLOSED,
        description="<p>Secret agenda</p>",
        starts_at=local(forum, 0, 11),
        ends_at=local(forum, 0, 12),
    )
    SessionFactory(
        event=forum,
        title="Draft idea",
        room=annex,
        visibility=Visibility.DRAFT,
        starts_at=local(forum, 0, 14),
        ends_at=local(forum, 0, 15),
    )
    SessionFactory(
        event=forum,
        title="Cancelled talk",
        room=annex,
        is_cancelled=True,
        cancellation_reason="Speaker unwell",
        starts_at=local(forum, 0, 16),
        ends_at=local(forum, 0, 17),
    )
    return {"gender": gender, "annex": annex}


def test_event_page_links_its_feed_and_webcal(client, forum):
    html = client.get("/en/events/forum-2026/").content.decode()
    assert (
        '<link rel="alternate" type="text/calendar" title="Global Forum 2026 (calendar)" '
        'href="/en/events/forum-2026/calendar.ics?lang=en">' in html
    )
    assert 'href="webcal://testserver/en/events/forum-2026/calendar.ics?lang=en"' in html
    assert 'href="/en/events/forum-2026/agenda/"' in html


def test_every_event_subpage_links_the_feed(client, agenda, session):
    link = '<link rel="alternate" type="text/calendar" title="Global Forum 2026 (calendar)" href="/en/events/forum-2026/calendar.ics?lang=en">'
    for url in (
        AGENDA,
        f"/en/events/forum-2026/sessions/{session.uid}/",
        "/en/events/forum-2026/speakers/",
        "/en/events/forum-2026/speakers/amara-okafor/",
    ):
        assert link in client.get(url).content.decode(), url


def test_agenda_shows_first_day_grouped_by_slot_with_zone_label(client, agenda):
    response = client.get(AGENDA)
    assert response.status_code == 200
    assert titles(response) == [
        "Women in AI careers",  # rooms in order: Annex before Plenary Hall
        "Facial recognition in public spaces",
        "Ministerial round table",
        "Cancelled talk",
    ]
    html = response.content.decode()
    assert "All times are local to the event: Asia/Bangkok time (UTC+07:00)." in html
    assert html.count('<section class="time-slot"') == 3  # 09:00 (two in parallel), 11:00, 16:00
    assert '<a href="?day=2026-06-24" aria-current="page">Wednesday 24 June</a>' in html
    assert "4 sessions" in html


def test_closed_session_is_listed_without_details_and_draft_is_hidden(client, agenda):
    html = client.get(AGENDA + "?day=all").content.decode()
    assert "Ministerial round table" in html
    assert "Secret agenda" not in html
    assert "Closed session: no details are published." in html
    assert "Draft idea" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("day=2026-06-25", ["Bias audits"]),
        ("day=all&type=workshop", ["Women in AI careers"]),
        ("day=all&lang=fr", ["Facial recognition in public spaces", "Bias audits"]),
        ("day=all&lang=es", ["Women in AI careers"]),
        ("day=all&q=okafor", ["Facial recognition in public spaces"]),
        ("day=all&q=WATCHERS", ["Facial recognition in public spaces"]),
        ("day=all&q=secret", []),  # a closed session's description is not searchable
        ("day=all&q=round", ["Ministerial round table"]),
    ],
)
def test_agenda_filters(client, agenda, query, expected):
    assert titles(client.get(f"{AGENDA}?{query}")) == expected


def test_agenda_filters_by_track_and_room(client, agenda, track):
    assert titles(client.get(f"{AGENDA}?day=all&track={agenda['gender'].pk}")) == ["Women in AI careers", "Bias audits"]
    assert titles(client.get(f"{AGENDA}?day=all&room={agenda['annex'].pk}")) == [
        "Women in AI careers",
        "Ministerial round table",
        "Cancelled talk",
    ]
    assert titles(client.get(f"{AGENDA}?day=all&track={track.pk}&room={agenda['annex'].pk}")) == []


def test_day_tabs_keep_the_filters(client, agenda):
    html = client.get(f"{AGENDA}?track={agenda['gender'].pk}&q=bias").content.decode()
    assert f'<a href="?track={agenda["gender"].pk}&amp;q=bias&amp;day=2026-06-25">Thursday 25 June</a>' in html


@pytest.mark.parametrize(
    "query", ["track=abc", "track=999999", "room=x", "type=nonsense", "lang=zz", "day=2026-13-45", "day=1999-01-01"]
)
def test_malformed_filter_is_ignored_and_the_full_day_shows(client, agenda, query):
    response = client.get(f"{AGENDA}?{query}")
    assert response.status_code == 200
    assert titles(response) == [
        "Women in AI careers",  # rooms in order: Annex before Plenary Hall
        "Facial recognition in public spaces",
        "Ministerial round table",
        "Cancelled talk",
    ]


def test_track_of_another_event_is_not_a_filter_here(client, agenda):
    foreign = TrackFactory()
    assert len(titles(client.get(f"{AGENDA}?day=all&track={foreign.pk}"))) == 5


def test_cancelled_session_is_marked_on_the_agenda(client, agenda):
    html = client.get(AGENDA).content.decode()
    assert '<span class="status status--cancelled">Cancelled</span> Speaker unwell' in html


def test_session_page_shows_time_room_speakers_and_calendar_link(client, session):
    response = client.get(f"/en/events/forum-2026/sessions/{session.uid}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Facial recognition in public spaces</h1>" in html
    assert "Wednesday 24 June 2026, 09:00" in html
    assert "(Asia/Bangkok time, UTC+07:00)" in html
    assert '<a href="/en/events/forum-2026/speakers/amara-okafor/">Amara Okafor</a>' in html
    assert '<span class="speaker-list__role">Moderator</span>' in html
    assert f'href="/en/events/forum-2026/sessions/{session.uid}.ics?lang=en" download' in html
    assert "EN,FR" in html


def test_closed_session_page_has_no_details(client, session):
    session.visibility = Visibility.CLOSED
    session.save()
    html = client.get(f"/en/events/forum-2026/sessions/{session.uid}/").content.decode()
    assert "Closed session: no details are published." in html
    assert "watchers" not in html
    assert "Amara Okafor" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/events/forum-2026/sessions/00000000-0000-0000-0000-000000000000/",
        "/en/events/forum-2026/sessions/12/",
        "/en/events/forum-2026/speakers/nobody/",
        "/en/events/no-such-event/agenda/",
    ],
)
def test_unknown_session_speaker_or_event_is_404(client, session, url):
    assert client.get(url).status_code == 404


def test_draft_session_page_is_404(client, session):
    session.visibility = Visibility.DRAFT
    session.save()
    assert client.get(f"/en/events/forum-2026/sessions/{session.uid}/").status_code == 404


def test_session_of_another_event_is_404_under_this_event(client, session):
    other = make_event(slug="other-event")
    foreign = SessionFactory(event=other)
    assert client.get(f"/en/events/forum-2026/sessions/{foreign.uid}/").status_code == 404


def test_speakers_index_lists_only_published_speakers_on_public_sessions(client, forum, session):
    draft = SessionFactory(event=forum, title="Draft", visibility=Visibility.DRAFT)
    SessionSpeakerFactory(session=draft, speaker=SpeakerFactory(first_name="Draft", last_name="Only"))
    SessionSpeakerFactory(
        session=session, speaker=SpeakerFactory(first_name="Hidden", last_name="Profile", is_published=False)
    )
    closed = SessionFactory(
        event=forum,
        title="Closed",
        visibility=Visibility.CLOSED,
        starts_at=local(forum, 1, 9),
        ends_at=local(forum, 1, 10),
    )
    SessionSpeakerFactory(session=closed, speaker=SpeakerFactory(first_name="Zoe", last_name="Zed", slug="zoe-zed"))
    SpeakerFactory(first_name="Not", last_name="Speaking")
    html = client.get("/en/events/forum-2026/speakers/").content.decode()
    names = re.findall(r'<a href="/en/events/forum-2026/speakers/[^/]+/">([^<]+)</a>', html)
    assert names == ["Amara Okafor"]
    assert client.get("/en/events/forum-2026/speakers/draft-only/").status_code == 404
    assert client.get("/en/events/forum-2026/speakers/hidden-profile/").status_code == 404
    assert client.get("/en/events/forum-2026/speakers/zoe-zed/").status_code == 404


@pytest.fixture
def closed_session(forum, room):
    return SessionFactory(
        event=forum,
        title="Closed consultation",
        room=room,
        visibility=Visibility.CLOSED,
        starts_at=local(forum, 1, 9),
        ends_at=local(forum, 1, 10),
    )


def test_speaker_of_closed_sessions_only_is_on_no_public_page(client, forum, session, closed_session):
    SessionSpeakerFactory(
        session=closed_session, speaker=SpeakerFactory(first_name="Quiet", last_name="Envoy", slug="quiet-envoy")
    )
    pages = [
        "/en/events/forum-2026/speakers/",
        "/en/events/forum-2026/agenda/?day=2026-06-25",
        f"/en/events/forum-2026/sessions/{closed_session.uid}/",
        f"/en/events/forum-2026/sessions/{closed_session.uid}.ics",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Envoy" not in response.content.decode(), url
    assert client.get("/en/events/forum-2026/speakers/quiet-envoy/").status_code == 404
    assert client.get("/calendar/speakers/quiet-envoy.ics").status_code == 404


def test_speaker_page_lists_public_sessions_not_closed_ones(client, forum, session, closed_session):
    speaker = session.session_speakers.get().speaker
    SessionSpeakerFactory(session=closed_session, speaker=speaker)
    html = client.get("/en/events/forum-2026/speakers/amara-okafor/").content.decode()
    titles = re.findall(r'<h4 class="session-card__title"[^>]*>\s*(?:<a [^>]+>)?([^<]+)', html)
    assert titles == ["Facial recognition in public spaces"]
    closed_html = client.get(f"/en/events/forum-2026/sessions/{closed_session.uid}/").content.decode()
    assert "Amara Okafor" not in closed_html
    assert "Amara Okafor" in client.get(f"/en/events/forum-2026/sessions/{session.uid}/").content.decode()


def test_speaker_page_shows_profile_and_sessions_at_this_event(client, forum, session):
    speaker = session.session_speakers.get().speaker
    speaker.position, speaker.organisation, speaker.bio = "Director", "Centre for AI", "<p>Works on rights.</p>"
    speaker.save()
    other = make_event(slug="elsewhere")
    SessionSpeakerFactory(session=SessionFactory(event=other, title="Elsewhere talk"), speaker=speaker)
    html = client.get("/en/events/forum-2026/speakers/amara-okafor/").content.decode()
    assert "<h1>Amara Okafor</h1>" in html
    assert '<p class="lead">Director, Centre for AI</p>' in html
    assert "<p>Works on rights.</p>" in html
    assert "Facial recognition in public spaces" in html
    assert "Elsewhere talk" not in html
    assert 'href="/calendar/speakers/amara-okafor.ics?lang=en"' in html


def test_stream_link_only_for_confirmed_participants(client, forum, session):
    forum.online_participation = True
    forum.stream_url = "https://stream.example.org/forum"
    forum.save_revision().publish()
    url = "/en/events/forum-2026/"
    assert "https://stream.example.org/forum" not in client.get(url).content.decode()
    user = UserFactory()
    client.force_login(user)
    registration = RegistrationFactory(event=forum, user=user, status=RegistrationStatus.PENDING)
    assert "https://stream.example.org/forum" not in client.get(url).content.decode()
    registration.status = RegistrationStatus.CONFIRMED
    registration.save()
    assert (
        '<a class="button" href="https://stream.example.org/forum">Watch the live stream</a>'
        in client.get(url).content.decode()
    )
    session_html = client.get(f"/en/events/forum-2026/sessions/{session.uid}/").content.decode()
    assert '<a class="button" href="https://stream.example.org/forum">Watch the live stream</a>' in session_html


def test_star_without_javascript_redirects_back(client, session, user):
    client.force_login(user)
    response = client.post(f"/agenda/star/{session.uid}/", {"action": "star", "next": AGENDA})
    assert response.status_code == 302
    assert response["Location"] == AGENDA
    assert list(StarredSession.objects.filter(user=user).values_list("session_id", flat=True)) == [session.pk]
    # Starring twice keeps one star.
    client.post(f"/agenda/star/{session.uid}/", {"action": "star"})
    assert StarredSession.objects.filter(user=user).count() == 1
    html = client.get(AGENDA).content.decode()
    assert 'aria-pressed="true"' in html
    response = client.post(f"/agenda/star/{session.uid}/", {"action": "unstar", "next": "https://evil.example/"})
    assert response["Location"] == f"/en/events/forum-2026/sessions/{session.uid}/"
    assert StarredSession.objects.filter(user=user).count() == 0


def test_star_with_javascript_answers_json(client, session, user):
    client.force_login(user)
    response = client.post(f"/agenda/star/{session.uid}/", {"action": "star"}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.json() == {"starred": True, "session": str(session.uid)}


def test_star_needs_sign_in_post_and_a_visible_session(client, session, user):
    response = client.post(f"/agenda/star/{session.uid}/", {"action": "star"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(user)
    assert client.get(f"/agenda/star/{session.uid}/").status_code == 405
    session.visibility = Visibility.DRAFT
    session.save()
    assert client.post(f"/agenda/star/{session.uid}/", {"action": "star"}).status_code == 404
    assert client.post("/agenda/star/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert StarredSession.objects.count() == 0


def test_my_agenda_lists_by_day_and_marks_overlaps(client, forum, session, user):
    parallel = SessionFactory(event=forum, title="Parallel", starts_at=local(forum, 0, 10), ends_at=local(forum, 0, 11))
    later = SessionFactory(event=forum, title="Next day", starts_at=local(forum, 1, 9), ends_at=local(forum, 1, 10))
    draft = SessionFactory(event=forum, title="Draft", visibility=Visibility.DRAFT)
    for starred in (session, parallel, later, draft):
        session_star(user=user, session=starred)
    session_star(user=UserFactory(), session=SessionFactory(event=forum, title="Someone else's"))
    client.force_login(user)
    response = client.get("/agenda/mine/")
    assert response.status_code == 200
    days = response.context["days"]
    assert [(d["date"].isoformat(), [s.title for s in d["sessions"]]) for d in days] == [
        ("2026-06-24", ["Facial recognition in public spaces", "Parallel"]),
        ("2026-06-25", ["Next day"]),
    ]
    assert [[o.title for o in s.overlaps] for s in days[0]["sessions"]] == [
        ["Parallel"],
        ["Facial recognition in public spaces"],
    ]
    html = response.content.decode()
    assert "3 sessions on your agenda." in html
    assert "2 of them overlap another." in html
    token = user.agenda_feed_token.token
    assert f'value="http://testserver/calendar/agenda/{token}.ics?lang=en"' in html


def test_my_agenda_needs_sign_in(client, db):
    response = client.get("/agenda/mine/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/agenda/mine/"


def test_reset_feed_link_replaces_the_token(client, user):
    client.force_login(user)
    client.get("/agenda/mine/")
    old = user.agenda_feed_token.token
    response = client.post("/agenda/mine/reset-link/")
    assert response.status_code == 302
    user.agenda_feed_token.refresh_from_db()
    assert user.agenda_feed_token.token != old
    assert client.get(f"/calendar/agenda/{old}.ics").status_code == 404
    assert client.get("/agenda/mine/reset-link/").status_code == 405


def test_account_page_has_my_agenda_section(client, session, user):
    session_star(user=user, session=session)
    client.force_login(user)
    html = client.get("/account/").content.decode()
    assert '<h2 id="account-agenda">My agenda</h2>' in html
    assert "1 session on your agenda." in html


def test_events_index_splits_upcoming_and_past_and_filters(client, db):
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=40)
    make_event(title="Next forum", slug="next", kind="global_forum", start_date=soon, end_date=soon)
    long_ago = datetime.date(today.year - 2, 5, 1)
    make_event(title="Old workshop", slug="old", kind="expert_workshop", start_date=long_ago, end_date=long_ago)
    response = client.get("/en/events/")
    assert [e.title for e in response.context["upcoming"]] == ["Next forum"]
    assert [e.title for e in response.context["past"]] == ["Old workshop"]
    assert response.context["years"] == [soon.year, long_ago.year]
    response = client.get("/en/events/?kind=expert_workshop")
    assert [e.title for e in response.context["upcoming"] + response.context["past"]] == ["Old workshop"]
    response = client.get(f"/en/events/?year={soon.year}")
    assert [e.title for e in response.context["upcoming"] + response.context["past"]] == ["Next forum"]
    response = client.get("/en/events/?year=abc&kind=<script>")
    assert response.status_code == 200
    assert len(response.context["upcoming"] + response.context["past"]) == 2


def test_cached_agenda_cards_follow_edits(client, session, forum):
    from sessions.services import session_update

    assert titles(client.get(AGENDA)) == ["Facial recognition in public spaces"]
    session_update(session=session, title="Facial recognition, revisited")
    speaker = session.session_speakers.get().speaker
    speaker.last_name = "Okafor-Mensah"
    speaker.save()
    html = client.get(AGENDA).content.decode()
    assert titles(client.get(AGENDA)) == ["Facial recognition, revisited"]
    assert '<a href="/en/events/forum-2026/speakers/amara-okafor/">Amara Okafor-Mensah</a>' in html
