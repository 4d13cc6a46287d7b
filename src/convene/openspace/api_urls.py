"""Open space in the API under /api/v1/open-spaces/."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
