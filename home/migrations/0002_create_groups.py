"""Create the "Organisers" and "Check-in staff" groups on every fresh database.

Organisers get Wagtail admin access and the model permissions for events,
agendas, speakers and registrations (page permissions on the events area are
granted by ``load_demo`` or by an administrator, per events index). Check-in
staff get only the scan permission, no admin access."""

from django.db import migrations


def create_groups(apps, schema_editor):
    from home.roles import ensure_groups

    ensure_groups(apps)


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
