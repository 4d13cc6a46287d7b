from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("processes", api.ProcessViewSet, basename="api-process")
router.register("documents", api.DocumentViewSet, basename="api-document")
router.register("versions", api.VersionViewSet, basename="api-version")
router.register("initiatives", api.InitiativeViewSet, basename="api-initiative")

urlpatterns = router.urls
