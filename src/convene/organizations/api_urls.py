from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("organizations", api.OrganizationViewSet, basename="api-organization")
router.register("affiliation-models", api.AffiliationModelViewSet, basename="api-affiliation-model")
router.register("organization-changes", api.ChangeViewSet, basename="api-organization-change")

urlpatterns = router.urls
