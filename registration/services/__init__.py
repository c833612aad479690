"""Operations that change registrations. Each is one transaction. The
services live in the modules of this package; their names are listed here,
so that callers say ``registration.services.registration_register``.

Every decision about a seat is taken after locking, in this order, the
event's ``RegistrationSettings`` row and then the category row
(``select_for_update``), so concurrent attempts for one event serialise and
nobody is confirmed beyond capacity. Every change of status is recorded in
``RegistrationLogEntry`` and reported by an email rendered and written to the
site's outbox (``home.outbox``) in the same transaction; it is sent once
the transaction commits.
"""

from registration.services.capacity import capacity_errors, capacity_save
from registration.services.changes import (
    category_is_own_choice,
    registration_approve,
    registration_bulk_action,
    registration_cancel,
    registration_confirm_waiting,
    registration_promote,
    registration_reject,
    registration_update,
    rename_needs_approval,
)
from registration.services.claims import CLAIM_REASON, registration_give_consent, registrations_claim
from registration.services.common import (
    ACTIVE_STATUSES,
    APPROVED_STATUSES,
    CONSENT_FIELDS,
    DETAIL_FIELDS,
    EMAIL_CANCELLED,
    EMAIL_CONFIRMED,
    EMAIL_KINDS,
    EMAIL_PROMOTED,
    EMAIL_RECEIVED,
    EMAIL_REJECTED,
    EMAIL_WAITLISTED,
    NAME_FIELDS,
    PARTICIPANT_FIELDS,
    SPEAKER_CATEGORY_SLUG,
    TRACKED_FIELDS,
    AlreadyRegistered,
    outgoing_email_queue,
    registration_resend_confirmation,
)
from registration.services.event_setup import category_delete, invitation_code_delete, question_delete
from registration.services.list_import import (
    IMPORT_COLUMNS,
    IMPORT_MAX_ROWS,
    IMPORT_OPTIONAL_COLUMNS,
    registration_import_list,
)
from registration.services.registering import registration_register, registration_register_speaker

__all__ = [
    "ACTIVE_STATUSES",
    "EMAIL_RECEIVED",
    "EMAIL_CONFIRMED",
    "EMAIL_WAITLISTED",
    "EMAIL_PROMOTED",
    "EMAIL_REJECTED",
    "EMAIL_CANCELLED",
    "EMAIL_KINDS",
    "DETAIL_FIELDS",
    "CONSENT_FIELDS",
    "PARTICIPANT_FIELDS",
    "SPEAKER_CATEGORY_SLUG",
    "TRACKED_FIELDS",
    "NAME_FIELDS",
    "APPROVED_STATUSES",
    "AlreadyRegistered",
    "outgoing_email_queue",
    "registration_resend_confirmation",
    "registration_register",
    "registration_register_speaker",
    "registration_update",
    "category_is_own_choice",
    "rename_needs_approval",
    "registration_approve",
    "registration_reject",
    "registration_cancel",
    "registration_promote",
    "registration_confirm_waiting",
    "capacity_errors",
    "capacity_save",
    "registration_bulk_action",
    "IMPORT_COLUMNS",
    "IMPORT_OPTIONAL_COLUMNS",
    "IMPORT_MAX_ROWS",
    "registration_import_list",
    "category_delete",
    "question_delete",
    "invitation_code_delete",
    "CLAIM_REASON",
    "registrations_claim",
    "registration_give_consent",
]
