"""Open space: the list of open spaces and the organizers' pages (a new open space, its
setup: time slots, rooms, circles, co-hosts). `new/` comes before any `<slug>/`."""

from django.urls import URLPattern, URLResolver, path

from .views import organizing as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.open_space_list, name="list"),
    path("new/", views.open_space_new, name="new"),
    path("<slug:slug>/setup/", views.setup, name="setup"),
    path("<slug:slug>/setup/slots/", views.slot_add, name="slot_add"),
    path("<slug:slug>/setup/slots/<int:slot_id>/remove/", views.slot_remove, name="slot_remove"),
    path("<slug:slug>/setup/rooms/", views.room_add, name="room_add"),
    path("<slug:slug>/setup/rooms/<int:room_id>/", views.room_edit, name="room_edit"),
    path("<slug:slug>/setup/rooms/<int:room_id>/remove/", views.room_remove, name="room_remove"),
    path("<slug:slug>/setup/cohosts/", views.cohosts, name="cohosts"),
]
