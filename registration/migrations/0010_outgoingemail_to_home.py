"""The outbox moves to the ``home`` app (``home.OutgoingEmail``), which
carries every email the site sends. Only Django's state forgets the model
here; the table and its rows stay, and ``home``'s migration takes them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0009_registration_log_entry"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutgoingEmail")],
            database_operations=[],
        ),
    ]
