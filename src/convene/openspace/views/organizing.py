"""The list of open spaces, and the organizers' pages: creating an open space for one of
their events, and its setup (time slots, rooms, the opening and closing circles, co-hosts,
the topics proposed so far).

Every change is a plain form post. A refused or mistyped form comes back on the setup page,
filled as it was, with the reason and the status 400; nothing is changed then."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.users import signed_in
from convene.core.errors import ServiceError

from .. import rules
from .. import selectors_organizing as selectors
from .. import services_organizing as services
from ..forms_organizing import CohostsForm, OpenSpaceNewForm, RoomForm, SlotForm, network_lines
from ..models import OpenSpace


def _language() -> str:
    return translation.get_language() or "en"


def _organized(request: HttpRequest, slug: str) -> OpenSpace:
    """The open space, if the signed-in reader organizes it (404 if none, 403 if not)."""
    open_space = selectors.open_space_for_organizing(slug)
    if open_space is None:
        raise Http404(_("No such open space."))
    if not rules.can_organize(request.user, open_space):
        raise PermissionDenied(_("Only the organizers of this open space can set it up."))
    return open_space


def _setup_url(open_space: OpenSpace, part: str = "") -> str:
    address = reverse("openspace:setup", args=[open_space.event.slug])
    return f"{address}#{part}" if part else address


# --- the list ----------------------------------------------------------------------------------


@require_GET
def open_space_list(request: HttpRequest) -> HttpResponse:
    listing = selectors.open_space_list(
        viewer=request.user, now=timezone.now(), language=_language()
    )
    return render(
        request,
        "openspace/list.html",
        {
            "title": _("Open space"),
            "listing": listing,
            "can_create": rules.can_create_open_space(request.user),
        },
    )


# --- a new open space --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def open_space_new(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_open_space(request.user):
        raise PermissionDenied(_("Only organizers of open spaces can create one."))
    user = signed_in(request)
    events = selectors.events_without_open_space(user)
    form = OpenSpaceNewForm(
        request.POST if request.method == "POST" else None,
        events=events,
        organizations=selectors.cohosts_offered(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            open_space = services.open_space_create(
                event=data["event"],
                user=user,
                networks=network_lines(data["networks"]),
                cohosts=list(data["cohosts"]),
            )
        except ServiceError as error:
            form.add_refusal(error)
        else:
            messages.success(
                request, _("The event is now an open space. Give it its time slots and rooms.")
            )
            return redirect("openspace:setup", slug=open_space.event.slug)
    return render(
        request,
        "openspace/organizing_new.html",
        {"title": _("New open space"), "form": form, "has_events": events.exists()},
        status=400 if form.errors else 200,
    )


# --- setting it up -----------------------------------------------------------------------------


def _setup_page(
    request: HttpRequest,
    open_space: OpenSpace,
    *,
    slot_form: SlotForm | None = None,
    room_form: RoomForm | None = None,
    cohosts_form: CohostsForm | None = None,
    bad: bool = False,
) -> HttpResponse:
    page = selectors.setup_page(open_space, language=_language())
    event = open_space.event
    chosen = {organization.pk for organization in page.cohosts}
    if cohosts_form is None:
        cohosts_form = CohostsForm(
            initial={
                "cohosts": sorted(chosen),
                "networks": "\n".join(open_space.networks),
                "is_sample": open_space.is_sample,
            },
            organizations=selectors.cohosts_offered(chosen),
        )
    context: dict[str, Any] = {
        "title": _("Setting up the open space"),
        "open_space": open_space,
        "event": event,
        "page": page,
        "slot_form": slot_form or SlotForm(zone=event.timezone),
        "room_form": room_form or RoomForm(),
        "cohosts_form": cohosts_form,
        "same_zone": timezone.get_current_timezone_name() == event.timezone,
        "now": timezone.now(),
    }
    return render(request, "openspace/setup.html", context, status=400 if bad else 200)


@login_required
@require_GET
def setup(request: HttpRequest, slug: str) -> HttpResponse:
    return _setup_page(request, _organized(request, slug))


@login_required
@require_POST
def slot_add(request: HttpRequest, slug: str) -> HttpResponse:
    open_space = _organized(request, slug)
    form = SlotForm(request.POST, zone=open_space.event.timezone)
    if form.is_valid():
        try:
            services.slot_add(
                open_space=open_space,
                user=signed_in(request),
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
            )
        except ServiceError as error:
            form.add_refusal(error)
        else:
            messages.success(request, _("The time slot is added."))
            return redirect(_setup_url(open_space, "slots"))
    return _setup_page(request, open_space, slot_form=form, bad=True)


@login_required
@require_POST
def slot_remove(request: HttpRequest, slug: str, slot_id: int) -> HttpResponse:
    open_space = _organized(request, slug)
    slot = selectors.slot_of(open_space, slot_id)
    if slot is None:
        raise Http404(_("No such time slot."))
    try:
        services.slot_remove(slot=slot, user=signed_in(request))
    except ServiceError as error:
        messages.error(request, error.message)
        return _setup_page(request, open_space, bad=True)
    messages.success(request, _("The time slot is removed."))
    return redirect(_setup_url(open_space, "slots"))


@login_required
@require_POST
def room_add(request: HttpRequest, slug: str) -> HttpResponse:
    open_space = _organized(request, slug)
    form = RoomForm(request.POST)
    if form.is_valid():
        try:
            services.room_add(open_space=open_space, user=signed_in(request), **form.terms())
        except ServiceError as error:
            form.add_refusal(error)
        else:
            messages.success(request, _("The room is added."))
            return redirect(_setup_url(open_space, "rooms"))
    return _setup_page(request, open_space, room_form=form, bad=True)


@login_required
@require_http_methods(["GET", "POST"])
def room_edit(request: HttpRequest, slug: str, room_id: int) -> HttpResponse:
    open_space = _organized(request, slug)
    room = selectors.room_of(open_space, room_id)
    if room is None:
        raise Http404(_("No such room."))
    form = RoomForm(request.POST) if request.method == "POST" else RoomForm.of(room)
    if request.method == "POST" and form.is_valid():
        try:
            services.room_update(room=room, user=signed_in(request), **form.terms())
        except ServiceError as error:
            form.add_refusal(error)
        else:
            messages.success(request, _("The room is saved."))
            return redirect(_setup_url(open_space, "rooms"))
    return render(
        request,
        "openspace/setup_room.html",
        {
            "title": _("Room “%(room)s”") % {"room": room.name},
            "open_space": open_space,
            "event": open_space.event,
            "room": room,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def room_remove(request: HttpRequest, slug: str, room_id: int) -> HttpResponse:
    open_space = _organized(request, slug)
    room = selectors.room_of(open_space, room_id)
    if room is None:
        raise Http404(_("No such room."))
    try:
        services.room_remove(room=room, user=signed_in(request))
    except ServiceError as error:
        messages.error(request, error.message)
        return _setup_page(request, open_space, bad=True)
    messages.success(request, _("The room is removed."))
    return redirect(_setup_url(open_space, "rooms"))


@login_required
@require_POST
def cohosts(request: HttpRequest, slug: str) -> HttpResponse:
    open_space = _organized(request, slug)
    chosen = set(open_space.cohosts.values_list("pk", flat=True))
    form = CohostsForm(request.POST, organizations=selectors.cohosts_offered(chosen))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.open_space_update(
                open_space=open_space,
                user=signed_in(request),
                networks=network_lines(data["networks"]),
                cohosts=list(data["cohosts"]),
                is_sample=data["is_sample"],
            )
        except ServiceError as error:
            form.add_refusal(error)
        else:
            messages.success(request, _("The co-hosts are saved."))
            return redirect(_setup_url(open_space, "cohosts"))
    return _setup_page(request, open_space, cohosts_form=form, bad=True)
