"""The check-in JSON API the scanner page and scanning devices call: scan,
manual check-in, undo, search, counts.

Check-in staff act only at the events they were assigned to
(``sessions.permissions``). API callers sign in with a session (cookie +
CSRF header) or present a scanner token (``Authorization: Token <key>``, no
CSRF: no cookie is involved), which acts only at the events it was made for.
Anonymous callers and unknown or revoked tokens get 401; callers with no
check-in event, or naming an event they may not check in at, 403; another
event's scan is a 404. All as JSON.
"""

from __future__ import annotations

import datetime
import functools
import json

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from forum_site.ratelimit import RateLimit, client_key
from registration.checkin import answers, doors, selectors, services, tokens
from registration.checkin.models import MAX_GATE_LENGTH, Direction, Scan, ScanResult
from registration.models import Registration
from sessions import permissions
from sessions.models import EventPage

MAX_BODY_BYTES = 4096
MAX_NONCE_LENGTH = 64
MAX_CLOCK_SKEW = datetime.timedelta(minutes=5)
# Invalid scans (forged, altered or unknown codes) a token or a signed-in
# user may make in a minute before the scan API pauses them: a door sees a
# few misreads, someone trying codes sees many.
INVALID_SCANS_PER_MINUTE = 30
INVALID_SCANS = RateLimit("checkin-invalid-scans", limit=INVALID_SCANS_PER_MINUTE, window=60)


class ApiError(Exception):
    """A request the API refuses, answered with ``status`` and a reason."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class BadRequest(ApiError):
    """A malformed optional field of an API request (answered 400)."""


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"result": "invalid", "registration": None, "message": message}, status=status)


def _device_revoked() -> JsonResponse:
    """Interface with the scanner app: a revoked registered device wipes
    every store it holds when it reads this ``code``."""
    message = gettext("This device was revoked by the event's organisers: its data is being erased.")
    return JsonResponse(
        {"result": "invalid", "registration": None, "message": message, "code": "device_revoked"}, status=401
    )


def scan_api(view=None, *, max_body: int = MAX_BODY_BYTES):
    """JSON API guard (``@scan_api``, or ``@scan_api(max_body=...)`` for a
    view that takes larger bodies): 401 for anonymous callers and unknown
    tokens (with ``"code": "device_revoked"`` for a revoked registered
    device, which must wipe its data), 403 for
    callers who check people in nowhere (or whose token is for no event
    they still work at), 413 for oversized bodies, 400 for bad optional
    fields, 409 for a nonce already used for another scan.

    Sets ``request.checkin_event_ids``, the events the caller may check in
    at (None: every event), asked once per request: the views check each
    event they are given against it. ``request.scanner_token_id`` is the
    token's id for token callers, else None."""
    if view is None:
        return functools.partial(scan_api, max_body=max_body)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        authorization = request.META.get("HTTP_AUTHORIZATION", "")
        request.scanner_token_id = None
        token_event_ids, is_device = None, False
        if authorization:
            scheme, _space, key = authorization.partition(" ")
            caller = tokens.user_for_scanner_key(key.strip()) if scheme.lower() == "token" else None
            if isinstance(caller, tokens.RevokedDevice):
                return _device_revoked()
            if caller is None:
                return _error(401, gettext("This scanner token is not valid."))
            request.user = caller.user
            request.scanner_token_id = caller.token_id
            token_event_ids = caller.event_ids
            is_device = caller.is_device
        else:
            if not request.user.is_authenticated:
                return _error(401, gettext("Sign in to scan badges."))
            # Session callers need the CSRF token (the views are exempt from
            # the middleware so that token callers need none).
            rejected = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
            if rejected is not None:
                return _error(403, gettext("The CSRF token is missing or wrong: reload the page."))
        allowed = permissions.checkin_event_ids(request.user, token_event_ids=token_event_ids, device=is_device)
        if allowed is not None and not allowed:
            if token_event_ids is not None:
                return _error(
                    403, gettext("This scanner token is not for any event you check people in at: make a new one.")
                )
            return _error(403, gettext("You may not scan badges."))
        request.checkin_event_ids = allowed
        request.checkin_max_body = max_body
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_body:
            return _error(413, gettext("The request is too large."))
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return _error(error.status, error.message)
        except services.NonceReused:
            return _error(409, gettext("This nonce was already used for another scan: send a new one."))
        except ValidationError as error:
            return _error(400, " ".join(error.messages))

    return csrf_exempt(never_cache(wrapper))


def _may_check_in_at(request, event_id: int | None) -> bool:
    """Whether the API caller may check people in at ``event_id``, from the
    answer ``sessions.permissions`` gave for this request."""
    allowed = request.checkin_event_ids
    return allowed is None or event_id in allowed


def _require_event_access(request, event_id: int) -> None:
    if not _may_check_in_at(request, event_id):
        raise ApiError(gettext("You may not check people in at this event."), status=403)


def _json_body(request) -> dict:
    """The request's JSON object; {} for an empty, broken or non-object body."""
    limit = getattr(request, "checkin_max_body", MAX_BODY_BYTES)
    body = request.body[: limit + 1]
    if len(body) > limit:
        raise BadRequest(gettext("The request is too large."))
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _event_id(value, *, required: bool = False) -> int | None:
    if value in (None, ""):
        if required:
            raise BadRequest(gettext("Choose an event."))
        return None
    if isinstance(value, bool) or not (str(value).isascii() and str(value).isdigit()) or len(str(value)) > 18:
        raise BadRequest(gettext("The event must be given by its number."))
    return int(value)


def _allowed_event(request, value) -> EventPage:
    """The event the request names, which the caller must be allowed at
    (refused before the event is looked up: its existence is not told)."""
    event_id = _event_id(value, required=True)
    _require_event_access(request, event_id)
    event = EventPage.objects.filter(pk=event_id).first()
    if event is None:
        raise BadRequest(gettext("There is no such event."))
    return event


def _short_text(value, *, field: str, limit: int) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or len(value) > limit or not value.isprintable():
        raise BadRequest(
            gettext("%(field)s must be a printable text of at most %(limit)s characters.")
            % {"field": field, "limit": limit}
        )
    return value.strip()


def _scanned_at(value) -> datetime.datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # well formed, but no such day or time ("2026-02-30T10:00:00")
        moment = None
    if moment is None:
        raise BadRequest(gettext("scanned_at must be a date and time in ISO 8601 format."))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    if moment > timezone.now() + MAX_CLOCK_SKEW:
        raise BadRequest(gettext("scanned_at is in the future."))
    if moment.year < 2000:  # no scanner's clock; and year 1 overflows any time zone
        raise BadRequest(gettext("scanned_at is too far in the past."))
    return moment


def _session_id(value) -> int | None:
    """The optional session whose door is scanned at (None: the entrance)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**63:
        raise BadRequest(gettext("session must be the number of a session."))
    return value


def _direction(value) -> str:
    if value in (None, ""):
        return Direction.ENTRY
    if value not in Direction.values:
        raise BadRequest(gettext("direction must be “entry” or “exit”."))
    return value


def _invalid_scans_key(request) -> str:
    """Invalid scans are counted per token, or per signed-in user."""
    if request.scanner_token_id is not None:
        return f"token:{request.scanner_token_id}"
    return client_key(request)


@require_POST
@scan_api
def api_scan(request):
    """``POST /api/checkin/scan/``: the check-in API contract of DESIGN.md;
    with ``"session"`` (and ``"direction"``), a scan at that session's door,
    whose answer carries the session's block (``doors.session_json``)."""
    limit_key = _invalid_scans_key(request)
    if INVALID_SCANS.exceeded(limit_key):
        seconds = INVALID_SCANS.retry_after()
        response = _error(
            429,
            ngettext(
                "Too many invalid badges in a minute: wait %(seconds)s second before the next scan.",
                "Too many invalid badges in a minute: wait %(seconds)s seconds before the next scan.",
                seconds,
            )
            % {"seconds": seconds},
        )
        response["Retry-After"] = str(seconds)
        return response
    data = _json_body(request)
    event_id = _event_id(data.get("event"))
    if event_id is not None:
        _require_event_access(request, event_id)
    answer = services.scan_record(
        code=data.get("code"),
        staff=request.user,
        allowed_event_ids=request.checkin_event_ids,
        event_id=event_id,
        gate=_short_text(data.get("gate"), field="gate", limit=MAX_GATE_LENGTH),
        nonce=_short_text(data.get("nonce"), field="nonce", limit=MAX_NONCE_LENGTH) or None,
        scanned_at=_scanned_at(data.get("scanned_at")),
        context=services.ScanContext(
            session_id=_session_id(data.get("session")),
            direction=_direction(data.get("direction")),
            token_id=request.scanner_token_id,
        ),
    )
    if answer.result == ScanResult.INVALID:
        INVALID_SCANS.count(limit_key)
    return JsonResponse(answer.as_json())


@require_POST
@scan_api
def api_manual(request):
    """Check in someone found by the search (no badge): ``{"event",
    "reference"}``, and ``"session"``/``"direction"`` at a session's door."""
    data = _json_body(request)
    event = _allowed_event(request, data.get("event"))
    reference = data.get("reference")
    registration = None
    if isinstance(reference, str) and len(reference) <= 12 and reference.strip().isalnum():
        registration = (
            Registration.objects.select_related("event", "category")
            .filter(event=event, reference=reference.strip().upper())
            .first()
        )
    if registration is None:
        return _error(404, gettext("There is no registration with this reference for this event."))
    answer = services.registration_check_in(
        registration=registration,
        staff=request.user,
        event=event,
        gate=_short_text(data.get("gate"), field="gate", limit=MAX_GATE_LENGTH),
        nonce=_short_text(data.get("nonce"), field="nonce", limit=MAX_NONCE_LENGTH) or None,
        context=services.ScanContext(
            session_id=_session_id(data.get("session")),
            direction=_direction(data.get("direction")),
            token_id=request.scanner_token_id,
        ),
    )
    return JsonResponse(answer.as_json())


@require_POST
@scan_api
def api_undo(request):
    """Undo a mistaken check-in: ``{"scan": <id from the scan answer>}``. A
    scan of an event the caller may not check in at is not found."""
    data = _json_body(request)
    scan_id = data.get("scan")
    if isinstance(scan_id, bool) or not isinstance(scan_id, int):
        raise BadRequest(gettext("scan must be the number of a scan."))
    scan = Scan.objects.filter(pk=scan_id).first()
    if scan is None or not _may_check_in_at(request, scan.event_id):
        return _error(404, gettext("There is no such scan."))
    registration = services.scan_undo(scan=scan, by=request.user)
    return JsonResponse(
        {
            "result": "undone",
            "registration": answers.registration_json(registration),
            "message": gettext("Check-in undone."),
        }
    )


@require_GET
@scan_api
def api_search(request):
    event = _allowed_event(request, request.GET.get("event"))
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    results = selectors.checkin_search(event=event, query=query)
    return JsonResponse({"results": [answers.registration_json(registration) for registration in results]})


@require_GET
@scan_api
def api_counts(request):
    """The event's counts; with ``session``, that session's too (inside now,
    attended)."""
    event = _allowed_event(request, request.GET.get("event"))
    counts = selectors.checkin_counts(event=event)
    session = request.GET.get("session", "")
    if session:
        if not (session.isascii() and session.isdigit() and len(session) < 19):
            raise BadRequest(gettext("session must be the number of a session."))
        door = doors.door_session(int(session), event_id=event.pk, allowed_event_ids=request.checkin_event_ids)
        counts["session"] = selectors.session_counts(session=door)
    return JsonResponse(counts)
