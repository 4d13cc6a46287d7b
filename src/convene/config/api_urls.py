from django.urls import include, path

urlpatterns = [
    path("", include("convene.events.api_urls")),
]
