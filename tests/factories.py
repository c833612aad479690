"""factory_boy factories, one for every model of the project's apps (pages
are made by functions that add them under their parent page; see
``PAGE_MAKERS``). tests/test_factories.py fails when a model has none."""

import datetime
import zoneinfo

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page, Site

from home.demo import ensure_root_page
from home.models import ContentPage, FooterLink, HomePage, OutgoingEmail, PrivacyNoticeVersion, SiteSettings
from registration.badges.models import BadgeBatch, BadgeKey
from registration.checkin.models import Scan, ScannerToken, SessionAccess, SessionAttendance
from registration.delegations.models import Delegation, DelegationLogEntry, DelegationQuota, Nomination
from registration.mailings.models import Mailing, MailingRecipient
from registration.models import (
    Answer,
    Category,
    DetailChange,
    InvitationCode,
    Question,
    Registration,
    RegistrationLogEntry,
    RegistrationSettings,
    RegistrationStatus,
)
from registration.official_list.models import ParticipantListBuild
from registration.privacy.models import RetentionLogEntry, RetentionPolicy, RetentionRun
from registration.visas.models import LetterNumberSequence, VisaLetterRequest, VisaLetterSettings
from sessions.models import (
    AgendaFeedToken,
    ChangeNotice,
    ChangeNoticeItem,
    ChangeNoticeOptOut,
    CheckinStaff,
    EventIndexPage,
    EventPage,
    Room,
    Session,
    SessionDocument,
    SessionSpeaker,
    StarredSession,
    Track,
)
from speakers.models import Invitation, Speaker

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified primary email, able to sign in with PASSWORD."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Ada"
    last_name = factory.Sequence(lambda n: f"Tester{n}")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = ensure_root_page()
        Page.objects.filter(depth=2).exclude(content_type__model="homepage").update(slug="old-root")
        home = root.add_child(instance=HomePage(title="Home", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
        )
    return home


def events_index() -> EventIndexPage:
    index = EventIndexPage.objects.first()
    if index is None:
        index = home_page().add_child(instance=EventIndexPage(title="Events", slug="events"))
    return index


_page_counter = iter(range(1, 10_000_000))


def make_content_page(parent=None, **fields) -> ContentPage:
    """A content page (published) under ``parent``, the home page by default."""
    n = next(_page_counter)
    page = ContentPage(**{"title": f"About {n}", "slug": f"about-{n}", **fields})
    (parent or home_page()).add_child(instance=page)
    return page


_event_counter = iter(range(1, 10_000_000))


def make_event(**fields) -> EventPage:
    """An event page (published) under the events index."""
    n = next(_event_counter)
    defaults = {
        "title": f"Policy dialogue {n}",
        "slug": f"event-{n}",
        "start_date": datetime.date(2026, 6, 24),
        "end_date": datetime.date(2026, 6, 26),
        "time_zone": "Europe/Paris",
        "venue_name": "Fontenoy Building",
        "venue_city": "Paris",
        "venue_country": "FR",
    }
    defaults.update(fields)
    event = EventPage(**defaults)
    events_index().add_child(instance=event)
    return event


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    event = factory.LazyFunction(make_event)
    name = factory.Sequence(lambda n: f"Room {n}")


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    event = factory.LazyFunction(make_event)
    name = factory.Sequence(lambda n: f"Track {n}")


def local(event: EventPage, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware datetime on the event's ``day`` (0-based) in its time zone."""
    date = event.start_date + datetime.timedelta(days=day)
    return datetime.datetime(date.year, date.month, date.day, hour, minute, tzinfo=zoneinfo.ZoneInfo(event.time_zone))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.LazyFunction(make_event)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(lambda o: local(o.event, 0, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=90))


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    first_name = "Grace"
    last_name = factory.Sequence(lambda n: f"Speaker{n}")
    organisation = "University of Nairobi"
    country = "KE"


class SessionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSpeaker

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(SpeakerFactory)


class RegistrationSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationSettings
        django_get_or_create = ("event",)

    event = factory.LazyFunction(make_event)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    event = factory.LazyFunction(make_event)
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.LazyFunction(make_event)
    user = factory.SubFactory(UserFactory)
    category = factory.LazyAttribute(lambda o: CategoryFactory(event=o.event))
    status = RegistrationStatus.CONFIRMED
    first_name = factory.LazyAttribute(lambda o: o.user.first_name if o.user else "Amina")
    last_name = factory.LazyAttribute(lambda o: o.user.last_name if o.user else "Diallo")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "amina@example.org")
    organisation = "Ministry of Digital Affairs"
    country = "SN"
    # With an account, the person registered themselves (and so accepted the
    # privacy notice); without one, it was made for them and awaits their claim.
    privacy_accepted_at = factory.LazyAttribute(lambda o: timezone.now() if o.user else None)
    claimed_at = factory.LazyAttribute(lambda o: timezone.now() if o.user else None)


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteSettings
        django_get_or_create = ("site",)

    site = factory.LazyFunction(lambda: home_page().get_site())


class FooterLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FooterLink

    settings = factory.SubFactory(SiteSettingsFactory)
    label = factory.Sequence(lambda n: f"Link {n}")
    url = "https://example.org/"


class DocumentFactory(factory.django.DjangoModelFactory):
    """A Wagtail document (not a model of ours: SessionDocument needs one)."""

    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Background paper {n}")
    file = factory.django.FileField(filename="paper.pdf", data=b"%PDF-1.4 background paper")


class SessionDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionDocument

    session = factory.SubFactory(SessionFactory)
    document = factory.SubFactory(DocumentFactory)


class StarredSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StarredSession

    user = factory.SubFactory(UserFactory)
    session = factory.SubFactory(SessionFactory)


class ChangeNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeNotice

    user = factory.SubFactory(UserFactory)
    event = factory.LazyFunction(make_event)
    due_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(minutes=15))


class ChangeNoticeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeNoticeItem

    notice = factory.SubFactory(ChangeNoticeFactory)
    session = factory.LazyAttribute(lambda o: SessionFactory(event=o.notice.event))
    was_starts_at = factory.LazyAttribute(lambda o: o.session.starts_at)
    was_ends_at = factory.LazyAttribute(lambda o: o.session.ends_at)


class ChangeNoticeOptOutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeNoticeOptOut

    user = factory.SubFactory(UserFactory)


class AgendaFeedTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaFeedToken

    user = factory.SubFactory(UserFactory)


class CheckinStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckinStaff

    event = factory.LazyFunction(make_event)
    user = factory.SubFactory(UserFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    """A row as stored; tests that need a working link use the service
    (``speakers.services.invitation_create``), which makes the token."""

    class Meta:
        model = Invitation

    event = factory.LazyFunction(make_event)
    first_name = "Amara"
    last_name = "Nwosu"
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    reply_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    token_salt = factory.Sequence(lambda n: f"salt{n}")
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=11))


class InvitationCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvitationCode

    category = factory.SubFactory(CategoryFactory)
    code = factory.Sequence(lambda n: f"CODE{n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.LazyFunction(make_event)
    label = factory.Sequence(lambda n: f"Question {n}")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    registration = factory.SubFactory(RegistrationFactory)
    question = factory.LazyAttribute(lambda o: QuestionFactory(event=o.registration.event))
    value = "Mental privacy"


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationLogEntry

    registration = factory.SubFactory(RegistrationFactory)
    to_status = RegistrationStatus.CONFIRMED


class DetailChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DetailChange

    registration = factory.SubFactory(RegistrationFactory)
    field = DetailChange.Field.ORGANISATION
    old_value = "Ministry of Digital Affairs"
    new_value = "Ministry of Communication"


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutgoingEmail

    registration = factory.SubFactory(RegistrationFactory)
    kind = "confirmed"
    to = factory.LazyAttribute(lambda o: o.registration.email if o.registration else "amina@example.org")


class ScanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scan

    registration = factory.SubFactory(RegistrationFactory)
    event = factory.LazyAttribute(lambda o: o.registration.event if o.registration else make_event())
    staff = factory.SubFactory(UserFactory)
    result = "ok"
    scanned_at = factory.LazyFunction(timezone.now)


class BadgeBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BadgeBatch

    event = factory.LazyFunction(make_event)


class BadgeKeyFactory(factory.django.DjangoModelFactory):
    """A row as stored; badges are signed through ``registration.badges.signing``,
    which makes the event's key on first use."""

    class Meta:
        model = BadgeKey

    event = factory.LazyFunction(make_event)
    kid = factory.Sequence(lambda n: n + 1)
    public_key = factory.LazyFunction(lambda: bytes(32))


class SessionAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionAccess

    session = factory.SubFactory(SessionFactory)
    closed = True


class SessionAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionAttendance

    session = factory.SubFactory(SessionFactory)
    registration = factory.LazyAttribute(lambda o: RegistrationFactory(event=o.session.event))
    first_entry_at = factory.LazyFunction(timezone.now)
    last_scan_at = factory.LazyFunction(timezone.now)


class ScannerTokenFactory(factory.django.DjangoModelFactory):
    """A row as stored; tests that need a usable key use the service
    (``tests.helpers.make_scanner_token``), which shows the key once."""

    class Meta:
        model = ScannerToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Phone {n}")
    key_hash = factory.Sequence(lambda n: f"{n:064x}")


class DelegationFactory(factory.django.DjangoModelFactory):
    """A row as stored; tests that need the emailed link use the service
    (``registration.delegations.services.delegation_invite``)."""

    class Meta:
        model = Delegation

    event = factory.LazyFunction(make_event)
    country = "FR"
    focal_point_name = "Claire Martin"
    focal_point_email = factory.Sequence(lambda n: f"focal{n}@mission.example.org")
    token_salt = factory.Sequence(lambda n: f"salt-{n}")
    token_hash = factory.Sequence(lambda n: f"{n:064x}")


class DelegationQuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationQuota

    delegation = factory.SubFactory(DelegationFactory)
    category = factory.LazyAttribute(lambda o: CategoryFactory(event=o.delegation.event))
    seats = 5


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    delegation = factory.SubFactory(DelegationFactory)
    registration = factory.LazyAttribute(lambda o: RegistrationFactory(event=o.delegation.event, user=None))


class DelegationLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationLogEntry

    delegation = factory.SubFactory(DelegationFactory)
    action = DelegationLogEntry.Action.CREATED


class ParticipantListBuildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipantListBuild

    event = factory.LazyFunction(make_event)


class VisaLetterSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisaLetterSettings

    event = factory.LazyFunction(make_event)
    offers_letters = True
    number_prefix = "GF"


class VisaLetterRequestFactory(factory.django.DjangoModelFactory):
    """A waiting request (made directly: the service is for what a person types)."""

    class Meta:
        model = VisaLetterRequest

    registration = factory.SubFactory(RegistrationFactory)
    event = factory.LazyAttribute(lambda o: o.registration.event)
    passport_name = factory.LazyAttribute(lambda o: f"{o.registration.first_name} {o.registration.last_name}".upper())
    passport_number = factory.Sequence(lambda n: f"P{n:07d}")
    nationality = "SN"
    date_of_birth = datetime.date(1985, 3, 14)
    passport_issued_on = datetime.date(2022, 1, 10)
    passport_expires_on = datetime.date(2032, 1, 9)
    consulate_city = "Dakar"
    stay_from = factory.LazyAttribute(lambda o: o.event.start_date)
    stay_until = factory.LazyAttribute(lambda o: o.event.end_date)
    requested_at = factory.LazyFunction(timezone.now)


class LetterNumberSequenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LetterNumberSequence

    prefix = factory.Sequence(lambda n: f"T{chr(65 + n % 26)}")
    year = 2026


class PrivacyNoticeVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrivacyNoticeVersion

    translation_key = factory.Faker("uuid4")
    language = "en"
    number = factory.Sequence(lambda n: n + 1)
    title = "Privacy notice"
    body_html = "<p>We keep your data to organise the event.</p>"
    published_at = factory.LazyFunction(timezone.now)


class RetentionPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetentionPolicy

    event = factory.LazyFunction(make_event)


class RetentionRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetentionRun

    event = factory.LazyFunction(make_event)
    today = factory.LazyFunction(timezone.localdate)


class RetentionLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetentionLogEntry

    run = factory.SubFactory(RetentionRunFactory)
    event = factory.LazyAttribute(lambda o: o.run.event)
    kind = "needs"
    reference = "ABCDEFGH"


# Page models are made under their parent page, not by a model factory.
PAGE_MAKERS = {HomePage: home_page, EventIndexPage: events_index, EventPage: make_event, ContentPage: make_content_page}


class MailingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mailing

    event = factory.LazyFunction(make_event)
    subject = "Practical information"
    body = "Dear {first_name}, the doors open at 8:30."
    statuses = factory.LazyFunction(lambda: [RegistrationStatus.CONFIRMED])


class MailingRecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MailingRecipient

    mailing = factory.SubFactory(MailingFactory)
    registration = factory.LazyAttribute(lambda o: RegistrationFactory(event=o.mailing.event))
