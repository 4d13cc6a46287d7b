"""What the results and report pages read: the round with its stored count, its items in the
reader's language, its clusters, the report in the reader's language and the groups that
took part. Each read is one query whatever the number of ballots: the pages never read the
ballots, only the `Count` row the counting stored (its format: `results.round_count`).

The count is turned here into what a page shows: per track, the items in the order of one
method with every method's figure beside them, the agreement between methods, the results
by region, by kind of group and by cluster.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count as CountOf
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convene.core.text import text_fingerprint
from convene.organizations.maps import count_countries
from convene.organizations.models import Region
from convene.organizations.selectors_map import map_affiliation_models
from convene.organizations.translations import shown_text

from .models import Ballot, Cluster, Count, Group, Item, ItemTranslation, ReportTranslation, Round

# The methods, in the order the pages show them; the first is the default order.
METHODS: tuple[str, ...] = ("schulze", "ranked_pairs", "kemeny", "copeland", "borda", "approval")
METHOD_NAMES = {
    "schulze": pgettext_lazy("counting method", "Schulze"),
    "ranked_pairs": pgettext_lazy("counting method", "Ranked pairs"),
    "kemeny": pgettext_lazy("counting method", "Kemeny-Young"),
    "copeland": pgettext_lazy("counting method", "Copeland"),
    "borda": pgettext_lazy("counting method", "Borda"),
    "approval": pgettext_lazy("counting method", "Approval"),
}
DEFAULT_METHOD = "schulze"
# Methods whose order the count gives as tiers of its own; the others' tiers are in "orders".
TIERED = ("schulze", "ranked_pairs", "kemeny")

TRACKS: tuple[str, ...] = ("all", "group", "individual")
TRACK_NAMES = {
    "all": pgettext_lazy("ballots of a round", "All ballots"),
    "group": pgettext_lazy("ballots of a round", "Groups"),
    "individual": pgettext_lazy("ballots of a round", "Individuals"),
}
REGION_NAMES = dict(Region.choices)
# How many items a row of the results by region or kind names.
BRIEF_TOP = 3


# --- the round ---------------------------------------------------------------------------


def round_with_count(*, slug: str) -> Round:
    """The round and its count (`round_.count`, or `stored_count(round_)` None when never
    counted), in one query; 404 when no round has this slug. The count's data (tens of KB
    of JSON) is read only when asked for (one more query): a page whose pieces are kept
    from before does not need it."""
    round_ = Round.objects.select_related("count").defer("count__data").filter(slug=slug).first()
    if round_ is None:
        raise Http404(_("No such round."))
    return round_


def stored_count(round_: Round) -> Count | None:
    """The count `round_with_count` read with the round (no query)."""
    try:
        return round_.count
    except Count.DoesNotExist:
        return None


def ballots_by_track(*, round_: Round) -> dict[str, int]:
    """How many ballots each track has now (one query): the figure shown to everyone while
    the results are hidden or not counted yet. A count by an index of (round, track)."""
    counts: dict[str, int] = {str(Ballot.Track.GROUP): 0, str(Ballot.Track.INDIVIDUAL): 0}
    rows = Ballot.objects.filter(round=round_).values_list("track").annotate(n=CountOf("pk"))
    for track, number in rows.order_by():
        counts[str(track)] = number
    return counts


# --- items in the reader's language --------------------------------------------------------


@dataclass(frozen=True)
class ShownItem:
    identifier: str
    title: str
    language: str  # of the title shown
    position: int
    cluster_id: int | None


def shown_items(*, round_: Round, language: str) -> dict[str, ShownItem]:
    """The round's items by identifier, in their order, each titled in `language` when it
    has a translation there, else in the round's language. One query."""
    items = Item.objects.filter(round=round_).order_by("position", "pk")
    translated = language != round_.language
    if translated:
        items = items.annotate(
            translated_title=Subquery(
                ItemTranslation.objects.filter(item=OuterRef("pk"), language=language).values(
                    "title"
                )[:1]
            )
        )
    fields = ["identifier", "title", "position", "cluster_id"]
    shown: dict[str, ShownItem] = {}
    for row in items.values(*fields, *(["translated_title"] if translated else [])):
        title = row.get("translated_title") or row["title"]
        shown[row["identifier"]] = ShownItem(
            identifier=row["identifier"],
            title=title,
            language=language if row.get("translated_title") else round_.language,
            position=row["position"],
            cluster_id=row["cluster_id"],
        )
    return shown


def _item(items: dict[str, ShownItem], identifier: str, language: str) -> ShownItem:
    """An item the count names; one removed since the count keeps its identifier."""
    return items.get(identifier) or ShownItem(
        identifier=identifier, title=identifier, language=language, position=10_000, cluster_id=None
    )


def round_clusters(*, round_: Round) -> list[Cluster]:
    """The round's clusters in their order (one query)."""
    return list(Cluster.objects.filter(round=round_).order_by("position", "code"))


# --- a track's results ----------------------------------------------------------------------


def ranks_of(tiers: list[list[str]] | None) -> dict[str, int]:
    """Each item's place under an order given as tiers (best first): 1 + the number of items
    in better tiers, so items that tie share a place and the next place is skipped (1, 2, 2,
    4)."""
    ranks: dict[str, int] = {}
    above = 0
    for tier in tiers or []:
        for identifier in tier:
            ranks[identifier] = above + 1
        above += len(tier)
    return ranks


def method_tiers(tally: dict[str, Any], method: str) -> list[list[str]] | None:
    """The order of `method` in a track's tally, as tiers; None when it was not computed."""
    tiers = tally.get(method) if method in TIERED else tally.get("orders", {}).get(method)
    return tiers if tiers else None


@dataclass(frozen=True)
class ResultRow:
    item: ShownItem
    place: int | None  # under the chosen method
    approval: int
    borda: int
    copeland: float
    ranks: dict[str, int | None]  # schulze, ranked_pairs, kemeny
    stability: float | None  # share of resamples in the top


@dataclass(frozen=True)
class AgreementRow:
    method: str
    name: str
    values: list[float | None]  # with each method of `TrackResults.agreement_methods`


@dataclass(frozen=True)
class BriefRow:
    """A region's or a kind of group's ballots: how many, and the items they put first."""

    key: str
    name: str
    ballots: int
    top: list[tuple[int, ShownItem]]  # (place under Schulze, item), the first few
    approved: list[tuple[int, ShownItem]]  # (ballots listing it, item), the most listed


@dataclass(frozen=True)
class ClusterRow:
    code: str
    name: str
    items: list[ShownItem]
    approval: int
    borda: int
    best_place: int | None  # of its best item under Schulze (1-based)


@dataclass
class TrackResults:
    track: str
    name: str
    ballots: int
    method: str  # the order the rows are in
    method_fallback: bool  # the method asked for was not computed: in Schulze's order
    rows: list[ResultRow]
    kemeny_status: str
    agreement_methods: list[str]
    agreement: list[AgreementRow]
    stability_top: int
    stability_resamples: int
    by_region: list[BriefRow] = field(default_factory=list)
    by_kind: list[BriefRow] = field(default_factory=list)
    clusters: list[ClusterRow] = field(default_factory=list)

    @property
    def kemeny_computed(self) -> bool:
        return self.kemeny_status == "optimal"

    def top_tiers(self, places: int) -> list[list[ResultRow]]:
        """The rows of the first tiers under Schulze holding at least `places` items."""
        by_rank: dict[int, list[ResultRow]] = {}
        for row in self.rows:
            rank = row.ranks.get("schulze")
            if rank is not None:
                by_rank.setdefault(rank, []).append(row)
        tiers: list[list[ResultRow]] = []
        shown = 0
        for rank in sorted(by_rank):
            if shown >= places:
                break
            tier = sorted(by_rank[rank], key=lambda row: row.item.position)
            tiers.append(tier)
            shown += len(tier)
        return tiers


def tracks_of(data: dict[str, Any]) -> list[str]:
    """The count's tracks in the pages' order ("all" first when the round has both)."""
    return [track for track in TRACKS if track in data.get("tracks", {})]


def _brief_rows(
    briefs: dict[str, Any], names: Mapping[str, object], items: dict[str, ShownItem], language: str
) -> list[BriefRow]:
    rows = []
    for key, brief in briefs.items():
        ranks = ranks_of(brief.get("schulze"))
        top = sorted(
            ranks.items(), key=lambda pair: (pair[1], _item(items, pair[0], language).position)
        )
        approval: dict[str, int] = brief.get("approval", {})
        approved = sorted(
            ((number, identifier) for identifier, number in approval.items() if number > 0),
            key=lambda pair: (-pair[0], _item(items, pair[1], language).position),
        )
        rows.append(
            BriefRow(
                key=key,
                name=str(names.get(key, key)),
                ballots=int(brief.get("ballots", 0)),
                top=[
                    (rank, _item(items, identifier, language))
                    for identifier, rank in top[:BRIEF_TOP]
                ],
                approved=[
                    (number, _item(items, identifier, language))
                    for number, identifier in approved[:BRIEF_TOP]
                ],
            )
        )
    rows.sort(key=lambda row: (-row.ballots, row.name))
    return rows


def kind_names(*, language: str) -> dict[str, str]:
    """The kinds of group by slug: the registry's models of affiliation in `language` (one or
    two queries) and communities."""
    names = {
        model.slug: shown_text(model, "name") for model in map_affiliation_models(language=language)
    }
    names["community"] = str(_("Communities"))
    return names


def track_results(
    *,
    count: Count,
    track: str,
    method: str,
    items: dict[str, ShownItem],
    clusters: list[Cluster],
    language: str,
    kinds: dict[str, str] | None = None,
) -> TrackResults:
    """One track of a stored count as the pages show it, the rows in the order of `method`
    (Schulze's when `method` was not computed), ties in the items' order. No query."""
    data = count.data
    tally: dict[str, Any] = data["tracks"][track]
    tiers = method_tiers(tally, method)
    fallback = tiers is None
    if tiers is None:
        method = DEFAULT_METHOD
        tiers = method_tiers(tally, method) or []
    places = ranks_of(tiers)
    ranks = {name: ranks_of(method_tiers(tally, name)) for name in TIERED}
    stability = tally.get("stability") or {}
    shares: dict[str, float] = stability.get("shares", {})
    identifiers = list(data.get("items", []))
    rows = [
        ResultRow(
            item=_item(items, identifier, language),
            place=places.get(identifier),
            approval=int(tally.get("approval", {}).get(identifier, 0)),
            borda=int(tally.get("borda", {}).get(identifier, 0)),
            copeland=float(tally.get("copeland", {}).get(identifier, 0)),
            ranks={name: ranks[name].get(identifier) for name in TIERED},
            stability=shares.get(identifier),
        )
        for identifier in identifiers
    ]
    unplaced = len(rows) + 1
    rows.sort(key=lambda row: (row.place or unplaced, row.item.position))
    agreement: dict[str, dict[str, float]] = tally.get("agreement", {})
    agreement_methods = [name for name in METHODS if name in agreement]
    results = TrackResults(
        track=track,
        name=str(TRACK_NAMES[track]),
        ballots=int(tally.get("ballots", 0)),
        method=method,
        method_fallback=fallback,
        rows=rows,
        kemeny_status=str(tally.get("kemeny_status", "optimal" if tally.get("kemeny") else "")),
        agreement_methods=agreement_methods,
        agreement=[
            AgreementRow(
                method=name,
                name=str(METHOD_NAMES[name]),
                values=[agreement[name].get(other) for other in agreement_methods],
            )
            for name in agreement_methods
        ],
        stability_top=int(stability.get("top", 0)),
        stability_resamples=int(stability.get("resamples", 0)),
    )
    regions = data.get("by_region", {}).get(track)
    if regions:
        results.by_region = _brief_rows(regions, REGION_NAMES, items, language)
    by_kind = data.get("by_kind", {}).get(track)
    if by_kind:
        results.by_kind = _brief_rows(by_kind, kinds or {}, items, language)
    results.clusters = cluster_rows(
        data.get("clusters", {}).get(track) or {}, clusters=clusters, items=items, language=language
    )
    return results


def cluster_rows(
    figures: dict[str, Any], *, clusters: list[Cluster], items: dict[str, ShownItem], language: str
) -> list[ClusterRow]:
    """A track's clusters in the round's order (named as the round names them now)."""
    names = {cluster.code: cluster.name for cluster in clusters}
    order = {cluster.code: index for index, cluster in enumerate(clusters)}
    rows = []
    for code, figure in sorted(
        figures.items(), key=lambda pair: (order.get(pair[0], 999), pair[0])
    ):
        best = figure.get("best_tier")
        rows.append(
            ClusterRow(
                code=code,
                name=names.get(code) or str(figure.get("name", "")),
                items=sorted(
                    (_item(items, identifier, language) for identifier in figure.get("items", [])),
                    key=lambda item: item.position,
                ),
                approval=int(figure.get("approval", 0)),
                borda=int(figure.get("borda", 0)),
                best_place=None if best is None else int(best) + 1,
            )
        )
    return rows


# --- the report -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownReport:
    """The narrative as a reader of `language` gets it."""

    text: str
    language: str  # of the text shown
    state: str  # "source", "translated", "outdated" (source shown) or "missing" (source shown)
    machine: bool


def shown_report(*, round_: Round, language: str) -> ShownReport:
    """The report in `language` when a translation made from the current text exists, else
    the text as the organizers wrote it, saying why. One query, none in the round's language."""
    source = ShownReport(
        text=round_.report, language=round_.language, state="source", machine=False
    )
    if language == round_.language or not round_.report.strip():
        return source
    translation = ReportTranslation.objects.filter(round=round_, language=language).first()
    if translation is None:
        return ShownReport(round_.report, round_.language, "missing", False)
    if translation.source_fingerprint != text_fingerprint(round_.report):
        return ShownReport(round_.report, round_.language, "outdated", False)
    return ShownReport(translation.report, language, "translated", translation.machine)


def report_translation(*, round_: Round, language: str) -> ReportTranslation | None:
    return ReportTranslation.objects.filter(round=round_, language=language).first()


@dataclass(frozen=True)
class TranslationState:
    language: str
    state: str  # "missing", "outdated", "done"
    machine: bool


def report_translation_states(*, round_: Round, languages: list[str]) -> list[TranslationState]:
    """Where the report stands in each of `languages` but the round's own (one query)."""
    fingerprint = text_fingerprint(round_.report)
    found = {
        row.language: row
        for row in ReportTranslation.objects.filter(round=round_).only(
            "language", "source_fingerprint", "machine"
        )
    }
    states = []
    for language in languages:
        if language == round_.language:
            continue
        row = found.get(language)
        if row is None:
            states.append(TranslationState(language, "missing", False))
        elif row.source_fingerprint != fingerprint:
            states.append(TranslationState(language, "outdated", row.machine))
        else:
            states.append(TranslationState(language, "done", row.machine))
    return states


@dataclass(frozen=True)
class Participants:
    """The groups whose ballots were cast: organizations by country (for the map),
    communities by region (they have no country), and how many groups per region."""

    countries: dict[str, int]  # alpha-2 code: participating organizations working there
    communities: list[tuple[str, list[str]]]  # (region's name, community names)
    regions: list[tuple[str, int]]  # (region's name, groups)
    organizations_without_country: int


def participants(*, round_: Round) -> Participants:
    """The groups that cast a ballot in the round. One query."""
    rows = list(
        Group.objects.filter(round=round_, ballots__isnull=False)
        .distinct()
        .order_by("name")
        .values_list("kind", "name", "region", "organization__countries")
    )
    countries_of = [
        countries for kind, _n, _r, countries in rows if kind == Group.Kind.ORGANIZATION
    ]
    communities: dict[str, list[str]] = {}
    regions: Counter[str] = Counter()
    for kind, name, region, _countries in rows:
        regions[region] += 1
        if kind == Group.Kind.COMMUNITY:
            communities.setdefault(region, []).append(name)
    order = list(REGION_NAMES)

    def region_key(region: str) -> tuple[int, str]:
        return (order.index(region) if region in order else len(order), region)

    return Participants(
        countries=count_countries(str(value or "") for value in countries_of),
        communities=[
            (str(REGION_NAMES.get(region, region)), names)
            for region, names in sorted(communities.items(), key=lambda pair: region_key(pair[0]))
        ],
        regions=[
            (str(REGION_NAMES.get(region, region)), number)
            for region, number in sorted(regions.items(), key=lambda pair: region_key(pair[0]))
        ],
        organizations_without_country=sum(1 for value in countries_of if not value),
    )
