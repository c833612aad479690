"""Demo delegations for ``manage.py load_demo`` (idempotent; runs after
``registration.demo``, which makes the Forum's categories): three Member
State delegations to the Forum, 5 seats each in "Member State delegation",
part-filled with 3, 2 and 1 nominees awaiting approval; the first has its
head named and its note verbale (a small PDF drawn here).

The focal points are accounts with a verified address; they sign in with
the demo password under DEBUG only (elsewhere their password is unusable,
as no demo account may open a production site)."""

import io
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from home.demo import DEMO_PASSWORD
from home.tokens import hash_token, new_salt, token_for_salt
from registration.delegations.models import Delegation, DelegationLogEntry, DelegationQuota, Nomination
from registration.delegations.services import TOKEN_PURPOSE
from registration.models import Category, Registration, RegistrationLogEntry, RegistrationStatus

SEATS = 5
MEMBER_STATE_SLUG = "member-state"

# country, focal point (name, email, language), nominees (honorific, first, last, position), head named, note verbale
DELEGATIONS = [
    (
        "SN",
        ("Awa Ndiaye", "focal.senegal@example.org", "fr"),
        [
            ("H.E.", "Moussa", "Sarr", "Minister of Communication and Digital Economy"),
            ("Ms", "Fatou", "Diop", "Director of Digital Policy"),
            ("Mr", "Ibrahima", "Fall", "Counsellor, Permanent Delegation"),
        ],
        True,
    ),
    (
        "MX",
        ("Carlos Ortega", "focal.mexico@example.org", "es"),
        [
            ("Dr", "Lucía", "Hernández", "Undersecretary for Science and Technology"),
            ("Mr", "Diego", "Ramírez", "Adviser, Permanent Delegation"),
        ],
        False,
    ),
    (
        "NO",
        ("Ingrid Solberg", "focal.norway@example.org", "en"),
        [("Ms", "Kari", "Nordmann", "Senior Adviser, Ministry of Digitalisation")],
        False,
    ),
]


def note_verbale_pdf(country_name: str, event_title: str) -> bytes:
    """A one-page letter, as a Permanent Delegation would send."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    canvas.setTitle(f"Note verbale: {country_name}")
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawCentredString(width / 2, height - 30 * mm, f"Permanent Delegation of {country_name}")
    canvas.setFont("Helvetica", 11)
    lines = [
        "NOTE VERBALE",
        "",
        f"The Permanent Delegation of {country_name} presents its compliments to the Secretariat",
        f"and has the honour to communicate the composition of its delegation to the {event_title}.",
        "",
        "The Permanent Delegation avails itself of this opportunity to renew to the Secretariat",
        "the assurances of its highest consideration.",
    ]
    y = height - 50 * mm
    for line in lines:
        canvas.drawString(25 * mm, y, line)
        y -= 7 * mm
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _focal_point(email: str, name: str):
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        first, _, last = name.partition(" ")
        user = User(username=email.split("@")[0], email=email, first_name=first, last_name=last)
        if settings.DEBUG:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _delegation(event, country: str, focal_point, *, name: str, email: str, language: str) -> Delegation:
    delegation = Delegation.objects.filter(event=event, country=country).first()
    if delegation is not None:
        return delegation
    salt = new_salt()
    now = timezone.now()
    delegation = Delegation.objects.create(
        event=event,
        country=country,
        focal_point_name=name,
        focal_point_email=email,
        language=language,
        focal_point=focal_point,
        token_salt=salt,
        token_hash=hash_token(token_for_salt(salt, purpose=TOKEN_PURPOSE)),
        invited_at=now,
        accepted_at=now,
    )
    for action in (DelegationLogEntry.Action.CREATED, DelegationLogEntry.Action.INVITED):
        DelegationLogEntry.objects.create(delegation=delegation, action=action, detail="Demo delegation")
    DelegationLogEntry.objects.create(delegation=delegation, action=DelegationLogEntry.Action.ACCEPTED, by=focal_point)
    return delegation


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _nominate(delegation: Delegation, category: Category, focal_point, people, *, head: bool) -> None:
    if delegation.nominations.exists():
        return
    domain = f"{str(delegation.country.name).lower().replace(' ', '-')}.example.org"
    for index, (honorific, first, last, position) in enumerate(people):
        registration = Registration.objects.create(
            event=delegation.event,
            category=category,
            status=RegistrationStatus.PENDING,
            honorific=honorific,
            first_name=first,
            last_name=last,
            position=position,
            email=_ascii(f"{first.lower()}.{last.lower()}@{domain}"),
            organisation=f"Government of {delegation.country.name}",
            country=delegation.country.code,
            preferred_language=delegation.language,
            registered_by=focal_point,
            status_changed_at=timezone.now(),
        )
        RegistrationLogEntry.objects.create(
            registration=registration, from_status="", to_status=RegistrationStatus.PENDING, by=focal_point
        )
        Nomination.objects.create(
            registration=registration, delegation=delegation, nominated_by=focal_point, is_head=head and index == 0
        )
        DelegationLogEntry.objects.create(
            delegation=delegation,
            action=DelegationLogEntry.Action.NOMINATED,
            by=focal_point,
            detail=f"{registration.full_name} ({category.name})",
        )
    if head:
        DelegationLogEntry.objects.create(
            delegation=delegation,
            action=DelegationLogEntry.Action.HEAD_NAMED,
            by=focal_point,
            detail=f"{people[0][0]} {people[0][1]} {people[0][2]}",
        )


def _note_verbale(delegation: Delegation, focal_point) -> None:
    if delegation.note_verbale:
        return
    pdf = note_verbale_pdf(str(delegation.country.name), delegation.event.title)
    delegation.note_verbale.save("note-verbale.pdf", ContentFile(pdf), save=False)
    delegation.note_verbale_uploaded_at = timezone.now()
    delegation.save(update_fields=["note_verbale", "note_verbale_uploaded_at", "updated_at"])
    DelegationLogEntry.objects.create(
        delegation=delegation, action=DelegationLogEntry.Action.NOTE_VERBALE, by=focal_point, detail="note-verbale.pdf"
    )


def load_demo(context: dict) -> None:
    forum = context["forum"]
    category = Category.objects.filter(event=forum, slug=MEMBER_STATE_SLUG).first()
    if category is None:  # registration.demo did not run
        return
    with transaction.atomic():
        for country, (name, email, language), people, complete in DELEGATIONS:
            focal_point = _focal_point(email, name)
            delegation = _delegation(forum, country, focal_point, name=name, email=email, language=language)
            DelegationQuota.objects.get_or_create(delegation=delegation, category=category, defaults={"seats": SEATS})
            _nominate(delegation, category, focal_point, people, head=complete)
            if complete:
                _note_verbale(delegation, focal_point)
            context.setdefault("accounts", []).append((f"Focal point of {delegation.name}", email))
