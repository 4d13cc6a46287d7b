"""Feedback pages. Views parse input, check rules, and call one service or selector."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.users import Viewer, signed_in
from convene.core import languages
from convene.core.cache import cache_anonymous_page
from convene.core.errors import ServiceError
from convene.core.exports import csv_response
from convene.core.http import acted, safe_next
from convene.core.ratelimit import client_address
from convene.documents import rules as document_rules
from convene.documents.models import DocumentVersion

from . import exports, rendering, rules, search, selectors, services
from .boards import board_place
from .forms import CommentForm, FilterForm, ReplyForm, ReportForm, SearchForm
from .models import CODE_OF_CONDUCT_URL, Comment, Report

LOG_PER_PAGE = 50
SEARCH_PER_PAGE = 20


# --- access helpers: fetch and check in one step ----------------------------


def _version_or_404(process: str, document: str, number: int) -> DocumentVersion:
    """A published version: feedback is given on what everyone can read."""
    version = (
        DocumentVersion.objects.published()
        .with_feedback_end()
        .select_related("document__process")
        .filter(document__process__slug=process, document__slug=document, number=number)
        .first()
    )
    if version is None:
        raise Http404(_("No such version."))
    return version


def _comment_or_404(pk: int, user: Viewer) -> Comment:
    """A comment on a published version, or in a board its owner lets be read (moderators
    read every board: what is reported there is theirs to judge)."""
    comment = selectors.comment_get(pk=pk)
    if comment is None or (
        comment.board is not None
        and not board_place(comment.board).visible
        and not rules.can_moderate(user)
    ):
        raise Http404(_("No such comment."))
    return comment


def _moderator_only(request: HttpRequest) -> None:
    if not rules.can_moderate(request.user):
        raise PermissionDenied(_("Only moderators can see this page."))


def _reader_language() -> str:
    """The language people are most likely to write in: the one of the interface."""
    language = translation.get_language() or "en"
    return language if language in languages.CONTENT else "en"


def _feedback_url(version: DocumentVersion) -> str:
    document = version.document
    return reverse(
        "discussion:feedback", args=[document.process.slug, document.slug, version.number]
    )


def _comment_url(comment: Comment) -> str:
    """Where a comment is read: its thread's page of a board, or the page of its version's
    feedback where its thread is."""
    if comment.version is None:
        thread_id = comment.parent_id or comment.pk
        thread = reverse("discussion:board_thread", args=[comment.board_id, thread_id])
        return f"{thread}#comment-{comment.pk}"
    page = selectors.comment_page_number(comment=comment)
    query = f"?page={page}" if page > 1 else ""
    return f"{_feedback_url(comment.version)}{query}#comment-{comment.pk}"


# --- feedback on a version --------------------------------------------------


@require_http_methods(["GET", "POST"])
@cache_anonymous_page
def feedback(request: HttpRequest, process: str, document: str, number: int) -> HttpResponse:
    version = _version_or_404(process, document, number)
    paragraphs = selectors.version_paragraphs(version=version)
    filters = selectors.FeedbackFilters.from_query(request.GET)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = CommentForm(request.POST, paragraphs=paragraphs)
        if form.is_valid():
            try:
                comment = services.comment_create(
                    version=version,
                    author=request.user,
                    address=client_address(request),
                    **form.cleaned_data,
                )
            except ServiceError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Thank you: your comment is published."))
                return redirect(f"{_feedback_url(version)}#comment-{comment.pk}")
    else:
        anchors = {paragraph.anchor for paragraph in paragraphs}
        form = CommentForm(
            paragraphs=paragraphs,
            initial={
                "paragraph": filters.paragraph if filters.paragraph in anchors else "",
                "language": _reader_language(),
                "stance": "",
            },
        )
    now = timezone.now()
    state = document_rules.feedback_state(version, now)
    page = selectors.feedback_page(
        version=version, filters=filters, page_number=request.GET.get("page")
    )
    return render(
        request,
        "discussion/feedback.html",
        {
            "title": _("Feedback: %(title)s (iteration %(number)s)")
            % {"title": version.title, "number": version.number},
            "process": version.document.process,
            "document": version.document,
            "version": version,
            "state": state,
            "feedback_closes": document_rules.feedback_closes(version),
            "is_open": state == "open",
            "questions": version.questions_list(),
            "form": form,
            "filter_form": FilterForm(request.GET or None, paragraphs=paragraphs),
            "filters": filters,
            "page": page,
            "threads_html": rendering.threads_html(
                request,
                version=version,
                comments=page.object_list,
                is_open=state == "open",
                reader_language=_reader_language(),
            ),
            "can_comment": rules.can_comment(request.user),
            "can_moderate": rules.can_moderate(request.user),
            "languages": languages.choices(languages.CONTENT),
            "reader_language": _reader_language(),
            "code_of_conduct_url": CODE_OF_CONDUCT_URL,
        },
        status=400 if form.errors else 200,
    )


@require_GET
def comment_link(request: HttpRequest, pk: int) -> HttpResponse:
    """A lasting address for a comment: the page of its version's feedback where it is."""
    return redirect(_comment_url(_comment_or_404(pk, request.user)))


@login_required
@require_http_methods(["GET", "POST"])
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    parent = _comment_or_404(pk, request.user)
    version = parent.version
    form = ReplyForm(request.POST or None, initial={"language": _reader_language()})
    if request.method == "POST" and form.is_valid():
        try:
            if version is None:
                reply = services.board_reply(
                    thread=parent,
                    author=signed_in(request),
                    address=client_address(request),
                    **form.cleaned_data,
                )
            else:
                reply = services.comment_create(
                    version=version,
                    author=signed_in(request),
                    parent=parent,
                    address=client_address(request),
                    **form.cleaned_data,
                )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Thank you: your reply is published."))
            return redirect(_comment_url(reply))
    return render(
        request,
        "discussion/reply.html",
        {
            "title": _("Reply"),
            "parent": parent,
            "version": version,
            "board": parent.board,
            "form": form,
            "is_open": (
                parent.board is not None and parent.board.is_open
                if version is None
                else document_rules.feedback_state(version) == "open"
            ),
            "back_url": _comment_url(parent),
            "code_of_conduct_url": CODE_OF_CONDUCT_URL,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment_or_404(pk, request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                comment=comment,
                reporter=signed_in(request),
                reason=form.cleaned_data["reason"],
                address=client_address(request),
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("Thank you for your report. Moderators will look at this comment.")
            )
            return redirect(_comment_url(comment))
    return render(
        request,
        "discussion/report.html",
        {
            "title": _("Report a comment"),
            "comment": comment,
            "board": comment.board,
            "form": form,
            "back_url": _comment_url(comment),
            "code_of_conduct_url": CODE_OF_CONDUCT_URL,
        },
        status=400 if form.errors else 200,
    )


# --- moderation -------------------------------------------------------------


@login_required
@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    _moderator_only(request)
    page = Paginator(selectors.open_reports(), LOG_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "discussion/moderation_queue.html",
        {"title": _("Reported comments"), "page": page},
    )


@login_required
@require_GET
def moderation_log(request: HttpRequest) -> HttpResponse:
    _moderator_only(request)
    page = Paginator(selectors.moderation_log(), LOG_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "discussion/moderation_log.html", {"title": _("Moderation log"), "page": page}
    )


def _moderate(
    request: HttpRequest,
    model: type[Comment] | type[Report],
    pk: int,
    act: Callable[..., object],
    done: str,
) -> HttpResponse:
    """Moderators only: the service `act` on the comment or report, with the moderator's
    reason; say how it went, and go back to the page the form was on (else to the queue)."""
    _moderator_only(request)
    target = get_object_or_404(model, pk=pk)
    reason = request.POST.get("reason", "")
    name = model._meta.model_name  # the service's keyword for it: "comment" or "report"
    assert name is not None  # set on every concrete model
    return acted(
        request,
        lambda: act(**{name: target}, moderator=request.user, reason=reason),
        done,
        safe_next(request, reverse("discussion:moderation")),
    )


@login_required
@require_POST
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("The comment is hidden; its text is kept for the record.")
    return _moderate(request, Comment, pk, services.comment_hide, done)


@login_required
@require_POST
def comment_unhide(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("The comment is shown again.")
    return _moderate(request, Comment, pk, services.comment_unhide, done)


@login_required
@require_POST
def report_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("The report is dismissed; the comment stays visible.")
    return _moderate(request, Report, pk, services.report_dismiss, done)


# --- synthesis and exports ----------------------------------------------------


@require_GET
def synthesis(request: HttpRequest, process: str, document: str, number: int) -> HttpResponse:
    version = _version_or_404(process, document, number)
    return render(
        request,
        "discussion/synthesis.html",
        {
            "title": _("Feedback in numbers: %(title)s (iteration %(number)s)")
            % {"title": version.title, "number": version.number},
            "process": version.document.process,
            "document": version.document,
            "version": version,
            "synthesis": selectors.version_synthesis(version=version),
        },
    )


@require_GET
def export_csv(request: HttpRequest, process: str, document: str, number: int) -> HttpResponse:
    version = _version_or_404(process, document, number)
    return csv_response(
        filename=f"{version.document.slug}-v{version.number}-feedback.csv",
        header=exports.FIELDS,
        rows=exports.feedback_rows(version=version),
    )


@require_GET
def export_json(request: HttpRequest, process: str, document: str, number: int) -> HttpResponse:
    version = _version_or_404(process, document, number)
    return JsonResponse(
        exports.feedback_document(version=version),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


# --- search -----------------------------------------------------------------


@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    # The form refuses what no search can read (a NUL character), with a message.
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = None
    if query:
        hits = search.search(query=query, language=_reader_language())
        page = Paginator(hits, SEARCH_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "discussion/search.html",
        {
            "title": _("Search"),
            "form": form,
            "query": query,
            "page": page,
        },
    )
