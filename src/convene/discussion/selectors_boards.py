"""Reads for boards: their threads and a thread with its replies, each in a constant
number of queries."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max
from django.db.models.functions import Coalesce

from .models import Board, Comment

THREADS_PER_PAGE = 20


def board_get(*, pk: int) -> Board | None:
    return Board.objects.filter(pk=pk).first()


def board_threads_page(*, board: Board, page_number: Any) -> Page[Comment]:
    """One page of the threads of `board`, the latest activity first (a new thread or a new
    reply), each with `reply_count` and `last_activity`. Hidden threads are included: the
    page shows them as hidden."""
    threads = (
        Comment.objects.filter(board=board, parent__isnull=True)
        .select_related("author")
        .annotate(
            reply_count=Count("replies"),
            last_activity=Coalesce(Max("replies__created_at"), "created_at"),
        )
        .order_by("-last_activity", "-pk")
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def thread_get(*, board: Board, pk: int) -> Comment | None:
    """A thread of `board` (its first comment), with its replies in `thread_replies`,
    oldest first."""
    thread = (
        Comment.objects.filter(board=board, parent__isnull=True, pk=pk)
        .select_related("author", "board")
        .first()
    )
    if thread is None:
        return None
    thread.thread_replies = list(  # type: ignore[attr-defined]
        Comment.objects.filter(parent=thread).select_related("author").order_by("created_at", "pk")
    )
    return thread
