"""Give the Organisers group the invitation permissions: the group was
created (home/0002) before the Invitation model existed."""

from django.db import migrations


def grant(apps, schema_editor):
    from home.roles import ensure_groups

    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0002_invitation_and_speaker_needs"),
        ("home", "0002_create_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
