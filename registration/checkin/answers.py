"""What a scan answers: the verdict, the part of the registration the
scanner may show, and a sentence for the person at the gate."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext

from registration.checkin.models import ScanResult
from registration.models import Registration


@dataclass
class ScanAnswer:
    """What the scanner shows: the verdict, whose badge, a sentence."""

    result: str
    registration: Registration | None
    message: str
    scan_id: int | None = None
    conflict: bool = False
    session: dict | None = None  # at a session's door: its id, title, inside now, capacity

    def as_json(self) -> dict:
        if self.registration is None:
            shown = None
        elif self.result == ScanResult.WRONG_EVENT:
            shown = wrong_event_json(self.registration)
        else:
            shown = registration_json(self.registration)
        answer = {"result": self.result, "registration": shown, "message": str(self.message), "scan": self.scan_id}
        if self.conflict:
            answer["conflict"] = True
        if self.session is not None:
            answer["session"] = self.session
        return answer


def local_time(registration: Registration, moment: datetime.datetime) -> str:
    return timezone.localtime(moment, registration.event.tz).strftime("%H:%M")


def registration_json(registration: Registration) -> dict:
    checked_in_at = registration.checked_in_at
    return {
        "reference": registration.reference,
        "name": registration.full_name,
        "organisation": registration.organisation,
        "country": str(registration.country.name) if registration.country else "",
        "category": registration.category.name,
        "category_colour": registration.category.badge_colour,
        "status": registration.status,
        "event": registration.event.title,
        "checked_in_at": checked_in_at.isoformat() if checked_in_at else None,
        "checked_in_time": local_time(registration, checked_in_at) if checked_in_at else None,
        "checked_in_gate": registration.checked_in_gate,
    }


def wrong_event_json(registration: Registration) -> dict:
    """What a badge of another event shows: whose it is and for which event,
    so that the person can be sent to the right door; nothing more."""
    return {"name": registration.full_name, "event": registration.event.title}


def scan_message(result: str, registration: Registration | None, *, superseded: bool = False) -> str:
    if result == ScanResult.OK:
        return gettext("Checked in.")
    if result == ScanResult.ALREADY_CHECKED_IN:
        time = local_time(registration, registration.checked_in_at)
        if registration.checked_in_gate:
            return gettext("Already checked in at %(time)s (gate %(gate)s).") % {
                "time": time,
                "gate": registration.checked_in_gate,
            }
        return gettext("Already checked in at %(time)s.") % {"time": time}
    if result == ScanResult.CANCELLED:
        return gettext("This registration was cancelled.")
    if result == ScanResult.NOT_CONFIRMED:
        return gettext("This registration is not confirmed (%(status)s).") % {
            "status": registration.get_status_display()
        }
    if result == ScanResult.WRONG_EVENT:
        return gettext("This badge is for another event: %(event)s.") % {"event": registration.event.title}
    if superseded:
        return gettext("This badge was replaced by a newer one and is no longer valid.")
    return gettext("Invalid badge: this code was not issued by this site.")
