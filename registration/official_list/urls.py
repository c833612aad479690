"""An event's list of participants on the site: /events/<id>/participants/."""

from django.urls import path

from registration.official_list import views

app_name = "official_list"

urlpatterns = [
    path("events/<int:event_id>/participants/", views.participant_list_page, name="page"),
    path("events/<int:event_id>/participants/<str:language>.pdf", views.participant_list_pdf, name="pdf"),
]
