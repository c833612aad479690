"""Demo agendas: a three-day Global Forum (9 rooms, 7 tracks, 80+ sessions,
64 speakers) and a one-day policy dialogue. All names and sessions are
invented. Idempotent: an event that already has rooms is left alone."""

import datetime
import random

from django.db import transaction

from home.demo_translations.apply import translate_demo_agenda
from sessions.models import (
    EventPage,
    Room,
    Session,
    SessionSpeaker,
    SessionType,
    SpeakerRole,
    Track,
    Visibility,
)
from speakers.models import Gender, Speaker

FORUM_ROOMS = [
    ("Plenary Hall", 1800, "Ground", "Step-free access; induction loop; wheelchair spaces in row A."),
    ("Sapphire Room", 400, "1", "Step-free access by lift B."),
    ("Emerald Room", 300, "1", "Step-free access by lift B."),
    ("Ruby Room", 250, "2", "Step-free access by lift C."),
    ("Jade Room", 200, "2", "Step-free access by lift C."),
    ("Lotus Room", 150, "3", "Step-free access by lift C; quiet room next door."),
    ("Orchid Room", 120, "3", "Step-free access by lift C."),
    ("Teak Room", 80, "3", "Step-free access by lift C."),
    ("Exhibition Foyer", 600, "Ground", "Step-free access; seating available."),
]
TRACKS = [
    ("Human rights and AI", "#1f5f8b"),
    ("Gender equality", "#8b1f6b"),
    ("Environment and sustainability", "#2e7d32"),
    ("Neurotechnology", "#6a1b9a"),
    ("Generative AI", "#c75000"),
    ("Supervisory authorities", "#37474f"),
    ("Readiness assessment", "#00695c"),
]
TOPICS = {
    "Human rights and AI": [
        "Facial recognition in public spaces",
        "Algorithmic decisions in social protection",
        "Remedy for people harmed by automated systems",
        "Children's rights in AI-driven services",
    ],
    "Gender equality": [
        "Closing the gender gap in AI careers",
        "Bias audits for hiring algorithms",
        "Women founders and AI investment",
        "Technology-facilitated gender-based violence",
    ],
    "Environment and sustainability": [
        "The carbon and water footprint of data centres",
        "AI for climate adaptation in coastal cities",
        "Measuring the environmental cost of model training",
        "Satellite data and biodiversity monitoring",
    ],
    "Neurotechnology": [
        "Mental privacy and neural data",
        "Consumer brain-computer interfaces",
        "Neurotechnology in the workplace",
        "Clinical neurotechnology and informed consent",
    ],
    "Generative AI": [
        "Generative AI in classrooms",
        "Synthetic media and electoral integrity",
        "Copyright, creators and training data",
        "Open and closed foundation models",
    ],
    "Supervisory authorities": [
        "Building a network of AI supervisory authorities",
        "Sandboxes that regulators can trust",
        "Incident reporting across borders",
        "Inspecting high-risk systems in practice",
    ],
    "Readiness assessment": [
        "Lessons from fifty readiness assessments",
        "From assessment to national AI strategy",
        "Data infrastructure for small island states",
        "Skills and institutions: what readiness really needs",
    ],
}
ANGLES = ["what works", "voices from the Global South", "the next five years", "from principles to practice"]
SLOTS = [((9, 0), (10, 30)), ((11, 0), (12, 30)), ((14, 0), (15, 30)), ((16, 0), (17, 30))]
LANGUAGES = ["en", "en", "en,fr", "en,es", "en,fr,es", "fr"]
FIRST_NAMES = [
    ("Amara", Gender.WOMAN),
    ("Kwame", Gender.MAN),
    ("Lucía", Gender.WOMAN),
    ("Tariq", Gender.MAN),
    ("Mei", Gender.WOMAN),
    ("Rafael", Gender.MAN),
    ("Ingrid", Gender.WOMAN),
    ("Sipho", Gender.MAN),
    ("Aigerim", Gender.WOMAN),
    ("Mateo", Gender.MAN),
    ("Noor", Gender.WOMAN),
    ("Kenji", Gender.MAN),
    ("Alex", Gender.NON_BINARY),
    ("Fatou", Gender.WOMAN),
    ("Jonas", Gender.MAN),
    ("Priya", Gender.WOMAN),
]
LAST_NAMES = ["Okafor", "Mensah", "Ferreira", "Haddad", "Nakamura", "Lindqvist", "Dlamini", "Sarsenova"]
COUNTRIES = ["NG", "GH", "BR", "LB", "JP", "SE", "ZA", "KZ", "CO", "TH", "IN", "FR", "KE", "CA", "CL", "ID"]
ORGANISATIONS = [
    ("Minister of Digital Economy", "Ministry of Digital Economy"),
    ("Commissioner", "National Data Protection Authority"),
    ("Professor of Computer Science", "University of Cape Town"),
    ("Director", "Centre for AI and Human Rights"),
    ("Head of Policy", "Open Futures Foundation"),
    ("Chief Scientist", "Southern Neurotech Lab"),
    ("Senior Researcher", "Institute for Climate and Computing"),
    ("Chair", "AI Supervisory Board"),
]
HONORIFICS = ["", "Dr", "Prof.", "H.E.", "", ""]


def _local(event: EventPage, day: int, hour: int, minute: int) -> datetime.datetime:
    date = event.start_date + datetime.timedelta(days=day)
    return datetime.datetime(date.year, date.month, date.day, hour, minute, tzinfo=event.tz)


def _mid_sentence(title: str) -> str:
    """A title as it reads inside a sentence: first letter in lower case,
    unless the first word is an acronym ("AI for climate adaptation")."""
    first_word = title.split(" ", 1)[0]
    if len(first_word) > 1 and first_word.isupper():
        return title
    return title[0].lower() + title[1:]


def _speakers() -> list[Speaker]:
    """Sixty-four invented speakers, created once (looked up by slug)."""
    wanted = []
    for i in range(64):
        first, gender = FIRST_NAMES[i % len(FIRST_NAMES)]
        last = LAST_NAMES[(i // len(FIRST_NAMES) + i) % len(LAST_NAMES)]
        position, organisation = ORGANISATIONS[i % len(ORGANISATIONS)]
        slug = f"{first}-{last}-{i + 1}".lower().replace("í", "i")
        wanted.append(
            Speaker(
                slug=slug,
                honorific=HONORIFICS[i % len(HONORIFICS)],
                first_name=first,
                last_name=last,
                position=position,
                organisation=organisation,
                country=COUNTRIES[i % len(COUNTRIES)],
                bio=f"<p>{first} {last} works on the governance of artificial intelligence as "
                f"{position.lower()} at the {organisation}.</p>",
                gender=gender,
                gender_consent=True,
            )
        )
    existing = set(Speaker.objects.filter(slug__in=[s.slug for s in wanted]).values_list("slug", flat=True))
    Speaker.objects.bulk_create([s for s in wanted if s.slug not in existing])
    by_slug = Speaker.objects.in_bulk([s.slug for s in wanted], field_name="slug")
    return [by_slug[s.slug] for s in wanted]


def _forum_agenda(event: EventPage, speakers: list[Speaker]) -> None:
    rooms = Room.objects.bulk_create(
        [
            Room(event=event, name=name, capacity=capacity, floor=floor, accessibility_notes=notes, sort_order=n)
            for n, (name, capacity, floor, notes) in enumerate(FORUM_ROOMS)
        ]
    )
    tracks = Track.objects.bulk_create(
        [Track(event=event, name=name, colour=colour, sort_order=n) for n, (name, colour) in enumerate(TRACKS)]
    )
    plenary, foyer, breakout = rooms[0], rooms[-1], rooms[1:7]
    rng = random.Random(2026)
    sessions: list[Session] = []
    panels: list[tuple[Session, list[Speaker]]] = []
    titles = [
        (track, f"{topic}: {angle}")
        for angle in ANGLES
        for track in tracks
        for topic in TOPICS[track.name][ANGLES.index(angle) % 4 : ANGLES.index(angle) % 4 + 1]
        + TOPICS[track.name][(ANGLES.index(angle) + 2) % 4 : (ANGLES.index(angle) + 2) % 4 + 1]
    ]
    rng.shuffle(titles)
    for day in range(3):
        if day == 0:
            opening = Session(
                event=event,
                title="Opening plenary: governing AI for people and planet",
                session_type=SessionType.PLENARY,
                room=plenary,
                starts_at=_local(event, 0, 8, 0),
                ends_at=_local(event, 0, 8, 55),
                languages="en,fr,es",
                interpretation=True,
                description="<p>Welcome by the host country and the organisers; the Forum's aims for 2026.</p>",
            )
            sessions.append(opening)
            panels.append((opening, rng.sample(speakers, 3)))
        else:
            keynote = Session(
                event=event,
                title=["", "Morning keynote: the state of AI governance", "Morning keynote: AI and the planet"][day],
                session_type=SessionType.KEYNOTE,
                room=plenary,
                starts_at=_local(event, day, 8, 0),
                ends_at=_local(event, day, 8, 50),
                languages="en,fr,es",
                interpretation=True,
            )
            sessions.append(keynote)
            panels.append((keynote, rng.sample(speakers, 1)))
        for slot_index, ((start_h, start_m), (end_h, end_m)) in enumerate(SLOTS):
            busy = rng.sample(speakers, len(speakers))
            for room_index, room in enumerate(breakout):
                track, title = titles.pop() if titles else (tracks[room_index], f"Open session {day}-{slot_index}")
                session_type = [SessionType.PANEL, SessionType.PANEL, SessionType.WORKSHOP, SessionType.KEYNOTE][
                    (room_index + slot_index) % 4
                ]
                session = Session(
                    event=event,
                    title=title,
                    session_type=session_type,
                    track=track,
                    room=room,
                    starts_at=_local(event, day, start_h, start_m),
                    ends_at=_local(event, day, end_h, end_m),
                    languages=LANGUAGES[(room_index + day) % len(LANGUAGES)],
                    interpretation=room_index == 0,
                    capacity=room.capacity,
                    description=f"<p>A {session_type.label.lower()} of the {track.name} track on "
                    f"{_mid_sentence(title)}.</p>",
                )
                sessions.append(session)
                panels.append((session, [busy.pop() for _ in range(1 if session_type == SessionType.KEYNOTE else 4)]))
            if slot_index == 1:
                sessions.append(
                    Session(
                        event=event,
                        title="Lunch",
                        session_type=SessionType.BREAK,
                        room=foyer,
                        starts_at=_local(event, day, 12, 30),
                        ends_at=_local(event, day, 14, 0),
                        languages="",
                    )
                )
        sessions.append(
            Session(
                event=event,
                title=["Welcome reception", "Side event: youth voices on AI", "Closing plenary and outcomes"][day],
                session_type=[SessionType.NETWORKING, SessionType.SIDE_EVENT, SessionType.PLENARY][day],
                room=foyer if day < 2 else plenary,
                starts_at=_local(event, day, 18, 0),
                ends_at=_local(event, day, 19, 30),
                languages="en,fr,es" if day == 2 else "en",
            )
        )
    # A few sessions that show the other states.
    sessions[5].is_cancelled = True
    sessions[5].cancellation_reason = "The panel has merged with the session on supervisory authorities."
    sessions[9].visibility = Visibility.CLOSED
    sessions[9].title = "Ministerial round table (Chatham House rule)"
    sessions[14].visibility = Visibility.DRAFT
    Session.objects.bulk_create(sessions)
    links = []
    for session, people in panels:
        for order, speaker in enumerate(people):
            role = SpeakerRole.MODERATOR if order == 0 and len(people) > 1 else SpeakerRole.PANELLIST
            if session.session_type == SessionType.KEYNOTE:
                role = SpeakerRole.KEYNOTE
            links.append(SessionSpeaker(session=session, speaker=speaker, role=role, sort_order=order))
    SessionSpeaker.objects.bulk_create(links)


def _dialogue_agenda(event: EventPage, speakers: list[Speaker]) -> None:
    hall = Room.objects.create(event=event, name="Room IX", capacity=120, floor="2", sort_order=0)
    annex = Room.objects.create(event=event, name="Room X", capacity=40, floor="2", sort_order=1)
    track = Track.objects.create(event=event, name="Neurotechnology", colour="#6a1b9a")
    plan = [
        ("Opening: why mental privacy matters now", SessionType.PLENARY, hall, (9, 0), (9, 45), Visibility.PUBLIC),
        ("What neural data reveals", SessionType.PANEL, hall, (10, 0), (11, 30), Visibility.PUBLIC),
        ("Regulators' round table", SessionType.WORKSHOP, annex, (10, 0), (11, 30), Visibility.CLOSED),
        ("Lunch", SessionType.BREAK, hall, (12, 0), (13, 30), Visibility.PUBLIC),
        (
            "Drafting principles for consumer neurotechnology",
            SessionType.WORKSHOP,
            hall,
            (13, 30),
            (15, 30),
            Visibility.PUBLIC,
        ),
        ("Conclusions and next steps", SessionType.PLENARY, hall, (16, 0), (17, 0), Visibility.PUBLIC),
    ]
    sessions = [
        Session(
            event=event,
            title=title,
            session_type=kind,
            track=None if kind == SessionType.BREAK else track,
            room=room,
            starts_at=_local(event, 0, *start),
            ends_at=_local(event, 0, *end),
            visibility=visibility,
            languages="" if kind == SessionType.BREAK else "en,fr",
            interpretation=kind != SessionType.BREAK,
        )
        for title, kind, room, start, end, visibility in plan
    ]
    Session.objects.bulk_create(sessions)
    links = []
    for index, session in enumerate(sessions):
        if session.session_type == SessionType.BREAK:
            continue
        for order, speaker in enumerate(speakers[index * 3 : index * 3 + 3]):
            role = SpeakerRole.MODERATOR if order == 0 else SpeakerRole.PANELLIST
            links.append(SessionSpeaker(session=session, speaker=speaker, role=role, sort_order=order))
    SessionSpeaker.objects.bulk_create(links)


def load_demo(context: dict) -> None:
    with transaction.atomic():
        speakers = _speakers()
        forum, dialogue = context["forum"], context["dialogue"]
        if not Room.objects.filter(event=forum).exists():
            _forum_agenda(forum, speakers)
        if not Room.objects.filter(event=dialogue).exists():
            _dialogue_agenda(dialogue, speakers[-20:])
        translate_demo_agenda(events=[forum, dialogue], speakers=speakers)
