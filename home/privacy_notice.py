"""The privacy notice's versions: every time the notice (the live content
page with slug "privacy", in any language) is published, its text is kept
as a ``PrivacyNoticeVersion``; registrations point at the version the
person accepted, which stays readable at ``/privacy/versions/<id>/``."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from home.models import ContentPage, PrivacyNoticeVersion
from home.translated import language_code

PRIVACY_SLUG = "privacy"


def is_privacy_notice(page) -> bool:
    """The page is the notice or one of its translations (whatever its slug)."""
    if not isinstance(page, ContentPage):
        return False
    return (
        page.slug == PRIVACY_SLUG
        or ContentPage.objects.filter(translation_key=page.translation_key, slug=PRIVACY_SLUG).exists()
    )


def version_record(*, page: ContentPage) -> PrivacyNoticeVersion:
    """Keep the page's current text as its next version (the one before if
    nothing changed)."""
    language = page.locale.language_code
    with transaction.atomic():
        latest = (
            PrivacyNoticeVersion.objects.select_for_update()
            .filter(translation_key=page.translation_key, language=language)
            .order_by("-number")
            .first()
        )
        body_html = str(page.body)
        if latest is not None and (latest.title, latest.intro, latest.body_html) == (page.title, page.intro, body_html):
            return latest
        number = (
            PrivacyNoticeVersion.objects.filter(translation_key=page.translation_key, language=language).aggregate(
                Max("number")
            )["number__max"]
            or 0
        ) + 1
        try:
            with transaction.atomic():
                return PrivacyNoticeVersion.objects.create(
                    translation_key=page.translation_key,
                    page=page,
                    language=language,
                    number=number,
                    title=page.title,
                    intro=page.intro,
                    body_html=body_html,
                    published_at=page.last_published_at or timezone.now(),
                )
        except IntegrityError:  # recorded by a concurrent publish
            return PrivacyNoticeVersion.objects.get(
                translation_key=page.translation_key, language=language, number=number
            )


def _live_notice(language: str) -> ContentPage | None:
    notices = ContentPage.objects.live().public().filter(slug=PRIVACY_SLUG).order_by("path")
    first = notices.first()
    if first is None:
        return None
    translated = (
        ContentPage.objects.live()
        .public()
        .filter(translation_key=first.translation_key, locale__language_code=language)
        .first()
    )
    return translated or notices.filter(locale__language_code=settings.LANGUAGE_CODE).first() or first


def current_version(language: str | None = None) -> PrivacyNoticeVersion | None:
    """The version of the notice a person reads now in ``language`` (else
    the site's default language); recorded on first need for a notice
    published before versions were kept."""
    page = _live_notice(language_code(language))
    if page is None:
        return None
    latest = (
        PrivacyNoticeVersion.objects.filter(translation_key=page.translation_key, language=page.locale.language_code)
        .order_by("-number")
        .first()
    )
    return latest or version_record(page=page)


def version_url(version: PrivacyNoticeVersion) -> str:
    return reverse("privacy_notice_version", kwargs={"version_id": version.pk})
