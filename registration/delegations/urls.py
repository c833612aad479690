"""The focal point's pages: /delegations/..."""

from django.urls import path

from registration.delegations import views

app_name = "delegations"

urlpatterns = [
    path("delegations/", views.delegation_list, name="list"),
    path("delegations/invitation/<str:token>/", views.invitation, name="invitation"),
    path("delegations/<int:delegation_id>/", views.delegation_detail, name="detail"),
    path("delegations/<int:delegation_id>/nominate/", views.nominate, name="nominate"),
    path(
        "delegations/<int:delegation_id>/nominees/<int:nomination_id>/edit/",
        views.nomination_edit,
        name="nomination_edit",
    ),
    path(
        "delegations/<int:delegation_id>/nominees/<int:nomination_id>/withdraw/",
        views.nomination_withdraw,
        name="nomination_withdraw",
    ),
    path(
        "delegations/<int:delegation_id>/nominees/<int:nomination_id>/head/",
        views.nomination_head,
        name="nomination_head",
    ),
    path("delegations/<int:delegation_id>/note-verbale/", views.note_verbale_download, name="note_verbale"),
    path("delegations/<int:delegation_id>/note-verbale/upload/", views.note_verbale_upload, name="note_verbale_upload"),
    path("delegations/<int:delegation_id>/extra-seats/", views.extra_seats, name="extra_seats"),
]
