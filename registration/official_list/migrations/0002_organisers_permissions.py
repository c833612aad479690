"""Give the Organisers group the list of participants' permissions: the
group was created (home/0002) before the ParticipantListBuild model existed."""

from django.db import migrations


def grant(apps, schema_editor):
    from home.roles import ensure_groups

    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("official_list", "0001_initial"),
        ("home", "0002_create_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
