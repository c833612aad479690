"""A person's own data: /my/data.json and /my/account/delete/."""

from django.urls import path

from registration.privacy import views

app_name = "privacy"

urlpatterns = [
    path("my/data.json", views.my_data, name="my_data"),
    path("my/account/delete/", views.delete_account, name="delete_account"),
    path("my/account/deleted/", views.account_deleted, name="account_deleted"),
]
