"""Operations on delegations: inviting the focal point, the seats, the
nominations, the note verbale, the organisers' approval and reminders.

Each is one transaction that starts by locking the delegation's row
(``select_for_update``); the registration services it calls then lock the
event's ``RegistrationSettings`` and the category or registration, in that
order, so every path takes the locks in one order. The quota is counted
under the delegation's lock: two nominations racing for the last seat
serialise and the second is refused. Every change is written to the
delegation's log (``DelegationLogEntry``) and every email to the outbox
(``home.outbox``), in the focal point's language, in the same transaction.

The services live in the modules of this package (``focal_points``: the
organisers' side and the invitation; ``nominations``: the focal point's
work) and are named here, so that callers say
``registration.delegations.services.nomination_create``."""

from registration.delegations.services.common import (
    EXTRA_SEATS_MAX,
    NOMINEE_FIELDS,
    REMINDER_INTERVAL,
    TOKEN_PURPOSE,
    InvitationTaken,
    invitation_link_token,
)
from registration.delegations.services.focal_points import (
    delegation_accept,
    delegation_approve,
    delegation_create,
    delegation_invite,
    delegation_quotas_set,
    delegation_remind,
)
from registration.delegations.services.nominations import (
    delegation_note_verbale_upload,
    delegation_request_seats,
    nomination_create,
    nomination_make_head,
    nomination_update,
    nomination_withdraw,
)

__all__ = [
    "EXTRA_SEATS_MAX",
    "NOMINEE_FIELDS",
    "REMINDER_INTERVAL",
    "TOKEN_PURPOSE",
    "InvitationTaken",
    "invitation_link_token",
    "delegation_accept",
    "delegation_approve",
    "delegation_create",
    "delegation_invite",
    "delegation_quotas_set",
    "delegation_remind",
    "delegation_note_verbale_upload",
    "delegation_request_seats",
    "nomination_create",
    "nomination_make_head",
    "nomination_update",
    "nomination_withdraw",
]
