"""A round's raw data as files anyone can recompute the result from.

- `items.csv`: what is prioritized, in the round's order;
- `ballots.csv`: one row per ballot under its opaque public id (never who cast it), with the
  columns of the import format (`ballot`, `group`, `region`, `rank_1` … `rank_K`) plus
  `track` and `kind`, so the file can be imported into another round or tool;
- `groups.csv`: the group submissions, one row per (group, place) with its reason;
- `results.json`: the stored count as it is;
- `round.json`: the round's settings and the parameters of the counting methods;
- `datapackage.json`: a Frictionless Data Package describing each of them.

The CSV files are written in UTF-8 with a byte order mark (as every download of Convene, so
spreadsheet programs read them right) and every cell through `core.exports.csv_cell`. The
big ones are streamed: the ballots are read in chunks, never all at once.

Columns are described once here (`Column`): the raw data page shows the descriptions in the
reader's language and `datapackage.json` gives them with each field's type.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from convene.core.exports import csv_cell
from convene.core.timezones import utc_text

from . import selectors_data
from .models import Count, Item, Round

# Rows written to the stream at a time.
ROWS_PER_WRITE = 500


@dataclass(frozen=True)
class Column:
    """A column of a CSV file: its name, its Table Schema type and what it holds."""

    name: str
    type: str
    description: Promise | str
    constraints: dict[str, Any] = field(default_factory=dict)
    format: str = ""

    def schema(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": str(self.description),
        }
        if self.format:
            described["format"] = self.format
        if self.constraints:
            described["constraints"] = self.constraints
        return described


@dataclass(frozen=True)
class DataFile:
    """One of the files of a round's raw data."""

    name: str  # the resource's name in datapackage.json
    filename: str
    title: Promise
    description: Promise
    public: bool  # downloadable at any time; else only once the results are visible

    @property
    def format(self) -> str:
        return self.filename.rsplit(".", 1)[1]

    @property
    def mediatype(self) -> str:
        return "text/csv" if self.format == "csv" else "application/json"


REQUIRED = {"required": True}

ITEM_COLUMNS = (
    Column(
        "identifier",
        "string",
        _("The item's stable identifier, as the ballots name it."),
        {"required": True, "unique": True},
    ),
    Column(
        "position",
        "integer",
        _("Its place in the round's list: the order of the rows and columns of the results."),
        REQUIRED,
    ),
    Column("heading", "string", _("What it belongs to, e.g. its recommendation.")),
    Column("title", "string", _("Its title, in the language of the round."), REQUIRED),
    Column("description", "string", _("Its description, in the language of the round.")),
    Column("cluster", "string", _("The code of the cluster it belongs to; empty if none.")),
)

TRACKS = ["group", "individual"]


def ballot_columns(max_items: int) -> tuple[Column, ...]:
    """The columns of `ballots.csv` for a round whose ballots list up to `max_items` items."""
    return (
        Column(
            "ballot",
            "string",
            _("The ballot's public id: opaque, it tells nothing of who cast it."),
            {"required": True, "unique": True},
        ),
        Column(
            "track",
            "string",
            _("“group” for a group's ballot, “individual” for a person's."),
            {"required": True, "enum": TRACKS},
        ),
        Column("group", "string", _("The group's name; empty for a person's ballot.")),
        Column(
            "region",
            "string",
            _(
                "The region of the group, or the one given with an imported ballot, as a "
                "code; may be empty."
            ),
        ),
        Column(
            "kind",
            "string",
            _(
                "The kind of group (community, or the organization's model of affiliation, "
                "e.g. chapter); empty for a person's ballot."
            ),
        ),
        *(
            Column(
                f"rank_{place}",
                "string",
                _(
                    "The identifier of the item listed in place %(place)d; empty when the "
                    "ballot lists fewer items."
                )
                % {"place": place},
                REQUIRED if place == 1 else {},
            )
            for place in range(1, max_items + 1)
        ),
    )


GROUP_COLUMNS = (
    Column("group", "string", _("The group's name."), REQUIRED),
    Column(
        "organization",
        "string",
        _("For an organization of the registry, the short name in its address; else empty."),
    ),
    Column("kind", "string", _("The kind of group: community, or its model of affiliation.")),
    Column("region", "string", _("The group's region, as a code."), REQUIRED),
    Column("language", "string", _("The group's language.")),
    Column(
        "participants",
        "integer",
        _("How many people took part in its discussion; empty if not given."),
    ),
    Column("where", "string", _("Where the discussion took place.")),
    Column("when", "string", _("When it took place, as the group wrote it.")),
    Column("notes", "string", _("A link to the discussion's notes; may be empty."), format="uri"),
    Column(
        "event",
        "string",
        _("The page of the discussion's event on Convene; may be empty."),
        format="uri",
    ),
    Column("missing", "string", _("What the group thinks is missing.")),
    Column("rank", "integer", _("The priority's place, from 1 (the first)."), REQUIRED),
    Column("item", "string", _("The priority: an item's identifier."), REQUIRED),
    Column("reason", "string", _("The group's reason for this priority.")),
)

FILES = (
    DataFile(
        "items",
        "items.csv",
        _("Items"),
        _("What the round prioritizes, one row per item, in the round's order."),
        public=True,
    ),
    DataFile(
        "ballots",
        "ballots.csv",
        _("Ballots"),
        _(
            "Every ballot, one row per ballot, its items first choice first. A group's ballot "
            "gives the group's name; a person's gives nothing of who cast it."
        ),
        public=False,
    ),
    DataFile(
        "groups",
        "groups.csv",
        _("Group submissions"),
        _(
            "Each group's discussion and its priorities with their reasons, one row per "
            "priority. Public at all times."
        ),
        public=True,
    ),
    DataFile(
        "results",
        "results.json",
        _("Results"),
        _(
            "The count as stored: per track, the matrix s, the scores and orders of every "
            "method, the agreement between them and the stability; by region, by kind of "
            "group and by cluster."
        ),
        public=False,
    ),
    DataFile(
        "round",
        "round.json",
        _("The round"),
        _(
            "The round's settings: question, ballot form, K, tracks, times in UTC, clusters "
            "and the parameters of the methods (seed, resamples, top)."
        ),
        public=True,
    ),
    DataFile(
        "datapackage",
        "datapackage.json",
        _("Data Package"),
        _("A Frictionless Data Package describing each file and the columns of each table."),
        public=True,
    ),
)
FILE_NAMES = tuple(data_file.filename for data_file in FILES)
FILE_BY_NAME = {data_file.filename: data_file for data_file in FILES}


def columns_of(data_file: DataFile, round_: Round) -> tuple[Column, ...]:
    """The columns of a CSV file of the round; none for a JSON file."""
    if data_file.name == "items":
        return ITEM_COLUMNS
    if data_file.name == "ballots":
        return ballot_columns(round_.max_items)
    if data_file.name == "groups":
        return GROUP_COLUMNS
    return ()


def columns_shown(data_file: DataFile, round_: Round) -> tuple[Column, ...]:
    """The columns as the raw data page lists them: rank_1 … rank_K as one."""
    columns = columns_of(data_file, round_)
    shown = tuple(column for column in columns if not column.name.startswith("rank_"))
    if len(shown) == len(columns):
        return columns
    ranks = Column(
        f"rank_1 … rank_{round_.max_items}",
        "string",
        _(
            "The identifiers of the items the ballot lists, rank_1 its first choice; empty "
            "past its last item."
        ),
    )
    return (*shown, ranks)


# --- CSV ---------------------------------------------------------------------------------


def _csv_chunks(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text in pieces of ROWS_PER_WRITE rows, the byte order mark and header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer.writerow([csv_cell(value) for value in header])
    written = 0
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
        written += 1
        if written == ROWS_PER_WRITE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            written = 0
    yield buffer.getvalue()


def csv_stream(
    *, filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """A UTF-8 CSV download written as it is read, for files of any length."""
    response = StreamingHttpResponse(
        _csv_chunks(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def item_rows(items: list[Item]) -> list[list[Any]]:
    return [
        [
            item.identifier,
            item.position,
            item.heading,
            item.title,
            item.description,
            item.cluster.code if item.cluster else "",
        ]
        for item in items
    ]


def ballot_rows(rows: Iterable[selectors_data.BallotRow], max_items: int) -> Iterator[list[Any]]:
    for row in rows:
        places = row.items + [""] * (max_items - len(row.items))
        yield [row.public_id, row.track, row.group, row.region, row.kind, *places]


def group_rows(
    submissions: Iterable[selectors_data.Submission], *, event_url: Callable[[str], str]
) -> Iterator[list[Any]]:
    for submission in submissions:
        about = [
            submission.group,
            submission.organization,
            submission.kind,
            submission.region,
            submission.language,
            submission.participants,
            submission.place,
            submission.when,
            submission.notes_url,
            event_url(submission.event_slug) if submission.event_slug else "",
            submission.missing,
        ]
        for place, (item, reason) in enumerate(submission.priorities, start=1):
            yield [*about, place, item, reason]


# --- JSON --------------------------------------------------------------------------------


def json_download(data: Any, *, filename: str) -> HttpResponse:
    response = JsonResponse(
        data, safe=False, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def methods_of(round_: Round, count: Count | None) -> dict[str, Any]:
    """The parameters of the counting methods: the bootstrap's seed and number of resamples
    (as the count used them; null before the first count) and the top it looks at."""
    seed = resamples = None
    if count is not None:
        seed = count.data.get("seed")
        for tally in count.data.get("tracks", {}).values():
            resamples = tally.get("stability", {}).get("resamples")
            break
    return {"seed": seed, "resamples": resamples, "top": round_.bootstrap_top}


def round_settings(
    round_: Round,
    *,
    items: list[Item],
    count: Count | None,
    ballots: dict[str, int],
    page_url: str,
) -> dict[str, Any]:
    """`round.json`: everything about the round a recount needs besides the ballots."""
    clusters: dict[str, dict[str, Any]] = {}
    for item in items:
        if item.cluster is not None:
            cluster = clusters.setdefault(
                item.cluster.code, {"code": item.cluster.code, "name": item.cluster.name}
            )
            cluster.setdefault("items", []).append(item.identifier)
    return {
        "format": 1,
        "slug": round_.slug,
        "title": round_.title,
        "question": round_.question,
        "language": round_.language,
        "process": round_.process.slug,
        "url": page_url,
        "ballot_form": round_.ballot_form,
        "max_items": round_.max_items,
        "tracks": selectors_data.tracks_of(round_),
        "opens_at": utc_text(round_.opens_at),
        "closes_at": utc_text(round_.closes_at),
        "results_before_close": round_.results_before_close,
        "items": [item.identifier for item in items],
        "clusters": list(clusters.values()),
        "ballots": ballots,
        "counted_at": utc_text(count.counted_at) if count is not None else None,
        "methods": methods_of(round_, count),
    }


def datapackage(round_: Round, *, homepage: str) -> dict[str, Any]:
    """`datapackage.json` (https://specs.frictionlessdata.io/data-package/).

    The package's profile is `data-package`: a `tabular-data-package` may hold tabular
    resources only, and two of the files are JSON documents. Each CSV file is a
    `tabular-data-resource` with its Table Schema (fields, primary key, the items its
    identifiers refer to); each JSON file a `data-resource`.
    """
    resources = []
    for data_file in FILES:
        if data_file.name == "datapackage":
            continue
        resource: dict[str, Any] = {
            "name": data_file.name,
            "path": data_file.filename,
            "title": str(data_file.title),
            "description": str(data_file.description),
            "format": data_file.format,
            "mediatype": data_file.mediatype,
            "encoding": "utf-8",
        }
        columns = columns_of(data_file, round_)
        if columns:
            resource["profile"] = "tabular-data-resource"
            resource["schema"] = _table_schema(data_file.name, columns)
        else:
            resource["profile"] = "data-resource"
        resources.append(resource)
    return {
        "profile": "data-package",
        "name": f"convene-prioritization-{round_.slug}".lower(),
        "title": round_.title,
        "description": round_.question,
        "homepage": homepage,
        "resources": resources,
    }


def _table_schema(name: str, columns: tuple[Column, ...]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [column.schema() for column in columns],
        "missingValues": [""],
    }
    references = [column.name for column in columns if column.name.startswith("rank_")]
    if name == "items":
        schema["primaryKey"] = ["identifier"]
    elif name == "ballots":
        schema["primaryKey"] = ["ballot"]
    elif name == "groups":
        schema["primaryKey"] = ["group", "rank"]
        references = ["item"]
    if references:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": "items", "fields": ["identifier"]}}
            for column in references
        ]
    return schema
