"""Registering, and a participant's own registrations. Badges and check-in
have their own (``registration/badges/urls.py``, ``registration/checkin/urls.py``)."""

from django.urls import path

from registration import views

app_name = "registration"

urlpatterns = [
    path("events/<int:event_id>/register/", views.register, name="register"),
    path("my/registrations/", views.my_registrations, name="my_registrations"),
    path("my/registrations/claim/<str:token>/", views.claim, name="claim"),
    path("my/registrations/<str:reference>/consent/", views.consent, name="consent"),
    path("my/registrations/<str:reference>/", views.detail, name="detail"),
    path("my/registrations/<str:reference>/edit/", views.edit, name="edit"),
    path("my/registrations/<str:reference>/cancel/", views.cancel, name="cancel"),
]
