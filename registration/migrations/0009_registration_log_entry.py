"""``StatusChange`` also logs badge reissues: it is a registration's log.
The table is renamed with the model; every row stays."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0008_badges_and_checkin_apps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="StatusChange", new_name="RegistrationLogEntry"),
        migrations.AlterField(
            model_name="registrationlogentry",
            name="registration",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE, related_name="log_entries", to="registration.registration"
            ),
        ),
    ]
