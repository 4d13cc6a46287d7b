"""The organizers' pages of a round: settings, items, clusters, groups, import, overview."""

from django.urls import URLPattern, URLResolver, path

from .views import organizing as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("new/", views.round_create, name="create"),
    path("<slug:slug>/edit/", views.round_edit, name="edit"),
    path("<slug:slug>/organize/", views.organize, name="organize"),
    path("<slug:slug>/items/", views.items, name="items"),
    path(
        "<slug:slug>/take-initiatives/",
        views.items_take_initiatives,
        name="items_take_initiatives",
    ),
    path("<slug:slug>/items/<slug:identifier>/", views.item_edit, name="item_edit"),
    path("<slug:slug>/items/<slug:identifier>/delete/", views.item_delete, name="item_delete"),
    path("<slug:slug>/items/<slug:identifier>/move/", views.item_move, name="item_move"),
    path(
        "<slug:slug>/items/<slug:identifier>/translate/<str:language>/",
        views.item_translate,
        name="item_translate",
    ),
    path("<slug:slug>/clusters/", views.clusters, name="clusters"),
    path("<slug:slug>/clusters/<str:code>/", views.cluster_edit, name="cluster_edit"),
    path("<slug:slug>/clusters/<str:code>/delete/", views.cluster_delete, name="cluster_delete"),
    path("<slug:slug>/groups/", views.groups, name="groups"),
    path(
        "<slug:slug>/groups/organization/",
        views.group_add_organization,
        name="group_add_organization",
    ),
    path("<slug:slug>/groups/<int:pk>/", views.group_edit, name="group_edit"),
    path("<slug:slug>/groups/<int:pk>/remove/", views.group_remove, name="group_remove"),
    path("<slug:slug>/import/", views.ballots_import, name="import"),
]
