"""Prioritization's pages under /prioritization/. Each area keeps its routes in its own
module; the round's `<slug>/` pages come after every fixed address."""

from django.urls import include, path

app_name = "prioritization"

urlpatterns = [
    path("", include("convene.prioritization.urls_organizing")),
    path("", include("convene.prioritization.urls_results")),
    path("", include("convene.prioritization.urls_data")),
    path("", include("convene.prioritization.urls_ballots")),
]
