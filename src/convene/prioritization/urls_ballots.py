"""The public pages of rounds and casting ballots: the list of rounds, a round's page, a
person's ballot, a group's submission and its public page."""

from django.urls import URLPattern, URLResolver, path

from .views import ballots

urlpatterns: list[URLPattern | URLResolver] = [
    path("", ballots.round_list, name="list"),
    path("<slug:slug>/", ballots.round_detail, name="round"),
    path("<slug:slug>/ballot/", ballots.ballot, name="ballot"),
    # A group's public submission (the organizers' page of a group is `<slug>/groups/<pk>/`).
    path("<slug:slug>/submissions/<int:group_id>/", ballots.group, name="group"),
    path(
        "<slug:slug>/groups/<int:group_id>/submit/",
        ballots.group_submit,
        name="group_submit",
    ),
    path(
        "<slug:slug>/organizations/<slug:organization_slug>/submit/",
        ballots.organization_submit,
        name="organization_submit",
    ),
]
