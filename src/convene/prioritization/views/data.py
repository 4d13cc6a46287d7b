"""A round's raw data: the page describing the files, and the downloads.

Items, group submissions, the round's settings and the Data Package are public at all
times; the ballots and the results only once `rules.results_visible` (after the close,
unless the round shows results while open; organizers at any time).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from convene.core.exports import csv_response

from .. import exports, rules, selectors_data
from ..models import Ballot, Round


def _round_or_404(slug: str) -> Round:
    round_ = selectors_data.round_for_data(slug=slug)
    if round_ is None:
        raise Http404(_("No such round."))
    return round_


def _absolute(request: HttpRequest, name: str, *args: str) -> str:
    """A page of the site in the default language (the site redirects to the reader's), so
    the files are the same whatever language they were downloaded in."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse(name, args=args))


def _ballots(round_: Round) -> dict[str, int]:
    counts = {
        "group": round_.group_ballots,  # type: ignore[attr-defined]
        "individual": round_.individual_ballots,  # type: ignore[attr-defined]
    }
    return {track: counts[track] for track in selectors_data.tracks_of(round_)}


@require_GET
def data_page(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round_or_404(slug)
    visible = rules.results_visible(request.user, round_)
    counted = round_.counted_at is not None  # type: ignore[attr-defined]
    files: list[dict[str, Any]] = []
    for data_file in exports.FILES:
        available = data_file.public or visible
        if data_file.name == "results":
            available = available and counted
        files.append(
            {
                "file": data_file,
                "available": available,
                "url": reverse("prioritization:download", args=[round_.slug, data_file.filename]),
                "columns": exports.columns_shown(data_file, round_),
            }
        )
    ballots = _ballots(round_)
    return render(
        request,
        "prioritization/data.html",
        {
            "title": _("Raw data: %(title)s") % {"title": round_.title},
            "round": round_,
            "files": files,
            "results_visible": visible,
            "counted_at": round_.counted_at,  # type: ignore[attr-defined]
            "ballot_counts": [
                (Ballot.Track(track).label, count) for track, count in ballots.items()
            ],
            "api_path": f"/api/v1/prioritization/rounds/{round_.slug}/",
        },
    )


@require_GET
def download(request: HttpRequest, slug: str, filename: str) -> HttpResponseBase:
    round_ = _round_or_404(slug)
    data_file = exports.FILE_BY_NAME.get(filename)
    if data_file is None:
        raise Http404(_("No such file."))
    if not data_file.public and not rules.results_visible(request.user, round_):
        raise PermissionDenied(
            _("The ballots and the results of this round are published when it closes.")
        )
    if data_file.name == "items":
        items = selectors_data.items_of(round_=round_)
        return csv_response(
            filename=filename,
            header=[column.name for column in exports.ITEM_COLUMNS],
            rows=exports.item_rows(items),
        )
    if data_file.name == "ballots":
        identifiers = {item.pk: item.identifier for item in selectors_data.items_of(round_=round_)}
        return exports.csv_stream(
            filename=filename,
            header=[column.name for column in exports.ballot_columns(round_.max_items)],
            rows=exports.ballot_rows(
                selectors_data.ballot_rows(round_=round_, identifiers=identifiers),
                round_.max_items,
            ),
        )
    if data_file.name == "groups":
        identifiers = {item.pk: item.identifier for item in selectors_data.items_of(round_=round_)}
        return exports.csv_stream(
            filename=filename,
            header=[column.name for column in exports.GROUP_COLUMNS],
            rows=exports.group_rows(
                selectors_data.submissions(round_=round_, identifiers=identifiers),
                event_url=lambda event_slug: _absolute(request, "events:detail", event_slug),
            ),
        )
    if data_file.name == "results":
        count = selectors_data.round_count(round_=round_)
        if count is None:
            raise Http404(_("This round has not been counted yet."))
        return exports.json_download(count.data, filename=filename)
    if data_file.name == "round":
        return exports.json_download(
            exports.round_settings(
                round_,
                items=selectors_data.items_of(round_=round_),
                count=selectors_data.round_count(round_=round_),
                ballots=_ballots(round_),
                page_url=_absolute(request, "prioritization:data", round_.slug),
            ),
            filename=filename,
        )
    return exports.json_download(
        exports.datapackage(
            round_, homepage=_absolute(request, "prioritization:data", round_.slug)
        ),
        filename=filename,
    )
