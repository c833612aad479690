# Admin for registrations. Badge printing and check-in admin views live in
# checkin_hooks.py, imported here because Wagtail only loads wagtail_hooks.
from registration import checkin_hooks  # noqa: F401

# isort: split
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from registration.views.admin import BULK_ACTIONS, POLICIES, RegistrationAdminGroup

for model, policy in POLICIES.items():
    register_permission_policy(model, policy)

register_snippet(RegistrationAdminGroup)

for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)
