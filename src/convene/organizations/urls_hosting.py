"""The organizations hosting an event, named by its organizers."""

from django.urls import path

from .views import hosting

urlpatterns = [
    path("hosting/<slug:event_slug>/", hosting.event_hosts, name="event_hosts"),
]
