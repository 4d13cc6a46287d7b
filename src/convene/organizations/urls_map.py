"""The registry's world map."""

from django.urls import URLPattern, URLResolver, path

from .views import map as map_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("map/", map_views.organization_map, name="map"),
]
