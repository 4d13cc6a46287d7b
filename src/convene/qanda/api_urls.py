from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("questions", api.QuestionViewSet, basename="api-question")

urlpatterns = [
    path(
        "sessions/<int:id>/questions/",
        api.SessionQuestionViewSet.as_view({"get": "list", "post": "create"}),
        name="api-session-questions",
    ),
    *router.urls,
]
