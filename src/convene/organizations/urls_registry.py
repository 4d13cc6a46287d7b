"""The public registry: the list and its downloads, the feed of its changes, and each
organization's page and history. `<slug>/` comes last, after every fixed address of the
registry (`urls.py` includes this module after the other areas)."""

from django.urls import URLPattern, URLResolver, path

from . import feeds
from .views import registry

urlpatterns: list[URLPattern | URLResolver] = [
    path("", registry.registry_list, name="list"),
    path("export.csv", registry.registry_csv, name="export_csv"),
    path("export.json", registry.registry_json, name="export_json"),
    path("changes.atom", feeds.registry_feed, name="feed"),
    path("<slug:slug>/history/", registry.organization_history, name="history"),
    path("<slug:slug>/", registry.organization_detail, name="detail"),
]
