from django.urls import include, path

urlpatterns = [
    path("", include("convene.events.api_urls")),
    path("", include("convene.documents.api_urls")),
    path("", include("convene.discussion.api_urls")),
    path("", include("convene.qanda.api_urls")),
    path("", include("convene.organizations.api_urls")),
    path("", include("convene.prioritization.api_urls")),
    path("", include("convene.openspace.api_urls")),
]
