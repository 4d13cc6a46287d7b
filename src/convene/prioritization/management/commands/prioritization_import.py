"""Import ballots gathered elsewhere into a round from a CSV file: every row is checked
first, and nothing is imported if any row is bad.

    python -m convene prioritization_import ROUND FILE.csv

ROUND is the round's short name (its slug). Prints how many ballots were imported, or each
problem (row, column, message); exits with status 1 when nothing could be imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from convene.prioritization.imports import MAX_BYTES, ballots_import
from convene.prioritization.models import Round


class Command(BaseCommand):
    help = "Import ballots gathered elsewhere into a round of prioritization from a CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round", help="The round's short name (slug).")
        parser.add_argument("csv", help="The CSV file: ballot, group, region, rank_1 … rank_K.")

    def handle(self, *args: Any, **options: Any) -> None:
        round_ = Round.objects.filter(slug=options["round"]).first()
        if round_ is None:
            raise CommandError(f"No round has the short name “{options['round']}”.")
        path = Path(options["csv"])
        try:
            with path.open("rb") as file:
                data = file.read(MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        report = ballots_import(round_=round_, data=data, user=None)
        if not report.ok:
            for problem in report.problems:
                where = f"row {problem.row}" if problem.row else "file"
                if problem.column:
                    where += f", column {problem.column}"
                self.stderr.write(f"{where}: {problem.message}")
            raise CommandError(
                f"Nothing was imported: {len(report.problems)} problem(s) to fix in {path}."
            )
        self.stdout.write(
            f"Imported {report.imported} ballot(s) into “{round_.title}” "
            f"({report.groups_created} new group(s))."
        )
