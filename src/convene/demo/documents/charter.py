"""The "Movement Charter" process, with one chapter whose text is a labelled sample."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from convene.accounts.models import User
from convene.documents.models import Document, Phase, Process

from .common import backdate_process, body, publish, utc

SLUG = "movement-charter"
CHAPTER_SLUG = "hubs"

DESCRIPTION = """\
The Movement Charter was drafted by a committee of 15: 7 elected by 1,018 voters in October
2021 with single transferable vote, 6 chosen by affiliates and 2 appointed by the Wikimedia
Foundation. Its chapters were drafted in 2022-2023: Preamble, Values & Principles, Roles &
Responsibilities, Global Council, Hubs, Glossary and Decision-making. The final text came out
on 10 June 2024, in 22 languages.

The charter would be ratified only if more than 50% of participating affiliates and more
than 50% of participating individuals voted yes, and the Board agreed. 2,451 individuals and
129 affiliates took part in the vote; 73.30% of individuals voted yes (1,710 of 2,333,
counting yes and no only). The Board voted on 8 July 2024 not to ratify.

*Demo data: the chapter text here is a sample, not the wording of the Movement Charter.*"""

PHASES = (
    (
        Phase.Kind.DRAFTING,
        "Drafting the chapters",
        "The drafting committee writes the chapters of the charter in 2022-2023. The exact "
        "start and end days of this phase are illustrative.",
        date(2022, 1, 1),
        date(2023, 12, 31),
    ),
    (
        Phase.Kind.FINAL,
        "Final text",
        "The final text is published on 10 June 2024, in 22 languages.",
        date(2024, 6, 10),
        date(2024, 6, 24),
    ),
    (
        Phase.Kind.FINAL,
        "Ratification vote",
        "Ratified only if more than 50% of participating affiliates and more than 50% of "
        "participating individuals vote yes, and the Board agrees. 2,451 individuals and 129 "
        "affiliates took part; individuals voted 73.30% yes. The Board voted on 8 July 2024 "
        "not to ratify.",
        date(2024, 6, 25),
        date(2024, 7, 9),
    ),
)

CHAPTER_TEXT = body(
    "Hubs",
    [
        "*Sample text for the demo: a short summary of public facts about the Hubs chapter, "
        "not the wording of the Movement Charter.*",
        "Hubs are structures of the Wikimedia movement that can be regional, thematic or "
        "linguistic. Regional & thematic hubs are initiative 25 of the 2020 Movement Strategy "
        "recommendations, under recommendation 4, Ensure Equity in Decision-making.",
        "Hubs is one of the chapters drafted in 2022-2023, with the Preamble, Values & "
        "Principles, Roles & Responsibilities, Global Council, Glossary and Decision-making.",
        "In 2022, hub pilots were not official hubs, even when they received funds from the "
        "Wikimedia Foundation, because there was no approval process for them. Once hubs are "
        "defined, existing hub structures might need to change.",
    ],
)
CHAPTER_SUMMARY = (
    "Sample text for the demo: it restates public facts about the Hubs chapter and the "
    "charter process; it is not the official text of the Movement Charter (final text of "
    "10 June 2024)."
)


# The sample chapter takes feedback now: from its publication until this many days after
# the demo is loaded, so a visitor can always comment on it.
FEEDBACK_DAYS = 60
GUIDING_QUESTIONS = (
    "What should a hub do for your community?\nWhat is missing from this summary of the chapter?"
)


def feedback_closes(now: datetime) -> datetime:
    """The end of the day, in UTC, `FEEDBACK_DAYS` days after `now`."""
    return (now + timedelta(days=FEEDBACK_DAYS)).replace(
        hour=23, minute=59, second=0, microsecond=0
    )


def load(organizer: User, now: datetime | None = None) -> str:
    """Create what is missing of the process; returns a line for the log."""
    process = Process.objects.filter(slug=SLUG).first()
    if process is None:
        process = Process.objects.create(
            slug=SLUG, title="Movement Charter", description=DESCRIPTION
        )
        for kind, title, description, starts_on, ends_on in PHASES:
            Phase.objects.create(
                process=process,
                kind=kind,
                title=title,
                description=description,
                starts_on=starts_on,
                ends_on=ends_on,
            )
        backdate_process(process, PHASES[0][3])
    if process.documents.filter(slug=CHAPTER_SLUG).exists():
        return f"process {SLUG}: nothing to add, left unchanged"
    document = Document.objects.create(
        process=process,
        slug=CHAPTER_SLUG,
        title="Movement Charter: Hubs",
        kind=Document.Kind.CHARTER_CHAPTER,
        working_group="Movement Charter Drafting Committee",
        position=1,
    )
    document.authors.add(organizer)
    publish(
        document,
        author=organizer,
        title="Hubs (sample text)",
        text=CHAPTER_TEXT,
        published_at=utc(2024, 6, 10),
        change_summary=CHAPTER_SUMMARY,
        feedback_closes_at=feedback_closes(now or timezone.now()),
        guiding_questions=GUIDING_QUESTIONS,
    )
    return f"process {SLUG}: 1 document added (versions: 1)"
