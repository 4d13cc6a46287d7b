"""Open space: its page (the grid and the marketplace), a topic's page and every action on
a topic's place, the room's link, and what the page's script polls."""

from django.urls import URLPattern, path

from .views import grid

urlpatterns: list[URLPattern] = [
    path("<slug:slug>/", grid.detail, name="detail"),
    path("<slug:slug>/grid/state.json", grid.grid_state, name="grid_state"),
    path("<slug:slug>/grid/fragment/", grid.grid_fragment, name="grid_fragment"),
    path("<slug:slug>/topics/new/", grid.topic_new, name="topic_new"),
    path("<slug:slug>/topics/<int:topic_id>/", grid.topic, name="topic"),
    path("<slug:slug>/topics/<int:topic_id>/edit/", grid.topic_edit, name="topic_edit"),
    path("<slug:slug>/topics/<int:topic_id>/place/", grid.topic_place, name="topic_place"),
    path("<slug:slug>/topics/<int:topic_id>/withdraw/", grid.topic_withdraw, name="topic_withdraw"),
    path("<slug:slug>/topics/<int:topic_id>/merge/", grid.topic_merge, name="topic_merge"),
    path("<slug:slug>/topics/<int:topic_id>/interest/", grid.interest, name="interest"),
    path("<slug:slug>/topics/<int:topic_id>/join/", grid.join, name="join"),
    path("<slug:slug>/topics/<int:topic_id>/leave/", grid.leave, name="leave"),
    path("<slug:slug>/topics/<int:topic_id>/room/", grid.room_link, name="room_link"),
]
