"""Open space in the API under /api/v1/open-spaces/ and /api/v1/series/."""

from django.urls import URLPattern, path

from . import api

TOPIC = "open-spaces/<slug:slug>/topics/<int:id>"

urlpatterns: list[URLPattern] = [
    path("open-spaces/", api.OpenSpaceListView.as_view(), name="api-open-spaces"),
    path("open-spaces/<slug:slug>/", api.OpenSpaceDetailView.as_view(), name="api-open-space"),
    path(
        "open-spaces/<slug:slug>/harvest/",
        api.HarvestView.as_view(),
        name="api-open-space-harvest",
    ),
    path(
        "open-spaces/<slug:slug>/topics/",
        api.TopicProposeView.as_view(),
        name="api-open-space-topics",
    ),
    path(f"{TOPIC}/place/", api.TopicPlaceView.as_view(), name="api-open-space-topic-place"),
    path(
        f"{TOPIC}/interest/",
        api.TopicInterestView.as_view(),
        name="api-open-space-topic-interest",
    ),
    path(f"{TOPIC}/join/", api.TopicJoinView.as_view(), name="api-open-space-topic-join"),
    path(
        f"{TOPIC}/withdraw/",
        api.TopicWithdrawView.as_view(),
        name="api-open-space-topic-withdraw",
    ),
    path("series/<slug:slug>/", api.SeriesDetailView.as_view(), name="api-series"),
]
