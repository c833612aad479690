"""Demo registration content for ``manage.py load_demo`` (idempotent):
settings and the default categories of an intergovernmental forum for both
demo events, two extra questions, an invitation code, and a few dozen
registrations in every status."""

import datetime

from django.db import transaction
from django.utils import timezone

from home.demo_translations.apply import translate_demo_registration
from registration.models import (
    AttendanceMode,
    Category,
    InvitationCode,
    Question,
    QuestionKind,
    Registration,
    RegistrationLogEntry,
    RegistrationMode,
    RegistrationSettings,
    RegistrationStatus,
)

# name, slug, badge colour, approval required, public
DEFAULT_CATEGORIES = [
    ("Member State delegation", "member-state", "#1f5f8b", False, True),
    ("UN system and IGOs", "un-system", "#4a90c2", False, True),
    ("Civil society", "civil-society", "#2e7d32", False, True),
    ("Academia", "academia", "#6a1b9a", False, True),
    ("Private sector", "private-sector", "#ef6c00", False, True),
    ("Media", "media", "#c62828", True, True),
    ("Speaker", "speaker", "#8b1f3f", False, False),
    ("Staff", "staff", "#455a64", False, False),
]

PEOPLE = [
    ("H.E.", "Amina", "Diallo", "SN", "member-state", "Permanent Delegation of Senegal"),
    ("", "Lucas", "Moreau", "FR", "member-state", "Ministry of Europe and Foreign Affairs"),
    ("Dr", "Mei", "Chen", "CN", "academia", "Tsinghua University"),
    ("", "Kofi", "Mensah", "GH", "civil-society", "AI Ethics Lab Ghana"),
    ("Prof.", "Lina", "Haddad", "JO", "academia", "University of Jordan"),
    ("", "Sofía", "García", "ES", "private-sector", "Telefónica"),
    ("", "Ravi", "Patel", "IN", "un-system", "ITU"),
    ("", "Olga", "Ivanova", "KZ", "member-state", "Ministry of Digital Development"),
    ("", "Jonas", "Berg", "NO", "media", "NRK"),
    ("", "Ana", "Souza", "BR", "civil-society", "Instituto Igarapé"),
    ("", "Tomás", "Rojas", "CL", "academia", "Universidad de Chile"),
    ("", "Fatima", "Zahra", "MA", "member-state", "Ministry of Digital Transition"),
    ("", "Kenji", "Sato", "JP", "private-sector", "NEC"),
    ("", "Grace", "Wanjiru", "KE", "civil-society", "Kenya ICT Action Network"),
    ("", "Pierre", "Dubois", "CA", "un-system", "UNDP"),
    ("", "Nadia", "Rahman", "BD", "academia", "BRAC University"),
    ("", "Hugo", "Silva", "PT", "media", "Público"),
    ("", "Aisha", "Bello", "NG", "member-state", "Federal Ministry of Communications"),
]


def _categories(event) -> dict[str, Category]:
    categories = {}
    for order, (name, slug, colour, approval, public) in enumerate(DEFAULT_CATEGORIES):
        category, _ = Category.objects.get_or_create(
            event=event,
            slug=slug,
            defaults={
                "name": name,
                "badge_colour": colour,
                "approval_required": approval,
                "is_public": public,
                "sort_order": order * 10,
            },
        )
        categories[slug] = category
    return categories


def _registrations(event, categories, *, count: int, statuses: list[str]) -> None:
    if Registration.objects.filter(event=event).exists():
        return
    for index in range(count):
        honorific, first, last, country, slug, organisation = PEOPLE[index % len(PEOPLE)]
        status = statuses[index % len(statuses)]
        if slug == "media" and status == RegistrationStatus.CONFIRMED:
            status = RegistrationStatus.PENDING
        registration = Registration.objects.create(
            event=event,
            category=categories[slug],
            status=status,
            attendance_mode=AttendanceMode.ONLINE if index % 5 == 4 else AttendanceMode.IN_PERSON,
            honorific=honorific,
            first_name=first,
            last_name=last if index < len(PEOPLE) else f"{last} {index // len(PEOPLE) + 1}",
            email=f"demo.{first.lower()}.{index}@example.org".replace("í", "i").replace("á", "a"),
            organisation=organisation,
            country=country,
            preferred_language=["en", "fr", "es"][index % 3],
            dietary_needs="Vegetarian" if index % 7 == 0 else "",
            accessibility_needs="Step-free access" if index % 11 == 0 else "",
            visa_letter_requested=index % 6 == 0,
            photo_consent=index % 4 != 0,
            list_consent=index % 3 != 0,
            privacy_accepted_at=timezone.now(),
            status_changed_at=timezone.now(),
        )
        RegistrationLogEntry.objects.create(
            registration=registration, from_status="", to_status=status, reason="Demo registration"
        )


def load_demo(context: dict) -> None:
    forum, dialogue = context["forum"], context["dialogue"]
    now = timezone.now()
    with transaction.atomic():
        RegistrationSettings.objects.get_or_create(
            event=forum,
            defaults={
                "opens_at": now - datetime.timedelta(days=1),
                "mode": RegistrationMode.OPEN,
                "capacity_in_person": 1500,
                "capacity_online": None,
                "waitlist_enabled": True,
            },
        )
        dialogue_settings, dialogue_created = RegistrationSettings.objects.get_or_create(
            event=dialogue,
            defaults={
                "opens_at": now - datetime.timedelta(days=1),
                "mode": RegistrationMode.OPEN,
                "capacity_in_person": 24,
                "capacity_online": 100,
                "waitlist_enabled": True,
            },
        )
        forum_categories = _categories(forum)
        dialogue_categories = _categories(dialogue)
        InvitationCode.objects.get_or_create(
            category=forum_categories["staff"], code="FORUM-STAFF", defaults={"max_uses": 50}
        )
        Question.objects.get_or_create(
            event=forum,
            label="Which themes interest you most?",
            defaults={
                "kind": QuestionKind.MULTIPLE_CHOICE,
                "choices": "Governance\nHealth\nEducation\nEnvironment\nGender equality",
                "sort_order": 10,
            },
        )
        Question.objects.get_or_create(
            event=forum,
            label="Will you attend the opening reception?",
            defaults={"kind": QuestionKind.YES_NO, "required": True, "sort_order": 20},
        )
        Question.objects.get_or_create(
            event=dialogue,
            label="What would you like the dialogue to address?",
            defaults={"kind": QuestionKind.LONG_TEXT, "sort_order": 10},
        )
        _registrations(
            forum,
            forum_categories,
            count=36,
            statuses=[
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.PENDING,
                RegistrationStatus.CANCELLED,
            ],
        )
        _registrations(
            dialogue,
            dialogue_categories,
            count=30,
            statuses=[RegistrationStatus.CONFIRMED] * 4 + [RegistrationStatus.WAITLISTED, RegistrationStatus.REJECTED],
        )
        if dialogue_created:
            # The dialogue is full in person, so its waiting list is real.
            dialogue_settings.capacity_in_person = Registration.objects.filter(
                event=dialogue, status=RegistrationStatus.CONFIRMED, attendance_mode=AttendanceMode.IN_PERSON
            ).count()
            dialogue_settings.save(update_fields=["capacity_in_person"])
        translate_demo_registration(events=[forum, dialogue])
