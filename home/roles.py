"""The two roles every database has: "Organisers" and "Check-in staff".

Organisers get Wagtail admin access and the model permissions for events,
agendas, speakers and registrations (page permissions on the events area are
granted per events index, by ``load_demo`` or an administrator). Check-in
staff get only the scan permission, no admin access.

``ensure_groups`` runs from the data migration (with historical models) and
after every ``migrate``/``flush`` (post_migrate), so the groups come back
after a test database is flushed. It is idempotent."""

from django.apps import apps as global_apps

ORGANISERS = "Organisers"
CHECKIN_STAFF = "Check-in staff"
ORGANISER_APPS = ["agenda", "speakers", "registration"]
ORGANISER_EXTRA = [
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
CHECKIN_PERMISSIONS = [("registration", "scan_badges")]


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
    organisers.permissions.add(*perms)

    staff, _ = Group.objects.get_or_create(name=CHECKIN_STAFF)
    for app_label, codename in CHECKIN_PERMISSIONS:
        staff.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))
