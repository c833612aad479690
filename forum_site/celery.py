"""The Celery app. Configured from Django settings (``CELERY_*``); tasks are
discovered from each installed app's ``tasks.py`` (``registration.badges``
is an app of its own)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings")

app = Celery("forum_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
