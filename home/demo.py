"""Demo content for the site shell: home page, events area, site settings.

Each capability adds its own part to ``load_demo`` through a function in its
app's ``demo.py``; every step is idempotent (looked up by slug or name)."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Locale, Page, Site

from home.models import ContentPage, FooterLink, HomePage, SiteSettings
from sessions.models import EventIndexPage, EventKind, EventPage

GLOBAL_FORUM_SLUG = "global-forum-ethics-ai-2026"
# Every demo account's password (accounts that sign in are made under DEBUG only).
DEMO_PASSWORD = "forum-demo-admin"
POLICY_DIALOGUE_SLUG = "policy-dialogue-neurotechnology"
DEMO_SITE_TEXTS = {
    "organisation_name": "Forum on the Ethics of AI",
    "footer_text": "An intergovernmental forum on the ethics of artificial intelligence.",
}


def ensure_root_page() -> Page:
    """Wagtail's migrations create the default locale and the tree's root; a
    flushed database (a transactional test) has neither, so recreate them."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", live=True))


def ensure_home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = ensure_root_page()
        placeholder = Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
        if placeholder is not None:
            placeholder.slug = "home-old"
            placeholder.save(update_fields=["slug"])
        home = root.add_child(instance=HomePage(title="Global Forum on the Ethics of AI", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Forum"},
        )
        if placeholder is not None:
            placeholder.delete()
    return home


def ensure_child(parent: Page, model, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_site_demo() -> dict:
    home = ensure_home_page()
    events_index = ensure_child(
        home,
        EventIndexPage,
        "events",
        title="Events",
        show_in_menus=True,
        intro="<p>Forums, policy dialogues and expert workshops on the ethics of artificial intelligence.</p>",
    )
    forum = ensure_child(
        events_index,
        EventPage,
        GLOBAL_FORUM_SLUG,
        title="Global Forum on the Ethics of AI 2026",
        kind=EventKind.GLOBAL_FORUM,
        start_date=datetime.date(2026, 12, 8),
        end_date=datetime.date(2026, 12, 10),
        time_zone="Asia/Bangkok",
        venue_name="Queen Sirikit National Convention Center",
        venue_address="60 Ratchadaphisek Road, Khlong Toei",
        venue_city="Bangkok",
        venue_country="TH",
        online_participation=True,
        intro="Three days of debate between ministers, regulators, researchers, civil society and industry "
        "on how to govern artificial intelligence ethically.",
        contact_email="forum@example.org",
    )
    dialogue = ensure_child(
        events_index,
        EventPage,
        POLICY_DIALOGUE_SLUG,
        title="Policy Dialogue on Neurotechnology and Human Rights",
        kind=EventKind.POLICY_DIALOGUE,
        start_date=datetime.date(2027, 2, 11),
        end_date=datetime.date(2027, 2, 11),
        time_zone="Europe/Paris",
        venue_name="Fontenoy Building, Room IX",
        venue_address="7 place de Fontenoy",
        venue_city="Paris",
        venue_country="FR",
        intro="A closed-door dialogue between regulators and neuroscientists on mental privacy.",
        contact_email="dialogues@example.org",
    )
    about = ensure_child(
        home,
        ContentPage,
        "about",
        title="About the Forum",
        show_in_menus=True,
        intro="The Forum brings together Member States and stakeholders to put the Recommendation on the "
        "Ethics of AI into practice.",
    )
    ensure_child(
        home,
        ContentPage,
        "privacy",
        title="Privacy notice",
        intro="How we process the personal data of participants and speakers.",
        body=[
            (
                "paragraph",
                "<p>We process registration data only to organise the event. Personal data are "
                "shown only to the organisers who need them and deleted twelve months after the event.</p>",
            )
        ],
    )
    if not home.body:
        home.body = [
            (
                "hero",
                {
                    "title": "Global Forum on the Ethics of AI 2026",
                    "text": "Bangkok, 8–10 December 2026. Ministers, regulators, researchers and civil society "
                    "shaping the governance of artificial intelligence.",
                },
            ),
            ("featured_events", {"title": "Upcoming events", "events": [forum, dialogue]}),
            (
                "call_to_action",
                {
                    "title": "Join the Forum",
                    "text": "Registration is open to Member State "
                    "delegations, the UN system, civil society, academia, industry and the press.",
                    "link_page": forum,
                    "link_url": "",
                    "button_label": "See the event",
                },
            ),
        ]
        home.save_revision().publish()

    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.footer_text:
        site_settings.organisation_name = DEMO_SITE_TEXTS["organisation_name"]
        site_settings.footer_text = DEMO_SITE_TEXTS["footer_text"]
        site_settings.contact_email = "forum@example.org"
        site_settings.save()
        FooterLink.objects.get_or_create(settings=site_settings, label="Privacy notice", url="/privacy/")
        FooterLink.objects.get_or_create(
            settings=site_settings, label="About", url=about.url_path[len(home.url_path) - 1 :]
        )

    from home.demo_translations.apply import translate_demo_site_settings

    translate_demo_site_settings(site_settings, DEMO_SITE_TEXTS)

    organisers = Group.objects.get(name="Organisers")
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=organisers,
            page=events_index,
            permission__codename=permission,
            defaults={"permission_id": _page_permission_id(permission)},
        )
    return {"home": home, "events_index": events_index, "forum": forum, "dialogue": dialogue}


def _page_permission_id(codename: str) -> int:
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename).pk
