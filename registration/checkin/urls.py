"""The scanner pages and the check-in API, at the site root: /checkin/,
/api/checkin/scan/ and so on (paths other tools rely on: keep them)."""

from django.urls import path

from registration.checkin.views import api, devices, offline, pwa, scanner

app_name = "checkin"

urlpatterns = [
    path("checkin/", scanner.scanner_start, name="start"),
    path("checkin/<int:event_id>/", scanner.scanner, name="scanner"),
    path("checkin/device/", scanner.device_app, name="device_app"),
    path("checkin/manifest.webmanifest", pwa.manifest, name="manifest"),
    path("checkin/sw.js", pwa.service_worker, name="service_worker"),
    path("checkin/devices/", scanner.scanner_devices, name="devices"),
    path("checkin/devices/<int:token_id>/revoke/", scanner.scanner_device_revoke, name="device_revoke"),
    path("checkin/devices/event/", devices.device_events, name="device_events"),
    path("checkin/devices/event/<int:event_id>/", devices.event_devices, name="event_devices"),
    path(
        "checkin/devices/event/<int:event_id>/<int:token_id>/revoke/",
        devices.event_device_revoke,
        name="event_device_revoke",
    ),
    path("checkin/setup/<str:code>/", devices.device_setup, name="device_setup"),
    path("api/checkin/scan/", api.api_scan, name="scan"),
    path("api/checkin/manual/", api.api_manual, name="manual"),
    path("api/checkin/undo/", api.api_undo, name="undo"),
    path("api/checkin/search/", api.api_search, name="search"),
    path("api/checkin/counts/", api.api_counts, name="counts"),
    path("api/checkin/roster/", offline.api_roster, name="roster"),
    path("api/checkin/sync/", offline.api_sync, name="sync"),
]
