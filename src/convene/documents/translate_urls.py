"""Translators' pages: /<interface language>/translate/<content language>/..."""

from django.urls import path

from .views import translating

app_name = "translate"

urlpatterns = [
    path("", translating.translate_languages, name="languages"),
    path("<slug:language>/", translating.translate_language, name="language"),
    path(
        "<slug:language>/<slug:process>/<slug:document>/",
        translating.translate_document,
        name="document",
    ),
    path(
        "<slug:language>/<slug:process>/<slug:document>/<slug:anchor>/",
        translating.translate_save,
        name="save",
    ),
    path(
        "<slug:language>/<slug:process>/<slug:document>/<slug:anchor>/machine/",
        translating.translate_machine,
        name="machine",
    ),
]
