"""Demo data of community prioritization: the rounds before and at the Global Conversations of
November 2020, and a round open now to try the ballot.

Loaded by `python -m convene load_demo` after the registry (whose recognized organizations take
part as groups):

- "Priorities from communities and affiliates, 2020" (`community-priorities-2020`): the group
  track, September to early November 2020, closed. 50 groups across the seven regions: the
  registry's 9 recognized sample organizations and 41 named sample communities, each with a
  sample submission (priorities with reasons, who took part, where, when, sometimes notes and
  what is missing), drawn with the regional tendency of 2020 (Africa, MENA and ESEAP favoured
  recommendations 1, 2 and 6); two groups changed theirs before the close (earlier versions
  kept). Its report is published, in French too, and in an outdated Spanish translation.
- "Global Conversations: which initiatives need global coordination in 2021"
  (`global-conversations-2020-vote`): the individual track of the confirmed registrants of
  `global-conversations-2020`, 21-22 November 2020, closed. 247 ballots: six cast by demo
  people, the rest imported by the organizer as an import of a survey would store them
  (`external_id` "sample-0001" ...), shaped so that the clusters A to H come out in that
  order; its report, from the public record, is published, in Spanish and Arabic too.
- "Try it ..." (`try-prioritization-sample`): both tracks, open from three days before the
  load until two weeks after; Lavande has a ballot, Wikimedia Kenya (sample) has submitted
  (by Harmattan), results hidden until the close.

Every round has its items (the process's verified initiatives, by recommendation, with their
titles in French, Spanish and Arabic), the demo organizer among its organizers, and its count
stored. Idempotent: rounds are matched by slug, and a round already
there is left as it is.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from convene.accounts.models import User
from convene.core.text import text_fingerprint
from convene.demo.documents import strategy
from convene.demo.events.people import ORGANIZER_EMAIL, PARTICIPANTS
from convene.demo.organizations.samples import SLUGS as REGISTRY_SLUGS
from convene.documents.models import Initiative, Process
from convene.events.models import Event, Registration
from convene.organizations.models import Organization
from convene.prioritization import results, services
from convene.prioritization.models import (
    Ballot,
    BallotVersion,
    Cluster,
    Group,
    Item,
    ItemTranslation,
    ReportTranslation,
    Round,
    pack_ranking,
)
from convene.prioritization.services_organizing import item_source_fingerprint

from . import ballots as draws
from . import item_translations, texts
from .samples import (
    CLUSTERS,
    COMMUNITIES,
    COMMUNITIES_ROUND,
    CONVERSATIONS_BALLOTS,
    CONVERSATIONS_ROUND,
    ESEAP_ORGANIZATIONS,
    EVENT_SLUG,
    OPEN_ROUND,
    OPEN_ROUND_COMMUNITIES,
    PROCESS_SLUG,
    ROUND_SLUGS,
    WITH_HISTORY,
    Community,
)

__all__ = ["ROUND_SLUGS", "load", "remove"]

Log = Callable[[str], None]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# The account regions' codes as the registry (and a ballot) spells them.
ACCOUNT_REGIONS = {
    "international": "international",
    "sub-saharan-africa": "sub_saharan_africa",
    "asia-pacific": "asia_pacific",
    "europe": "europe",
    "mena": "mena",
    "north-america": "north_america",
    "latin-america": "south_latin_america",
}


# The demo's initiatives (those whose number and title are verified) and their recommendations.
RECOMMENDATION_OF = {number: rec for number, _title, rec in strategy.INITIATIVES}


@dataclass(frozen=True)
class Context:
    now: datetime
    organizer: User
    people: dict[str, User]
    process: Process
    initiatives: list[Initiative]


def _context(now: datetime) -> Context | str:
    """What every round needs, or why the rounds wait."""
    emails = {ORGANIZER_EMAIL: "organizer", **{p.email: p.key for p in PARTICIPANTS}}
    users = {emails[u.email.lower()]: u for u in User.objects.filter(email__in=list(emails))}
    if len(users) != len(emails):
        return "the demo accounts are missing"
    process = Process.objects.filter(slug=PROCESS_SLUG).first()
    initiatives = list(
        Initiative.objects.filter(document__process=process).select_related("document")
    )
    if process is None or {i.number for i in initiatives} != set(RECOMMENDATION_OF):
        return f"the process {PROCESS_SLUG} or some of its initiatives are missing"
    organizer = users.pop("organizer")
    return Context(now, organizer, users, process, sorted(initiatives, key=lambda i: i.number))


# --- Pieces every round has ---------------------------------------------------------------------


def _heading(initiative: Initiative) -> str:
    """The recommendation the initiative belongs to, which the ballot groups items by."""
    rec = RECOMMENDATION_OF.get(initiative.number)
    if rec is None:
        return initiative.document.title
    return f"Recommendation {rec}: {strategy.RECOMMENDATIONS[rec]}"


def _round(context: Context, **fields: object) -> Round:
    round_ = Round(process=context.process, language="en", **fields)
    round_.full_clean()
    round_.save()
    round_.organizers.add(context.organizer)
    Round.objects.filter(pk=round_.pk).update(
        created_at=round_.opens_at - timedelta(days=10), updated_at=round_.opens_at
    )
    return round_


def _items(round_: Round, context: Context, *, clusters: bool) -> dict[int, Item]:
    """The process's initiatives as the round's items (and the clusters A to H), by number."""
    cluster_of: dict[int, Cluster] = {}
    if clusters:
        made = Cluster.objects.bulk_create(
            Cluster(round=round_, code=code, name=name, position=position)
            for position, (code, name, _numbers) in enumerate(CLUSTERS)
        )
        for cluster, (_code, _name, numbers) in zip(made, CLUSTERS, strict=True):
            cluster_of.update(dict.fromkeys(numbers, cluster))
    items = Item.objects.bulk_create(
        Item(
            round=round_,
            identifier=initiative.identifier,
            title=initiative.title,
            description=initiative.description,
            heading=_heading(initiative),
            position=position,
            initiative=initiative,
            cluster=cluster_of.get(initiative.number),
        )
        for position, initiative in enumerate(context.initiatives, start=1)
    )
    by_number = {
        initiative.number: item for initiative, item in zip(context.initiatives, items, strict=True)
    }
    ItemTranslation.objects.bulk_create(
        ItemTranslation(
            item=item,
            language=language,
            title=text[0],
            description=text[1],
            source_fingerprint=item_source_fingerprint(item),
        )
        for language in item_translations.TITLES
        for number, item in by_number.items()
        if (text := item_translations.translated(language, number, RECOMMENDATION_OF.get(number)))
    )
    return by_number


def _ranking(items: dict[int, Item], numbers: list[int]) -> bytes:
    return pack_ranking([items[number].pk for number in numbers])


def _organization_groups(round_: Round) -> list[Group]:
    """The registry's recognized sample organizations (not the movement partners, real
    organizations of a model that was never official, whose priorities would be invented)."""
    organizations = (
        Organization.objects.recognized()
        .filter(slug__in=REGISTRY_SLUGS)
        .exclude(affiliation_model__slug="movement-partner")
        .select_related("affiliation_model")
        .order_by("name")
    )
    return [
        Group(
            round=round_,
            kind=Group.Kind.ORGANIZATION,
            organization=organization,
            name=organization.name,
            region=organization.region,
            language=organization.language,
            category=organization.affiliation_model.slug,
        )
        for organization in organizations
    ]


def _community_group(round_: Round, community: Community) -> Group:
    return Group(
        round=round_,
        kind=Group.Kind.COMMUNITY,
        name=community.name,
        region=community.region,
        language=community.language,
        category="community",
    )


def _groups(round_: Round, context: Context, communities: list[Community]) -> list[Group]:
    groups = Group.objects.bulk_create(
        [*_organization_groups(round_), *(_community_group(round_, c) for c in communities)]
    )
    representative = {c.name: c.representative for c in communities if c.representative}
    Group.representatives.through.objects.bulk_create(
        Group.representatives.through(
            group_id=group.pk, user_id=context.people[representative[group.name]].pk
        )
        for group in groups
        if group.name in representative
    )
    Group.objects.filter(round=round_).update(created_at=round_.opens_at)
    return groups


def _details(ballot: Ballot) -> dict[str, object]:
    """A version's details, as the submission service keeps them."""
    return {
        "reasons": ballot.reasons,
        "participants": ballot.participants,
        "discussion_place": ballot.discussion_place,
        "discussion_when": ballot.discussion_when,
        "notes_url": ballot.notes_url,
        "event_id": ballot.event_id,
        "missing": ballot.missing,
    }


def _backdate(
    ballots: list[Ballot],
    cast: list[tuple[datetime, datetime]],
    versions: list[BallotVersion],
    saved: list[datetime],
) -> None:
    """Date ballots and versions written at once when they were cast and saved (creating
    them stamps them with the present): one UPDATE per table."""
    for ballot, (created_at, updated_at) in zip(ballots, cast, strict=True):
        ballot.created_at, ballot.updated_at = created_at, updated_at
    for version, saved_at in zip(versions, saved, strict=True):
        version.saved_at = saved_at
    Ballot.objects.bulk_update(ballots, ["created_at", "updated_at"], batch_size=1000)
    BallotVersion.objects.bulk_update(versions, ["saved_at"], batch_size=1000)


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


# --- Round 1: priorities from communities and affiliates -------------------------------------


def _communities_round(context: Context) -> Round:
    opens, closes = utc(2020, 9, 7, 9), utc(2020, 11, 8, 23, 59)
    round_ = _round(
        context,
        slug=COMMUNITIES_ROUND,
        title=texts.COMMUNITIES_TITLE,
        question=texts.COMMUNITIES_QUESTION,
        instructions=texts.COMMUNITIES_INSTRUCTIONS,
        opens_at=opens,
        closes_at=closes,
        ballot_form=Round.BallotForm.RANKED,
        max_items=5,
        group_track=True,
        registry_groups=True,
        individual_track=False,
        report=texts.COMMUNITIES_REPORT,
        report_published_at=utc(2020, 11, 13, 15),
    )
    items = _items(round_, context, clusters=True)
    groups = _groups(round_, context, list(COMMUNITIES))
    eseap = {*(c.name for c in COMMUNITIES if c.eseap), *ESEAP_ORGANIZATIONS}
    places = {c.name: c.place for c in COMMUNITIES}
    rng = random.Random(20200907)
    ballots: list[Ballot] = []
    history: list[list[tuple[draws.Submission, datetime]]] = []
    for group in sorted(groups, key=lambda g: g.name):
        submitter = _submitter(group, context)
        final = draws.submission_draw(
            rng,
            RECOMMENDATION_OF,
            south=draws.favours_the_south(group.region, group.name in eseap),
            language=group.language,
            place=places.get(group.name, ""),
            opens=opens,
            closes=closes,
        )
        if group.name in WITH_HISTORY:
            # Changed twice before the close, after discussions a fortnight apart.
            final = dataclasses.replace(final, when=closes - timedelta(days=9, hours=6))
            drawn = [*draws.earlier_versions(final, 2), final]
        else:
            drawn = [final]
        saves = [(s, s.when + timedelta(days=2, hours=3)) for s in drawn]
        last, _saved = saves[-1]
        ballots.append(
            Ballot(
                round=round_,
                track=Ballot.Track.GROUP,
                group=group,
                region=group.region,
                ranking=_ranking(items, last.numbers),
                size=len(last.numbers),
                submitted_by=submitter,
                version=len(saves),
                **_submission_fields(group, last, items),
            )
        )
        history.append(saves)
    ballots = Ballot.objects.bulk_create(ballots)
    versions: list[BallotVersion] = []
    saved: list[datetime] = []
    for ballot, saves in zip(ballots, history, strict=True):
        for number, (submission, saved_at) in enumerate(saves, start=1):
            state = Ballot(**_submission_fields(ballot.group, submission, items))
            versions.append(
                BallotVersion(
                    ballot=ballot,
                    number=number,
                    ranking=_ranking(items, submission.numbers),
                    details=_details(state),
                    saved_by=ballot.submitted_by,
                )
            )
            saved.append(saved_at)
    versions = BallotVersion.objects.bulk_create(versions)
    cast = [(saves[0][1], saves[-1][1]) for saves in history]
    _backdate(ballots, cast, versions, saved)
    ReportTranslation.objects.bulk_create(
        [
            ReportTranslation(
                round=round_,
                language="fr",
                report=texts.COMMUNITIES_REPORT_FR,
                source_fingerprint=text_fingerprint(texts.COMMUNITIES_REPORT),
                translated_by=context.people["lavande"],
            ),
            ReportTranslation(
                round=round_,
                language="es",
                report=texts.COMMUNITIES_REPORT_ES,
                source_fingerprint=text_fingerprint(texts.COMMUNITIES_REPORT_DRAFT),
                translated_by=context.people["colibri"],
            ),
        ]
    )
    return round_


def _submitter(group: Group, context: Context) -> User:
    """Who saved the group's submission: its representative in the demo, else the organizer,
    who entered what came by email or through the survey."""
    if group.organization is not None:
        rep = group.organization.representatives.order_by("pk").first()
        return rep or context.organizer
    for community in COMMUNITIES:
        if community.name == group.name and community.representative:
            return context.people[community.representative]
    return context.organizer


def _submission_fields(
    group: Group | None, submission: draws.Submission, items: dict[int, Item]
) -> dict[str, object]:
    return {
        "reasons": {items[n].identifier: reason for n, reason in submission.reasons.items()},
        "participants": submission.participants,
        "discussion_place": submission.place,
        "discussion_when": _day(submission.when),
        "notes_url": (
            f"https://notes.example.org/{slugify(group.name if group else '')}"
            if submission.notes
            else ""
        ),
        "missing": submission.missing,
    }


# --- Round 2: the vote at the Global Conversations -----------------------------------------------


def _conversations_round(context: Context) -> Round | None:
    event = Event.objects.filter(slug=EVENT_SLUG).first()
    if event is None:
        return None
    sessions = list(event.sessions.order_by("starts_at").values_list("starts_at", flat=True))
    round_ = _round(
        context,
        slug=CONVERSATIONS_ROUND,
        title=texts.CONVERSATIONS_TITLE,
        question=texts.CONVERSATIONS_QUESTION,
        instructions=texts.CONVERSATIONS_INSTRUCTIONS,
        opens_at=utc(2020, 11, 21, 13),
        closes_at=utc(2020, 11, 23),
        ballot_form=Round.BallotForm.RANKED,
        max_items=5,
        group_track=False,
        registry_groups=False,
        individual_track=True,
        individuals_event=event,
        report=texts.CONVERSATIONS_REPORT,
        report_published_at=utc(2020, 11, 26, 16),
    )
    items = _items(round_, context, clusters=True)
    registered = set(
        Registration.objects.filter(
            session__event=event, status=Registration.Status.CONFIRMED
        ).values_list("user_id", "session__starts_at")
    )
    session_of = dict(registered)
    ballots: list[Ballot] = []
    cast: list[datetime] = []
    for key, numbers in CONVERSATIONS_BALLOTS.items():
        person = context.people[key]
        if person.pk not in session_of:
            continue
        ballot = Ballot(
            round=round_,
            track=Ballot.Track.INDIVIDUAL,
            voter=person,
            submitted_by=person,
            region=ACCOUNT_REGIONS.get(person.region, ""),
            ranking=_ranking(items, list(numbers)),
            size=len(numbers),
        )
        ballots.append(ballot)
        cast.append(session_of[person.pk] + timedelta(hours=3, minutes=len(cast) * 7))
    for drawn in draws.conversations_draw(sessions or [round_.opens_at]):
        ballot = Ballot(
            round=round_,
            track=Ballot.Track.INDIVIDUAL,
            external_id=drawn.external_id,
            region=drawn.region,
            ranking=_ranking(items, drawn.numbers),
            size=len(drawn.numbers),
            submitted_by=context.organizer,
        )
        ballots.append(ballot)
        cast.append(drawn.cast_at)
    ballots = Ballot.objects.bulk_create(ballots)
    versions = BallotVersion.objects.bulk_create(
        BallotVersion(
            ballot=ballot,
            number=1,
            ranking=ballot.ranking,
            details=(
                {"imported": True, "external_id": ballot.external_id} if ballot.external_id else {}
            ),
            saved_by=ballot.submitted_by,
        )
        for ballot in ballots
    )
    _backdate(ballots, [(at, at) for at in cast], versions, cast)
    ReportTranslation.objects.bulk_create(
        ReportTranslation(
            round=round_,
            language=language,
            report=report,
            source_fingerprint=text_fingerprint(texts.CONVERSATIONS_REPORT),
            translated_by=context.people[translator],
        )
        for language, report, translator in (
            ("es", texts.CONVERSATIONS_REPORT_ES, "colibri"),
            ("ar", texts.CONVERSATIONS_REPORT_AR, "nile"),
        )
    )
    return round_


# --- Round 3: open now ---------------------------------------------------------------------------

KENYA = "Wikimedia Kenya (sample)"


def _kenya_submits(kenya: Group, items: dict[int, Item], context: Context) -> None:
    """Wikimedia Kenya's representative submits its priorities, through the service."""
    services.group_submission_save(
        group=kenya,
        user=context.people["harmattan"],
        identifiers=[items[n].identifier for n in (2, 31, 25, 11)],
        reasons={
            items[2].identifier: "Our Swahili editors need grants they can apply for themselves.",
            items[31].identifier: "Trainings run in Swahili, by trainers from Kenya.",
            items[25].identifier: "A hub for East Africa would share our staff's skills.",
        },
        discussion=services.Discussion(
            participants=17,
            place="Monthly meetup in Nairobi and an online call",
            when=_day(context.now - timedelta(days=2)),
            missing="Offline access for schools without a connection.",
        ),
        now=context.now,
    )


def _open_round(context: Context) -> Round:
    now = context.now
    round_ = _round(
        context,
        slug=OPEN_ROUND,
        title=texts.OPEN_TITLE,
        question=texts.OPEN_QUESTION,
        instructions=texts.OPEN_INSTRUCTIONS,
        opens_at=(now - timedelta(days=3)).replace(hour=9, minute=0, second=0),
        closes_at=(now + timedelta(days=14)).replace(hour=23, minute=59, second=0),
        ballot_form=Round.BallotForm.RANKED,
        max_items=5,
        group_track=True,
        registry_groups=True,
        individual_track=True,
    )
    items = _items(round_, context, clusters=False)
    wanted = set(OPEN_ROUND_COMMUNITIES)
    groups = _groups(round_, context, [c for c in COMMUNITIES if c.name in wanted])
    kenya = next((group for group in groups if group.name == KENYA), None)
    if kenya is not None:
        _kenya_submits(kenya, items, context)
    services.ballot_cast(
        round_=round_,
        voter=context.people["lavande"],
        identifiers=[items[n].identifier for n in (10, 22, 37, 11, 8)],
        now=now,
    )
    drawn = draws.open_round_draw(18, seed=20261207, numbers=items)
    ballots = Ballot.objects.bulk_create(
        Ballot(
            round=round_,
            track=Ballot.Track.INDIVIDUAL,
            external_id=f"sample-paper-{index:02d}",
            region=("europe", "sub_saharan_africa", "asia_pacific")[index % 3],
            ranking=_ranking(items, numbers),
            size=len(numbers),
            submitted_by=context.organizer,
        )
        for index, numbers in enumerate(drawn, start=1)
    )
    BallotVersion.objects.bulk_create(
        BallotVersion(
            ballot=ballot,
            number=1,
            ranking=ballot.ranking,
            details={"imported": True, "external_id": ballot.external_id},
            saved_by=context.organizer,
        )
        for ballot in ballots
    )
    return round_


# --- Loading and removing ------------------------------------------------------------------------

ROUNDS: tuple[tuple[str, Callable[[Context], Round | None]], ...] = (
    (COMMUNITIES_ROUND, _communities_round),
    (CONVERSATIONS_ROUND, _conversations_round),
    (OPEN_ROUND, _open_round),
)


@transaction.atomic
def load(*, log: Log = print, now: datetime | None = None) -> None:
    """Add the demo rounds that are missing, with their ballots, reports and counts."""
    now = (now or timezone.now()).replace(microsecond=0)
    context = _context(now)
    if isinstance(context, str):
        log(f"prioritization: rounds skipped, {context}")
        return
    existing = set(Round.objects.filter(slug__in=ROUND_SLUGS).values_list("slug", flat=True))
    added = []
    for slug, build in ROUNDS:
        if slug in existing:
            continue
        round_ = build(context)
        if round_ is None:
            log(f"prioritization: round {slug} skipped, the event {EVENT_SLUG} is missing")
            continue
        # A closed round is counted at its close, as the organizers did then.
        count = results.round_count(round_=round_, now=min(now, round_.closes_at))
        added.append(f"{slug} ({count.ballots} ballots)")
    if added:
        log("prioritization: rounds added: " + ", ".join(added))
    else:
        log(f"prioritization: its {len(ROUND_SLUGS)} demo rounds are in place, left as they are")


@transaction.atomic
def remove(*, log: Log = print) -> None:
    """Delete the demo rounds with their items, groups, ballots, versions, reports and counts."""
    rounds = Round.objects.filter(slug__in=ROUND_SLUGS)
    log(f"removing {rounds.count()} demo prioritization rounds")
    rounds.delete()
