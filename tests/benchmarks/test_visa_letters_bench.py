"""Visa letter figures (``make bench``): 1,000 waiting requests of one event
(letters numbered GF2026-...) issued in one batch by the service the admin's
"Issue letters for the selected requests" calls
(``services.visa_requests_approve``). Celery runs eagerly, as in every test,
and the test is transactional, so each approval commits and then, as after
a real commit, builds its letter's PDF, writes the outbox row with the PDF
attached and sends it (to Django's in-memory mailbox). Then the same 1,000
letters drawn as one PDF (``pdf.render_letters_pdf``). Prints the seconds;
docs/benchmarks/visa-letters.md records them.

Run: make bench PYTEST_ARGS=tests/benchmarks/test_visa_letters_bench.py
(or: pytest tests/benchmarks/test_visa_letters_bench.py -p no:randomly -s -o addopts="")"""

import datetime
import resource
import time

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from home.models import OutgoingEmail
from registration.models import Registration, RegistrationStatus
from registration.visas import selectors
from registration.visas.models import VisaLetterRequest, VisaLetterSettings, VisaLetterStatus
from registration.visas.pdf import render_letters_pdf
from registration.visas.services import visa_requests_approve
from tests.factories import CategoryFactory, UserFactory, make_event
from tests.helpers import pdf_page_sizes

LETTERS = 1_000
AIM_SECONDS = 60

FIRST_NAMES = ["Amina", "José", "Zoë", "Kwame", "Nguyễn", "Olúwaseun", "Ana", "Łukasz", "Chloé", "Dmitri"]
LAST_NAMES = ["Diallo", "Müller", "García", "Mensah", "Traoré", "Kowalski", "Nkemelu", "Ibáñez", "Petrović", "Smith"]
NATIONALITIES = ["GH", "SN", "NG", "IN", "BR", "VN", "PK", "EG", "KE", "PH"]
LANGUAGES = ["en", "fr", "es"]


def seed():
    event = make_event(
        title="Global Forum on the Ethics of Artificial Intelligence 2026",
        start_date=datetime.date(2026, 6, 24),
        end_date=datetime.date(2026, 6, 26),
    )
    settings = VisaLetterSettings.objects.create(
        event=event,
        offers_letters=True,
        number_prefix="GF",
        signatory_name="Dr Amina Diallo",
        signatory_title="Secretary of the Forum",
    )
    category = CategoryFactory(event=event, name="Member States")
    now = timezone.now()
    registrations = Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                category=category,
                status=RegistrationStatus.CONFIRMED,
                first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
                last_name=f"{LAST_NAMES[(n // 10) % len(LAST_NAMES)]}-{n:04d}",
                email=f"p{n}@example.org",
                position="Director of Digital Policy",
                organisation=f"Ministry of Foreign Affairs of {NATIONALITIES[n % len(NATIONALITIES)]}",
                country=NATIONALITIES[n % len(NATIONALITIES)],
                preferred_language=LANGUAGES[n % len(LANGUAGES)],
                privacy_accepted_at=now,
            )
            for n in range(LETTERS)
        ],
        batch_size=500,
    )
    # Through the model (its EncryptedField encrypts each value as it is
    # written), as visa_request_submit stores them.
    VisaLetterRequest.objects.bulk_create(
        [
            VisaLetterRequest(
                registration=registration,
                event=event,
                passport_name=f"{registration.first_name} {registration.last_name}".upper(),
                passport_number=f"P{n:07d}",
                nationality=registration.country,
                date_of_birth=datetime.date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
                passport_issued_on=datetime.date(2020, 1 + n % 12, 1 + n % 28),
                passport_expires_on=datetime.date(2030, 1 + n % 12, 1 + n % 28),
                consulate_city="Accra",
                stay_from=datetime.date(2026, 6, 22),
                stay_until=datetime.date(2026, 6, 28),
                language=registration.preferred_language,
                requested_at=now + datetime.timedelta(seconds=n),
            )
            for n, registration in enumerate(registrations)
        ],
        batch_size=500,
    )
    return event, settings


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_root")
def test_bench_1000_visa_letters_issued_built_and_queued():
    event, settings = seed()
    superuser = UserFactory(is_superuser=True, is_staff=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT passport_number FROM visas_visaletterrequest ORDER BY id LIMIT 1")
        (stored,) = cursor.fetchone()
    assert stored.startswith("gAAAAA")  # a Fernet token, not P0000000
    # What the admin's bulk view hands the service: the chosen requests, in order.
    chosen = list(selectors.requests_for(user=superuser).filter(event=event).order_by("requested_at", "pk"))
    assert len(chosen) == LETTERS
    mail.outbox.clear()

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with connection.execute_wrapper(count):
        started, cpu = time.perf_counter(), time.process_time()
        done, problems = visa_requests_approve(requests=chosen, by=superuser)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    numbers = list(
        VisaLetterRequest.objects.filter(event=event, status=VisaLetterStatus.APPROVED)
        .order_by("number")
        .values_list("number", flat=True)
    )
    rows = OutgoingEmail.objects.filter(kind="visa_letter")
    attachments = [message.attachments for message in mail.outbox]
    print(
        f"\nVISA LETTERS: {done} issued, built and queued in {elapsed:.1f} s "
        f"({elapsed / LETTERS * 1000:.1f} ms each, {cpu:.1f} s CPU, one process, {queries / LETTERS:.0f} queries each); "
        f"aim < {AIM_SECONDS} s; "
        f"outbox rows {rows.count()} ({rows.filter(status='sent').count()} sent), "
        f"{len(mail.outbox)} emails with {sum(len(files) for files in attachments)} PDFs attached; "
        f"peak RSS {peak / 1024:.0f} MB (process {before / 1024:.0f} MB before)"
    )
    assert (done, problems) == (LETTERS, [])
    assert numbers == [f"GF2026-{n:04d}" for n in range(1, LETTERS + 1)]
    assert rows.count() == LETTERS
    assert sorted(rows.values_list("to", flat=True)) == sorted(f"p{n}@example.org" for n in range(LETTERS))
    assert len(mail.outbox) == LETTERS
    assert all(
        len(files) == 1 and files[0][0].startswith("visa-letter-GF2026-") and files[0][1][:4] == b"%PDF"
        for files in attachments
    )
    assert elapsed < AIM_SECONDS

    # The same 1,000 letters as one PDF, one page each.
    issued = list(
        VisaLetterRequest.objects.filter(event=event).select_related("registration", "event").order_by("number")
    )
    started, cpu = time.perf_counter(), time.process_time()
    pdf = render_letters_pdf(issued, settings)
    together, cpu = time.perf_counter() - started, time.process_time() - cpu
    pages = pdf_page_sizes(pdf)
    print(
        f"VISA LETTERS as one PDF: {len(pages)} pages in {together:.1f} s "
        f"({together / LETTERS * 1000:.1f} ms each, {cpu:.1f} s CPU), PDF {len(pdf) / 1e6:.1f} MB"
    )
    assert pdf[:4] == b"%PDF"
    assert len(pages) == LETTERS
