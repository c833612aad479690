"""The badges models, moved here from the registration app
(``registration.0008``): created in the state only, on the tables they
already have. Their content types are renamed in place, so the groups and
users that had their permissions keep them."""

import django.db.models.deletion
import forum_site.storage
import registration.badges.models
from django.conf import settings
from django.db import migrations, models



def move_content_types(apps, schema_editor, source="registration", target="badges"):
    """Rename each content type in place. One already made under the new label
    (a post_migrate after a partial migrate) holds no grants worth keeping:
    it goes, so the old one, with every permission granted on it, can move."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ['badgebatch']:
        if ContentType.objects.filter(app_label=source, model=model).exists():
            ContentType.objects.filter(app_label=target, model=model).delete()
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="badges", target="registration")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('agenda', '0004_checkinstaff'),
        ('registration', '0008_badges_and_checkin_apps'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='BadgeBatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('attendance_mode', models.CharField(blank=True, choices=[('in_person', 'In person'), ('online', 'Online')], max_length=20, verbose_name='Attendance')),
                        ('references', models.TextField(blank=True, verbose_name='References')),
                        ('layout', models.CharField(choices=[('a4_four', 'A4 sheets of four A6 badges'), ('a6', 'Single A6 pages')], default='a4_four', max_length=20, verbose_name='Layout')),
                        ('state', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed')], default='queued', max_length=20, verbose_name='State')),
                        ('total', models.PositiveIntegerField(default=0, verbose_name='Badges')),
                        ('done', models.PositiveIntegerField(default=0, verbose_name='Badges drawn')),
                        ('file', models.FileField(blank=True, storage=forum_site.storage.private_storage, upload_to=registration.badges.models.badge_batch_file_name, verbose_name='PDF')),
                        ('error', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='Created at')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='Finished at')),
                        ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='registration.category', verbose_name='Category')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='badge_batches', to='agenda.eventpage', verbose_name='Event')),
                    ],
                    options={
                        'verbose_name': 'Badge batch',
                        'verbose_name_plural': 'Badge batches',
                        'db_table': 'registration_badgebatch',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
