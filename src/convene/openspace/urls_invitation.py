"""Open space: the invitation pages, for every event (an open space or not)."""

from django.urls import URLPattern, path

from .views import invitation

urlpatterns: list[URLPattern] = [
    path("invite/<slug:slug>/", invitation.invitation, name="invitation"),
    path("invite/<slug:slug>/contact/", invitation.contact, name="contact"),
    path("time/<str:moment>/", invitation.local_time, name="local_time"),
]
