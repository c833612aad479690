from django.urls import path

from speakers import views

app_name = "speakers"

urlpatterns = [
    path("speakers/invitation/<str:token>/", views.invitation_view, name="invitation"),
    path("speakers/invitation/<str:token>/accept/", views.invitation_accept_view, name="invitation_accept"),
    path("speakers/invitation/<str:token>/decline/", views.invitation_decline_view, name="invitation_decline"),
]
