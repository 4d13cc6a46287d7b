from django.urls import path

from . import api_ballots

urlpatterns: list = [
    # A person's own ballot (api_ballots.py); the read-only endpoints follow.
    path(
        "prioritization/rounds/<slug:slug>/ballot/",
        api_ballots.OwnBallotView.as_view(),
        name="api-prioritization-own-ballot",
    ),
]
