from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api, api_ballots

router = SimpleRouter()
router.register("prioritization/rounds", api.RoundViewSet, basename="api-prioritization-round")

urlpatterns: list = [
    # A person's own ballot (api_ballots.py); the read-only endpoints follow.
    path(
        "prioritization/rounds/<slug:slug>/ballot/",
        api_ballots.OwnBallotView.as_view(),
        name="api-prioritization-own-ballot",
    ),
    *router.urls,
]
