"""Visa letters on the site: the participant's request and letter, and the
public verification page (short, for the letter's QR code)."""

from django.urls import path

from registration.visas import views

app_name = "visas"

urlpatterns = [
    path("my/registrations/<str:reference>/visa-letter/", views.request_letter, name="request"),
    path("my/registrations/<str:reference>/visa-letter.pdf", views.letter, name="letter"),
    path("v/<str:number>/<str:code>/", views.verify, name="verify"),
]
