"""The site's one outbox: ``home.OutgoingEmail`` takes over the table and
every row of ``registration.OutgoingEmail``, then stores each message as it
was rendered when queued.

1. Its content type is renamed in place (registration -> home) before any
   new content type could be made, so the permission rows, and the groups
   holding them, stay as they were.
2. The model enters ``home``'s state on the existing table (no SQL), which
   is then renamed to ``home_outgoingemail``.
3. New columns: the stored message, the event (filled in from the
   registration for existing rows) and the dedupe key. Existing rows keep
   an empty body and are rendered when sent (``needs_legacy_render``)."""

import django.db.models.deletion
from django.db import migrations, models

STATUS_CHOICES = [
    ("queued", "Queued"),
    ("sending", "Sending"),
    ("sent", "Sent"),
    ("retrying", "Retrying"),
    ("failed", "Failed"),
]


def move_content_type(apps, schema_editor, *, old="registration", new="home"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    existing = ContentType.objects.filter(app_label=old, model="outgoingemail")
    if existing.exists():
        # A content type made for the new label meanwhile holds nothing worth keeping.
        ContentType.objects.filter(app_label=new, model="outgoingemail").delete()
        existing.update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="home", new="registration")


def fill_in_events(apps, schema_editor):
    OutgoingEmail = apps.get_model("home", "OutgoingEmail")
    Registration = apps.get_model("registration", "Registration")
    OutgoingEmail.objects.filter(event__isnull=True, registration__isnull=False).update(
        event_id=models.Subquery(Registration.objects.filter(pk=models.OuterRef("registration_id")).values("event_id"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_groups"),
        ("registration", "0010_outgoingemail_to_home"),
        ("agenda", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.SeparateDatabaseAndState(
            # The table as registration left it, with its labels (no SQL).
            state_operations=[
                migrations.CreateModel(
                    name="OutgoingEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(max_length=40, verbose_name="Kind")),
                        (
                            "to",
                            models.EmailField(help_text="The first recipient.", max_length=254, verbose_name="To"),
                        ),
                        ("language", models.CharField(default="en", max_length=5)),
                        ("subject", models.CharField(blank=True, max_length=255)),
                        ("context", models.JSONField(blank=True, default=dict)),
                        (
                            "status",
                            models.CharField(
                                choices=STATUS_CHOICES,
                                db_index=True,
                                default="queued",
                                max_length=20,
                                verbose_name="Status",
                            ),
                        ),
                        ("attempts", models.PositiveIntegerField(default=0, verbose_name="Attempts")),
                        ("last_error", models.TextField(blank=True, verbose_name="Last error")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="Sent at")),
                        (
                            "registration",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="emails",
                                to="registration.registration",
                                verbose_name="Registration",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "registration_outgoingemail",
                        "ordering": ["created_at", "pk"],
                        "verbose_name": "Outgoing email",
                        "verbose_name_plural": "Outgoing emails",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="outgoingemail", table=None),
        migrations.AlterField(
            model_name="outgoingemail",
            name="subject",
            field=models.TextField(blank=True, verbose_name="Subject"),
        ),
        migrations.AddField(
            model_name="outgoingemail",
            name="event",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="outgoing_emails",
                to="agenda.eventpage",
                verbose_name="Event",
            ),
        ),
        migrations.AddField(
            model_name="outgoingemail",
            name="dedupe_key",
            field=models.CharField(blank=True, max_length=200, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="outgoingemail", name="recipients", field=models.JSONField(blank=True, default=list)
        ),
        migrations.AddField(
            model_name="outgoingemail", name="from_email", field=models.CharField(blank=True, max_length=320)
        ),
        migrations.AddField(model_name="outgoingemail", name="text_body", field=models.TextField(blank=True)),
        migrations.AddField(model_name="outgoingemail", name="html_body", field=models.TextField(blank=True)),
        migrations.AddField(
            model_name="outgoingemail", name="attachments", field=models.JSONField(blank=True, default=list)
        ),
        migrations.AddField(
            model_name="outgoingemail", name="headers", field=models.JSONField(blank=True, default=dict)
        ),
        migrations.RunPython(fill_in_events, migrations.RunPython.noop),
    ]
