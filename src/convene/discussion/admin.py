"""Admin for feedback. Read-only: hiding, showing and reports go through the moderation pages,
which keep the log."""

from django.contrib import admin

from convene.core.admin import ReadOnlyAdmin

from .models import Board, Comment, ModerationAction, Report


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = [
        "pk",
        "author",
        "version",
        "board",
        "stance",
        "language",
        "created_at",
        "hidden_at",
    ]
    list_filter = ["stance", "language", "hidden_at"]
    search_fields = ["body", "title"]
    list_select_related = ["author", "version__document", "board"]
    raw_id_fields = ["version", "board", "paragraph", "parent", "author"]


@admin.register(Board)
class BoardAdmin(ReadOnlyAdmin):
    """Boards are opened by the apps that own them (their key names the owner)."""

    list_display = ["pk", "key", "title", "is_open", "created_at"]
    list_filter = ["is_open"]
    search_fields = ["key", "title"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["pk", "comment", "reporter", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["comment__author", "reporter"]
    raw_id_fields = ["comment", "reporter"]


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "moderator", "action", "comment", "reason"]
    list_filter = ["action"]
    list_select_related = ["moderator", "comment__author"]
    raw_id_fields = ["comment", "moderator"]
