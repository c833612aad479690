# Admin for registrations. Badge printing and check-in admin views live in
# checkin_hooks.py, imported here because Wagtail only loads wagtail_hooks.
from registration import checkin_hooks  # noqa: F401
