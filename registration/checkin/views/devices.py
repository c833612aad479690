"""Registered scanning devices: the event's devices page (organisers and
lead staff register one, which shows its setup QR code, and revoke one),
and the setup page the phone opens from that QR code (no sign-in: the phone
is not signed in; the one-time code is the proof).

The setup page answers ``checkin/device_setup_done.html`` with the device's
configuration for the scanner app's ``setup.js``: ``{"token", "event",
"event_title", "app_url"}``.
"""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from registration.checkin import devices, selectors
from registration.checkin.forms import DeviceForm
from registration.checkin.models import ScannerToken
from sessions import permissions

DEVICE_APP_PATH = "/checkin/device/"
UNUSABLE_CODE = {
    "unknown": (404, _("This setup code is not known. Ask for a new QR code on the event's devices page.")),
    "used": (410, _("This setup code was already used. Ask for a new QR code on the event's devices page.")),
    "expired": (
        410,
        _(
            "This setup code has expired (codes are valid for 10 minutes). Ask for a new QR code on the event's devices page."
        ),
    ),
    "revoked": (410, _("This device was revoked before it was set up.")),
}


def _device_event(request, event_id: int):
    """The event whose devices the user may manage; any other is a 404, and
    a user who manages devices nowhere gets 403."""
    events = permissions.device_manageable_events(request.user)
    if not events.exists():
        raise PermissionDenied
    return get_object_or_404(events, pk=event_id)


def setup_qr_svg(url: str) -> str:
    """The setup URL as an inline SVG QR code (made here: no image is stored)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308 - our own drawing of a URL we built


@login_required
def device_events(request):
    """The events whose devices the user may manage, to choose one (the
    admin's menu item opens this)."""
    events = list(permissions.device_manageable_events(request.user))
    if not events:
        raise PermissionDenied
    if len(events) == 1:
        return redirect("checkin:event_devices", event_id=events[0].pk)
    return render(request, "checkin/device_events.html", {"events": events})


@login_required
@require_http_methods(["GET", "POST"])
def event_devices(request, event_id: int):
    """The event's registered devices (name, who registered it, set up,
    last seen, state) and "Register a device", whose answer shows the setup
    QR code of the new device."""
    event = _device_event(request, event_id)
    form = DeviceForm(request.POST or None)
    new_device = None
    if request.method == "POST" and form.is_valid():
        token, code = devices.device_register(event=event, name=form.cleaned_data["name"], by=request.user)
        url = request.build_absolute_uri(reverse("checkin:device_setup", kwargs={"code": code}))
        new_device = {"token": token, "url": url, "qr": setup_qr_svg(url)}
        form = DeviceForm()
    context = {
        "event": event,
        "form": form,
        "new_device": new_device,
        "devices": selectors.devices_of_event(event=event),
        "lifetime_minutes": int(devices.SETUP_CODE_LIFETIME.total_seconds() // 60),
    }
    response = render(request, "checkin/event_devices.html", context)
    response["Cache-Control"] = "private, no-store"  # the setup code must not stay in a cache
    return response


@login_required
@require_POST
def event_device_revoke(request, event_id: int, token_id: int):
    """Revoke one of the event's devices; another event's is a 404."""
    event = _device_event(request, event_id)
    token = get_object_or_404(ScannerToken, pk=token_id, is_device=True, events=event)
    devices.device_revoke(token=token, by=request.user)
    messages.success(
        request,
        gettext("The device “%(name)s” is revoked: it erases its data at its next contact.") % {"name": token.name},
    )
    return redirect("checkin:event_devices", event_id=event.pk)


def _device_app_url() -> str:
    """The scanner app in device mode (``checkin:device_app``, the path the
    setup contract names)."""
    try:
        return reverse("checkin:device_app")
    except NoReverseMatch:  # the app page not installed yet
        return DEVICE_APP_PATH


@require_http_methods(["GET", "POST"])
def device_setup(request, code: str):
    """The page a phone opens from the setup QR code. GET asks to confirm
    (it never uses the code up: link previews and scanners' own look-ups
    send GETs); POST exchanges the code for the device's key."""
    response = _device_setup_response(request, code)
    response["Cache-Control"] = "no-store"  # the one-time code, and the key
    return response


def _device_setup_response(request, code: str):
    try:
        token = devices.setup_code_check(code=code)
        if request.method == "POST":
            token, key = devices.device_set_up(code=code)
    except devices.SetupCodeUnusable as unusable:
        status, message = UNUSABLE_CODE[unusable.reason]
        return render(request, "checkin/device_setup_refused.html", {"message": message}, status=status)
    event = token.events.get()
    if request.method == "GET":
        return render(request, "checkin/device_setup.html", {"device": token, "event": event})
    config = {
        "token": key,
        "event": event.pk,
        "event_title": event.title,
        "app_url": _device_app_url(),
    }
    return render(request, "checkin/device_setup_done.html", {"device_config": config, "event": event})
