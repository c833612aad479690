from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.utils import translation

from home.languages import user_language
from home.outbox import email_queue


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset) are rendered in the
    request, in the language the person chose on the site (else the
    visitor's), and written to the site's outbox
    (kind "account", no event: only superusers see them in the admin); the
    outbox sends them once the transaction commits, so a slow mail server
    never holds a page."""

    def send_mail(self, template_prefix, email, context):
        # A person who chose a language on the site gets their account mail
        # in it (a password reset asked for from a page in another one too).
        language = user_language(context.get("user")) or translation.get_language() or "en"
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        with transaction.atomic():
            email_queue(message, kind="account", language=language, holds_secret=True)
