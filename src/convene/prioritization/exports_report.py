"""A round's report as wikitext for Meta: the narrative as the organizers wrote it, then per
track a wikitable of every item under every method and a table of the clusters.

People's text (titles, names) goes into the tables inside `<nowiki>` when it holds a
character wikitext would read as markup, so a title with a "|" cannot split a row. Numbers
are written as machines write them (1234.5, 93.4%), whatever the reader's language.
"""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.core.lists import joined_text
from convene.core.timezones import utc_text

from .models import Cluster, Count, Round
from .selectors_results import (
    DEFAULT_METHOD,
    METHOD_NAMES,
    ShownItem,
    track_results,
    tracks_of,
)

_MARKUP = re.compile(r"[|{}\[\]<>'~_&]|^[*#:;=!\-\s]|\n")


def wiki_text(text: str) -> str:
    """People's text as it reads, whatever wikitext makes of its characters."""
    text = " ".join(text.split())
    if not _MARKUP.search(text):
        return text
    return "<nowiki>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</nowiki>"


def _number(value: float | int) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return str(int(value))


def _place(value: int | None) -> str:
    return "–" if value is None else str(value)


def report_wikitext(
    *,
    round_: Round,
    count: Count,
    items: dict[str, ShownItem],
    clusters: list[Cluster],
    language: str,
) -> str:
    with translation.override(language):
        return _wikitext(
            round_=round_, count=count, items=items, clusters=clusters, language=language
        )


def _wikitext(
    *,
    round_: Round,
    count: Count,
    items: dict[str, ShownItem],
    clusters: list[Cluster],
    language: str,
) -> str:
    lines = [
        f"== {wiki_text(round_.title)} ==",
        ngettext(
            "Counted at %(when)s: %(count)s ballot.",
            "Counted at %(when)s: %(count)s ballots.",
            count.ballots,
        )
        % {"when": utc_text(count.counted_at), "count": count.ballots},
        "",
    ]
    if round_.report.strip():
        lines += [f"=== {_('Report')} ===", round_.report.strip(), ""]
    for track in tracks_of(count.data):
        shown = track_results(
            count=count,
            track=track,
            method=DEFAULT_METHOD,
            items=items,
            clusters=clusters,
            language=language,
        )
        heading = ngettext(
            "%(track)s: %(count)s ballot", "%(track)s: %(count)s ballots", shown.ballots
        ) % {"track": shown.name, "count": shown.ballots}
        headers = [
            _("Place"),
            _("Item"),
            str(METHOD_NAMES["approval"]),
            str(METHOD_NAMES["borda"]),
            str(METHOD_NAMES["copeland"]),
            str(METHOD_NAMES["schulze"]),
            str(METHOD_NAMES["ranked_pairs"]),
            str(METHOD_NAMES["kemeny"]),
            _("In the top %(count)s") % {"count": shown.stability_top},
        ]
        lines += [
            f"=== {heading} ===",
            '{| class="wikitable sortable"',
            "! " + " !! ".join(headers),
        ]
        for row in shown.rows:
            kemeny = _place(row.ranks["kemeny"]) if shown.kemeny_computed else _("not computed")
            cells = [
                _place(row.place),
                wiki_text(row.item.title),
                _number(row.approval),
                _number(row.borda),
                _number(row.copeland),
                _place(row.ranks["schulze"]),
                _place(row.ranks["ranked_pairs"]),
                kemeny,
                "–" if row.stability is None else f"{row.stability * 100:.1f}%",
            ]
            lines += ["|-", "| " + " || ".join(cells)]
        lines.append("|}")
        if shown.clusters:
            lines += [
                "",
                '{| class="wikitable"',
                "! "
                + " !! ".join(
                    [
                        _("Cluster"),
                        _("Items"),
                        _("Ballots listing one of its items"),
                        str(METHOD_NAMES["borda"]),
                        _("Best place (Schulze)"),
                    ]
                ),
            ]
            for cluster in shown.clusters:
                cells = [
                    wiki_text(f"{cluster.code}. {cluster.name}"),
                    joined_text([wiki_text(item.title) for item in cluster.items]),
                    _number(cluster.approval),
                    _number(cluster.borda),
                    _place(cluster.best_place),
                ]
                lines += ["|-", "| " + " || ".join(cells)]
            lines.append("|}")
        lines.append("")
    return "\n".join(lines)
