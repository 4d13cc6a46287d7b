"""Translators' pages: /<interface language>/translate/<content language>/..."""

from django.urls import path

from . import views

app_name = "translate"

urlpatterns = [
    path("", views.translate_languages, name="languages"),
    path("<slug:language>/", views.translate_language, name="language"),
    path(
        "<slug:language>/<slug:process>/<slug:document>/",
        views.translate_document,
        name="document",
    ),
    path(
        "<slug:language>/<slug:process>/<slug:document>/<slug:anchor>/",
        views.translate_save,
        name="save",
    ),
    path(
        "<slug:language>/<slug:process>/<slug:document>/<slug:anchor>/machine/",
        views.translate_machine,
        name="machine",
    ),
]
