"""The pages of a series of meetings: the list, a series' page (its meetings in order, what
each produced, the actions carried from one to the next, following), and its organizers'
pages (settings, meetings, carrying an action into a later meeting)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from convene.accounts.users import signed_in
from convene.core.errors import ServiceError

from .. import rules
from .. import selectors_series as selectors
from .. import services_series as services
from ..forms_series import CarryForm, MeetingAddForm, SeriesForm
from ..models import Series, SeriesMeeting


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], *, bad: bool = False
) -> HttpResponse:
    return render(request, f"openspace/{template}", context, status=400 if bad else 200)


def _organized(request: HttpRequest, slug: str) -> Series:
    """The series, if the signed-in reader organizes it (404 if there is none, 403 if not)."""
    series = selectors.series_for_organizing(slug)
    if series is None:
        raise Http404(_("No such series."))
    if not rules.can_manage_series(request.user, series):
        raise PermissionDenied(_("Only the organizers of this series can change it."))
    return series


def _language() -> str:
    return translation.get_language() or "en"


def series_list(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "series_list.html",
        {
            "title": _("Series of meetings"),
            "series_list": selectors.series_list(request.user),
            "can_create": rules.can_create_series(request.user),
        },
    )


def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = selectors.series_by_slug(slug, request.user)
    if series is None or not rules.can_view_series(request.user, series):
        raise Http404(_("No such series."))
    page = selectors.series_page(series, request.user, language=_language())
    return _page(request, "series_detail.html", {"title": series.title, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_series(request.user):
        raise PermissionDenied(_("Only organizers of open spaces can create a series."))
    form = SeriesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(user=signed_in(request), terms=form.terms())
        except ServiceError as error:
            form.add_refusal(error)
        else:
            messages.success(request, _("The series is created. Now add its meetings."))
            return redirect("openspace:series_meetings", slug=series.slug)
    return _page(
        request,
        "series_form.html",
        {"title": _("New series of meetings"), "form": form},
        bad=bool(form.errors),
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request: HttpRequest, slug: str) -> HttpResponse:
    series = _organized(request, slug)
    user = signed_in(request)
    form = SeriesForm(
        request.POST if request.method == "POST" else None, instance=series, editor=user
    )
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_update(series=series, user=user, terms=form.terms())
        except ServiceError as error:
            form.add_refusal(error)
        else:
            messages.success(request, _("The series is saved."))
            return redirect("openspace:series", slug=series.slug)
    return _page(
        request,
        "series_form.html",
        {
            "title": _("Settings of “%(series)s”") % {"series": series.title},
            "series": series,
            "form": form,
        },
        bad=bool(form.errors),
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_meetings(request: HttpRequest, slug: str) -> HttpResponse:
    """The meetings of the series, to remove one, and the form to add one of the published
    events the organizer organizes that are in no series."""
    series = _organized(request, slug)
    user = signed_in(request)
    candidates = services.meeting_candidates(user)
    adding = request.method == "POST" and "event" in request.POST
    form = MeetingAddForm(request.POST if adding else None, candidates=candidates)
    if request.method == "POST":
        try:
            if adding:
                if form.is_valid():
                    services.series_meeting_add(series=series, user=user, event=form.chosen())
                    messages.success(request, _("The meeting is added to the series."))
                    return redirect("openspace:series_meetings", slug=series.slug)
            else:
                meeting = SeriesMeeting.objects.filter(
                    series=series, pk=request.POST.get("remove") or 0
                ).first()
                if meeting is None:
                    raise Http404(_("No such meeting."))
                services.series_meeting_remove(series=series, user=user, meeting=meeting)
                messages.success(request, _("The meeting is taken out of the series."))
                return redirect("openspace:series_meetings", slug=series.slug)
        except ServiceError as error:
            form.add_error("event" if adding else None, error.message)
    rows = selectors.series_meetings_for_organizing(series)
    return _page(
        request,
        "series_meetings.html",
        {
            "title": _("Meetings of “%(series)s”") % {"series": series.title},
            "series": series,
            "rows": rows,
            "form": form,
            "candidates": candidates,
        },
        bad=bool(form.errors),
    )


@login_required
@require_POST
def series_follow(request: HttpRequest, slug: str) -> HttpResponse:
    series = selectors.series_for_organizing(slug)
    if series is None or not rules.can_view_series(request.user, series):
        raise Http404(_("No such series."))
    follow = request.POST.get("follow") != "0"
    try:
        services.series_follow(series=series, user=signed_in(request), follow=follow)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if follow:
            messages.success(
                request, _("You follow this series: we will email you each new meeting.")
            )
        else:
            messages.success(request, _("You no longer follow this series."))
    return redirect("openspace:series", slug=series.slug)


@login_required
@require_http_methods(["GET", "POST"])
def action_carry(request: HttpRequest, slug: str, action_id: int) -> HttpResponse:
    """Carry an open action of a meeting into a later meeting of the series."""
    series = _organized(request, slug)
    found = selectors.action_to_carry(series, action_id)
    if found is None:
        raise Http404(_("No such action in this series."))
    action, rows = found
    source = next((row for row in rows if row.event.pk == action.open_space.event_id), None)
    targets = selectors.later_meetings(rows, source) if source is not None else []
    form = CarryForm(
        request.POST if request.method == "POST" else None,
        meetings=[row.meeting for row in targets],
        labels=[row.event.title for row in targets],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_carry(
                series=series, user=signed_in(request), action=action, meeting=form.chosen()
            )
        except ServiceError as error:
            form.add_error("meeting", error.message)
        else:
            messages.success(request, _("The action is carried into the later meeting."))
            return redirect("openspace:series", slug=series.slug)
    return _page(
        request,
        "series_carry.html",
        {
            "title": _("Carry an action into a later meeting"),
            "series": series,
            "action": action,
            "source": source,
            "targets": targets,
            "form": form,
        },
        bad=bool(form.errors),
    )
