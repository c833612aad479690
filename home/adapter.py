from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.utils import translation

from home.outbox import email_queue


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset) are rendered in the
    request, in the visitor's language, and written to the site's outbox
    (kind "account", no event: only superusers see them in the admin); the
    outbox sends them once the transaction commits, so a slow mail server
    never holds a page."""

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        with transaction.atomic():
            email_queue(message, kind="account", language=translation.get_language() or "en", holds_secret=True)
