"""Partnerships: the public list, each partnership's page, recording one for an organization,
changing and ending it."""

from django.urls import URLPattern, URLResolver, path

from .views import partnerships

urlpatterns: list[URLPattern | URLResolver] = [
    path("partnerships/", partnerships.partnership_list, name="partnerships"),
    path("partnerships/<int:pk>/", partnerships.partnership_detail, name="partnership"),
    path("partnerships/<int:pk>/edit/", partnerships.partnership_edit, name="partnership_edit"),
    path("partnerships/<int:pk>/end/", partnerships.partnership_end, name="partnership_end"),
    path("<slug:slug>/partnerships/new/", partnerships.partnership_new, name="partnership_new"),
]
