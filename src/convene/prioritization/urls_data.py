"""A round's raw data: its page and its files (items.csv, ballots.csv, groups.csv,
results.json, round.json, datapackage.json)."""

from django.urls import path, re_path

from .exports import FILE_NAMES
from .views import data

FILENAME = "|".join(name.replace(".", r"\.") for name in FILE_NAMES)

urlpatterns = [
    path("<slug:slug>/data/", data.data_page, name="data"),
    re_path(
        rf"^(?P<slug>[-a-zA-Z0-9_]+)/data/(?P<filename>{FILENAME})$",
        data.download,
        name="download",
    ),
]
