"""Create the "Organisers" and "Check-in staff" groups on every fresh database.

Organisers get Wagtail admin access and the model permissions for events,
agendas, speakers and registrations (page permissions on the events area are
granted by ``load_demo`` or by an administrator, per events index). Check-in
staff get only the scan permission, no admin access."""

from django.db import migrations

ORGANISER_APPS = ["agenda", "speakers", "registration"]
ORGANISER_EXTRA = [("wagtailadmin", "access_admin"), ("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
                   ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document")]


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    organisers, _ = Group.objects.get_or_create(name="Organisers")
    perms = list(Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS))
    for app_label, codename in ORGANISER_EXTRA:
        perms += list(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    organisers.permissions.add(*perms)

    staff, _ = Group.objects.get_or_create(name="Check-in staff")
    staff.permissions.add(*Permission.objects.filter(content_type__app_label="registration", codename="scan_badges"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Organisers", "Check-in staff"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("agenda", "0001_initial"),
        ("speakers", "0001_initial"),
        ("registration", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0001_initial"),
        ("wagtaildocs", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
