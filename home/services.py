"""Writes of the site shell (the account's own preferences)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile


@transaction.atomic
def user_language_save(*, user, language: str) -> UserProfile:
    """Keeps the language a signed-in person chose: their pages open in it
    when they sign in, and mail that has no registration language of its
    own is written in it. Stored in Wagtail's user profile, whose
    ``preferred_language`` the admin follows too."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("Choose one of the site's languages.")})
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
    return profile


def locales_ensure() -> None:
    """A Wagtail locale for each of the site's languages (after every
    migrate: a language added later to ``LANGUAGES`` gets its locale)."""
    from wagtail.models import Locale

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def page_translation_publish(*, page, language: str, text_for, user=None, publish: bool = True):
    """``page`` translated into ``language`` with wagtail-localize, as its
    side-by-side editor does, and published (unless ``publish`` is false):
    each text segment of the page (its title, intro, each block's text, each
    paragraph of a rich text) gets ``text_for(path, source_text)``, where
    ``path`` is wagtail-localize's (``title``, ``body.<block id>.text``);
    a segment it gives nothing for keeps the source text. Parents without a
    translation in the language are copied into it first (wagtail-localize
    does the same). Returns the translated page."""
    from wagtail.models import Locale
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    locale = Locale.objects.get(language_code=language)
    with transaction.atomic():
        source, created = TranslationSource.get_or_create_from_instance(page)
        if not created:
            source.update_from_db()
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text_for(segment.context.path, segment.string.data) or segment.string.data},
            )
        # Saved as a draft, then published here: wagtail-localize's own
        # publishing waits for the transaction to commit.
        translation.save_target(user=user, publish=False)
        translated = page.get_translation(locale)
        if publish:
            translated.get_latest_revision().publish(user=user)
    return type(translated.specific).objects.get(pk=translated.pk)
