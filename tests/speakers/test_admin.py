import csv
import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from speakers.models import Invitation, InvitationStatus, Speaker
from tests.factories import SessionFactory, SessionSpeakerFactory, SpeakerFactory, UserFactory, local, make_event
from tests.helpers import grant_event_rights

pytestmark = pytest.mark.django_db

INDEX = "/admin/speakers/invitations/"


def streamed(response) -> str:
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def outsider_client(client, invite_event, other_event):
    """An organiser (model permissions) with rights on another event only."""
    user = grant_event_rights(UserFactory(), other_event)
    client.force_login(user)
    return client


def test_organiser_creates_an_invitation_from_the_admin(
    invite_organiser_client, invite_event, sessions, reply_by, django_capture_on_commit_callbacks
):
    data = {
        "event": invite_event.pk,
        "first_name": "Kwame",
        "last_name": "Asante",
        "email": "kwame@example.org",
        "language": "fr",
        "sessions": [sessions[0].pk, sessions[1].pk],
        "role": "moderator",
        "message": "Dear Kwame",
        "reply_by": reply_by.isoformat(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = invite_organiser_client.post(INDEX + "new/", data)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.full_name, invitation.role, invitation.language, invitation.created_by.email) == (
        "Kwame Asante",
        "moderator",
        "fr",
        "olga@example.org",
    )
    assert sorted(invitation.sessions.values_list("title", flat=True)) == ["Mental privacy", "Neurorights in law"]
    assert [message.to for message in mail.outbox] == [["kwame@example.org"]]


def test_admin_create_form_shows_errors_beside_fields(invite_organiser_client, invite_event, reply_by):
    other_session = SessionFactory(event=make_event())
    response = invite_organiser_client.post(
        INDEX + "new/",
        {
            "event": invite_event.pk,
            "sessions": [other_session.pk],
            "role": "panellist",
            "reply_by": "2020-01-01",
            "language": "en",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["speaker"] == ["Choose a speaker profile, or give a first and last name."]
    assert form.errors["sessions"][0].startswith("Select a valid choice.")
    assert Invitation.objects.count() == 0


def test_admin_create_form_offers_only_the_organisers_events(outsider_client, invite_event, other_event):
    response = outsider_client.get(INDEX + "new/")
    assert list(response.context["form"].fields["event"].queryset) == [other_event]


def test_invite_several_speakers_from_a_session(
    invite_organiser_client, sessions, reply_by, django_capture_on_commit_callbacks
):
    profiles = [SpeakerFactory(email=f"p{n}@example.org") for n in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        response = invite_organiser_client.post(
            f"{INDEX}session/{sessions[0].pk}/",
            {
                "speakers": [speaker.pk for speaker in profiles],
                "new_speakers": "Sara, Haile, sara@example.org\n\nJoão, Pereira, joao@example.org",
                "role": "panellist",
                "language": "es",
                "message": "",
                "reply_by": reply_by.isoformat(),
            },
        )
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", "language")) == [
        ("joao@example.org", "es"),
        ("p0@example.org", "en"),
        ("p1@example.org", "en"),
        ("sara@example.org", "es"),
    ]
    assert len(mail.outbox) == 4
    assert {tuple(invitation.sessions.all()) for invitation in Invitation.objects.all()} == {(sessions[0],)}


def test_invite_several_is_all_or_nothing(invite_organiser_client, sessions, reply_by, invite):
    invite(email="sara@example.org")
    response = invite_organiser_client.post(
        f"{INDEX}session/{sessions[0].pk}/",
        {
            "new_speakers": "Ali, Khan, ali@example.org\nSara, Haile, sara@example.org",
            "role": "panellist",
            "language": "en",
            "reply_by": reply_by.isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Sara Haile: This person already has a pending invitation to this event."
    ]
    assert list(Invitation.objects.values_list("email", flat=True)) == ["sara@example.org"]


def test_invite_several_reports_a_malformed_line(invite_organiser_client, sessions, reply_by):
    response = invite_organiser_client.post(
        f"{INDEX}session/{sessions[0].pk}/",
        {
            "new_speakers": "Ali Khan ali@example.org",
            "role": "panellist",
            "language": "en",
            "reply_by": reply_by.isoformat(),
        },
    )
    assert response.context["form"].errors == {"new_speakers": ["Line 1: write First name, Last name, email."]}


def test_another_events_session_invitation_and_report_are_404(outsider_client, invite, sessions, invite_event):
    invitation, _ = invite()
    assert outsider_client.get(f"{INDEX}session/{sessions[0].pk}/").status_code == 404
    assert outsider_client.get(f"{INDEX}edit/{invitation.pk}/").status_code == 404
    assert outsider_client.post(f"{INDEX}edit/{invitation.pk}/", {"action": "revoke"}).status_code == 404
    assert outsider_client.get(f"{INDEX}balance/{invite_event.pk}/").status_code == 404
    assert outsider_client.get(f"{INDEX}balance/{invite_event.pk}/?export=csv").status_code == 404
    assert list(outsider_client.get(INDEX).context["object_list"]) == []
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_user_without_invitation_permission_gets_403(client, invite_event, sessions):
    staff = UserFactory()
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get(INDEX + "new/").status_code == 403
    assert client.get(f"{INDEX}session/{sessions[0].pk}/").status_code == 403


def test_index_shows_status_counts_and_filters(invite_organiser_client, invite):
    for n, status in enumerate(["pending", "pending", "accepted", "declined", "expired", "revoked"]):
        invitation, _ = invite(email=f"x{n}@example.org")
        Invitation.objects.filter(pk=invitation.pk).update(status=status)
    response = invite_organiser_client.get(INDEX)
    assert response.status_code == 200
    assert [(status, count) for status, _label, count in response.context["status_counts"]] == [
        ("pending", 2),
        ("accepted", 1),
        ("declined", 1),
        ("expired", 1),
        ("revoked", 1),
    ]
    assert 'data-status="pending">Pending: <strong>2</strong>' in response.content.decode()
    filtered = invite_organiser_client.get(INDEX + "?status=pending")
    assert sorted(i.email for i in filtered.context["object_list"]) == ["x0@example.org", "x1@example.org"]


def test_index_export_lists_invitations(invite_organiser_client, invite):
    invite()
    response = invite_organiser_client.get(INDEX + "?export=csv")
    rows = list(csv.reader(io.StringIO(streamed(response))))
    assert rows[0][:5] == ["Full name", "Email", "Event", "Role", "Status"]
    assert rows[1][:5] == [
        "Amara Nwosu",
        "amara@example.org",
        "Policy Dialogue on Neurotechnology",
        "panellist",
        "pending",
    ]


@pytest.mark.parametrize("count", [1, 10])
def test_index_query_count_does_not_grow(invite_organiser_client, invite, count, django_assert_num_queries):
    for n in range(count):
        invite(email=f"n{n}@example.org")
    with django_assert_num_queries(16):
        response = invite_organiser_client.get(INDEX)
    assert len(response.context["object_list"]) == count


def test_manage_view_resend_revoke_extend(invite_organiser_client, invite, django_capture_on_commit_callbacks):
    invitation, token = invite()
    page = invite_organiser_client.get(f"{INDEX}edit/{invitation.pk}/")
    assert page.status_code == 200
    assert "Resend (new link)" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert invite_organiser_client.post(f"{INDEX}edit/{invitation.pk}/", {"action": "resend"}).status_code == 302
    invitation.refresh_from_db()
    assert len(mail.outbox) == 2 and invitation.token_hash != Invitation(token_hash="").token_hash
    new_date = timezone.localdate() + datetime.timedelta(days=30)
    invite_organiser_client.post(
        f"{INDEX}edit/{invitation.pk}/", {"action": "extend", "reply_by": new_date.isoformat()}
    )
    assert Invitation.objects.get().reply_by == new_date
    past = invite_organiser_client.post(f"{INDEX}edit/{invitation.pk}/", {"action": "extend", "reply_by": "2020-01-01"})
    assert past.status_code == 400
    assert past.context["extend_form"].errors == {"reply_by": ["The reply-by date cannot be in the past."]}
    invite_organiser_client.post(f"{INDEX}edit/{invitation.pk}/", {"action": "revoke"})
    assert Invitation.objects.get().status == InvitationStatus.REVOKED
    assert invite_organiser_client.post(f"{INDEX}edit/{invitation.pk}/", {"action": "nonsense"}).status_code == 400


def test_unknown_invitation_is_404(invite_organiser_client):
    assert invite_organiser_client.get(f"{INDEX}edit/999999/").status_code == 404


@pytest.fixture
def panel(invite_event):
    """``panel(n)``: n sessions with two men from France each (all flagged)."""

    def make(n):
        for index in range(n):
            session = SessionFactory(event=invite_event, title=f"Panel {index}", starts_at=local(invite_event, 1, 8))
            for _ in range(2):
                SessionSpeakerFactory(
                    session=session, speaker=SpeakerFactory(country="FR", gender="man", gender_consent=True)
                )

    return make


def test_balance_report_and_exports(invite_organiser_client, invite_event, panel):
    panel(1)
    page = invite_organiser_client.get(f"{INDEX}balance/{invite_event.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 confirmed speakers" in html and "No woman" in html and "One region" in html
    response = invite_organiser_client.get(f"{INDEX}balance/{invite_event.pk}/?export=csv")
    assert response["Content-Disposition"] == f'attachment; filename="panel-balance-{invite_event.slug}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Session", "Starts", "Room", "Speakers"]
    assert rows[0][4:9] == ["Woman", "Man", "Non-binary or another gender", "Prefer not to say", "Not stated"]
    by_title = {row[0]: row for row in rows[1:]}
    assert by_title["Panel 0"][3:] == ["2", "0", "2", "0", "0", "0", "2", "0", "0", "0", "0", "0", "0", "yes", "yes"]
    assert by_title["Mental privacy"][3] == "0"
    assert rows[-1][0] == "Event total (each speaker once)"
    assert rows[-1][3:] == ["2", "0", "2", "0", "0", "0", "2", "0", "0", "0", "0", "0", "0", "1", "1"]
    xlsx = invite_organiser_client.get(f"{INDEX}balance/{invite_event.pk}/?export=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[sheet.max_row]][:4] == ["Event total (each speaker once)", None, None, 2]


def test_balance_report_never_names_a_speakers_gender(invite_organiser_client, invite_event, panel):
    panel(1)
    html = invite_organiser_client.get(f"{INDEX}balance/{invite_event.pk}/").content.decode()
    for last_name in invite_event.sessions.values_list("session_speakers__speaker__last_name", flat=True):
        if last_name:
            assert last_name not in html


@pytest.mark.parametrize("count", [1, 10])
def test_balance_report_query_count_does_not_grow(
    invite_organiser_client, invite_event, panel, count, django_assert_num_queries
):
    panel(count)
    with django_assert_num_queries(14):
        response = invite_organiser_client.get(f"{INDEX}balance/{invite_event.pk}/")
    assert len(response.context["balance"].sessions) == count + 2


def test_dashboard_shows_the_panel_balance(invite_organiser_client, invite_event, panel):
    panel(2)
    html = invite_organiser_client.get("/admin/").content.decode()
    assert '<h2 id="panel-balance-heading">Panel balance</h2>' in html
    assert (
        f'<a href="/admin/speakers/invitations/balance/{invite_event.pk}/">Policy Dialogue on Neurotechnology</a>'
        in html
    )


def test_session_listing_and_edit_view_offer_invite_speakers(invite_organiser_client, sessions):
    listing = invite_organiser_client.get("/admin/snippets/agenda/session/" if False else "/admin/agenda/sessions/")
    assert listing.status_code == 200
    assert f'href="/admin/speakers/invitations/session/{sessions[0].pk}/"' in listing.content.decode()
    edit = invite_organiser_client.get(f"/admin/agenda/sessions/edit/{sessions[0].pk}/")
    assert edit.status_code == 200
    assert f'href="/admin/speakers/invitations/session/{sessions[0].pk}/"' in edit.content.decode()


def test_speaker_snippet_export_has_no_gender(invite_organiser_client):
    SpeakerFactory(first_name="Zara", gender="woman", gender_consent=True, email="zara@example.org")
    response = invite_organiser_client.get("/admin/snippets/speakers/speaker/?export=csv")
    assert response.status_code == 200
    text = streamed(response)
    assert text.splitlines()[0] == "First name,Last name,Honorific,Position,Organisation,Country,Published"
    assert "woman" not in text.lower() and "zara@example.org" not in text


@pytest.mark.parametrize("count", [1, 10])
def test_speaker_listing_query_count_does_not_grow(invite_organiser_client, count, django_assert_num_queries):
    SpeakerFactory.create_batch(count)
    with django_assert_num_queries(12):
        response = invite_organiser_client.get("/admin/snippets/speakers/speaker/")
    assert response.status_code == 200


# --- speakers across events -------------------------------------------------------------

SPEAKERS = "/admin/snippets/speakers/speaker/"
CHOOSER = "/admin/snippets/choose/speakers/speaker/"


@pytest.fixture
def speakers_by_event(invite_event, other_event, sessions, invite):
    """A speaker of each kind: on a session, invited, added for the event,
    of the other event only, and one speaking at both events."""
    on_session = SpeakerFactory(first_name="Sol", last_name="Session", email="sol@example.org")
    SessionSpeakerFactory(session=sessions[0], speaker=on_session)
    invited = SpeakerFactory(first_name="Ivo", last_name="Invited", email="ivo@example.org")
    invite(speaker=invited, first_name="", last_name="", email="")
    added = SpeakerFactory(first_name="Ada", last_name="Added", added_for_event=invite_event)
    foreign = SpeakerFactory(
        first_name="Fay", last_name="Foreign", email="fay@example.org", travel_needs="Visa for Schengen"
    )
    SessionSpeakerFactory(session=SessionFactory(event=other_event), speaker=foreign)
    shared = SpeakerFactory(first_name="Sam", last_name="Shared")
    SessionSpeakerFactory(session=sessions[1], speaker=shared)
    SessionSpeakerFactory(session=SessionFactory(event=other_event), speaker=shared)
    return {"session": on_session, "invited": invited, "added": added, "foreign": foreign, "shared": shared}


def test_speaker_listing_lists_the_speakers_of_the_organisers_events_only(invite_organiser_client, speakers_by_event):
    response = invite_organiser_client.get(SPEAKERS)
    assert sorted(speaker.last_name for speaker in response.context["object_list"]) == [
        "Added",
        "Invited",
        "Session",
        "Shared",
    ]
    export = streamed(invite_organiser_client.get(SPEAKERS + "?export=csv"))
    assert [line.split(",")[1] for line in export.splitlines()[1:]] == ["Added", "Invited", "Session", "Shared"]


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_another_events_speaker_is_404(invite_organiser_client, speakers_by_event, view):
    foreign = speakers_by_event["foreign"]
    assert invite_organiser_client.get(f"{SPEAKERS}{view}/{foreign.pk}/").status_code == 404
    assert invite_organiser_client.get(f"{SPEAKERS}{view}/{speakers_by_event['session'].pk}/").status_code == 200


def test_another_events_speaker_cannot_be_changed_or_deleted(invite_organiser_client, speakers_by_event):
    foreign = speakers_by_event["foreign"]
    assert invite_organiser_client.post(f"{SPEAKERS}edit/{foreign.pk}/", {"first_name": "X"}).status_code == 404
    assert invite_organiser_client.post(f"{SPEAKERS}delete/{foreign.pk}/").status_code == 404
    foreign.refresh_from_db()
    assert (foreign.first_name, foreign.email) == ("Fay", "fay@example.org")


@pytest.mark.parametrize("kind", ["session", "invited", "added"])
def test_speaker_of_the_organisers_event_shows_private_fields(invite_organiser_client, speakers_by_event, kind):
    speaker = speakers_by_event[kind]
    speaker.email, speaker.travel_needs = f"{kind}@example.org", f"Needs of {kind}"
    speaker.save()
    form = invite_organiser_client.get(f"{SPEAKERS}edit/{speaker.pk}/").context["form"]
    assert (form["email"].value(), form["travel_needs"].value()) == (f"{kind}@example.org", f"Needs of {kind}")


def test_speaker_shared_with_another_event_is_not_deleted(invite_organiser_client, speakers_by_event):
    shared = speakers_by_event["shared"]
    assert invite_organiser_client.post(f"{SPEAKERS}delete/{shared.pk}/").status_code == 403
    assert invite_organiser_client.post(f"{SPEAKERS}delete/{speakers_by_event['added'].pk}/").status_code == 302
    assert sorted(
        Speaker.objects.filter(pk__in=[shared.pk, speakers_by_event["added"].pk]).values_list("last_name", flat=True)
    ) == ["Shared"]


def speaker_form(**overrides) -> dict:
    data = {
        "honorific": "",
        "first_name": "Nadia",
        "last_name": "New",
        "slug": "",
        "position": "",
        "organisation": "OECD",
        "country": "",
        "website": "",
        "social_url": "",
        "email": "nadia@example.org",
        "language": "en",
        "gender": "",
        "travel_needs": "",
        "accessibility_needs": "",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_new_speaker_is_added_for_one_of_the_organisers_events(invite_organiser_client, invite_event, other_event):
    form = invite_organiser_client.get(SPEAKERS + "add/").context["form"]
    assert list(form.fields["added_for_event"].queryset) == [invite_event]
    missing = invite_organiser_client.post(SPEAKERS + "add/", speaker_form())
    assert missing.context["form"].errors["added_for_event"] == ["This field is required."]
    foreign = invite_organiser_client.post(SPEAKERS + "add/", speaker_form(added_for_event=other_event.pk))
    assert foreign.context["form"].errors["added_for_event"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Speaker.objects.count() == 0
    created = invite_organiser_client.post(SPEAKERS + "add/", speaker_form(added_for_event=invite_event.pk))
    assert created.status_code == 302
    speaker = Speaker.objects.get()
    assert speaker.added_for_event == invite_event
    edit = invite_organiser_client.get(f"{SPEAKERS}edit/{speaker.pk}/")
    assert edit.status_code == 200
    assert "added_for_event" not in edit.context["form"].fields


def test_speaker_chooser_offers_every_published_speaker_by_public_fields(invite_organiser_client, speakers_by_event):
    SpeakerFactory(first_name="Una", last_name="Unpublished", is_published=False)
    own_draft = SpeakerFactory(
        first_name="Dora",
        last_name="Draft",
        is_published=False,
        added_for_event=speakers_by_event["added"].added_for_event,
    )
    response = invite_organiser_client.get(CHOOSER + "results/")
    assert response.status_code == 200
    html = response.content.decode()
    listed = [speaker.last_name for speaker in response.context["results"]]
    assert listed == ["Added", "Draft", "Foreign", "Invited", "Session", "Shared"]
    assert "University of Nairobi" in html
    for private in ("fay@example.org", "Visa for Schengen", "sol@example.org"):
        assert private not in html
    foreign = speakers_by_event["foreign"]
    chosen = invite_organiser_client.get(f"{CHOOSER}chosen/{foreign.pk}/")
    assert chosen.json()["result"] == {"id": str(foreign.pk), "string": "Fay Foreign", "edit_url": None}
    assert invite_organiser_client.get(f"{CHOOSER}chosen/{own_draft.pk}/").status_code == 200
    unpublished = Speaker.objects.get(last_name="Unpublished")
    assert invite_organiser_client.get(f"{CHOOSER}chosen/{unpublished.pk}/").status_code == 404


def test_session_editor_uses_the_speaker_chooser(invite_organiser_client, sessions):
    html = invite_organiser_client.get(f"/admin/agenda/sessions/edit/{sessions[0].pk}/").content.decode()
    assert CHOOSER in html


def test_organiser_puts_another_events_speaker_on_a_session(invite_organiser_client, speakers_by_event, sessions):
    """One person speaks at several events: chosen by public fields, the
    speaker belongs to this event too from then on."""
    foreign = speakers_by_event["foreign"]
    assert invite_organiser_client.get(f"{SPEAKERS}edit/{foreign.pk}/").status_code == 404
    SessionSpeakerFactory(session=sessions[0], speaker=foreign)
    assert invite_organiser_client.get(f"{SPEAKERS}edit/{foreign.pk}/").status_code == 200


def test_invitation_form_lists_speakers_by_name_and_organisation(invite_organiser_client, speakers_by_event):
    html = invite_organiser_client.get(INDEX + "new/").content.decode()
    assert '">Fay Foreign (University of Nairobi)</option>' in html
    assert "fay@example.org" not in html


def test_invitation_listing_filter_offers_only_the_organisers_events(
    invite_organiser_client, invite_event, other_event
):
    form = invite_organiser_client.get(INDEX).context["filters"].form
    assert list(form.fields["event"].queryset) == [invite_event]


def test_dashboard_balance_panel_lists_only_the_organisers_events(invite_organiser_client, invite_event, other_event):
    html = invite_organiser_client.get("/admin/").content.decode()
    assert f'href="/admin/speakers/invitations/balance/{invite_event.pk}/"' in html
    assert f'href="/admin/speakers/invitations/balance/{other_event.pk}/"' not in html
    assert "Someone else's workshop" not in html


def test_speaker_and_invitation_exports_neutralise_formulas(invite_organiser_client, invite, sessions):
    speaker = SpeakerFactory(first_name='=HYPERLINK("http://evil.example")', last_name="Formula")
    SessionSpeakerFactory(session=sessions[0], speaker=speaker)
    invite(first_name="+Plus", last_name="@At", email="plus@example.org")
    speakers = list(csv.reader(io.StringIO(streamed(invite_organiser_client.get(SPEAKERS + "?export=csv")))))
    invitations = list(csv.reader(io.StringIO(streamed(invite_organiser_client.get(INDEX + "?export=csv")))))
    assert speakers[1][:2] == ['\'=HYPERLINK("http://evil.example")', "Formula"]
    assert invitations[1][:2] == ["'+Plus @At", "plus@example.org"]


def test_balance_export_neutralises_formulas(invite_organiser_client, invite_event, sessions):
    sessions[0].title = "=1+1"
    sessions[0].save()
    response = invite_organiser_client.get(f"{INDEX}balance/{invite_event.pk}/?export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[0] for row in rows[1:3]] == ["'=1+1", "Neurorights in law"]


def test_speaker_chooser_search_matches_every_word_among_the_choices(invite_organiser_client, speakers_by_event):
    SpeakerFactory(first_name="Fay", last_name="Hidden", is_published=False)

    response = invite_organiser_client.get(CHOOSER + "results/", {"q": "fay"})

    assert response.status_code == 200
    assert [speaker.last_name for speaker in response.context["results"]] == ["Foreign"]
