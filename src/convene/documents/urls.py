from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.process_list, name="processes"),
    path("<slug:process>/", views.process_detail, name="process"),
    path("<slug:process>/<slug:document>/", views.document_detail, name="document"),
    path("<slug:process>/<slug:document>/v<int:number>/", views.version_detail, name="version"),
    path("<slug:process>/<slug:document>/diff/", views.version_diff, name="diff"),
    path("<slug:process>/<slug:document>/follow/", views.document_follow, name="follow"),
    path("<slug:process>/<slug:document>/new-version/", views.version_new, name="version_new"),
    path(
        "<slug:process>/<slug:document>/v<int:number>/edit/",
        views.version_edit,
        name="version_edit",
    ),
    path(
        "<slug:process>/<slug:document>/v<int:number>/publish/",
        views.version_publish,
        name="version_publish",
    ),
    path(
        "<slug:process>/<slug:document>/initiatives/",
        views.initiative_list,
        name="initiatives",
    ),
    path(
        "<slug:process>/<slug:document>/initiatives/<int:initiative_id>/",
        views.initiative_edit,
        name="initiative_edit",
    ),
]
