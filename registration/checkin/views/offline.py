"""The API of scanners that work offline: the roster they download and
refresh (``roster.py``), and the upload of the scans they made meanwhile.

``GET /api/checkin/roster/?event=<id>[&since=<cursor>]``: the event's keys,
categories, people and revocations (only what changed since the cursor of
the previous answer), compressed.

``POST /api/checkin/sync/`` with ``{"event": <id>, "device": "<id>",
"scans": [{"code", "nonce", "scanned_at", "gate", "session", "direction",
"device_result"}, ...]}`` (at most ``MAX_SYNC_SCANS``): each scan is
recorded as if made online at its time, and answered in the same order with
the server's verdict (``result``, ``message``, ``registration``, ``scan``,
``conflict`` when the device let the person in and the server did not), or
``{"nonce", "error", "status"}`` for a scan refused as malformed. A scan
uploaded twice (same nonce) records one scan and gets the first answer.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_POST

from registration.checkin import roster, services
from registration.checkin.models import MAX_GATE_LENGTH, ScanResult
from registration.checkin.views.api import (
    MAX_NONCE_LENGTH,
    BadRequest,
    _allowed_event,
    _direction,
    _json_body,
    _scanned_at,
    _session_id,
    _short_text,
    scan_api,
)

MAX_SYNC_SCANS = 100
MAX_SYNC_BODY_BYTES = 64 * 1024
MAX_DEVICE_LENGTH = 64


@gzip_page
@require_GET
@scan_api
def api_roster(request):
    event = _allowed_event(request, request.GET.get("event"))
    try:
        since = roster.parse_cursor(request.GET.get("since"))
    except roster.BadCursor:
        raise BadRequest(gettext("since must be the cursor of an earlier answer.")) from None
    response = JsonResponse(
        roster.roster_snapshot(event=event, since=since), json_dumps_params={"separators": (",", ":")}
    )
    response["Cache-Control"] = "private, no-store"  # names of people: kept by the scanner only
    return response


def _device_result(value) -> str:
    if value in (None, ""):
        return ""
    if value not in ScanResult.values and value not in ("offline", "unknown"):
        raise BadRequest(gettext("device_result is not a verdict."))
    return value


def _sync_one(request, *, event, device: str, item) -> dict:
    """Record one uploaded scan: its answer, or why it was refused."""
    nonce = item.get("nonce") if isinstance(item, dict) else None
    try:
        if not isinstance(item, dict):
            raise BadRequest(gettext("Each scan must be an object."))
        nonce = _short_text(nonce, field="nonce", limit=MAX_NONCE_LENGTH)
        if not nonce:
            raise BadRequest(gettext("Each uploaded scan needs its nonce."))
        scanned_at = _scanned_at(item.get("scanned_at"))
        if scanned_at is None:
            raise BadRequest(gettext("Each uploaded scan needs its scanned_at."))
        context = services.ScanContext(
            session_id=_session_id(item.get("session")),
            direction=_direction(item.get("direction")),
            offline=True,
            device_result=_device_result(item.get("device_result")),
            device_id=device,
            token_id=request.scanner_token_id,
        )
        answer = services.scan_record(
            code=item.get("code"),
            staff=request.user,
            allowed_event_ids=request.checkin_event_ids,
            event_id=event.pk,
            gate=_short_text(item.get("gate"), field="gate", limit=MAX_GATE_LENGTH),
            nonce=nonce,
            scanned_at=scanned_at,
            context=context,
        )
    except BadRequest as error:
        return {"nonce": nonce if isinstance(nonce, str) else None, "error": error.message, "status": 400}
    except ValidationError as error:
        return {"nonce": nonce, "error": " ".join(error.messages), "status": 400}
    except services.NonceReused:
        return {"nonce": nonce, "error": gettext("This nonce was already used for another scan."), "status": 409}
    return {"nonce": nonce, **answer.as_json()}


@require_POST
@scan_api(max_body=MAX_SYNC_BODY_BYTES)
def api_sync(request):
    data = _json_body(request)
    event = _allowed_event(request, data.get("event"))
    device = _short_text(data.get("device"), field="device", limit=MAX_DEVICE_LENGTH)
    scans = data.get("scans")
    if not isinstance(scans, list) or not scans:
        raise BadRequest(gettext("scans must be a list of scans."))
    if len(scans) > MAX_SYNC_SCANS:
        raise BadRequest(gettext("Send at most %(count)s scans at a time.") % {"count": MAX_SYNC_SCANS})
    results = [_sync_one(request, event=event, device=device, item=item) for item in scans]
    return JsonResponse({"results": results})
