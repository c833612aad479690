"""Demo visa letter settings for ``manage.py load_demo`` (idempotent): the
Forum offers letters numbered GF<year>-0001..., signed by its secretary,
with the standard text in English, French and Spanish."""

from registration.visas.models import VisaLetterSettings


def load_demo(context) -> None:
    forum = context["forum"]
    settings, created = VisaLetterSettings.objects.get_or_create(
        event=forum,
        defaults={
            "offers_letters": True,
            "number_prefix": "GF",
            "signatory_name": "Dr Amina Diallo",
            "signatory_title": "Secretary of the Global Forum",
        },
    )
    if created:
        settings.set_translation("fr", signatory_title="Secrétaire du Forum mondial")
        settings.set_translation("es", signatory_title="Secretaria del Foro Mundial")
        settings.save(update_fields=["translations"])
