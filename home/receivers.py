"""The site shell's answers to other apps' signals."""

from allauth.account.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from wagtail.signals import page_published

from home import languages


@receiver(user_logged_in, dispatch_uid="home.language_on_sign_in")
def language_on_sign_in(sender, request, response=None, user=None, **kwargs):
    """A person who chose a language before finds it again when they sign
    in: the cookie is set, and the page they return to is in it (when
    that page has a translation in it)."""
    language = languages.user_language(user)
    if language is None or response is None:
        return
    translation.activate(language)
    request.LANGUAGE_CODE = language
    languages.set_language_cookie(response, language)
    location = response.get("Location")
    if location:
        response["Location"] = languages.equivalent_url(request, location, language, fallback=False)


@receiver(page_published, dispatch_uid="home.privacy_notice_version")
def keep_privacy_notice_version(sender, instance, **kwargs):
    """Each publication of the privacy notice keeps its text as a version."""
    from home.privacy_notice import is_privacy_notice, version_record

    page = instance.specific
    if is_privacy_notice(page):
        version_record(page=page)
