"""Give the Organisers group the badge batch permissions: the group was
created (home/0002) before the BadgeBatch model existed."""

from django.db import migrations


def grant(apps, schema_editor):
    from home.roles import ensure_groups

    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0002_badgebatch"),
        ("home", "0002_create_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
