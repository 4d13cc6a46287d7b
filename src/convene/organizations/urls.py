"""The registry's pages under /organizations/. Each area keeps its routes in its own module;
the registry's `<slug>/` pages come last, after every fixed address."""

from django.urls import include, path

app_name = "organizations"

urlpatterns = [
    path("", include("convene.organizations.urls_ways")),
    path("", include("convene.organizations.urls_applications")),
    path("", include("convene.organizations.urls_reporting")),
    path("", include("convene.organizations.urls_partnerships")),
    path("", include("convene.organizations.urls_map")),
    path("", include("convene.organizations.urls_hosting")),
    path("", include("convene.organizations.urls_registry")),
]
