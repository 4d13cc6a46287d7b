"""Board pages: a board's threads, and a thread with its replies. The comments of a board
are the comments of feedback: reported, hidden and shown again through the same pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from convene.accounts.users import signed_in
from convene.core import languages
from convene.core.errors import ServiceError
from convene.core.ratelimit import client_address

from . import rules, selectors_boards, services
from .boards import BoardPlace, board_place
from .forms import ReplyForm, ThreadForm
from .models import CODE_OF_CONDUCT_URL, Board


def _reader_language() -> str:
    language = translation.get_language() or "en"
    return language if language in languages.CONTENT else "en"


def _board_or_404(request: HttpRequest, board_id: int) -> tuple[Board, BoardPlace]:
    """A board that can be read: its owner may say it cannot (then it is not found, but to
    moderators, who judge what is reported in every board)."""
    board = selectors_boards.board_get(pk=board_id)
    if board is None:
        raise Http404(_("No such discussion."))
    place = board_place(board)
    if not place.visible and not rules.can_moderate(request.user):
        raise Http404(_("No such discussion."))
    return board, place


def _thread_url(board: Board, thread_id: int) -> str:
    return reverse("discussion:board_thread", args=[board.pk, thread_id])


@require_http_methods(["GET", "POST"])
def board(request: HttpRequest, board_id: int) -> HttpResponse:
    board, place = _board_or_404(request, board_id)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = ThreadForm(request.POST)
        if form.is_valid():
            try:
                thread = services.thread_create(
                    board=board,
                    author=signed_in(request),
                    address=client_address(request),
                    **form.cleaned_data,
                )
            except ServiceError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Thank you: your thread is published."))
                return redirect(_thread_url(board, thread.pk))
    else:
        form = ThreadForm(initial={"language": _reader_language()})
    page = selectors_boards.board_threads_page(board=board, page_number=request.GET.get("page"))
    return render(
        request,
        "discussion/board.html",
        {
            "title": board.title,
            "board": board,
            "back": place.back,
            "page": page,
            "form": form,
            "can_comment": rules.can_comment(request.user),
            "code_of_conduct_url": CODE_OF_CONDUCT_URL,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def board_thread(request: HttpRequest, board_id: int, comment_id: int) -> HttpResponse:
    board, place = _board_or_404(request, board_id)
    thread = selectors_boards.thread_get(board=board, pk=comment_id)
    if thread is None:
        raise Http404(_("No such thread."))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                reply = services.board_reply(
                    thread=thread,
                    author=signed_in(request),
                    address=client_address(request),
                    **form.cleaned_data,
                )
            except ServiceError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Thank you: your reply is published."))
                return redirect(f"{_thread_url(board, thread.pk)}#comment-{reply.pk}")
    else:
        form = ReplyForm(initial={"language": _reader_language()})
    return render(
        request,
        "discussion/board_thread.html",
        {
            "title": _("A thread hidden by moderators") if thread.is_hidden else thread.title,
            "board": board,
            "back": place.back,
            "thread": thread,
            "replies": thread.thread_replies,  # type: ignore[attr-defined]
            "form": form,
            "can_comment": rules.can_comment(request.user),
            "can_reply": board.is_open and rules.can_reply(request.user, thread),
            "can_moderate": rules.can_moderate(request.user),
            "code_of_conduct_url": CODE_OF_CONDUCT_URL,
        },
        status=400 if form.errors else 200,
    )
