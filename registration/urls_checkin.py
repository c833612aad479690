"""Badges and check-in. Included at the site root in the "registration"
namespace, so these paths are absolute: /api/checkin/scan/ etc."""

from django.urls import path

from registration import views_checkin

urlpatterns = [
    path("badge/<str:reference>/", views_checkin.badge_pdf, name="badge"),
    path("checkin/", views_checkin.scanner_start, name="checkin_start"),
    path("checkin/<int:event_id>/", views_checkin.scanner, name="checkin_scanner"),
    path("checkin/devices/", views_checkin.scanner_devices, name="checkin_devices"),
    path("checkin/devices/<int:token_id>/revoke/", views_checkin.scanner_device_revoke, name="checkin_device_revoke"),
    path("api/checkin/scan/", views_checkin.api_scan, name="checkin_scan"),
    path("api/checkin/manual/", views_checkin.api_manual, name="checkin_manual"),
    path("api/checkin/undo/", views_checkin.api_undo, name="checkin_undo"),
    path("api/checkin/search/", views_checkin.api_search, name="checkin_search"),
    path("api/checkin/counts/", views_checkin.api_counts, name="checkin_counts"),
]
