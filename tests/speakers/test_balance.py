"""Panel balance on a fixture with known answers.

Event with four sessions (plus one cancelled, ignored):
- Opening: Ana (woman, BR: III), Ben (man, FR: I), Chen (man, CN: IV) -> balanced
- Panel A: Ben (man, FR: I), Dirk (man, DE: I)          -> no woman, one region (I)
- Panel B: Ana (woman, BR: III), Eve (woman, no consent, EG: Vb) -> not flagged
- Solo keynote: Fatou (woman, SN: Va)                    -> one speaker: never flagged
- Cancelled: Dirk, Ben                                   -> not counted
Distinct speakers: Ana, Ben, Chen, Dirk, Eve, Fatou = 6;
by gender: woman 2 (Ana, Fatou), man 3, not stated 1 (Eve: no consent);
by region: I 2 (Ben, Dirk), III 1, IV 1, Va 1, Vb 1."""

import pytest

from speakers.balance import event_balance
from speakers.regions import COUNTRY_REGION, Region, region_for_country
from tests.factories import SessionFactory, SessionSpeakerFactory, SpeakerFactory, local, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def balance_event():
    event = make_event(title="Balance forum")
    people = {
        "ana": SpeakerFactory(first_name="Ana", country="BR", gender="woman", gender_consent=True),
        "ben": SpeakerFactory(first_name="Ben", country="FR", gender="man", gender_consent=True),
        "chen": SpeakerFactory(first_name="Chen", country="CN", gender="man", gender_consent=True),
        "dirk": SpeakerFactory(first_name="Dirk", country="DE", gender="man", gender_consent=True),
        "eve": SpeakerFactory(first_name="Eve", country="EG", gender="woman", gender_consent=False),
        "fatou": SpeakerFactory(first_name="Fatou", country="SN", gender="woman", gender_consent=True),
    }
    plan = [
        ("Opening", ["ana", "ben", "chen"], False),
        ("Panel A", ["ben", "dirk"], False),
        ("Panel B", ["ana", "eve"], False),
        ("Solo keynote", ["fatou"], False),
        ("Cancelled panel", ["dirk", "ben"], True),
    ]
    for hour, (title, names, cancelled) in enumerate(plan, start=8):
        session = SessionFactory(event=event, title=title, starts_at=local(event, 0, hour), is_cancelled=cancelled)
        for order, name in enumerate(names):
            SessionSpeakerFactory(session=session, speaker=people[name], sort_order=order)
    return event


def test_event_balance_figures(balance_event):
    balance = event_balance(balance_event)
    assert balance.speaker_count == 6
    assert balance.by_gender == {"woman": 2, "man": 3, "non_binary": 0, "undisclosed": 0, "": 1}
    assert balance.by_region == {"I": 2, "II": 0, "III": 1, "IV": 1, "Va": 1, "Vb": 1, "": 0}
    assert balance.no_woman_count == 1
    assert balance.one_region_count == 1
    assert [row.session.title for row in balance.flagged_sessions] == ["Panel A"]


def test_session_balance_figures(balance_event):
    rows = {row.session.title: row for row in event_balance(balance_event).sessions}
    assert list(rows) == ["Opening", "Panel A", "Panel B", "Solo keynote"]
    assert [(title, row.speaker_count, row.no_woman, row.one_region) for title, row in rows.items()] == [
        ("Opening", 3, False, False),
        ("Panel A", 2, True, True),
        ("Panel B", 2, False, False),
        ("Solo keynote", 1, False, False),
    ]
    assert rows["Panel B"].by_gender == {"woman": 1, "man": 0, "non_binary": 0, "undisclosed": 0, "": 1}
    assert rows["Opening"].by_region == {"I": 1, "II": 0, "III": 1, "IV": 1, "Va": 0, "Vb": 0, "": 0}


def test_session_with_unknown_region_is_not_flagged_one_region(balance_event):
    session = SessionFactory(event=balance_event, title="Mixed", starts_at=local(balance_event, 1, 9))
    SessionSpeakerFactory(session=session, speaker=SpeakerFactory(country="FR", gender="woman", gender_consent=True))
    SessionSpeakerFactory(session=session, speaker=SpeakerFactory(country="", gender="woman", gender_consent=True))
    row = next(row for row in event_balance(balance_event).sessions if row.session.title == "Mixed")
    assert (row.one_region, row.no_woman, row.by_region[""]) == (False, False, 1)


@pytest.mark.parametrize("count", [1, 10])
def test_event_balance_query_count_does_not_grow_with_sessions(count, django_assert_num_queries):
    event = make_event(title="Balance forum")
    for hour in range(count):
        session = SessionFactory(event=event, title=f"Panel {hour}", starts_at=local(event, 0, 8 + hour))
        SessionSpeakerFactory(
            session=session, speaker=SpeakerFactory(country="BR", gender="woman", gender_consent=True)
        )
        SessionSpeakerFactory(session=session, speaker=SpeakerFactory(country="FR", gender="man", gender_consent=True))

    with django_assert_num_queries(2):
        balance = event_balance(event)

    assert (len(balance.sessions), balance.speaker_count) == (count, 2 * count)


def test_region_mapping_covers_the_member_states():
    counts = {region: sum(1 for value in COUNTRY_REGION.values() if value == region) for region in Region}
    assert counts == {
        Region.GROUP_I: 27,
        Region.GROUP_II: 25,
        Region.GROUP_III: 33,
        Region.GROUP_IV: 44,
        Region.GROUP_VA: 47,
        Region.GROUP_VB: 19,
    }
    assert [region_for_country(code) for code in ("fr", "RU", "MX", "TH", "KE", "SA", "AQ", "")] == [
        Region.GROUP_I,
        Region.GROUP_II,
        Region.GROUP_III,
        Region.GROUP_IV,
        Region.GROUP_VA,
        Region.GROUP_VB,
        None,
        None,
    ]
