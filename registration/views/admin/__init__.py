"""The organisers' side in the Wagtail admin: registrations per event
(``registrations``), their bulk actions (``bulk``), one person's resend
(``resend``),
and each event's settings, categories, questions and invitation codes
(``event_setup``).

Every listing, filter, export, chooser and object is limited to the events
the user may manage: each model has an ``EventScopedPermissionPolicy``
(registered in ``registration.wagtail_hooks``) and each viewset the
``EventScopedViewSetMixin`` of ``sessions.permissions``."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from registration.views.admin.bulk import BULK_ACTIONS
from registration.views.admin.event_setup import (
    DELETE_ACTIONS,
    CategoryViewSet,
    InvitationCodeViewSet,
    QuestionViewSet,
    RegistrationSettingsViewSet,
)
from registration.views.admin.registrations import RegistrationPermissionPolicy, RegistrationViewSet
from registration.views.admin.resend import registration_resend_view

__all__ = [
    "BULK_ACTIONS",
    "DELETE_ACTIONS",
    "RegistrationAdminGroup",
    "RegistrationPermissionPolicy",
    "registration_resend_view",
]


class RegistrationAdminGroup(SnippetViewSetGroup):
    menu_label = _("Registration")
    menu_icon = "group"
    menu_order = 300
    items = (
        RegistrationViewSet,
        RegistrationSettingsViewSet,
        CategoryViewSet,
        QuestionViewSet,
        InvitationCodeViewSet,
    )
