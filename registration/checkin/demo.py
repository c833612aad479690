"""Demo session doors for ``manage.py load_demo`` (idempotent; runs after
the agenda and the registrations): the Forum's ministerial round table is a
closed session, admitting the Member State delegations and the UN system,
one invited person from civil society and its own speakers, in a room with
a capacity, so that door scanning can be tried from ``make run``."""

from registration.checkin.session_access import session_access_save
from registration.models import Category, Registration, RegistrationStatus
from sessions.models import Session

ROUND_TABLE_TITLE = "Ministerial round table (Chatham House rule)"
ADMITTED_CATEGORIES = ("member-state", "un-system")


def load_demo(context: dict) -> None:
    forum = context["forum"]
    round_table = Session.objects.filter(event=forum, title=ROUND_TABLE_TITLE).select_related("event").first()
    if round_table is None:
        return
    invited = (
        Registration.objects.filter(event=forum, category__slug="civil-society", status=RegistrationStatus.CONFIRMED)
        .order_by("created_at", "pk")
        .first()
    )
    session_access_save(
        session=round_table,
        closed=True,
        categories=Category.objects.filter(event=forum, slug__in=ADMITTED_CATEGORIES),
        registrations=[invited] if invited else [],
    )
