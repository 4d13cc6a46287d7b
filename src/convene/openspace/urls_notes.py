"""Open space: a topic's notes and actions, and the harvest with its downloads."""

from django.urls import URLPattern, path

from .views import notes as views

urlpatterns: list[URLPattern] = [
    path(
        "<slug:slug>/topics/<int:topic_id>/notes/<str:language>/edit/",
        views.notes_edit,
        name="notes_edit",
    ),
    path(
        "<slug:slug>/topics/<int:topic_id>/notes/<str:language>/history/",
        views.notes_history,
        name="notes_history",
    ),
    path("<slug:slug>/topics/<int:topic_id>/actions/new/", views.action_new, name="action_new"),
    path(
        "<slug:slug>/topics/<int:topic_id>/actions/<int:action_id>/take/",
        views.action_take,
        name="action_take",
    ),
    path(
        "<slug:slug>/topics/<int:topic_id>/actions/<int:action_id>/done/",
        views.action_done,
        name="action_done",
    ),
    path("<slug:slug>/harvest/", views.harvest, name="harvest"),
    path("<slug:slug>/harvest/publish/", views.harvest_publish, name="harvest_publish"),
    path("<slug:slug>/harvest.md", views.harvest_markdown, name="harvest_markdown"),
    path("<slug:slug>/harvest.wiki", views.harvest_wikitext, name="harvest_wikitext"),
]
