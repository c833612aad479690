"""Badges and check-in became apps of their own (``registration.badges``,
``registration.checkin``): their models leave this app's state here and
join theirs in ``badges.0001`` and ``checkin.0001``. Nothing happens to the
database: the tables keep their names and their rows."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0007_registration_detail_change"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Scan"),
                migrations.DeleteModel(name="ScannerToken"),
                migrations.DeleteModel(name="BadgeBatch"),
            ],
        ),
    ]
