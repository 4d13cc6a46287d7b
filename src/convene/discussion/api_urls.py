from django.urls import path

from . import api

urlpatterns = [
    path(
        "versions/<int:id>/comments/",
        api.VersionCommentViewSet.as_view({"get": "list", "post": "create"}),
        name="api-version-comments",
    ),
    path(
        "comments/<int:id>/reports/",
        api.CommentReportView.as_view(),
        name="api-comment-reports",
    ),
]
