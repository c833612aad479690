from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Lower


def clear_consent_nobody_gave(apps, schema_editor):
    """0011 cleared the privacy notice and photo consent of registrations an
    organiser made for someone; what else was recorded for a person not yet
    signed in was never asked of them either: the gender an organiser typed
    in, and the privacy notice of a speaker registered on acceptance (the
    speaker's own gender, given with consent on their profile, stays)."""
    Registration = apps.get_model("registration", "Registration")
    Registration.objects.filter(user__isnull=True, registered_by__isnull=False).exclude(gender="").update(gender="")
    Registration.objects.filter(user__isnull=True, privacy_accepted_at__isnull=False).update(
        privacy_accepted_at=None
    )
    Registration.objects.filter(user__isnull=True, list_consent=True).update(list_consent=False)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0004_checkinstaff"),
        ("registration", "0011_claims_and_list_consent"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                Lower("email"), condition=models.Q(("user__isnull", True)), name="registration_unclaimed_email"
            ),
        ),
        migrations.RunPython(clear_consent_nobody_gave, migrations.RunPython.noop),
    ]
