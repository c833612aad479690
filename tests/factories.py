"""factory_boy factories for the core models. App-specific factories live
beside them here as the capabilities grow."""

import datetime
import zoneinfo

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from home.demo import ensure_root_page
from home.models import HomePage
from registration.models import Category, Registration, RegistrationSettings, RegistrationStatus
from sessions.models import EventIndexPage, EventPage, Room, Session, SessionSpeaker, Track
from speakers.models import Speaker

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
