from django.urls import include, path

app_name = "registration"

# Participant-facing registration views and organiser-facing views live in
# urls_registration.py; badges and check-in in urls_checkin.py.
urlpatterns = [
    path("", include("registration.urls_registration")),
    path("", include("registration.urls_checkin")),
]
