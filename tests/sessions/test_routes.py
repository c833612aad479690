"""Every event URL is served through Wagtail's page serving, so a draft or
private event is reachable by none of them."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.factories import SessionSpeakerFactory, SpeakerFactory


@pytest.fixture
def event_urls(forum, session):
    SessionSpeakerFactory(session=session, speaker=SpeakerFactory(slug="lina-haddad"))
    base = "/en/events/forum-2026/"
    return [
        base,
        base + "agenda/",
        f"{base}sessions/{session.uid}/",
        base + "speakers/",
        base + "speakers/lina-haddad/",
        base + "calendar.ics",
        f"{base}sessions/{session.uid}.ics",
    ]


def test_every_event_url_answers_for_a_live_public_event(client, event_urls):
    assert [client.get(url).status_code for url in event_urls] == [200] * 7


def test_no_event_url_reaches_a_draft_event(client, forum, event_urls):
    forum.unpublish()
    assert [client.get(url).status_code for url in event_urls] == [404] * 7


def test_no_event_url_reaches_a_private_event(client, forum, event_urls):
    """Wagtail's own privacy check answers each one: sign in first."""
    PageViewRestriction.objects.create(page=forum, restriction_type=PageViewRestriction.LOGIN)
    responses = [client.get(url) for url in event_urls]
    assert [(r.status_code, r["Location"].split("?")[0]) for r in responses] == [(302, "/en/_util/login/")] * 7


def test_a_private_events_calendar_answers_a_member_of_its_group(client, forum, event_urls, user):
    """The calendar files follow the page's privacy (they used to be 404 for
    any restricted event, even to those who may see it)."""

    group = Group.objects.create(name="Delegates")
    restriction = PageViewRestriction.objects.create(page=forum, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    user.groups.add(group)
    client.force_login(user)
    assert [client.get(url).status_code for url in event_urls] == [200] * 7


def test_an_event_file_route_with_a_trailing_slash_is_not_a_second_url(client, forum, session):
    assert client.get("/en/events/forum-2026/calendar.ics/").status_code == 404
