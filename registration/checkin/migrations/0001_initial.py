"""The checkin models, moved here from the registration app
(``registration.0008``): created in the state only, on the tables they
already have. Their content types are renamed in place, so the groups and
users that had their permissions keep them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models



def move_content_types(apps, schema_editor, source="registration", target="checkin"):
    """Rename each content type in place. One already made under the new label
    (a post_migrate after a partial migrate) holds no grants worth keeping:
    it goes, so the old one, with every permission granted on it, can move."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ['scan', 'scannertoken']:
        if ContentType.objects.filter(app_label=source, model=model).exists():
            ContentType.objects.filter(app_label=target, model=model).delete()
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="checkin", target="registration")


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
                    name='Scan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(blank=True, max_length=200)),
                        ('gate', models.CharField(blank=True, max_length=50)),
                        ('result', models.CharField(choices=[('ok', 'Checked in'), ('already_checked_in', 'Already checked in'), ('cancelled', 'Cancelled'), ('not_confirmed', 'Not confirmed'), ('wrong_event', 'Wrong event'), ('invalid', 'Invalid')], max_length=20)),
                        ('scanned_at', models.DateTimeField()),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('nonce', models.CharField(blank=True, max_length=64, null=True, unique=True)),
                        ('undone_at', models.DateTimeField(blank=True, null=True)),
                        ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='scans', to='agenda.eventpage')),
                        ('registration', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='scans', to='registration.registration')),
                        ('staff', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'registration_scan',
                        'ordering': ['-scanned_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ScannerToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(help_text='Which device or tool uses it.', max_length=100, verbose_name='Name')),
                        ('key_hash', models.CharField(editable=False, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='Created at')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='Revoked at')),
                        ('events', models.ManyToManyField(related_name='+', to='agenda.eventpage', verbose_name='Events')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scanner_tokens', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'Scanner token',
                        'db_table': 'registration_scannertoken',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
