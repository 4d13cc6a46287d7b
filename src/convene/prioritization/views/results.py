"""A round's results and its report: the methods side by side per track, the agreement
between them, the results by region, kind of group and cluster, and the counting rules
(`results`); the organizers' narrative around the figures, the chart of the top items and
the map of the groups that took part (`report`), which the organizers write, publish and
translate, and which Meta gets as wikitext. Every page reads the stored count, never the
ballots; every step is a plain link or form post: no JavaScript needed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.users import signed_in
from convene.core import languages
from convene.core.cache import cache_anonymous_page
from convene.core.errors import ServiceError
from convene.core.pieces import MB, Pieces, piece_key
from convene.core.text import text_fingerprint
from convene.organizations import maps
from convene.organizations.countries import country_name

from .. import charts, rules, selectors_results, services_report
from ..exports_report import report_wikitext as wikitext_of
from ..forms.report import ReportForm, ReportTranslationForm
from ..models import Count, Round
from ..results import round_count
from ..selectors_results import METHOD_NAMES, METHODS, TrackResults

TOP_ITEMS = 10  # the report's chart shows the first tiers up to at least this many items


# Pieces of the results and report pages, the same for every reader of one language: a count's tables and charts. Kept by each process under a key made of all
# they show (`core.pieces`): a new count, a renamed item or cluster, a changed round makes
# a new key.
PIECES = Pieces(max_size=16 * MB)


def _shown_state(
    round_: Round,
    count: Count,
    items: dict[str, selectors_results.ShownItem],
    clusters: list[Any],
) -> tuple[object, ...]:
    """What a piece of a count shows, beside its own arguments: the count, the round as it
    is now (its `updated_at` changes with any of its fields), its items and clusters."""
    return (
        round_.pk,
        round_.updated_at.isoformat(),
        count.pk,
        count.counted_at.isoformat(),
        tuple(items.values()),
        tuple((cluster.code, cluster.name, cluster.position) for cluster in clusters),
    )


def _piece(
    template: str, parts: tuple[object, ...], context: Callable[[], dict[str, Any]]
) -> SafeString:
    """The piece rendered from `template` with `context()`, or kept from before under the
    same key: the template, the language and `parts`. A piece shows no moment (no time
    zone in its key): the page around it does."""
    key = piece_key(template, translation.get_language() or "", *parts)
    # rendered by the template, which escapes what people wrote
    return mark_safe(PIECES.get_or_render(key, lambda: render_to_string(template, context())))


def _language() -> str:
    return translation.get_language() or "en"


def _check_organizer(request: HttpRequest, round_: Round) -> None:
    if not rules.can_organize(request.user, round_):
        raise PermissionDenied(_("Only the round's organizers can do this."))


def _ballot_lines(round_: Round, count: Count | None, visible: bool) -> list[str]:
    """The number of ballots per track, shown to everyone: from the count when the results
    are shown, else as it is now (one query)."""
    if visible and count is not None:
        tracks = count.data.get("tracks", {})
        numbers = {
            track: int(tracks[track]["ballots"])
            for track in ("group", "individual")
            if track in tracks
        }
    else:
        numbers = selectors_results.ballots_by_track(round_=round_)
    lines = []
    if round_.group_track:
        number = numbers.get("group", 0)
        lines.append(
            ngettext("%(count)s group ballot", "%(count)s group ballots", number)
            % {"count": charts.number_text(number)}
        )
    if round_.individual_track:
        number = numbers.get("individual", 0)
        lines.append(
            ngettext("%(count)s individual ballot", "%(count)s individual ballots", number)
            % {"count": charts.number_text(number)}
        )
    return lines


def _rank_text(rank: int | None) -> str:
    return charts.number_text(rank) if rank is not None else "–"


def _rows(results: TrackResults) -> list[dict[str, Any]]:
    """The table's cells, written in the reader's language."""
    return [
        {
            "place": _rank_text(row.place),
            "item": row.item,
            "approval": charts.number_text(row.approval),
            "borda": charts.number_text(row.borda),
            "copeland": charts.number_text(row.copeland),
            "schulze": _rank_text(row.ranks["schulze"]),
            "ranked_pairs": _rank_text(row.ranks["ranked_pairs"]),
            "kemeny": _rank_text(row.ranks["kemeny"]) if results.kemeny_computed else None,
            "stability": charts.share_text(row.stability) if row.stability is not None else "–",
        }
        for row in results.rows
    ]


def _clusters_shown(results: TrackResults) -> list[dict[str, Any]]:
    """A track's clusters with their numbers written in the reader's language."""
    return [
        {
            "code": cluster.code,
            "name": cluster.name,
            "items": cluster.items,
            "approval": charts.number_text(cluster.approval),
            "borda": charts.number_text(cluster.borda),
            "best_place": _rank_text(cluster.best_place),
        }
        for cluster in results.clusters
    ]


def _briefs_shown(rows: list[selectors_results.BriefRow]) -> list[dict[str, Any]]:
    """Results by region or kind of group with their numbers in the reader's language."""
    return [
        {
            "name": row.name,
            "ballots": charts.number_text(row.ballots),
            "top": [(_rank_text(place), item) for place, item in row.top],
            "approved": [(charts.number_text(number), item) for number, item in row.approved],
        }
        for row in rows
    ]


def _chart_figure(round_: Round, results: TrackResults, rows: list[Any], html_id: str) -> Any:
    """The bars of `rows` (ResultRow): Borda scores, or approval when ballots are not ranked
    or the approval order is shown."""
    approval = results.method == "approval" or not round_.is_ranked
    bars = [
        charts.Bar(
            label=row.item.title,
            value=row.approval if approval else row.borda,
            value_text=charts.number_text(row.approval if approval else row.borda),
            language=row.item.language,
        )
        for row in rows
    ]
    if approval:
        title = _("Ballots listing each item (%(track)s)") % {"track": results.name}
    else:
        title = _("Borda score of each item (%(track)s)") % {"track": results.name}
    return {
        "svg": charts.bar_chart_svg(
            bars, title=title, html_id=html_id, rtl=translation.get_language_bidi()
        ),
        "title": title,
        "approval": approval,
    }


def _agreement(results: TrackResults) -> list[dict[str, Any]]:
    return [
        {
            "name": row.name,
            "values": [
                charts.agreement_text(value) if value is not None else "–" for value in row.values
            ],
        }
        for row in results.agreement
    ]


def _address(request: HttpRequest, **query: str) -> str:
    return f"{request.path}?{urlencode(query)}"


def _round_tracks(round_: Round) -> list[str]:
    """The tracks a count of the round has, "all" first when it has both."""
    tracks = ["all"] if round_.group_track and round_.individual_track else []
    return tracks + [
        track
        for track, taking_part in (
            ("group", round_.group_track),
            ("individual", round_.individual_track),
        )
        if taking_part
    ]


@require_GET
@cache_anonymous_page
def results(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors_results.round_with_count(slug=slug)
    count = selectors_results.stored_count(round_)
    visible = rules.results_visible(request.user, round_)
    context: dict[str, Any] = {
        "title": _("Results: %(round)s") % {"round": round_.title},
        "round": round_,
        "state": rules.round_state(round_),
        "visible": visible,
        "count": count,
        "can_organize": rules.can_organize(request.user, round_),
    }
    if not visible or count is None:
        context["ballot_lines"] = _ballot_lines(round_, count, visible)
        return render(request, "prioritization/results.html", context)
    language = _language()
    tracks = _round_tracks(round_)
    track = request.GET.get("track", "")
    if track not in tracks:
        track = tracks[0]
    method = request.GET.get("method", "")
    if method not in METHODS:
        method = selectors_results.DEFAULT_METHOD
    items = selectors_results.shown_items(round_=round_, language=language)
    clusters = selectors_results.round_clusters(round_=round_)
    kinds = selectors_results.kind_names(language=language) if round_.group_track else {}

    def track_context() -> dict[str, Any]:
        """Everything the count shows of the track (its data is read only here)."""
        counted_tracks = selectors_results.tracks_of(count.data)
        shown_track = track if track in counted_tracks else next(iter(counted_tracks), "")
        base = {
            "round": round_,
            "count": count,
            "ballot_lines": _ballot_lines(round_, count, visible),
            "results": None,
        }
        if not shown_track:
            return base
        shown = selectors_results.track_results(
            count=count,
            track=shown_track,
            method=method,
            items=items,
            clusters=clusters,
            language=language,
            kinds=kinds,
        )
        return base | {
            "results": shown,
            "rows": _rows(shown),
            "chart": _chart_figure(round_, shown, shown.rows, f"chart-{shown_track}"),
            "agreement": _agreement(shown),
            "agreement_names": [str(METHOD_NAMES[name]) for name in shown.agreement_methods],
            "by_region": _briefs_shown(shown.by_region),
            "by_kind": _briefs_shown(shown.by_kind),
            "clusters_shown": _clusters_shown(shown),
            "track_links": [
                {
                    "name": selectors_results.TRACK_NAMES[key],
                    "url": _address(request, track=key, method=method),
                    "current": key == shown_track,
                }
                for key in counted_tracks
            ],
            "method_links": [
                {
                    "name": METHOD_NAMES[key],
                    "url": _address(request, track=shown_track, method=key) + "#results-table",
                    "current": key == shown.method,
                }
                for key in METHODS
            ],
            "method_name": METHOD_NAMES[shown.method],
            "asked_name": METHOD_NAMES[method],
            "seed": count.data.get("seed"),
            "resamples": shown.stability_resamples,
            "top": shown.stability_top,
        }

    context["track_html"] = _piece(
        "prioritization/results_track.html",
        (request.path, track, method, _shown_state(round_, count, items, clusters), kinds),
        track_context,
    )
    return render(request, "prioritization/results.html", context)


@login_required
@require_POST
def count_again(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors_results.round_with_count(slug=slug)
    _check_organizer(request, round_)
    signed_in(request)
    count = round_count(round_=round_)
    messages.success(
        request,
        ngettext(
            "Counted again: %(count)s ballot.", "Counted again: %(count)s ballots.", count.ballots
        )
        % {"count": charts.number_text(count.ballots)},
    )
    return redirect("prioritization:results", slug=round_.slug)


# --- the report -----------------------------------------------------------------------------


def _main_track(count: Count) -> str:
    tracks = selectors_results.tracks_of(count.data)
    return tracks[0] if tracks else ""


def _groups_label(code: str, number: int) -> str:
    return ngettext(
        "%(country)s: %(count)s participating organization",
        "%(country)s: %(count)s participating organizations",
        number,
    ) % {"country": country_name(code), "count": number}


@require_GET
@cache_anonymous_page
def report(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors_results.round_with_count(slug=slug)
    if not rules.report_visible(request.user, round_):
        return render(
            request,
            "prioritization/report_hidden.html",
            {"title": _("Report: %(round)s") % {"round": round_.title}, "round": round_},
            status=404,
        )
    language = _language()
    count = selectors_results.stored_count(round_)
    visible = rules.results_visible(request.user, round_)
    shown = selectors_results.shown_report(round_=round_, language=language)
    context: dict[str, Any] = {
        "title": _("Report: %(round)s") % {"round": round_.title},
        "round": round_,
        "shown": shown,
        "source_language_name": languages.language_name(round_.language),
        "language_name": languages.language_name(language),
        "visible": visible,
        "count": count,
        "can_organize": rules.can_organize(request.user, round_),
    }
    if not visible or count is None:
        context["ballot_lines"] = _ballot_lines(round_, count, visible)
        return render(request, "prioritization/report.html", context)
    items = selectors_results.shown_items(round_=round_, language=language)
    clusters = selectors_results.round_clusters(round_=round_)
    found = selectors_results.participants(round_=round_)

    def figures_context() -> dict[str, Any]:
        """Everything the count shows in the report (its data is read only here)."""
        base = {
            "round": round_,
            "count": count,
            "ballot_lines": _ballot_lines(round_, count, visible),
            "results": None,
        }
        track = _main_track(count)
        if not track:
            return base
        shown = selectors_results.track_results(
            count=count,
            track=track,
            method=selectors_results.DEFAULT_METHOD,
            items=items,
            clusters=clusters,
            language=language,
        )
        top_rows = [row for tier in shown.top_tiers(TOP_ITEMS) for row in tier]
        return base | {
            "results": shown,
            "top": [
                {
                    "place": _rank_text(row.ranks["schulze"]),
                    "item": row.item,
                    "borda": charts.number_text(row.borda),
                    "approval": charts.number_text(row.approval),
                    "stability": (
                        charts.share_text(row.stability) if row.stability is not None else "–"
                    ),
                }
                for row in top_rows
            ],
            "chart": _chart_figure(round_, shown, top_rows, "report-chart"),
            "clusters_shown": _clusters_shown(shown),
            "participants": found,
            "map_svg": maps.world_map_svg(
                found.countries,
                title=_("World map of the participating organizations by country"),
                label_for=_groups_label,
                html_id="groups-map",
            ),
            "steps": maps.map_steps(found.countries),
            "unshown": maps.countries_without_shape(found.countries),
        }

    context["figures_html"] = _piece(
        "prioritization/report_figures.html",
        (_shown_state(round_, count, items, clusters), found),
        figures_context,
    )
    return render(request, "prioritization/report.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors_results.round_with_count(slug=slug)
    _check_organizer(request, round_)
    user = signed_in(request)
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        initial={"report": round_.report, "published": round_.report_published_at is not None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_report.report_save(
                user=user,
                round_=round_,
                report=form.cleaned_data["report"],
                published=form.cleaned_data["published"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            if round_.report_published_at is not None:
                messages.success(request, _("The report is saved and published."))
            else:
                messages.success(request, _("The report is saved; only organizers can read it."))
            return redirect("prioritization:report_edit", slug=round_.slug)
    states = selectors_results.report_translation_states(round_=round_, languages=languages.CONTENT)
    return render(
        request,
        "prioritization/report_edit.html",
        {
            "title": _("Write the report: %(round)s") % {"round": round_.title},
            "round": round_,
            "form": form,
            "source_language_name": languages.language_name(round_.language),
            "translations": [
                {
                    "language": state.language,
                    "name": languages.language_name(state.language),
                    "state": state.state,
                    "machine": state.machine,
                }
                for state in states
            ],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_translate(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    round_ = selectors_results.round_with_count(slug=slug)
    _check_organizer(request, round_)
    user = signed_in(request)
    if language not in languages.CONTENT or language == round_.language:
        raise Http404(_("No such language."))
    name = languages.language_name(language)
    existing = selectors_results.report_translation(round_=round_, language=language)
    fingerprint = text_fingerprint(round_.report)
    form = ReportTranslationForm(
        request.POST if request.method == "POST" else None,
        initial={"report": existing.report if existing else "", "source": fingerprint},
        language=language,
        language_name=name,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_report.report_translation_save(
                user=user,
                round_=round_,
                language=language,
                report=form.cleaned_data["report"],
                source_fingerprint=form.cleaned_data["source"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The translation into %(language)s is saved.") % {"language": name}
            )
            return redirect("prioritization:report_edit", slug=round_.slug)
    return render(
        request,
        "prioritization/report_translate.html",
        {
            "title": _("Translate the report into %(language)s") % {"language": name},
            "round": round_,
            "form": form,
            "language": language,
            "language_name": name,
            "source_language_name": languages.language_name(round_.language),
            "outdated": existing is not None and existing.source_fingerprint != fingerprint,
            "existing": existing,
        },
        status=400 if form.errors else 200,
    )


@require_GET
def report_wikitext(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors_results.round_with_count(slug=slug)
    count = selectors_results.stored_count(round_)
    if (
        count is None
        or not rules.report_visible(request.user, round_)
        or not rules.results_visible(request.user, round_)
    ):
        raise Http404(_("This round's report is not published yet."))
    language = _language()
    text = wikitext_of(
        round_=round_,
        count=count,
        items=selectors_results.shown_items(round_=round_, language=language),
        clusters=selectors_results.round_clusters(round_=round_),
        language=language,
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{round_.slug}-report.wiki"'
    return response
