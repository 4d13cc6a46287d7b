"""The open space's page (its grid and marketplace) and every action on a topic's place:
proposing, changing, placing, withdrawing, merging, showing interest, joining and leaving,
and the room's link. Each action is a plain form post (no JavaScript needed); a refusal
comes back on its page with the service's message and nothing changed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.users import signed_in
from convene.core.api import STATUS_OF_CODE
from convene.core.cache import cache_anonymous_page
from convene.core.errors import ServiceError
from convene.core.ratelimit import client_address
from convene.events import translations
from convene.organizations.templatetags.organizations import organization_link

from .. import rendering_grid, rules, selectors_grid, selectors_notes, services
from ..forms_grid import MergeForm, PlaceForm, ReasonForm, TopicForm
from ..models import OpenSpace, Room, Slot, Topic
from ..selectors_grid import TopicPage


def _language() -> str:
    return translation.get_language() or "en"


def _status(error: ServiceError) -> int:
    return STATUS_OF_CODE.get(error.code, 400)


def _open_space_or_404(request: HttpRequest, slug: str) -> OpenSpace:
    open_space = selectors_grid.open_space_get(slug=slug, viewer=request.user)
    if open_space is None:
        raise Http404(_("No such open space."))
    return open_space


def _topic_page_or_404(request: HttpRequest, slug: str, topic_id: int) -> TopicPage:
    open_space = _open_space_or_404(request, slug)
    page = selectors_grid.topic_page(
        open_space=open_space, topic_id=topic_id, viewer=request.user, now=timezone.now()
    )
    if page is None:
        raise Http404(_("No such topic."))
    translations.attach_shown([open_space.event], language=_language())
    return page


def _topic_url(topic: Topic) -> str:
    return reverse("openspace:topic", args=[topic.open_space.event.slug, topic.pk])


def _back(request: HttpRequest, topic: Topic) -> HttpResponseRedirect:
    """Back where the form was sent from (the grid or the topic's page), else the topic."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(_topic_url(topic))


# --- The open space's page --------------------------------------------------------------


def _grid_context(
    request: HttpRequest, open_space: OpenSpace, *, full: bool = True
) -> dict[str, Any]:
    page = selectors_grid.grid_page(
        open_space=open_space, viewer=request.user, now=timezone.now(), full=full
    )
    here = reverse("openspace:detail", args=[open_space.event.slug])
    return {
        "page": page,
        "open_space": open_space,
        "event": open_space.event,
        "here": here,
        "grid_body": rendering_grid.grid_html(
            request, page=page, event=open_space.event, here=here
        ),
    }


@cache_anonymous_page
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    open_space = _open_space_or_404(request, slug)
    context = _grid_context(request, open_space)
    page = context["page"]
    translations.attach_shown([open_space.event, *page.sessions], language=_language())
    context["title"] = translations.shown_text(open_space.event, "title")
    context["cohost_links"] = [organization_link(o) for o in page.cohosts] + [
        format_html("<bdi>{}</bdi>", name)
        for name in open_space.networks
        if isinstance(name, str) and name.strip()
    ]
    return render(request, "openspace/grid.html", context)


@cache_anonymous_page
@require_GET
def grid_fragment(request: HttpRequest, slug: str) -> HttpResponse:
    """The grid and the marketplace alone, for the page's script to swap in."""
    open_space = _open_space_or_404(request, slug)
    return HttpResponse(_grid_context(request, open_space, full=False)["grid_body"])


@never_cache
@require_GET
def grid_state(request: HttpRequest, slug: str) -> JsonResponse:
    """`{"version": n}`: the grid's version, for open pages to poll, as fresh in every
    process: no query when a shared cache keeps it, else one (the event is not read: an
    unpublished open space's version says nothing of it)."""
    version = selectors_grid.grid_version_of(slug=slug)
    if version is None:
        raise Http404(_("No such open space."))
    return JsonResponse({"version": version})


# --- A topic -------------------------------------------------------------------------------


def _asks_reason(page: TopicPage) -> bool:
    """Organizers placing someone else's topic say why (required when they move it)."""
    return page.can_rearrange and not page.is_convener


def _topic_context(page: TopicPage, **more: Any) -> dict[str, Any]:
    topic = page.topic
    return {
        "title": topic.title,
        "page": page,
        "topic": topic,
        "open_space": page.open_space,
        "event": page.event,
        "place_form": PlaceForm(
            places=page.free_places, with_reason=_asks_reason(page), auto_id="place_%s"
        )
        if page.can_place
        else None,
        "withdraw_form": ReasonForm(auto_id="withdraw_%s") if page.can_withdraw else None,
        "merge_form": MergeForm(targets=page.merge_targets, auto_id="merge_%s")
        if page.can_rearrange
        else None,
        **more,
    }


def _render_topic(
    request: HttpRequest, page: TopicPage, *, status: int = 200, **more: Any
) -> HttpResponse:
    context = _topic_context(page, **more)
    context["notes_panel"] = selectors_notes.topic_notes_panel(
        topic=page.topic, user=request.user, language=_language()
    )
    return render(request, "openspace/topic.html", context, status=status)


@require_GET
def topic(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    return _render_topic(request, _topic_page_or_404(request, slug, topic_id))


def _refused(request: HttpRequest, page: TopicPage, error: ServiceError) -> HttpResponse:
    """A refused action from the topic's page: the page again, saying why."""
    return _render_topic(request, page, status=_status(error), error=error.message)


@login_required
@require_http_methods(["GET", "POST"])
def topic_new(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request)
    open_space = _open_space_or_404(request, slug)
    translations.attach_shown([open_space.event], language=_language())
    slots = list(open_space.slots.all())
    is_participant = rules.is_participant(user, open_space)
    is_closed = rules.is_closed(open_space, slots, timezone.now())
    form = TopicForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.topic_propose(
                    open_space=open_space,
                    convener=user,
                    title=data["title"],
                    description=data["description"],
                    topic_languages=data["languages"],
                    wants_interpretation=data["wants_interpretation"],
                    wants_note_taker=data["wants_note_taker"],
                    address=client_address(request),
                )
            except ServiceError as error:
                form.add_error(None, str(error.message))
                status = _status(error)
            else:
                messages.success(
                    request,
                    _(
                        "Your topic is in the marketplace. Place it in a free time slot and "
                        "room when you are ready."
                    ),
                )
                return redirect("openspace:topic", slug=slug, topic_id=created.pk)
    elif not is_participant or is_closed:
        status = 403 if not is_participant else 409
    return render(
        request,
        "openspace/topic_form.html",
        {
            "title": _("Propose a topic"),
            "open_space": open_space,
            "event": open_space.event,
            "form": form,
            "is_participant": is_participant,
            "is_closed": is_closed,
            "topic": None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    user = signed_in(request)
    page = _topic_page_or_404(request, slug, topic_id)
    form = TopicForm.for_topic(page.topic, request.POST if request.method == "POST" else None)
    status = 200 if page.can_edit else 403
    refusal = ""
    if not page.can_edit:
        refusal = _("Only the convener and the organizers can change this topic.")
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.topic_update(
                    topic=page.topic,
                    user=user,
                    title=data["title"],
                    description=data["description"],
                    topic_languages=data["languages"],
                    wants_interpretation=data["wants_interpretation"],
                    wants_note_taker=data["wants_note_taker"],
                )
            except ServiceError as error:
                form.add_error(None, str(error.message))
                status = _status(error)
            else:
                messages.success(request, _("The topic was saved."))
                return redirect("openspace:topic", slug=slug, topic_id=page.topic.pk)
    return render(
        request,
        "openspace/topic_form.html",
        {
            "title": _("Change the topic"),
            "open_space": page.open_space,
            "event": page.event,
            "topic": page.topic,
            "form": form,
            "refusal": refusal,
            "is_participant": True,
            "is_closed": False,
        },
        status=status,
    )


def _action_page(
    request: HttpRequest, page: TopicPage, template: str, form: Any, status: int, **more: Any
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "title": page.topic.title,
            "page": page,
            "topic": page.topic,
            "open_space": page.open_space,
            "event": page.event,
            "form": form,
            **more,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_place(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    user = signed_in(request)
    page = _topic_page_or_404(request, slug, topic_id)
    topic = page.topic
    form = PlaceForm(
        request.POST if request.method == "POST" else None,
        places=page.free_places,
        with_reason=_asks_reason(page),
    )
    status = 200
    refusal = ""
    if not page.can_place:
        status = 403 if not rules.can_place(user, topic) else 409
        refusal = (
            _("Only the convener and the organizers can place this topic.")
            if not rules.can_place(user, topic)
            else _("The open space is over: the grid no longer changes.")
        )
        if not topic.is_active:
            refusal = _("This topic was withdrawn or merged.")
    if request.method == "POST":
        status = 400
        if form.is_valid():
            slot_id, room_id = form.cleaned_data["place"]
            slot = Slot.objects.filter(pk=slot_id).first()
            room = Room.objects.filter(pk=room_id).first()
            if slot is None or room is None:
                form.add_error("place", _("Choose a free place from the list."))
            else:
                try:
                    services.topic_place(
                        topic=topic,
                        user=user,
                        slot=slot,
                        room=room,
                        reason=form.cleaned_data.get("reason", ""),
                    )
                except ServiceError as error:
                    form.add_error(None, str(error.message))
                    status = _status(error)
                else:
                    messages.success(
                        request,
                        _("The topic is on the grid: %(room)s.") % {"room": room.name},
                    )
                    return _back(request, topic)
    return _action_page(request, page, "openspace/topic_place.html", form, status, refusal=refusal)


@login_required
@require_http_methods(["GET", "POST"])
def topic_withdraw(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    user = signed_in(request)
    page = _topic_page_or_404(request, slug, topic_id)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    status = 200 if page.can_withdraw else 403
    refusal = ""
    if not page.can_withdraw:
        refusal = (
            _("This topic was already withdrawn or merged.")
            if not page.topic.is_active
            else _("Only the convener and the organizers can withdraw this topic.")
        )
        status = 409 if not page.topic.is_active else 403
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.topic_withdraw(
                    topic=page.topic, user=user, reason=form.cleaned_data["reason"]
                )
            except ServiceError as error:
                form.add_error(None, str(error.message))
                status = _status(error)
            else:
                messages.success(request, _("The topic was withdrawn."))
                return redirect("openspace:detail", slug=slug)
    return _action_page(
        request, page, "openspace/topic_withdraw.html", form, status, refusal=refusal
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_merge(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    user = signed_in(request)
    page = _topic_page_or_404(request, slug, topic_id)
    form = MergeForm(request.POST if request.method == "POST" else None, targets=page.merge_targets)
    status = 200
    refusal = ""
    if not page.can_rearrange:
        status = 409 if not page.topic.is_active else 403
        refusal = (
            _("This topic was already withdrawn or merged.")
            if not page.topic.is_active
            else _("Only the organizers can merge topics.")
        )
    if request.method == "POST" and page.can_rearrange:
        status = 400
        if form.is_valid():
            into = Topic.objects.filter(pk=form.cleaned_data["into"]).first()
            if into is None:
                form.add_error(
                    "into", _("Choose another proposed or placed topic of this open space.")
                )
            else:
                try:
                    services.topic_merge(
                        topic=page.topic, into=into, user=user, reason=form.cleaned_data["reason"]
                    )
                except ServiceError as error:
                    form.add_error(None, str(error.message))
                    status = _status(error)
                else:
                    messages.success(request, _("The topics were merged."))
                    return redirect("openspace:topic", slug=slug, topic_id=into.pk)
    return _action_page(request, page, "openspace/topic_merge.html", form, status, refusal=refusal)


@login_required
@require_http_methods(["GET", "POST"])
def interest(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    page = _topic_page_or_404(request, slug, topic_id)
    if request.method != "POST":
        return redirect("openspace:topic", slug=slug, topic_id=topic_id)
    wanted = request.POST.get("interested") == "1"
    try:
        services.interest_set(topic=page.topic, user=signed_in(request), interested=wanted)
    except ServiceError as error:
        return _refused(request, page, error)
    messages.success(
        request,
        _("You are interested in this topic.")
        if wanted
        else _("You are no longer marked interested in this topic."),
    )
    return _back(request, page.topic)


@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    page = _topic_page_or_404(request, slug, topic_id)
    if request.method != "POST":
        return redirect("openspace:topic", slug=slug, topic_id=topic_id)
    try:
        services.presence_set(
            topic=page.topic, user=signed_in(request), move=request.POST.get("move") == "1"
        )
    except ServiceError as error:
        return _refused(request, page, error)
    messages.success(request, _("You are at this topic."))
    return _back(request, page.topic)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    page = _topic_page_or_404(request, slug, topic_id)
    if services.presence_leave(topic=page.topic, user=signed_in(request)):
        messages.success(request, _("You left this topic."))
    return _back(request, page.topic)


@never_cache
@require_GET
def room_link(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    """To the room's meeting for a participant from the reveal time until the slot ends;
    otherwise a page saying why not (and when)."""
    page = _topic_page_or_404(request, slug, topic_id)
    room = page.topic.room
    if page.link_state == "ok" and room is not None:
        return HttpResponseRedirect(room.meeting_url)
    status = {"not_registered": 403, "not_yet": 403, "over": 409, "no_link": 404}.get(
        page.link_state, 404
    )
    return render(
        request,
        "openspace/topic_room.html",
        {
            "title": _("The room's link"),
            "page": page,
            "topic": page.topic,
            "open_space": page.open_space,
            "event": page.event,
            "room": room,
        },
        status=status,
    )
