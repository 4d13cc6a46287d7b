"""A round's results and report: `<slug>/results/`, `<slug>/report/` and their forms."""

from django.urls import URLPattern, URLResolver, path

from .views import results as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:slug>/results/", views.results, name="results"),
    path("<slug:slug>/results/count/", views.count_again, name="count"),
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/report/edit/", views.report_edit, name="report_edit"),
    path(
        "<slug:slug>/report/translate/<str:language>/",
        views.report_translate,
        name="report_translate",
    ),
    path("<slug:slug>/report.wiki", views.report_wikitext, name="report_wikitext"),
]
