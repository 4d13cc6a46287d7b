"""Open space: the series pages. `series/new/` comes before a series' `<slug>/`."""

from django.urls import URLPattern, URLResolver, path

from .views import series as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("series/", views.series_list, name="series_list"),
    path("series/new/", views.series_create, name="series_new"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("series/<slug:slug>/edit/", views.series_edit, name="series_edit"),
    path("series/<slug:slug>/meetings/", views.series_meetings, name="series_meetings"),
    path("series/<slug:slug>/follow/", views.series_follow, name="series_follow"),
    path("series/<slug:slug>/carry/<int:action_id>/", views.action_carry, name="action_carry"),
]
