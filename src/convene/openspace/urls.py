"""Open space's pages under /open-space/. Each area keeps its routes in its own module;
fixed addresses (series/, invite/, time/, new/) come before an open space's `<slug>/`."""

from django.urls import include, path

app_name = "openspace"

urlpatterns = [
    path("", include("convene.openspace.urls_organizing")),
    path("", include("convene.openspace.urls_series")),
    path("", include("convene.openspace.urls_invitation")),
    path("", include("convene.openspace.urls_notes")),
    path("", include("convene.openspace.urls_grid")),
]
