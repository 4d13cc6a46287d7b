from django.urls import path

from . import views, views_boards

app_name = "discussion"

VERSION = "processes/<slug:process>/<slug:document>/v<int:number>/feedback/"

urlpatterns = [
    path(VERSION, views.feedback, name="feedback"),
    path(f"{VERSION}synthesis/", views.synthesis, name="synthesis"),
    path(f"{VERSION}export.csv", views.export_csv, name="export_csv"),
    path(f"{VERSION}export.json", views.export_json, name="export_json"),
    path("comments/<int:pk>/", views.comment_link, name="comment"),
    path("comments/<int:pk>/reply/", views.comment_reply, name="reply"),
    path("comments/<int:pk>/report/", views.comment_report, name="report"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/log/", views.moderation_log, name="moderation_log"),
    path("moderation/comments/<int:pk>/hide/", views.comment_hide, name="hide"),
    path("moderation/comments/<int:pk>/unhide/", views.comment_unhide, name="unhide"),
    path("moderation/reports/<int:pk>/dismiss/", views.report_dismiss, name="dismiss"),
    path("search/", views.search_view, name="search"),
    path("boards/<int:board_id>/", views_boards.board, name="board"),
    path(
        "boards/<int:board_id>/threads/<int:comment_id>/",
        views_boards.board_thread,
        name="board_thread",
    ),
]
