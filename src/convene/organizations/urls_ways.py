"""The ways to join the movement: the models of affiliation, each model's page, and the
committee's pages to add, edit and translate them (`join/new/` before `join/<slug>/`)."""

from django.urls import URLPattern, URLResolver, path

from .views import ways

urlpatterns: list[URLPattern | URLResolver] = [
    path("join/", ways.ways, name="ways"),
    path("join/new/", ways.model_create, name="model_create"),
    path("join/<slug:slug>/", ways.model_detail, name="model"),
    path("join/<slug:slug>/edit/", ways.model_edit, name="model_edit"),
    path("join/<slug:slug>/translations/", ways.model_translations, name="model_translations"),
    path(
        "join/<slug:slug>/translations/<str:language>/",
        ways.model_translate,
        name="model_translate",
    ),
]
