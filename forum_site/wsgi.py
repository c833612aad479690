import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings")

application = get_wsgi_application()

# Load the URLs (and the views they import) now, then move everything loaded
# so far out of the garbage collector's sight: it is never freed, and a full
# collection that walks it takes 120 ms on the development machine, during
# which every request waiting for this worker waits longer.
get_resolver().url_patterns  # noqa: B018 - imports every view
gc.freeze()
