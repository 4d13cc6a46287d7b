from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("export.json", views.export_data, name="export"),
    path("delete/", views.delete_account, name="delete"),
    path("token/create/", views.api_token_create, name="token_create"),
    path("token/revoke/", views.api_token_revoke, name="token_revoke"),
]
