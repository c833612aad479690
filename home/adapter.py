from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from home.tasks import send_email_message


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset) are rendered in the
    request, in the visitor's language, and sent by a Celery task queued once
    the transaction commits, so a slow mail server never holds a page."""

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        payload = {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
            "headers": dict(message.extra_headers),
        }
        transaction.on_commit(lambda: send_email_message.delay(payload=payload))
