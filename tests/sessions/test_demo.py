from django.core.management import call_command

from sessions.models import Room, Session, SessionSpeaker, Visibility
from speakers.models import Speaker


def test_demo_fills_the_forum_and_the_dialogue_once(db, client):
    call_command("load_demo")
    forum = Session.objects.filter(event__slug="global-forum-ethics-ai-2026")
    dialogue = Session.objects.filter(event__slug="policy-dialogue-neurotechnology")
    counts = (
        Room.objects.filter(event__slug="global-forum-ethics-ai-2026").count(),
        forum.count(),
        Speaker.objects.filter(session_roles__session__in=forum).distinct().count(),
        dialogue.count(),
    )
    assert counts == (9, 81, 63, 6)
    assert forum.filter(visibility=Visibility.CLOSED).count() == 1
    assert forum.filter(is_cancelled=True).count() == 1
    assert dialogue.filter(visibility=Visibility.CLOSED).count() == 1
    # Times sit in the event's zone: the opening plenary at 08:00 in Bangkok.
    opening = forum.get(title="Opening plenary: governing AI for people and planet")
    assert opening.local_starts_at.strftime("%H:%M %Z") == "08:00 +07"
    links = SessionSpeaker.objects.count()

    call_command("load_demo")
    assert (Session.objects.count(), SessionSpeaker.objects.count()) == (87, links)
    response = client.get("/en/events/global-forum-ethics-ai-2026/agenda/?day=all")
    assert response.context["session_count"] == 80  # the draft is not shown
