"""The "Movement Strategy 2018-20" process: nine working groups' drafts and the final set."""

from __future__ import annotations

from datetime import date

from convene.accounts.models import User
from convene.documents.models import Document, DocumentVersion, Initiative, Phase, Process

from .advocacy_translations import translate_iteration_1, update_french
from .common import People, backdate_process, body, publish, utc
from .feedback import comment_on_advocacy, comment_on_community_health
from .working_groups import WORKING_GROUPS, WorkingGroup

SLUG = "movement-strategy-2018-20"

DESCRIPTION = """\
Recommendations for how we can achieve the Wikimedia 2030 vision. In 2017, the movement set
itself an ambitious goal: to become the essential infrastructure of the ecosystem of free
knowledge by 2030.

Nine Wikimedia 2030 working groups (Advocacy, Capacity Building, Community Health,
Diversity, Partnerships, Product & Technology, Resource Allocation, Revenue Streams, and
Roles & Responsibilities) researched the movement, analyzed community input shared via
community conversations, gained insight into external trends, and drafted recommendations
for structural change: the starting point for concrete conversations about the future we
want to create together, towards the Strategic Direction and its pillars of Knowledge as a
Service and Knowledge Equity.

The first iteration of the draft recommendations was shared in August 2019. Open community
input was accepted until September 15, on the talk pages, through Strategy Liaisons, at
Wikimania 2019 and at regional summits and strategy salons. The working groups developed a
second iteration in September 2019 and concluded their task on November 1, 2019. Their drafts
were then synthesized into one coherent and accessible set: the 10 recommendations of 2020,
endorsed "in principle" by the Wikimedia Foundation Board on 27 March 2020.

*Demo data: the working groups' lists are those published on Meta-Wiki; the comments and
their authors are fictitious.*"""

PHASES = (
    (
        Phase.Kind.DRAFTING,
        "Working groups draft their recommendations",
        "The nine working groups research the movement, analyze community input and external "
        "trends, and draft recommendations for structural change. The start date is "
        "illustrative: the groups had been at work for over a year when the first iteration "
        "came out.",
        date(2019, 4, 1),
        date(2019, 8, 11),
    ),
    (
        Phase.Kind.FEEDBACK,
        "Community input on the first iteration",
        "The first iteration of the draft recommendations is shared. Open community input was "
        "accepted until September 15, on the talk pages of each recommendation, through "
        "Strategy Liaisons, at Wikimania 2019 and at regional summits and strategy salons.",
        date(2019, 8, 12),
        date(2019, 9, 15),
    ),
    (
        Phase.Kind.SYNTHESIS,
        "Refining and synthesizing",
        "The working groups refine and harmonize their work using movement input as well as "
        "external advice and research; a second iteration follows in September 2019, and the "
        "groups conclude on November 1, 2019. Their drafts are then synthesized into one "
        "coherent and accessible set.",
        date(2019, 9, 16),
        date(2020, 1, 20),
    ),
    (
        Phase.Kind.FINAL,
        "Final recommendations",
        "A first version of the synthesized document had 13 recommendations; the final set has "
        '10, with ten principles, and was endorsed "in principle" by the Wikimedia Foundation '
        "Board on 27 March 2020.",
        date(2020, 1, 21),
        None,
    ),
)

ITERATION_1_AT = utc(2019, 8, 12)
FEEDBACK_CLOSES_AT = utc(2019, 9, 15, 23, 59)
ITERATION_2_AT = utc(2019, 9, 27)
# Feedback without a closing date stays open while an iteration is the latest: the past
# iterations below close on the dates of the process (the working groups' work ended on
# November 1, 2019; the Board endorsed the final set on March 27, 2020).
ITERATION_2_CLOSES_AT = utc(2019, 11, 1)
FINAL_AT = utc(2020, 1, 21)
FINAL_CLOSES_AT = utc(2020, 3, 27)

GUIDING_QUESTIONS = "\n".join(
    [
        "What do you like about this recommendation? What do you dislike? Why?",
        "What does this recommendation mean for you in contexts that are meaningful to you - "
        "your language, your projects, your region, your affiliate group, your identity? How "
        "would you be affected?",
        "What is important to keep in mind when implementing this recommendation? What values "
        "and ideas are important to preserve? Are there any red lines we should not cross?",
        "Does this recommendation support our Strategic Direction to become the support system "
        "for the whole free knowledge movement?",
    ]
)

ITERATION_1_SUMMARY = (
    "First iteration of the working group's draft recommendations, shared in August 2019 as "
    "abbreviated summaries, prepared for easier engagement and for translation."
)
ITERATION_2_SUMMARY = (
    "Second iteration, developed by the working group in September 2019 after many on- and "
    "offline conversations with diverse stakeholders across the movement: at Wikimania 2019, "
    "on the talk pages of the first iteration, and at in-person events such as regional "
    "summits and strategy salons."
)
MISSING_ITERATION_1 = (
    "The iteration 1 list of this group is not in the source page; this version repeats the "
    "iteration 2 list (September 2019) so that the group's recommendations can be read and "
    "discussed here."
)
MISSING_ITERATION_2 = (
    "The iteration 2 list of this group is not in the source page, which only links to the "
    "working group's own page; this version repeats the iteration 1 text. No list change is "
    "recorded."
)
SAME_TEXT = (
    "No list change is recorded: the source page has no iteration 1 list for this group to "
    "compare with."
)

FINAL_SLUG = "final-recommendations-2020"
RECOMMENDATIONS = {
    1: "Increase the Sustainability of Our Movement",
    2: "Improve User Experience",
    3: "Provide for Safety and Inclusion",
    4: "Ensure Equity in Decision-making",
    5: "Coordinate Across Stakeholders",
    6: "Invest in Skills and Leadership Development",
    7: "Manage Internal Knowledge",
    8: "Identify Topics for Impact",
    9: "Innovate in Free Knowledge",
    10: "Evaluate, Iterate, and Adapt",
}
# (number, title, recommendation): the initiatives whose number and title are verified.
INITIATIVES = (
    (1, "Systematic approach to improve satisfaction and productivity", 1),
    (2, "Funding for underrepresented communities", 1),
    (3, "Increased awareness about the Wikimedia Movement", 1),
    (4, "Global revenue generation policy + fundraising strategy", 1),
    (5, "Developing enterprise-level API", 1),
    (6, "Engagement of third party ecosystems", 1),
    (7, "Revenue generation for the Movement", 1),
    (8, "Aligning our practices to support environmental sustainability", 1),
    (9, "Methodology to improve the Wikimedia platform UX", 2),
    (10, "Compatibility with Accessibility guidelines", 2),
    (11, "Resources for newcomers", 2),
    (22, "Movement Charter", 4),
    (23, "Interim Global Council", 4),
    (24, "Global Council", 4),
    (25, "Regional & thematic hubs", 4),
    (31, "Global approach for local skill development", 6),
    (32, "Leadership development plan", 6),
    (33, "Skill development infrastructure", 6),
    (36, "Identify Wikimedia's impact / topics for impact", 8),
    (37, "Bridging content gaps", 8),
    (38, "Content initiatives in underrepresented communities", 8),
)
FINAL_TEXT = body(
    "Final recommendations (2020)",
    [
        "The working groups' draft recommendations were synthesized into one set of "
        "recommendations for the Wikimedia 2030 strategic direction:",
        *(f"{number}. {title}" for number, title in RECOMMENDATIONS.items()),
        "Ten principles come with them, among them People-Centeredness; Safety & Security; "
        "and Inclusivity & Participatory Decision-Making.",
    ],
)
FINAL_SUMMARY = (
    "Demo: dated at the start of the final phase, when a first version of the synthesized "
    "document came out (it had 13 recommendations); the text lists the 10 final "
    "recommendations of 2020. The initiatives listed are those of the 45 whose number and "
    "title are verified."
)


def _process() -> tuple[Process, bool]:
    process = Process.objects.filter(slug=SLUG).first()
    if process is not None:
        return process, False
    process = Process.objects.create(
        slug=SLUG, title="Movement Strategy 2018-20", description=DESCRIPTION
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
    return process, True


def _working_group(
    process: Process, group: WorkingGroup, position: int, organizer: User
) -> DocumentVersion:
    document = Document.objects.create(
        process=process,
        slug=group.slug,
        title=f"{group.name}: draft recommendations",
        kind=Document.Kind.RECOMMENDATION_SET,
        working_group=group.name,
        position=position,
    )
    document.authors.add(organizer)
    first_list = group.iteration_1 or group.iteration_2 or []
    return publish(
        document,
        author=organizer,
        title=f"{group.name}: iteration 1 (August 2019)",
        text=body(group.name, first_list),
        published_at=ITERATION_1_AT,
        change_summary=ITERATION_1_SUMMARY if group.iteration_1 else MISSING_ITERATION_1,
        feedback_opens_at=ITERATION_1_AT,
        feedback_closes_at=FEEDBACK_CLOSES_AT,
        guiding_questions=GUIDING_QUESTIONS,
    )


def _second_iteration(document: Document, group: WorkingGroup, organizer: User) -> DocumentVersion:
    if group.iteration_2 is None:
        summary = MISSING_ITERATION_2
    elif group.iteration_1 is None:
        summary = f"{ITERATION_2_SUMMARY} {SAME_TEXT}"
    else:
        summary = f"{ITERATION_2_SUMMARY} {group.changes}"
    return publish(
        document,
        author=organizer,
        title=f"{group.name}: iteration 2 (September 2019)",
        text=body(group.name, group.iteration_2 or group.iteration_1 or []),
        published_at=ITERATION_2_AT,
        change_summary=summary,
        feedback_closes_at=ITERATION_2_CLOSES_AT,
    )


def _final_recommendations(process: Process, organizer: User) -> int:
    document = Document.objects.create(
        process=process,
        slug=FINAL_SLUG,
        title="Final recommendations (2020)",
        kind=Document.Kind.OTHER,
        position=len(WORKING_GROUPS) + 1,
    )
    document.authors.add(organizer)
    publish(
        document,
        author=organizer,
        title="Final recommendations (2020)",
        text=FINAL_TEXT,
        published_at=FINAL_AT,
        change_summary=FINAL_SUMMARY,
        feedback_closes_at=FINAL_CLOSES_AT,
    )
    taken = set(
        Initiative.objects.filter(
            identifier__in=[f"initiative-{number}" for number, _t, _r in INITIATIVES]
        ).values_list("identifier", flat=True)
    )
    added = [
        Initiative(
            document=document,
            number=number,
            identifier=f"initiative-{number}",
            title=title,
            description=f"Recommendation {rec}: {RECOMMENDATIONS[rec]}.",
        )
        for number, title, rec in INITIATIVES
        if f"initiative-{number}" not in taken
    ]
    Initiative.objects.bulk_create(added)
    return len(added)


def load(organizer: User, people: People) -> str:
    """Create what is missing of the process; returns a line for the log."""
    process, process_added = _process()
    existing = set(process.documents.values_list("slug", flat=True))
    documents = versions = comments = translations = initiatives = 0
    for position, group in enumerate(WORKING_GROUPS, start=1):
        if group.slug in existing:
            continue
        first = _working_group(process, group, position, organizer)
        if group.slug == "advocacy":
            translations += translate_iteration_1(first, people)
            comments += comment_on_advocacy(first, people)
        if group.slug == "community-health":
            comments += comment_on_community_health(first, people)
        second = _second_iteration(first.document, group, organizer)
        if group.slug == "advocacy":
            translations += update_french(second, people)
        documents += 1
        versions += 2
    if FINAL_SLUG not in existing:
        initiatives = _final_recommendations(process, organizer)
        documents += 1
        versions += 1
    if not process_added and not documents:
        return f"process {SLUG}: nothing to add, left unchanged"
    return (
        f"process {SLUG}: {documents} documents added (versions: {versions}, comments: "
        f"{comments}, translations: {translations}, initiatives: {initiatives})"
    )
