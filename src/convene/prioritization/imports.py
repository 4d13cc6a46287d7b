"""Ballots gathered elsewhere (a survey, paper forms), imported from CSV.

One row per ballot, with the columns `ballot` (its id where it was gathered, kept as
`Ballot.external_id`), `group` (empty: a person's ballot; else the group it is the
submission of, created as a community if the round has none of that name), `region` (a code
of `Region` or its English name) and `rank_1` … `rank_K` (item identifiers, first choice
first; for a "choose" ballot their order does not matter). Every row is checked before
anything is written; if any row is bad, the report names each problem (row, column,
message) and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.core.errors import ServiceError
from convene.core.lists import joined_text
from convene.organizations.models import Organization, Region

from . import rules, tasks
from .models import Ballot, BallotVersion, Group, Item, Round, pack_ranking

MAX_BYTES = 5 * 1024 * 1024
REQUIRED = ("ballot", "group", "region")
RANK = re.compile(r"^rank_([1-9][0-9]{0,2})$")
EXTERNAL_ID_MAX = Ballot._meta.get_field("external_id").max_length or 100
GROUP_NAME_MAX = Group._meta.get_field("name").max_length or 200


@dataclass(frozen=True)
class Problem:
    """A bad row: its number in the file (the header is row 1; 0 for the file as a whole),
    the column at fault (empty for the row or the file) and what is wrong."""

    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    imported: int = 0
    groups_created: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Row:
    number: int
    external_id: str
    group: str
    region: str
    items: list[Item]
    organization: Organization | None = None


def region_codes() -> dict[str, str]:
    """The accepted spellings of a region, folded, to its code: the code, its English name
    and its name in the reader's language."""
    spellings: dict[str, str] = {}
    for code, label in Region.choices:
        spellings[code.casefold()] = code
        spellings[str(label).casefold()] = code  # the name in the reader's language
        with translation.override("en"):
            spellings[str(label).casefold()] = code
    return spellings


def _table(data: bytes) -> tuple[list[str], list[list[str]]] | Problem:
    """The header and rows of the file, or the problem that keeps it from being read."""
    if len(data) > MAX_BYTES:
        return Problem(
            0,
            "",
            _("The file is larger than %(size)d MB; split it into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)},
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Problem(
            0, "", _("The file is not UTF-8 text; save it as “CSV UTF-8” and try again.")
        )
    if "\x00" in text:
        return Problem(0, "", _("The file is not a CSV file: it holds null characters."))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        return Problem(
            0, "", _("The file is not a well-formed CSV file: %(error)s") % {"error": error}
        )
    if not rows:
        return Problem(0, "", _("The file is empty."))
    return [cell.strip() for cell in rows[0]], rows[1:]


def _header_problems(header: list[str], round_: Round) -> list[Problem]:
    problems = []
    missing = [name for name in REQUIRED if name not in header]
    if not any(RANK.match(name) for name in header):
        missing.append("rank_1")
    if missing:
        problems.append(
            Problem(
                1,
                "",
                ngettext(
                    "The column %(columns)s is missing.",
                    "The columns %(columns)s are missing.",
                    len(missing),
                )
                % {"columns": joined_text(missing)},
            )
        )
    for name in header:
        if header.count(name) > 1:
            problems.append(Problem(1, name, _("This column appears twice.")))
            break
    for name in header:
        if name not in REQUIRED and not RANK.match(name):
            problems.append(
                Problem(
                    1,
                    name,
                    _(
                        "Unknown column; the columns are ballot, group, region and rank_1 to rank_K."
                    ),
                )
            )
    return problems


def _ranking_problem(
    *, number: int, cells: list[tuple[str, str]], round_: Round, items: dict[str, Item]
) -> Problem | None:
    """The first problem of a row's items (the messages are those of a ballot cast here)."""
    listed = [(column, value) for column, value in cells if value]
    if not listed:
        return Problem(number, "rank_1", _("Choose at least one item."))
    if len(listed) > round_.max_items:
        return Problem(
            number,
            listed[round_.max_items][0],
            ngettext(
                "A ballot lists at most %(count)d item.",
                "A ballot lists at most %(count)d items.",
                round_.max_items,
            )
            % {"count": round_.max_items},
        )
    seen: set[str] = set()
    for column, value in listed:
        if value in seen:
            return Problem(
                number,
                column,
                _("“%(item)s” is listed twice; list each item once.") % {"item": value},
            )
        seen.add(value)
        if value not in items:
            return Problem(
                number, column, _("“%(item)s” is not one of this round's items.") % {"item": value}
            )
    return None


def rows_checked(*, round_: Round, data: bytes) -> tuple[list[_Row], list[Problem]]:
    """Every row of the file checked against the round as it is; the rows are good only if
    there are no problems."""
    table = _table(data)
    if isinstance(table, Problem):
        return [], [table]
    header, body = table
    problems = _header_problems(header, round_)
    if problems:
        return [], problems
    if not body:
        return [], [Problem(0, "", _("The file has a header but no ballot."))]
    index = {name: position for position, name in enumerate(header)}
    rank_columns = sorted(
        (name for name in header if RANK.match(name)),
        key=lambda name: int(name.removeprefix("rank_")),
    )
    items = {item.identifier: item for item in Item.objects.filter(round=round_)}
    groups = {group.name.casefold(): group for group in Group.objects.filter(round=round_)}
    organizations = _registry_organizations(round_)
    voted_groups = set(
        Ballot.objects.filter(round=round_, group__isnull=False).values_list("group_id", flat=True)
    )
    imported = set(
        Ballot.objects.filter(round=round_)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    regions = region_codes()
    ids_seen: dict[str, int] = {}
    groups_seen: dict[str, int] = {}
    rows: list[_Row] = []
    for number, cells in enumerate(body, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        if len(cells) > len(header):
            problems.append(
                Problem(
                    number,
                    "",
                    _(
                        "This row has more cells (%(cells)d) than the header has columns (%(columns)d)."
                    )
                    % {"cells": len(cells), "columns": len(header)},
                )
            )
            continue
        cells = cells + [""] * (len(header) - len(cells))

        def cell(name: str, cells: list[str] = cells) -> str:
            return cells[index[name]].strip()

        row_problems: list[Problem] = []
        external_id = cell("ballot")
        if not external_id:
            row_problems.append(Problem(number, "ballot", _("Give the ballot's id.")))
        elif len(external_id) > EXTERNAL_ID_MAX:
            row_problems.append(
                Problem(
                    number,
                    "ballot",
                    ngettext(
                        "A ballot's id has at most %(count)d character.",
                        "A ballot's id has at most %(count)d characters.",
                        EXTERNAL_ID_MAX,
                    )
                    % {"count": EXTERNAL_ID_MAX},
                )
            )
        elif external_id in ids_seen:
            row_problems.append(
                Problem(
                    number,
                    "ballot",
                    _("The ballot “%(ballot)s” is already on row %(row)d.")
                    % {"ballot": external_id, "row": ids_seen[external_id]},
                )
            )
        elif external_id in imported:
            row_problems.append(
                Problem(
                    number,
                    "ballot",
                    _("The ballot “%(ballot)s” was imported before; it is not imported twice.")
                    % {"ballot": external_id},
                )
            )
        else:
            ids_seen[external_id] = number
        region_text = cell("region")
        region = regions.get(region_text.casefold(), "") if region_text else ""
        if region_text and not region:
            row_problems.append(
                Problem(
                    number,
                    "region",
                    _("“%(region)s” is not a region; use one of %(regions)s.")
                    % {
                        "region": region_text[:80],
                        "regions": ", ".join(region.value for region in Region),
                    },
                )
            )
        group_name = cell("group")
        if not group_name:
            if not round_.individual_track:
                row_problems.append(
                    Problem(
                        number,
                        "group",
                        _("This round takes ballots from groups only: name the group."),
                    )
                )
        elif not round_.group_track:
            row_problems.append(
                Problem(number, "group", _("This round takes ballots from individuals only."))
            )
        elif len(group_name) > GROUP_NAME_MAX:
            row_problems.append(
                Problem(
                    number,
                    "group",
                    ngettext(
                        "A group's name has at most %(count)d character.",
                        "A group's name has at most %(count)d characters.",
                        GROUP_NAME_MAX,
                    )
                    % {"count": GROUP_NAME_MAX},
                )
            )
        elif group_name.casefold() in groups_seen:
            row_problems.append(
                Problem(
                    number,
                    "group",
                    _(
                        "The group “%(group)s” already has a ballot on row %(row)d; a group casts one ballot."
                    )
                    % {"group": group_name, "row": groups_seen[group_name.casefold()]},
                )
            )
        else:
            existing = groups.get(group_name.casefold())
            organization = None if existing else organizations.get(group_name.casefold())
            if organization is not None:  # named by the registry's name or code
                group_name = organization.name
                existing = groups.get(group_name.casefold())
            if group_name.casefold() in groups_seen:
                row_problems.append(
                    Problem(
                        number,
                        "group",
                        _(
                            "The group “%(group)s” already has a ballot on row %(row)d; a group casts one ballot."
                        )
                        % {"group": group_name, "row": groups_seen[group_name.casefold()]},
                    )
                )
            groups_seen.setdefault(group_name.casefold(), number)
            if existing is not None and existing.pk in voted_groups:
                row_problems.append(
                    Problem(
                        number,
                        "group",
                        _(
                            "The group “%(group)s” has already submitted its priorities; a group casts one ballot."
                        )
                        % {"group": existing.name},
                    )
                )
            elif existing is None and organization is None and not region_text:
                row_problems.append(
                    Problem(
                        number,
                        "region",
                        _("Give the region of “%(group)s”, a new community of this round.")
                        % {"group": group_name},
                    )
                )
        ranking = _ranking_problem(
            number=number,
            cells=[(name, cell(name)) for name in rank_columns],
            round_=round_,
            items=items,
        )
        if ranking is not None:
            row_problems.append(ranking)
        if row_problems:
            problems.extend(row_problems)
            continue
        identifiers = [cell(name) for name in rank_columns if cell(name)]
        rows.append(
            _Row(
                number=number,
                external_id=external_id,
                group=group_name,
                region=region,
                items=[items[identifier] for identifier in identifiers],
                organization=organizations.get(group_name.casefold()) if group_name else None,
            )
        )
    if not rows and not problems:
        problems.append(Problem(0, "", _("The file has a header but no ballot.")))
    return rows, problems


def _registry_organizations(round_: Round) -> dict[str, Organization]:
    """The recognized organizations of the registry by their folded name and code, when they
    take part in the round by themselves: a row naming one is that organization's ballot."""
    if not (round_.group_track and round_.registry_groups):
        return {}
    found: dict[str, Organization] = {}
    for organization in Organization.objects.recognized().select_related("affiliation_model"):
        found[organization.code.casefold()] = organization
        found[organization.name.casefold()] = organization
    return found


def _group_created(round_: Round, row: _Row) -> Group:
    if row.organization is not None:
        organization = row.organization
        return Group.objects.create(
            round=round_,
            kind=Group.Kind.ORGANIZATION,
            organization=organization,
            name=organization.name,
            region=organization.region,
            language=str((organization.working_languages or [""])[0]),  # as the ballots do
            category=organization.affiliation_model.slug,
        )
    return Group.objects.create(
        round=round_,
        kind=Group.Kind.COMMUNITY,
        name=row.group,
        region=row.region,
        category="community",
    )


def _recount(round_: Round) -> None:
    """Count the round again once the import is committed, if it is due (closed, or showing
    its results while open); else the count at the close takes the imported ballots in."""
    round_id = round_.pk
    transaction.on_commit(lambda: tasks.round_count_task.enqueue(round_id=round_id))


@transaction.atomic
def ballots_import(*, round_: Round, data: bytes, user: User | None) -> ImportReport:
    """Imports the ballots of a CSV file, all or none; `user` is the organizer importing
    (None: from the command line, by whoever runs the site)."""
    if user is not None and not rules.can_import(user, round_):
        raise ServiceError(
            _("Only the organizers of this round can import ballots."), code="forbidden"
        )
    # One import at a time per round: the second waits, then sees the first's ballots.
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    rows, problems = rows_checked(round_=round_, data=data)
    if problems:
        return ImportReport(problems=problems)
    report = ImportReport()
    groups = {group.name.casefold(): group for group in Group.objects.filter(round=round_)}
    try:
        with transaction.atomic():
            for row in rows:
                if row.group and row.group.casefold() not in groups:
                    groups[row.group.casefold()] = _group_created(round_, row)
                    report.groups_created += 1
            ballots = Ballot.objects.bulk_create(
                Ballot(
                    round=round_,
                    track=Ballot.Track.GROUP if row.group else Ballot.Track.INDIVIDUAL,
                    group=groups[row.group.casefold()] if row.group else None,
                    region=groups[row.group.casefold()].region if row.group else row.region,
                    external_id=row.external_id,
                    ranking=pack_ranking([item.pk for item in row.items]),
                    size=len(row.items),
                    submitted_by=user,
                )
                for row in rows
            )
            BallotVersion.objects.bulk_create(
                BallotVersion(
                    ballot=ballot,
                    number=1,
                    ranking=ballot.ranking,
                    details={"imported": True, "external_id": ballot.external_id},
                    saved_by=user,
                )
                for ballot in ballots
            )
    except IntegrityError:
        return ImportReport(
            problems=[
                Problem(
                    0,
                    "",
                    _(
                        "Ballots of this file were saved by someone else meanwhile; import it again to see which."
                    ),
                )
            ]
        )
    report.imported = len(ballots)
    _recount(round_)
    return report
