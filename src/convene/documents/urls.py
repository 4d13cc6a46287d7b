from django.urls import path

from .views import authoring, reading

app_name = "documents"

urlpatterns = [
    path("", reading.process_list, name="processes"),
    path("<slug:process>/", reading.process_detail, name="process"),
    path("<slug:process>/<slug:document>/", reading.document_detail, name="document"),
    path("<slug:process>/<slug:document>/v<int:number>/", reading.version_detail, name="version"),
    path("<slug:process>/<slug:document>/diff/", reading.version_diff, name="diff"),
    path("<slug:process>/<slug:document>/follow/", reading.document_follow, name="follow"),
    path("<slug:process>/<slug:document>/new-version/", authoring.version_new, name="version_new"),
    path(
        "<slug:process>/<slug:document>/v<int:number>/edit/",
        authoring.version_edit,
        name="version_edit",
    ),
    path(
        "<slug:process>/<slug:document>/v<int:number>/publish/",
        authoring.version_publish,
        name="version_publish",
    ),
    path(
        "<slug:process>/<slug:document>/initiatives/",
        authoring.initiative_list,
        name="initiatives",
    ),
    path(
        "<slug:process>/<slug:document>/initiatives/<int:initiative_id>/",
        authoring.initiative_edit,
        name="initiative_edit",
    ),
]
