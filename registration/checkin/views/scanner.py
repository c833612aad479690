"""The scanner's pages, for check-in staff at their events: choosing the
event, gate and door (the entrance or a session's), the scanner itself (its
calls go to ``api.py``), the scanner of a registered device, and the staff
member's scanner device tokens."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from registration.checkin import selectors, tokens
from registration.checkin.forms import ScannerTokenForm
from registration.checkin.models import MAX_GATE_LENGTH, ScannerToken
from sessions import permissions
from sessions.models import Session

JSQR_PATH = "checkin/vendor/jsqr/jsQR.js"

# The scanner's scripts, in the order its pages load them (each uses the
# ones before it); the service worker caches the same list.
SCANNER_SCRIPTS = (
    "checkin/store.js",
    "checkin/verify.js",
    "checkin/sync.js",
    "checkin/camera.js",
    "checkin/ui.js",
    "checkin/search.js",
    "checkin/checkin.js",
)

# The scanner page's words, handed to its script. ``{count}`` and ``{time}``
# are filled in by the script.
SCANNER_STRINGS = {
    "ok": _("Checked in"),
    "already_checked_in": _("Already checked in"),
    "cancelled": _("Cancelled"),
    "not_confirmed": _("Not confirmed"),
    "wrong_event": _("Wrong event"),
    "invalid": _("Invalid badge"),
    "not_admitted": _("Not admitted to this session"),
    "room_full": _("Room full"),
    "left": _("Left the session"),
    "undone": _("Check-in undone"),
    "offline": _("Saved, checked when online"),
    "offline_ok": _("Checked in from this device's list (no network)."),
    "offline_unknown": _("Not on this device's list yet: saved, checked when online."),
    "offline_legacy": _("An older badge, which only the server can check: saved, checked when online."),
    "offline_unverifiable": _("This browser cannot check badge signatures: saved, checked when online."),
    "offline_already": _("Already checked in at {time}."),
    "offline_cancelled": _("This registration was cancelled."),
    "offline_not_confirmed": _("This registration is not confirmed."),
    "offline_superseded": _("This badge was replaced by a newer badge."),
    "offline_forged": _("This badge's signature is not valid."),
    "offline_not_admitted": _("Not admitted to this session."),
    "offline_left": _("Left the session."),
    "offline_banner": _("Offline: verdicts from this device's list. Scans waiting: {count}"),
    "pending": _("Scans waiting to be sent: {count}"),
    "signin_again": _("Sign in again to send the scans waiting ({count})."),
    "device_refused": _(
        "This device's token was refused: ask for the device to be set up again. Scans waiting: {count}"
    ),
    "device_revoked": _("This device was revoked: its data on this device is wiped. Ask for it to be set up again."),
    "roster_refreshed": _("List of people refreshed at {time} ({count} people)."),
    "roster_missing": _(
        "The list of people is not loaded yet: without the network, badges are saved and checked later."
    ),
    "sent_conflict": _("Conflict:"),
    "sent_refused": _("Refused:"),
    # After the door's own label "Inside now:" (checkin/_session_door.html).
    "inside": _("{inside} / {capacity}"),
    "inside_no_capacity": _("{inside}"),
    "error": _("The server could not answer. Try again."),
    "check_in": _("Check in"),
    "checked_in_at": _("Checked in at"),
    "no_results": _("Nobody found."),
    "camera_start": _("Start the camera"),
    "camera_stop": _("Stop the camera"),
    "camera_unavailable": _("No camera available: use a handheld scanner or type the code."),
    "camera_running": _("Point the camera at the QR code."),
}


def checkin_staff_required(view):
    """For the scanner's pages: signed in (else to the sign-in page) and
    checking people in at some event (else 403)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.may_check_in_anywhere(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapper)


@checkin_staff_required
def scanner_start(request):
    """Choose the event (one of the user's), the gate, and where: the
    entrance, or the door of one of the event's sessions (a second step,
    which lists that event's sessions)."""
    events = list(selectors.scanner_events(request.user))
    chosen = request.GET.get("event", "")
    if chosen.isascii() and chosen.isdigit():
        event = get_object_or_404(permissions.checkin_events(request.user), pk=int(chosen))
        gate = request.GET.get("gate", "").strip()[:MAX_GATE_LENGTH]
        if request.GET.get("place") == "door":
            return _choose_door(request, event, gate)
        return redirect(_scanner_url(event, gate=gate))
    device_events = permissions.device_manageable_events(request.user).filter(pk__in=[e.pk for e in events])
    return render(request, "checkin/start.html", {"events": events, "device_events": list(device_events)})


def _scanner_url(event, *, gate: str = "", session_id: int | None = None) -> str:
    url = reverse("checkin:scanner", kwargs={"event_id": event.pk})
    query = {key: value for key, value in (("session", session_id), ("gate", gate)) if value}
    return f"{url}?{urlencode(query)}" if query else url


def _choose_door(request, event, gate: str):
    """The second step for a session's door: its select of the event's
    sessions of today and later; a choice opens that door's scanner."""
    sessions = selectors.door_sessions(event=event)
    chosen = request.GET.get("session", "")
    error = ""
    if chosen:
        found = [session for session in sessions if str(session.pk) == chosen]
        if found:
            return redirect(_scanner_url(event, gate=gate, session_id=found[0].pk))
        error = gettext("Choose one of the sessions in the list.")
    context = {"event": event, "gate": gate, "days": selectors.sessions_by_day(sessions, event=event), "error": error}
    return render(request, "checkin/start_door.html", context, status=400 if error else 200)


def _door(request, event):
    """The session of ``?session=`` (of this event only: any other is a
    404), or None at the entrance."""
    chosen = request.GET.get("session", "")
    if not chosen:
        return None
    if not (chosen.isascii() and chosen.isdigit() and len(chosen) < 19):
        raise Http404
    return get_object_or_404(Session.objects.select_related("room", "event"), pk=int(chosen), event=event)


@checkin_staff_required
def scanner(request, event_id: int):
    """The scanner page: camera, handheld input, manual search, counts. Of
    the user's events only: any other is a 404. With ``?session=``, at that
    session's door (entry and exit, inside now)."""
    event = get_object_or_404(permissions.checkin_events(request.user), pk=event_id)
    gate = request.GET.get("gate", "").strip()[:MAX_GATE_LENGTH]
    door = _door(request, event)
    context = {
        "event": event,
        "gate": gate,
        "counts": selectors.checkin_counts(event=event),
        "door": door,
        "door_counts": selectors.session_counts(session=door) if door else None,
        "strings": SCANNER_STRINGS,
        "scripts": SCANNER_SCRIPTS,
        "jsqr_url": jsqr_url(),
    }
    return render(request, "checkin/scanner.html", context)


def device_app(request):
    """The scanner of a registered device (a phone or tablet set up with a
    token for one event): nobody signs in, so the page carries no event and
    no personal data; its script reads the device's token and event from
    the device's own storage and asks the API for the rest."""
    context = {
        "device_mode": True,
        "gate": request.GET.get("gate", "").strip()[:MAX_GATE_LENGTH],
        "strings": SCANNER_STRINGS,
        "scripts": SCANNER_SCRIPTS,
        "jsqr_url": jsqr_url(),
    }
    return render(request, "checkin/scanner.html", context)


def jsqr_url() -> str:
    """jsQR is installed by the setup (``make``, from the npm registry), not
    kept in the repository; without it the camera needs BarcodeDetector."""
    if not finders.find(JSQR_PATH) and not staticfiles_storage.exists(JSQR_PATH):
        return ""
    try:
        return staticfiles_storage.url(JSQR_PATH)
    except ValueError:  # not collected into the manifest
        return ""


@checkin_staff_required
def scanner_devices(request):
    """The staff member's scanner tokens, for devices and outside check-in
    tools that call the API without a browser session: create one for some
    of their events (its key is shown once, on the answer to the POST), see
    them with their events, revoke one."""
    events = permissions.checkin_events(request.user)
    form = ScannerTokenForm(request.POST or None, events=events)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = tokens.scanner_token_create(
                user=request.user, name=form.cleaned_data["name"], events=form.cleaned_data["events"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ScannerTokenForm(events=events)
    context = {"form": form, "new_key": new_key, "tokens": tokens.scanner_tokens_of(user=request.user)}
    response = render(request, "checkin/devices.html", context)
    response["Cache-Control"] = "private, no-store"  # the key must not stay in a cache
    return response


@require_POST
@checkin_staff_required
def scanner_device_revoke(request, token_id: int):
    """Revoke one of the staff member's own tokens; anyone else's is a 404."""
    token = get_object_or_404(ScannerToken, pk=token_id, user=request.user, is_device=False)
    tokens.scanner_token_revoke(token=token)
    messages.success(request, gettext("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("checkin:devices")
