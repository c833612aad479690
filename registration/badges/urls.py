"""A participant's own badge, at the site root: /badge/<reference>/."""

from django.urls import path

from registration.badges import views

app_name = "badges"

urlpatterns = [
    path("badge/<str:reference>/", views.badge_pdf, name="badge"),
]
