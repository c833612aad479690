"""Give the Organisers group the badge batch permissions: the group was
created (home/0002) before the BadgeBatch model existed."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("registration")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    organisers = Group.objects.filter(name="Organisers").first()
    if organisers is not None:
        organisers.permissions.add(
            *Permission.objects.filter(content_type__app_label="registration", content_type__model="badgebatch")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0002_badgebatch"),
        ("home", "0002_create_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
