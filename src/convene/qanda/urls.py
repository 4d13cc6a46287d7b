from django.urls import path

from . import views

app_name = "qanda"

# Included under events/<slug>/sessions/<session_id>/questions/.
urlpatterns = [
    path("", views.questions_page, name="page"),
    path("live/", views.questions_live, name="live"),
    path("live/shared/", views.questions_live_shared, name="shared"),
    path("notes.md", views.notes_markdown, name="notes_md"),
    path("notes.wiki", views.notes_wikitext, name="notes_wiki"),
    path("notes.csv", views.notes_csv, name="notes_csv"),
    path("pool/", views.questions_pool, name="pool"),
    path("<int:question_id>/vote/", views.question_vote, name="vote"),
    path("<int:question_id>/unvote/", views.question_unvote, name="unvote"),
    path("<int:question_id>/answer/", views.question_answer, name="answer"),
    path("<int:question_id>/merge/", views.question_merge, name="merge"),
    path("<int:question_id>/follow-up/", views.question_follow_up, name="follow_up"),
    path("<int:question_id>/hide/", views.question_hide, name="hide"),
    path("<int:question_id>/unhide/", views.question_unhide, name="unhide"),
]
