"""The roles every database has: "Organisers", and "Visa officers" (the
organisers who may see passport details, in that group too).

Organisers get Wagtail admin access and the model permissions for events,
agendas, speakers, registrations, badges, check-in, delegations and the list
of participants; which events they manage comes from page permissions on the
events area (granted per events index or per event, by ``load_demo`` or an
administrator). Check-in staff need no group: the
event's organisers assign them to it (``sessions.permissions``).

``ensure_groups`` runs from the data migration (with historical models) and
after every ``migrate``/``flush`` (post_migrate), so the groups come back
after a test database is flushed. It is idempotent."""

from django.apps import apps as global_apps

ORGANISERS = "Organisers"
ORGANISER_APPS = [
    "agenda",
    "speakers",
    "registration",
    "badges",
    "checkin",
    "delegations",
    "official_list",
    "visas",
    "privacy",
]
# Held back from organisers: seeing passport details is the "Visa officers"
# group's alone (an organiser who issues letters is put in both).
NOT_FOR_ALL_ORGANISERS = [("visas", "view_passport_data")]
VISA_OFFICERS = "Visa officers"
ORGANISER_EXTRA = [
    # The site's outbox (each organiser sees the mail of their events only;
    # no one adds or changes mail in the admin: home.outbox_admin's policy).
    ("home", "add_outgoingemail"),
    ("home", "change_outgoingemail"),
    ("home", "delete_outgoingemail"),
    ("home", "view_outgoingemail"),
    ("wagtailadmin", "access_admin"),
    # Translating their events' pages (wagtail-localize; home.localize_admin
    # keeps each team to its own pages).
    ("wagtail_localize", "submit_translation"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_groups(apps=global_apps) -> None:
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        historical = apps is not global_apps
        if historical:
            app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        if historical:
            app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    organisers, _ = Group.objects.get_or_create(name=ORGANISERS)
    perms = list(Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS))
    for app_label, codename in ORGANISER_EXTRA:
        perms += list(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    held_back = [
        Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        for app_label, codename in NOT_FOR_ALL_ORGANISERS
    ]
    held_back = [perm for perm in held_back if perm is not None]
    perms = [perm for perm in perms if perm not in held_back]
    organisers.permissions.add(*perms)
    organisers.permissions.remove(*held_back)
    visa_officers, _ = Group.objects.get_or_create(name=VISA_OFFICERS)
    visa_officers.permissions.add(*held_back)
