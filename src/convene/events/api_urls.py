from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("events", api.EventViewSet, basename="api-event")
router.register("sessions", api.SessionViewSet, basename="api-session")

urlpatterns = router.urls
