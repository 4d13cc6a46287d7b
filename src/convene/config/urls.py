from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularJSONAPIView

from convene.accounts import views as accounts_views
from convene.core import views as core_views
from convene.events import views as events_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("api/v1/", include("convene.config.api_urls")),
    path("calendar/<str:token>.ics", events_views.calendar_feed, name="calendar_feed"),
]

urlpatterns += i18n_patterns(
    path("", RedirectView.as_view(pattern_name="events:list", permanent=False), name="home"),
    path("timezone/", accounts_views.timezone_choose, name="timezone"),
    path("api/", core_views.api_docs, name="api-docs"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("convene.accounts.urls")),
    path("events/", include("convene.events.urls")),
    path("events/<slug:slug>/sessions/<int:session_id>/questions/", include("convene.qanda.urls")),
    path("processes/", include("convene.documents.urls")),
    path("organizations/", include("convene.organizations.urls")),
    path("prioritization/", include("convene.prioritization.urls")),
    path("open-space/", include("convene.openspace.urls")),
    path("", include("convene.discussion.urls")),
    path("translate/", include("convene.documents.translate_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:  # pragma: no cover
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Under /api/ these answer JSON {"detail": ..., "code": ...}; elsewhere the site's pages.
handler400 = "convene.core.api.bad_request"
handler403 = "convene.core.api.permission_denied"
handler404 = "convene.core.api.page_not_found"
handler500 = "convene.core.api.server_error"
