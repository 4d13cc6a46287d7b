"""Live questions pages. Views parse input, check access through rules, and call one service."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.users import Viewer, signed_in
from convene.core.errors import ServiceError
from convene.core.exports import csv_response
from convene.core.http import acted
from convene.core.middleware import QUERY_ZONE, query_timezone_name, zone_from_query
from convene.core.ratelimit import client_address
from convene.events import translations
from convene.events.models import Session

from . import exports, rendering, rules, selectors, services
from .forms import AskForm, FollowUpForm, MergeForm, PoolForm
from .models import QUESTION_MAX_LENGTH, Question
from .services import ANSWER_MAX_LENGTH, HIDE_REASON_MAX_LENGTH

# How often the page's script asks for the list: changes reach everyone within this time
# and the answer's; each poll that finds nothing new costs a reader a few hundred bytes.
POLL_MILLISECONDS = 1800

# --- access helpers: fetch and check in one step ----------------------------


def _session_or_404(request: HttpRequest, slug: str, session_id: int) -> Session:
    session = selectors.session_get(slug=slug, session_id=session_id)
    if session is None or not rules.can_view(request.user, session):
        raise Http404(_("No such session."))
    return session


def _question_or_404(session: Session, question_id: int) -> Question:
    """A question shown on the session's page: asked there, or in another edition of its
    agenda when they share their questions."""
    question = selectors.pool_question(session=session, question_id=question_id)
    if question is None:
        raise Http404(_("No such question."))
    return question


def _sort(request: HttpRequest) -> selectors.Sort:
    value = request.POST.get("sort") or request.GET.get("sort")
    return "time" if value == "time" else "votes"


def _page_url(session: Session, sort: selectors.Sort = "votes", anchor: str = "") -> str:
    url = reverse("qanda:page", args=[session.event.slug, session.pk])
    return url + ("?sort=time" if sort == "time" else "") + anchor


def _etag(
    session: Session,
    sort: selectors.Sort,
    *,
    viewer: Viewer,
    is_host: bool,
    can_vote: bool,
    shared: bool = False,
) -> str:
    """The entity tag of the list as `viewer` sees it (`shared`: as everyone with the same
    buttons does). Read before the list itself: a change in between shows at the next poll."""
    version = selectors.session_questions_version(session=session)
    return quote_etag(
        selectors.list_etag(
            version=version,
            viewer=viewer,
            is_host=is_host,
            can_vote=can_vote,
            sort=sort,
            language=get_language() or "",
            shared=shared,
        )
    )


def _viewer_etag(
    request: HttpRequest, session: Session, sort: selectors.Sort, is_host: bool
) -> str:
    return _etag(
        session,
        sort,
        viewer=request.user,
        is_host=is_host,
        can_vote=rules.can_vote(request.user, session),
    )


def _list_context(
    request: HttpRequest | None,
    session: Session,
    sort: selectors.Sort,
    *,
    viewer: Viewer,
    is_host: bool,
    can_vote: bool,
    shared: bool = False,
) -> dict[str, Any]:
    entries = selectors.session_questions(session=session, sort=sort, viewer=viewer)
    shown = [entry.question for entry in entries] + [
        child.question for entry in entries for child in entry.follow_ups
    ]
    voted = selectors.viewer_voted_ids(entries)
    pooled = selectors.is_pooled(session)
    return {
        "event": session.event,
        "session": session,
        "entries_html": rendering.entries_html(
            request,
            viewer=viewer,
            session=session,
            entries=entries,
            sort=sort,
            is_host=is_host,
            can_vote=can_vote,
            voted=voted,
            can_link=is_host and len(shown) > 1,
            answer_max_length=ANSWER_MAX_LENGTH,
            hide_reason_max_length=HIDE_REASON_MAX_LENGTH,
            shared=shared,
            pooled=pooled,
        ),
        "pooled": pooled,
        # What the hosts' forms offer to merge into or follow, once for the whole list.
        "targets": sorted(shown, key=lambda q: q.pk) if is_host else [],
        "voted": " ".join(str(pk) for pk in sorted(voted)),
        "sort": sort,
        "is_host": is_host,
        "summary": {
            "total": sum(1 for question in shown if not question.is_hidden),
            "answered": sum(
                1 for question in shown if question.is_answered and not question.is_hidden
            ),
        },
    }


def _viewer_list_context(
    request: HttpRequest, session: Session, sort: selectors.Sort, is_host: bool
) -> dict[str, Any]:
    return _list_context(
        request,
        session,
        sort,
        viewer=request.user,
        is_host=is_host,
        can_vote=rules.can_vote(request.user, session),
    )


def _live(
    request: HttpRequest, session: Session, sort: selectors.Sort, is_host: bool
) -> tuple[str, str]:
    """The address the page's script polls and the entity tag of the list on the page: the
    shared list of the reader's kind (participant or visitor, in their zone) when the
    session is public, else the reader's own (hosts; events not yet published)."""
    args = [session.event.slug, session.pk]
    if is_host or not rules.can_view(AnonymousUser(), session):
        url = reverse("qanda:live", args=args) + ("?sort=time" if sort == "time" else "")
        return url, _viewer_etag(request, session, sort, is_host)
    can_vote = rules.can_vote(request.user, session)
    query = {
        "view": "participant" if can_vote else "visitor",
        QUERY_ZONE: timezone.get_current_timezone_name(),
    }
    if sort == "time":
        query["sort"] = "time"
    url = reverse("qanda:shared", args=args) + "?" + urlencode(query)
    return url, _etag(
        session, sort, viewer=AnonymousUser(), is_host=False, can_vote=can_vote, shared=True
    )


# --- the live page ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def questions_page(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    session = _session_or_404(request, slug, session_id)
    sort = _sort(request)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(_page_url(session, sort))
    is_host = rules.can_host(request.user, session)
    form = AskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_ask(
                session=session,
                author=signed_in(request),
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
                is_anonymous=form.cleaned_data["is_anonymous"],
                address=client_address(request),
            )
        except ServiceError as error:
            form.add_error("text" if error.code.startswith("question") else None, error.message)
        else:
            messages.success(request, _("Thank you! Your question is on the list."))
            return redirect(_page_url(session, sort, f"#q-{question.pk}"))
    live_url, etag = _live(request, session, sort, is_host)
    # What organizers wrote, in the reader's language.
    translations.attach_shown([session.event, session], language=get_language() or "en")
    context = _viewer_list_context(request, session, sort, is_host)
    context.update(
        {
            "title": _("Questions: %(session)s")
            % {"session": translations.shown_text(session, "title")},
            "form": form,
            "can_ask": rules.can_ask(request.user, session),
            "has_ended": session.has_ended(),
            "question_max_length": QUESTION_MAX_LENGTH,
            "page_url": _page_url(session, sort),
            "sort_urls": {key: _page_url(session, key) for key in selectors.SORTS},
            "live_url": live_url,
            "etag": etag,
            "can_read_notes": rules.can_read_notes(request.user, session),
            "poll_ms": POLL_MILLISECONDS,
            "host_log": selectors.host_log(session=session) if is_host else [],
            # The hosts' setting: whether the editions of the agenda share their questions.
            "editions": (
                selectors.pool_editions(session=session)
                if rules.can_share_questions(request.user, session)
                else []
            ),
            "pool_form": PoolForm(initial={"shared": selectors.is_pooled(session)}),
        }
    )
    return render(request, "qanda/questions.html", context, status=400 if form.errors else 200)


@require_GET
def questions_live(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    """The list alone, for the page's script; `If-None-Match` answers 304 after three queries."""
    session = _session_or_404(request, slug, session_id)
    sort = _sort(request)
    is_host = rules.can_host(request.user, session)
    etag = _viewer_etag(request, session, sort, is_host)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        html = render_to_string(
            "qanda/_list.html",
            _viewer_list_context(request, session, sort, is_host),
            request=request,
        )
        response = HttpResponse(html)
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Cookie"])
    return response


SHARED_VIEWS = ("participant", "visitor")


@require_GET
@zone_from_query
def questions_live_shared(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    """The list as every participant (`view=participant`: vote buttons, no one's votes) or
    every visitor sees it, in the zone of `tz`: the same bytes for all, kept whole after the
    first request, so a poll costs two queries and never reads the session or the user."""
    session = selectors.session_get(slug=slug, session_id=session_id)
    if session is None or not rules.can_view(AnonymousUser(), session):
        raise Http404(_("No such session."))
    view = request.GET.get("view")
    if view not in SHARED_VIEWS or query_timezone_name(request) is None:
        return HttpResponseBadRequest(
            _("This address of the questions is not valid. Please reload the page."),
            content_type="text/plain; charset=utf-8",
        )
    sort = _sort(request)
    can_vote = view == "participant" and rules.is_open_for_questions(session)
    etag = _etag(
        session, sort, viewer=AnonymousUser(), is_host=False, can_vote=can_vote, shared=True
    )
    response = get_conditional_response(request, etag=etag)
    if response is None:

        def render_list() -> str:
            context = _list_context(
                None,
                session,
                sort,
                viewer=AnonymousUser(),
                is_host=False,
                can_vote=can_vote,
                shared=True,
            )
            return render_to_string("qanda/_list.html", context)

        response = HttpResponse(rendering.LISTS.get_or_render(f"{session.pk}:{etag}", render_list))
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


# --- votes and host actions ------------------------------------------------------


def _signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors are sent to log in, and back to the questions afterwards."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, session_id: int, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            session = _session_or_404(request, slug, session_id)
            return redirect_to_login(_page_url(session, _sort(request)))
        return view(request, slug, session_id, **kwargs)

    return wrapper


def _hosted(request: HttpRequest, slug: str, session_id: int) -> Session:
    session = _session_or_404(request, slug, session_id)
    if not rules.can_host(request.user, session):
        raise PermissionDenied(_("Only the hosts of this session can do this."))
    return session


def _back(session: Session, request: HttpRequest, question: Question) -> HttpResponse:
    return redirect(_page_url(session, _sort(request), f"#q-{question.pk}"))


def _acted(
    request: HttpRequest,
    session: Session,
    question: Question,
    act: Callable[[], object],
    done: str,
) -> HttpResponse:
    """Run one service call on `question`; say how it went; back to the question on the
    page of `session` (where it was asked, or another edition sharing its questions)."""
    return acted(request, act, done, _page_url(session, _sort(request), f"#q-{question.pk}"))


@require_POST
@_signed_in
def question_vote(
    request: HttpRequest, slug: str, session_id: int, question_id: int
) -> HttpResponse:
    session = _session_or_404(request, slug, session_id)
    question = _question_or_404(session, question_id)
    return _acted(
        request,
        session,
        question,
        lambda: services.vote(question=question, user=signed_in(request), session=session),
        _("Your vote was counted."),
    )


@require_POST
@_signed_in
def question_unvote(
    request: HttpRequest, slug: str, session_id: int, question_id: int
) -> HttpResponse:
    session = _session_or_404(request, slug, session_id)
    question = _question_or_404(session, question_id)
    return _acted(
        request,
        session,
        question,
        lambda: services.unvote(question=question, user=signed_in(request), session=session),
        _("Your vote was withdrawn."),
    )


@require_POST
@_signed_in
def question_answer(
    request: HttpRequest, slug: str, session_id: int, question_id: int
) -> HttpResponse:
    session = _hosted(request, slug, session_id)
    question = _question_or_404(session, question_id)
    text = request.POST.get("text", "")
    return _acted(
        request,
        session,
        question,
        lambda: services.answer(
            question=question, host=signed_in(request), text=text, session=session
        ),
        _("The answer was saved."),
    )


@require_POST
@_signed_in
def question_merge(
    request: HttpRequest, slug: str, session_id: int, question_id: int
) -> HttpResponse:
    session = _hosted(request, slug, session_id)
    question = _question_or_404(session, question_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose the question to merge into."))
        return _back(session, request, question)
    try:
        into = _question_or_404(session, form.cleaned_data["into"])
    except Http404:  # a number typed by hand, not one of this session's questions
        messages.error(request, _("Please choose the question to merge into."))
        return _back(session, request, question)
    try:
        services.merge(duplicate=question, into=into, host=signed_in(request))
    except ServiceError as error:
        messages.error(request, error.message)
        return _back(session, request, question)
    messages.success(request, _("The question was merged; its votes moved."))
    return _back(session, request, into)


@require_POST
@_signed_in
def question_follow_up(
    request: HttpRequest, slug: str, session_id: int, question_id: int
) -> HttpResponse:
    session = _hosted(request, slug, session_id)
    question = _question_or_404(session, question_id)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose the question this one follows."))
        return _back(session, request, question)
    follows_id = form.cleaned_data["follows"]
    try:
        follows = _question_or_404(session, follows_id) if follows_id else None
    except Http404:  # a number typed by hand, not one of this session's questions
        messages.error(request, _("Please choose the question this one follows."))
        return _back(session, request, question)
    try:
        services.link_follow_up(question=question, follows=follows, host=signed_in(request))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if follows is None:
            messages.success(request, _("The question is no longer marked as a follow-up."))
        else:
            messages.success(request, _("The question is marked as a follow-up."))
    return _back(session, request, question)


@require_POST
@_signed_in
def question_hide(
    request: HttpRequest, slug: str, session_id: int, question_id: int
) -> HttpResponse:
    session = _hosted(request, slug, session_id)
    question = _question_or_404(session, question_id)
    reason = request.POST.get("reason", "")
    return _acted(
        request,
        session,
        question,
        lambda: services.hide(question=question, host=signed_in(request), reason=reason),
        _("The question was hidden; its reason is shown in its place."),
    )


@require_POST
@_signed_in
def question_unhide(
    request: HttpRequest, slug: str, session_id: int, question_id: int
) -> HttpResponse:
    session = _hosted(request, slug, session_id)
    question = _question_or_404(session, question_id)
    return _acted(
        request,
        session,
        question,
        lambda: services.unhide(question=question, host=signed_in(request)),
        _("The question is shown again."),
    )


@require_POST
@_signed_in
def questions_pool(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    """The hosts turn on (or off) the sharing of questions between the editions of the agenda."""
    session = _hosted(request, slug, session_id)
    form = PoolForm(request.POST)
    shared = bool(form.is_valid() and form.cleaned_data["shared"])
    done = (
        _("The editions of this agenda now share their questions.")
        if shared
        else _("Each edition of this agenda now lists only its own questions.")
    )
    return acted(
        request,
        lambda: services.question_pool_share(
            session=session, host=signed_in(request), shared=shared
        ),
        done,
        _page_url(session, _sort(request), "#pool-heading"),
    )


# --- notes -----------------------------------------------------------------------


def _notes_entries(request: HttpRequest, slug: str, session_id: int) -> tuple[Session, list[Any]]:
    session = _session_or_404(request, slug, session_id)
    if not rules.can_read_notes(request.user, session):
        raise Http404(_("The questions and answers are published when the session has ended."))
    return session, selectors.session_questions(session=session, sort="asked")


def _text_response(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def notes_markdown(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    session, entries = _notes_entries(request, slug, session_id)
    return _text_response(
        exports.notes_markdown(entries),
        "text/markdown",
        f"{session.event.slug}-{session.pk}-questions.md",
    )


@require_GET
def notes_wikitext(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    session, entries = _notes_entries(request, slug, session_id)
    return _text_response(
        exports.notes_wikitext(entries),
        "text/plain",
        f"{session.event.slug}-{session.pk}-questions.wiki",
    )


@require_GET
def notes_csv(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    session, entries = _notes_entries(request, slug, session_id)
    header, rows = exports.notes_table(entries)
    return csv_response(
        filename=f"{session.event.slug}-{session.pk}-questions.csv", header=header, rows=rows
    )
