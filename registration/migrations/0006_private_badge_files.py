"""Badge batch PDFs move to the private storage (PRIVATE_MEDIA_ROOT, no
URL), under unguessable names; before, they were public media files at
/media/badges/<event-slug>-<n>.pdf.

The data step copies each existing PDF from the default (public) storage
into the private one and deletes the public copy once the migration has
committed. It must run where both storages are reachable (the host or
volume holding MEDIA_ROOT). A PDF it cannot find keeps its name and is
listed: move it by hand from MEDIA_ROOT/<name> to PRIVATE_MEDIA_ROOT/<name>
(until then its download answers 404); a public copy it could not delete is
listed too, to delete by hand."""

import secrets
import sys

from django.core.files.storage import storages
from django.db import migrations, models, transaction

import forum_site.storage
import registration.badges.models


def _move(apps, schema_editor, *, source, target, new_name):
    BadgeBatch = apps.get_model("registration", "BadgeBatch")
    moved = []
    for batch in BadgeBatch.objects.exclude(file="").only("pk", "file").iterator():
        old_name = batch.file.name
        if not source.exists(old_name):
            sys.stdout.write(f"\n  Badge batch {batch.pk}: {old_name} not found; move it by hand.")
            continue
        with source.open(old_name, "rb") as content:
            batch.file.name = target.save(new_name(), content)
        BadgeBatch.objects.filter(pk=batch.pk).update(file=batch.file.name)
        moved.append(old_name)

    def delete_old_copies():
        for name in moved:
            try:
                source.delete(name)
            except OSError as error:
                sys.stdout.write(f"\n  Could not delete {name}: {error}; delete it by hand.")

    transaction.on_commit(delete_old_copies, using=schema_editor.connection.alias)


def to_private(apps, schema_editor):
    _move(
        apps,
        schema_editor,
        source=storages["default"],
        target=forum_site.storage.private_storage(),
        new_name=lambda: registration.badges.models.badge_batch_file_name(None, ""),
    )


def to_public(apps, schema_editor):
    _move(
        apps,
        schema_editor,
        source=forum_site.storage.private_storage(),
        target=storages["default"],
        new_name=lambda: f"badges/{secrets.token_urlsafe(16)}.pdf",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0005_checkin_per_event"),
    ]

    operations = [
        migrations.AlterField(
            model_name="badgebatch",
            name="file",
            field=models.FileField(
                blank=True,
                storage=forum_site.storage.private_storage,
                upload_to=registration.badges.models.badge_batch_file_name,
                verbose_name="PDF",
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
