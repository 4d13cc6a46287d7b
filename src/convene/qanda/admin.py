from django.contrib import admin

from convene.core.admin import ReadOnlyAdmin

from .models import HostAction, Question, Vote


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Votes and merges change through the site, where the counts are kept right."""

    list_display = ["__str__", "session", "language", "vote_count", "is_anonymous", "created_at"]
    list_filter = ["language", "is_anonymous", ("hidden_at", admin.EmptyFieldListFilter)]
    search_fields = ["text", "answer", "session__title"]
    list_select_related = ["session__event"]
    raw_id_fields = ["session", "author", "answered_by", "merged_into", "follows", "hidden_by"]
    readonly_fields = ["vote_count", "merged_into", "created_at", "updated_at"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    """Read-only: a vote changes through the site so that the question's count stays right."""

    list_display = ["question", "user", "created_at"]
    list_select_related = ["question", "user"]
    raw_id_fields = ["question", "user"]


@admin.register(HostAction)
class HostActionAdmin(ReadOnlyAdmin):
    """Read-only: the hosts' log is kept as it was written."""

    list_display = ["created_at", "host", "action", "question", "detail"]
    list_filter = ["action"]
    list_select_related = ["question", "host"]
    raw_id_fields = ["question", "host"]
