"""Give the Organisers group the invitation permissions: the group was
created (home/0002) before the Invitation model existed."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("speakers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    organisers = Group.objects.filter(name="Organisers").first()
    if organisers is not None:
        organisers.permissions.add(
            *Permission.objects.filter(content_type__app_label="speakers", content_type__model="invitation")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0002_invitation_and_speaker_needs"),
        ("home", "0002_create_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
