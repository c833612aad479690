"""Render an email (text + HTML) in the recipient's language.

Each email is a pair of templates, ``<name>.txt`` and ``<name>.html``, plus a
subject template ``<name>_subject.txt``; they are rendered with the given
language active, so every ``{% translate %}`` follows the participant."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    """An absolute URL for links in emails and calendar feeds."""
    return f"{settings.SITE_URL}{path}"


def render_email(
    template: str,
    context: dict,
    *,
    to: list[str],
    language: str = "en",
    attachments: list[tuple[str, bytes, str]] = (),
    headers: dict | None = None,
) -> EmailMultiAlternatives:
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "LANGUAGE_CODE": language}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to, headers=headers or {})
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message
