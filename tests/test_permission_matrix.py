"""The permission matrix: every admin URL of our apps, read from the URL
resolver (so a view is covered the day it is added), against two events.

An organiser who manages event A only must get a 404 for every URL that
names an object of event B (or the same refusal as for A's own object where
the view is refused for the whole model), must never see B's personal data,
and must not be able to change B's objects with a POST. With A's objects the
same URLs work (200 or a redirect). Check-in staff, participants and
anonymous visitors never get into the admin at all.

Wagtail's own URLs (pages, images, users...) are listed in ``SKIPPED`` with
the reason; an admin URL that is neither ours nor skipped fails
``test_every_admin_url_is_in_the_matrix_or_skipped``."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from home.models import OutgoingEmail
from registration.badges.models import BadgeBatch
from registration.badges.printing import badge_batch_build
from registration.checkin.models import Scan, ScanResult, SessionAttendance
from registration.checkin.session_access import session_access_save
from registration.delegations.models import Delegation
from registration.delegations.services import delegation_accept, delegation_create, nomination_create
from registration.mailings.models import Mailing
from registration.models import InvitationCode, Question, Registration
from registration.official_list.building import participant_list_build
from registration.official_list.models import ParticipantListBuild
from registration.privacy.models import RetentionPolicy, RetentionRun
from registration.visas.models import VisaLetterRequest, VisaLetterSettings, VisaLetterStatus
from sessions.models import CheckinStaff, EventPage, Session
from speakers.services import invitation_create
from tests.factories import (
    CategoryFactory,
    MailingFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
    home_page,
    make_event,
)
from tests.helpers import make_checkin_staff, make_event_organiser

OUR_APPS = {
    "agenda",
    "home",
    "registration",
    "badges",
    "checkin",
    "delegations",
    "official_list",
    "speakers",
    "visas",
    "privacy",
}
OUR_MODULES = ("registration.", "sessions.", "speakers.", "home.", "forum_site.")

# Event B's objects all carry this marker in their names or personal data:
# no page the organiser of A sees may contain it. Long enough that no random
# token of a page (a CSRF token, a CSP nonce, compared in lower case) holds
# it by chance: four letters did, about once in a few runs of the matrix.
MARKER = "qzxbvkwjm"

# Wagtail URLs that are not ours, by URL namespace or name, and why.
SKIPPED_NAMESPACES = {
    "wagtailadmin_api": "pages, images and documents API: Wagtail's own page and collection permissions",
    "wagtailadmin_pages": "event pages themselves: Wagtail's page permissions, the source of manageable_events",
    "wagtailadmin_workflows": "page workflows: Wagtail's page permissions",
    "wagtailadmin_reports": "page reports: Wagtail's page permissions (site history is ours: superusers only)",
    "wagtailforms": "form pages: Wagtail's page permissions",
    "wagtailadmin_collections": "collections of images and documents: Wagtail's collection permissions",
    "wagtaildocs": "documents: Wagtail's collection permissions",
    "wagtaildocs_chooser": "documents: Wagtail's collection permissions",
    "wagtailimages": "images: Wagtail's collection permissions",
    "wagtailimages_chooser": "images: Wagtail's collection permissions",
    "wagtailembeds": "oEmbed finder: no objects",
    "wagtailusers_users": "user accounts: site administrators only",
    "wagtailusers_groups": "groups: site administrators only",
    "wagtailsites": "sites: site administrators only",
    "wagtailredirects": "redirects: site administrators only",
    "wagtailsettings": "site-wide settings (home app), not per event",
    "wagtaillocales": "the site's locales: site administrators only",
    "wagtail_localize": "page translations: Wagtail's page permissions, mirrored onto translations (tests/test_i18n_admin.py)",
}
SKIPPED_NAMES = {
    "wagtailadmin_explore_root": "page explorer: Wagtail's page permissions",
    "wagtailadmin_explore": "page explorer: Wagtail's page permissions",
    "wagtailadmin_explore_results": "page explorer: Wagtail's page permissions",
    "wagtailadmin_choose_page": "page chooser: Wagtail's page permissions",
    "wagtailadmin_choose_page_child": "page chooser: Wagtail's page permissions",
    "wagtailadmin_choose_page_search": "page chooser: Wagtail's page permissions",
    "wagtailadmin_choose_page_chosen_multiple": "page chooser: Wagtail's page permissions",
    "wagtailadmin_choose_page_external_link": "link chooser: no objects",
    "wagtailadmin_choose_page_email_link": "link chooser: no objects",
    "wagtailadmin_choose_page_phone_link": "link chooser: no objects",
    "wagtailadmin_choose_page_anchor_link": "link chooser: no objects",
    "wagtailadmin_tag_autocomplete": "tags: none of our models has tags",
    "wagtailadmin_tag_model_autocomplete": "tags: none of our models has tags",
    "wagtailadmin_error_test": "Wagtail's test error page",
    "wagtailadmin_account": "the user's own account",
    "wagtailadmin_logout": "signing out",
    "wagtailadmin_login": "signing in",
    "wagtailadmin_password_reset": "password reset",
    "wagtailadmin_password_reset_done": "password reset",
    "wagtailadmin_password_reset_confirm": "password reset",
    "wagtailadmin_password_reset_complete": "password reset",
    "wagtailadmin_dismissibles": "the user's dismissed banners",
    "wagtailadmin_editing_sessions:release": "ends the user's own editing session, by its id",
    "wagtailadmin_block_preview": "StreamField block preview: no objects",
    "wagtailadmin_sprite": "icon sprite",
    "wagtailadmin_javascript_catalog": "JavaScript translations",
    "wagtailsnippets:index": "the list of snippet types: no objects",
    "translations_report": "translations of the pages the user may edit (tests/test_i18n_admin.py)",
    "translations_report_results": "translations of the pages the user may edit (tests/test_i18n_admin.py)",
}
SKIPPED_ROUTES = {
    "admin/reports/site-history/": "site history: superusers only (tests/home/test_roles.py)",
    "admin/reports/site-history/results/": "site history: superusers only (tests/home/test_roles.py)",
    "admin/localize/submit/page/<int:page_id>/": "translating a page: its page permissions (tests/test_i18n_admin.py)",
    "admin/localize/update/<int:translation_source_id>/": "a page's translations: its page permissions (tests/test_i18n_admin.py)",
    "admin/localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/": "one translation of a page: its page permissions (tests/test_i18n_admin.py)",
    "admin/localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/": "one translation of a page: its page permissions (tests/test_i18n_admin.py)",
    "admin/localize/translate/<int:translation_id>/pofile/download/": "one translation of a page: its page permissions (tests/test_i18n_admin.py)",
    "admin/localize/translate/<int:translation_id>/pofile/upload/": "one translation of a page: its page permissions (tests/test_i18n_admin.py)",
    "admin/localize/translate/<int:translation_id>/machine_translate/": "one translation of a page: its page permissions (tests/test_i18n_admin.py)",
    "admin/localize/translate/<int:translation_id>/preview/": "one translation of a page: its page permissions (tests/test_i18n_admin.py)",
    "admin/localize/translate/<int:translation_id>/preview/<str:mode>/": "one translation of a page: its page permissions (tests/test_i18n_admin.py)",
    "admin/localize/translate/<int:translation_id>/disable/": "one translation of a page: its page permissions (tests/test_i18n_admin.py)",
    "admin/localize/api/snippets/<path:rest>": "wagtail-localize's snippet listing: a 404 for everyone (tests/test_i18n_admin.py)",
    "admin/localize/submit/snippet/<path:rest>": "translating a snippet: a 404 for everyone (tests/test_i18n_admin.py)",
    "admin/localize/page/<int:page_id>/convert_to_alias/": "a page's translation: its page permissions (tests/test_i18n_admin.py)",
    "admin/test404/": "Wagtail's test 404 page",
    "admin/^.*/$": "the admin's catch-all 404",
}
# Wagtail URLs that show our content or act on our models.
EXTRA_NAMES = {"wagtailadmin_home"}  # the dashboard, with our panels
GENERIC_NAMES = {"wagtail_bulk_action", "wagtailadmin_editing_sessions:ping"}

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


# --- reading the URL resolver ----------------------------------------------------------------


@dataclass(frozen=True)
class AdminUrl:
    name: str  # namespaced URL name, or the route of an unnamed pattern
    route: str
    kwargs: tuple[str, ...]
    model: type | None
    module: str

    @property
    def namespace(self) -> str:
        """The outermost URL namespace ("" for none)."""
        return self.name.split(":")[0] if ":" in self.name else ""

    @property
    def is_ours(self) -> bool:
        if self.name in EXTRA_NAMES:
            return True
        if self.model is not None and self.model._meta.app_label in OUR_APPS:
            return True
        return self.module.startswith(OUR_MODULES)


def _view_parts(callback) -> tuple[type | None, str]:
    """The model and the module of a URL's view, through its decorators
    (``functools.wraps`` keeps ``view_class`` and ``view_initkwargs``)."""
    model, view_class, current, innermost = None, None, callback, callback
    while current is not None:
        view_class = view_class or getattr(current, "view_class", None)
        model = model or (getattr(current, "view_initkwargs", None) or {}).get("model")
        innermost, current = current, getattr(current, "__wrapped__", None)
    if view_class is not None:
        model = model or getattr(view_class, "model", None)
    if not (isinstance(model, type) and issubclass(model, Model)):
        model = None  # a view whose model is worked out per request
    return model, view_class.__module__ if view_class is not None else innermost.__module__


def _route_kwargs(pattern) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return tuple(converters)
    return tuple(pattern.pattern.regex.groupindex)


def _walk(resolver: URLResolver, route: str, namespaces: tuple[str, ...], kwargs: tuple[str, ...]):
    for pattern in resolver.url_patterns:
        here = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern, here, inner, kwargs + _route_kwargs(pattern))
        elif isinstance(pattern, URLPattern):
            name = ":".join((*namespaces, pattern.name)) if pattern.name else here
            model, module = _view_parts(pattern.callback)
            yield AdminUrl(name, here, kwargs + _route_kwargs(pattern), model, module)


def _viewset_models() -> dict[str, type]:
    """URL namespace -> model, for every registered admin viewset."""
    from django.core.exceptions import ImproperlyConfigured
    from wagtail.admin.viewsets import viewsets

    models = {}
    for viewset in viewsets.viewsets:
        try:
            namespace = viewset.url_namespace
        except ImproperlyConfigured:  # Wagtail's page viewsets have no namespace of their own
            continue
        if isinstance(getattr(viewset, "model", None), type):
            models[namespace] = viewset.model
    return models


def admin_urls() -> list[AdminUrl]:
    """Every URL pattern under the admin's prefix, one per URL name (a name
    reused for two routes, such as an optional argument, keeps its first);
    the model is the viewset's, else the view's."""
    found = {}
    for url in _walk(get_resolver(), "", (), ()):
        if url.route.startswith("admin/"):
            found.setdefault(url.name, url)
    models = _viewset_models()
    return [
        dataclasses.replace(url, model=models[url.name.rpartition(":")[0]])
        if url.name.rpartition(":")[0] in models
        else url
        for url in found.values()
    ]


def skip_reason(url: AdminUrl) -> str:
    return SKIPPED_ROUTES.get(url.name) or SKIPPED_NAMES.get(url.name) or SKIPPED_NAMESPACES.get(url.namespace, "")


def our_urls() -> list[AdminUrl]:
    return [url for url in admin_urls() if url.is_ours and url.name not in GENERIC_NAMES]


@dataclass(frozen=True)
class Case:
    """One request to make: a URL name with its arguments to fill, or a
    Wagtail URL that acts on one of our models."""

    id: str
    url: AdminUrl
    model: type | None = None
    action: str = ""  # bulk actions

    @property
    def names_an_object(self) -> bool:
        return bool(self.url.kwargs) or self.url.name in GENERIC_NAMES or self.takes_ids

    @property
    def takes_ids(self) -> bool:
        """A chooser's "chosen-multiple" (the objects come as ``?id=``)."""
        return self.url.name.endswith(":chosen_multiple")

    @property
    def acts_on_a_selection(self) -> bool:
        """Views given a list of ids (bulk actions, "chosen-multiple") leave
        out the objects the user may not see instead of answering 404."""
        return self.takes_ids or self.url.name == "wagtail_bulk_action"

    @property
    def is_listing(self) -> bool:
        """A listing or a chooser's list (filtered, searched, exported)."""
        kinds = {"list", "list_results", "index", "index_results", "choose", "choose_results"}
        return not self.url.kwargs and self.url.name.rpartition(":")[2] in kinds


def _generic_cases(urls: dict[str, AdminUrl]) -> list[Case]:
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry
    from wagtail.permissions import policy_registry

    models = sorted({url.model for url in our_urls() if url.model is not None}, key=lambda m: m._meta.label)
    cases = []
    if "wagtailadmin_editing_sessions:ping" in urls:
        for model in models:
            if policy_registry.get_by_type(model, fallback=False) is not None:
                label = model._meta.label_lower
                cases.append(
                    Case(
                        f"wagtailadmin_editing_sessions:ping/{label}",
                        urls["wagtailadmin_editing_sessions:ping"],
                        model,
                    )
                )
    if "wagtail_bulk_action" in urls:
        bulk_action_registry._scan_for_bulk_actions()
        for model in models:
            actions = bulk_action_registry.actions.get(model._meta.app_label, {}).get(model._meta.model_name, {})
            for action in sorted(actions):
                label = f"{model._meta.label_lower}/{action}"
                cases.append(Case(f"wagtail_bulk_action/{label}", urls["wagtail_bulk_action"], model, action))
    return cases


def all_cases() -> list[Case]:
    urls = {url.name: url for url in admin_urls()}
    return [Case(url.name, url, url.model) for url in our_urls()] + _generic_cases(urls)


# Collected when the module is imported (the URLconf and the Wagtail hooks
# are loaded by then under pytest-django), so that each URL is its own test.
CASES = all_cases()
OBJECT_CASES = [case for case in CASES if case.names_an_object]


def by_id(cases):
    return pytest.mark.parametrize("case", cases, ids=[case.id for case in cases])


# --- two events, with one object of every model each ----------------------------------------


@dataclass
class EventWorld:
    event: EventPage
    objects: dict[type, object] = field(default_factory=dict)


@dataclass
class World:
    a: EventWorld
    b: EventWorld
    organiser: object
    checkin_staff: object
    participant: object


def _populate(event: EventPage, *, marker: str, participant=None) -> EventWorld:
    """One object of every model in ``event``, each with ``marker`` in its
    name or its personal data."""
    world = EventWorld(event)
    settings = RegistrationSettingsFactory(event=event)
    category = CategoryFactory(event=event, name=f"Delegations {marker}")
    registration = RegistrationFactory(
        event=event,
        category=category,
        user=participant,
        first_name="Amina",
        last_name=f"Diallo {marker}",
        email=f"amina.{marker}@example.org",
        organisation=f"Ministry {marker}",
    )
    room = RoomFactory(event=event, name=f"Room {marker}")
    track = TrackFactory(event=event, name=f"Track {marker}")
    session = SessionFactory(event=event, room=room, track=track, title=f"Session {marker}")
    # Unpublished: a published profile is public (its page, and every
    # organiser's speaker chooser offers it by name, by design).
    speaker = SpeakerFactory(last_name=f"Speaker {marker}", email=f"speaker.{marker}@example.org", is_published=False)
    SessionSpeakerFactory(session=session, speaker=speaker)
    invitation = invitation_create(
        event=event,
        sessions=[session],
        role="panellist",
        reply_by=timezone.localdate() + datetime.timedelta(days=30),
        by=None,
        first_name="Grace",
        last_name=f"Invitee {marker}",
        email=f"invitee.{marker}@example.org",
    )
    batch = badge_batch_build(batch=BadgeBatch.objects.create(event=event, layout=BadgeBatch.Layout.A6))
    participant_list = participant_list_build(build=ParticipantListBuild.objects.create(event=event, language="en"))
    staff = make_checkin_staff(event, username=f"staff-{marker}", email=f"staff.{marker}@example.org")
    delegation = delegation_create(
        event=event,
        organisation=f"Institute {marker}",
        focal_point_name=f"Focal {marker}",
        focal_point_email=f"focal.{marker}@example.org",
        quotas={category: 3},
        by=None,
    )
    focal_point = UserFactory(email=f"focal.{marker}@example.org")
    delegation_accept(delegation=delegation, user=focal_point)
    nomination_create(
        delegation=delegation,
        category=category,
        details={
            "first_name": "Nadia",
            "last_name": f"Nominee {marker}",
            "email": f"nominee.{marker}@example.org",
            "organisation": f"Institute {marker}",
            "country": "SN",
        },
        by=focal_point,
    )
    for obj in (
        settings,
        category,
        Question.objects.create(event=event, label=f"Dietary needs {marker}?"),
        InvitationCode.objects.create(category=category, code=f"CODE-{marker}"),
        registration,
        OutgoingEmail.objects.create(
            kind="confirmed",
            event=event,
            registration=registration,
            to=registration.email,
            subject=f"Welcome {marker}",
            text_body="Welcome",
        ),
        room,
        track,
        session,
        speaker,
        invitation,
        Scan.objects.create(
            event=event,
            registration=registration,
            code=registration.reference,
            gate=f"Gate {marker}",
            staff=staff,
            result=ScanResult.ALREADY_CHECKED_IN,
            scanned_at=timezone.now(),
            # Made offline, and in conflict: in the conflicts list too.
            offline=True,
            device_result=ScanResult.OK,
            device_id=f"phone-{marker}",
            conflict=True,
        ),
        batch,
        participant_list,
        CheckinStaff.objects.get(event=event, user=staff),
        delegation,
        # Who the session's door admits, and who came in: B's people must
        # not show in A's attendance report or access form.
        session_access_save(session=session, closed=True, categories=[category], registrations=[registration]),
        SessionAttendance.objects.create(
            session=session, registration=registration, first_entry_at=timezone.now(), last_scan_at=timezone.now()
        ),
        VisaLetterSettings.objects.create(event=event, offers_letters=True, signatory_name=f"Signatory {marker}"),
        RetentionPolicy.objects.create(event=event, passport_days=31),
        MailingFactory(event=event, subject=f"Practical information {marker}"),
        RetentionRun.objects.create(event=event, today=event.end_date),
        VisaLetterRequest.objects.create(
            registration=registration,
            event=event,
            status=VisaLetterStatus.APPROVED,
            number=f"T{marker[:4].upper()}2026-0001",
            passport_name=f"Passport {marker}",
            passport_number="P1234567",
            nationality="SN",
            consulate_city=f"Dakar {marker}",
            stay_from=event.start_date,
            stay_until=event.end_date,
            requested_at=timezone.now(),
        ),
    ):
        world.objects[type(obj)] = obj
    return world


def _visa_officer(user):
    from django.contrib.auth.models import Group

    from home.roles import VISA_OFFICERS

    user.groups.add(Group.objects.get(name=VISA_OFFICERS))
    return user


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, _private_media_root):
    """Built once for the module, inside a transaction rolled back at its
    end; each test runs in a savepoint of its own within it."""
    from wagtail.models import Locale

    with django_db_blocker.unblock(), override_settings(PRIVATE_MEDIA_ROOT=_private_media_root):
        with transaction.atomic():
            Locale.objects.get_or_create(language_code="en")
            home_page()
            event_a, event_b = make_event(title="Dialogue A"), make_event(title="Dialogue B")
            participant = UserFactory()
            yield World(
                a=_populate(event_a, marker="amarker", participant=participant),
                b=_populate(event_b, marker=MARKER),
                # A visa officer too: the passport details' views need it (without it: tests/visas/).
                organiser=_visa_officer(make_event_organiser(event_a)),
                checkin_staff=make_checkin_staff(event_a),
                participant=participant,
            )
            transaction.set_rollback(True)


# --- requests ----------------------------------------------------------------------------------


def named_object(case: Case, side: EventWorld):
    """The object of ``side``'s event that the case's URL names."""
    if case.url.name in GENERIC_NAMES or case.takes_ids or "pk" in case.url.kwargs:
        return _object_of(case.model, side)
    if "mailing_id" in case.url.kwargs:  # its URL names its event too
        return _object_of(Mailing, side)
    for name in case.url.kwargs:
        if name == "event_id":
            return side.event
        if name == "registration_id":
            return _object_of(Registration, side)
        if name == "batch_id":
            return _object_of(BadgeBatch, side)
        if name == "build_id":
            return _object_of(ParticipantListBuild, side)
        if name == "session_id":
            return _object_of(Session, side)
        if name == "delegation_id":
            return _object_of(Delegation, side)
        if name == "request_id":
            return _object_of(VisaLetterRequest, side)
    pytest.fail(f"{case.id}: no rule to fill its arguments {case.url.kwargs}: add one to named_object()")


def _object_of(model, side: EventWorld):
    if model not in side.objects:
        pytest.fail(f"no {model.__name__} in the test events: add one to _populate()")
    return side.objects[model]


def url_for(case: Case, side: EventWorld) -> str:
    """The case's URL, its arguments filled with ``side``'s objects."""
    if case.url.name == "wagtailadmin_editing_sessions:ping":
        obj = named_object(case, side)
        meta = case.model._meta
        return reverse(case.url.name, args=[meta.app_label, meta.model_name, str(obj.pk), 0])
    if case.url.name == "wagtail_bulk_action":
        obj = named_object(case, side)
        meta = case.model._meta
        return reverse(case.url.name, args=[meta.app_label, meta.model_name, case.action]) + f"?id={obj.pk}"
    if case.takes_ids:
        return reverse(case.url.name) + f"?id={named_object(case, side).pk}"
    if not case.url.kwargs:
        return reverse(case.url.name)
    obj = named_object(case, side)
    kwargs = {}
    for name in case.url.kwargs:
        if name == "pk":
            kwargs[name] = obj.pk
        elif name == "event_id":
            kwargs[name] = side.event.pk
        elif name in (
            "registration_id",
            "batch_id",
            "build_id",
            "session_id",
            "delegation_id",
            "request_id",
            "mailing_id",
        ):
            kwargs[name] = obj.pk
        elif name == "key" and case.url.name == "dashboard_admin:csv":
            kwargs[name] = "countries"
        else:
            pytest.fail(f"{case.id}: no rule to fill the argument {name!r}: add one to url_for()")
    return reverse(case.url.name, kwargs=kwargs)


def fetch(client: Client, url: str):
    """GET, or POST (empty) for a view that only answers POST."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    return response


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def row(obj) -> dict | None:
    """The object's row as the database holds it (None once deleted)."""
    return type(obj)._default_manager.filter(pk=obj.pk).values().first()


ACTION_OF_VIEW = {"add": "add", "copy": "add", "edit": "change", "delete": "delete"}


def refused_for_the_model(case: Case, user) -> bool:
    """Whether the URL's action is refused to ``user`` for every object of its
    model (the scan log's edit, a registration's delete), so that its view
    refuses A's objects too."""
    from wagtail.permissions import policy_registry

    if case.model is None:
        return False
    if case.url.name == "wagtailadmin_editing_sessions:ping":
        action = "change"
    elif case.action:
        action = "delete" if case.action == "delete" else "change"
    else:
        action = ACTION_OF_VIEW.get(case.url.name.rpartition(":")[2])
    return action is not None and not policy_registry.get_by_type(case.model).user_has_permission(user, action)


@pytest.fixture(scope="module")
def shared_client():
    """One test client for the module: each new client loads the middleware
    again, WhiteNoise's scan of the static files included."""
    return Client()


@pytest.fixture
def as_user(shared_client):
    """The shared client, signed in as the given user (None: anonymous)."""

    def sign_in(user) -> Client:
        shared_client.cookies.clear()
        if user is not None:
            shared_client.force_login(user)
        return shared_client

    return sign_in


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PATHS)


# --- the matrix -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_admin_url_is_in_the_matrix_or_skipped():
    unclassified = [
        url.name for url in admin_urls() if not url.is_ours and url.name not in GENERIC_NAMES and not skip_reason(url)
    ]

    assert unclassified == []


@pytest.mark.django_db
def test_every_model_of_our_admin_has_an_object_in_both_events(world):
    models = {case.model for case in CASES if case.model is not None}

    assert sorted(model.__name__ for model in models - set(world.a.objects)) == []
    assert set(world.a.objects) == set(world.b.objects)


@pytest.mark.django_db
@by_id(OBJECT_CASES)
def test_organiser_of_a_gets_404_for_objects_of_b(world, as_user, case):
    client = as_user(world.organiser)

    response = fetch(client, url_for(case, world.b))

    allowed = {200, 302, 404} if case.acts_on_a_selection else {404}
    if response.status_code not in allowed:
        # A view refused for the whole model (the scan log's edit) may refuse
        # B's object the way it refuses A's: that tells nothing about B.
        own = fetch(client, url_for(case, world.a)).status_code
        allowed |= {own} & {302, 403}
    assert (response.status_code in allowed, MARKER in body(response).lower()) == (True, False), (
        f"answered {response.status_code}, allowed {sorted(allowed)}"
    )


@pytest.mark.django_db
@by_id(CASES)
def test_organiser_of_a_reaches_objects_of_a(world, as_user, case):
    client = as_user(world.organiser)
    url = url_for(case, world.a)

    responses = [fetch(client, url)]
    if case.is_listing:
        # Asking for B's event, searching for B's objects (by a part of the
        # marker: the page repeats the search), exporting.
        for query in ({"event": world.b.event.pk}, {"q": MARKER[:-1]}, {"export": "csv"}):
            responses.append(client.get(url, query))

    # A view refused for the whole model may say so on a page, by a redirect,
    # a 403 or a 404.
    allowed = {200, 302, 403, 404} if refused_for_the_model(case, world.organiser) else {200, 302}
    statuses = [response.status_code for response in responses]
    assert [status in allowed for status in statuses] == [True] * len(statuses), f"{statuses}, allowed {allowed}"
    assert [is_login_redirect(response) for response in responses] == [False] * len(responses)
    assert [MARKER in body(response).lower() for response in responses] == [False] * len(responses)


@pytest.mark.django_db
@by_id(OBJECT_CASES)
def test_organiser_of_a_posts_change_nothing_of_b(world, as_user, case):
    """Delete, edit, copy, reissue, resend, bulk actions...: B's object is
    still there, unchanged."""
    client = as_user(world.organiser)
    target = named_object(case, world.b)
    before = row(target)

    response = client.post(url_for(case, world.b), {"next": "/admin/"})

    allowed = {404, 405}  # not found, or a view that only reads
    if case.acts_on_a_selection:
        allowed |= {200, 302}  # done, on nothing
    if refused_for_the_model(case, world.organiser):
        allowed |= {302, 403}
    assert (row(target) is not None, row(target) == before) == (True, True), f"POST answered {response.status_code}"
    assert response.status_code in allowed


@pytest.mark.django_db
@by_id([case for case in CASES if case.action == "delete"])
def test_organiser_of_a_bulk_deleting_all_keeps_objects_of_b(world, as_user, case):
    client = as_user(world.organiser)
    target = named_object(case, world.b)

    client.post(url_for(case, world.b).replace(f"?id={target.pk}", "?id=all"))

    assert type(target)._default_manager.filter(pk=target.pk).exists() is True


@pytest.mark.django_db
@by_id(CASES)
def test_users_without_admin_access_are_turned_away(world, as_user, case):
    """Check-in staff of A, a participant registered at A, anonymous: sent
    to sign in, or 403, for every admin URL (A's objects in the URL)."""
    users = {"checkin_staff_of_a": world.checkin_staff, "participant": world.participant, "anonymous": None}
    answers = {}
    for who, user in users.items():
        response = fetch(as_user(user), url_for(case, world.a))
        answers[who] = "refused" if is_login_redirect(response) or response.status_code == 403 else response.status_code

    assert answers == dict.fromkeys(users, "refused")


def test_skipped_urls_say_why():
    reasons = {**SKIPPED_NAMESPACES, **SKIPPED_NAMES, **SKIPPED_ROUTES}

    assert [name for name, reason in reasons.items() if not reason] == []
