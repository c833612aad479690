"""The Celery app. Configured from Django settings (``CELERY_*``); tasks are
discovered from each app's ``tasks.py``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings")

app = Celery("forum_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Badge printing tasks live beside the registration tasks.
app.autodiscover_tasks(["registration"], related_name="badge_tasks")
