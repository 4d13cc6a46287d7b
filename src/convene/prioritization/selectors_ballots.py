"""What the public round pages, the ballot page and the group submission pages read, each
in a constant number of queries whatever the number of items, groups and ballots.

Items are shown in the reader's language: the item's translation into it when there is one
(`ItemTranslation`), else the text the organizers entered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from convene.accounts.users import Viewer
from convene.organizations.models import Organization

from . import rules
from .models import Ballot, BallotVersion, Group, Item, ItemTranslation, Round

# --- Rounds ----------------------------------------------------------------------------------


def _rounds() -> QuerySet[Round]:
    """Rounds with their process and their number of ballots per track (`group_ballots`,
    `individual_ballots`), all in one query."""
    return Round.objects.select_related("process").annotate(
        group_ballots=Count("ballots", filter=Q(ballots__track=Ballot.Track.GROUP)),
        individual_ballots=Count("ballots", filter=Q(ballots__track=Ballot.Track.INDIVIDUAL)),
    )


@dataclass(frozen=True)
class RoundsByState:
    open: list[Round]
    upcoming: list[Round]
    closed: list[Round]

    @property
    def empty(self) -> bool:
        return not (self.open or self.upcoming or self.closed)


def rounds_by_state(*, now: datetime) -> RoundsByState:
    """Every round: the open ones closing soonest first, the upcoming ones opening soonest
    first, the closed ones closed most recently first (one query)."""
    rounds = list(_rounds().order_by("opens_at", "pk"))
    by_state: dict[str, list[Round]] = {"open": [], "upcoming": [], "closed": []}
    for round_ in rounds:
        by_state[rules.round_state(round_, now)].append(round_)
    return RoundsByState(
        open=sorted(by_state["open"], key=lambda r: (r.closes_at, r.pk)),
        upcoming=by_state["upcoming"],
        closed=sorted(by_state["closed"], key=lambda r: (r.closes_at, r.pk), reverse=True),
    )


def round_get(*, slug: str) -> Round | None:
    """The round with its process, its ballots counted per track, and the event whose
    registrants vote (one query)."""
    return _rounds().select_related("individuals_event").filter(slug=slug).first()


# --- Items -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemShown:
    """An item as the reader reads it: in their language when translated, else as entered."""

    item: Item
    title: str
    description: str
    language: str
    # The description's language: the source's when the translation has only a title.
    description_language: str = ""

    @property
    def pk(self) -> int:
        return self.item.pk

    @property
    def identifier(self) -> str:
        return self.item.identifier

    @property
    def heading(self) -> str:
        return self.item.heading


@dataclass(frozen=True)
class Heading:
    """Items under one heading (a recommendation), in the round's order."""

    name: str
    items: list[ItemShown]


def items_shown(*, round_: Round, language: str) -> list[ItemShown]:
    """The round's items in order, each in `language` when translated into it (two queries;
    one when the round is written in `language`)."""
    items = list(Item.objects.filter(round=round_).order_by("position", "pk"))
    translations: dict[int, ItemTranslation] = {}
    if language != round_.language:
        translations = {
            row.item_id: row
            for row in ItemTranslation.objects.filter(item__round=round_, language=language)
        }
    shown = []
    for item in items:
        row = translations.get(item.pk)
        if row is not None and row.title.strip():
            if row.description:
                shown.append(ItemShown(item, row.title, row.description, language, language))
            else:
                shown.append(
                    ItemShown(item, row.title, item.description, language, round_.language)
                )
        else:
            shown.append(
                ItemShown(item, item.title, item.description, round_.language, round_.language)
            )
    return shown


def by_heading(items: list[ItemShown]) -> list[Heading]:
    """The items grouped under their headings, each heading where its first item is."""
    headings: dict[str, list[ItemShown]] = {}
    for item in items:
        headings.setdefault(item.heading, []).append(item)
    return [Heading(name=name, items=grouped) for name, grouped in headings.items()]


def in_order(ranking: list[int], items: list[ItemShown]) -> list[ItemShown]:
    """The items of a ballot's ranking (item ids, first choice first); an item removed from
    the round since is left out."""
    by_pk = {item.pk: item for item in items}
    return [by_pk[pk] for pk in ranking if pk in by_pk]


# --- Who the viewer acts for -------------------------------------------------------------------


@dataclass(frozen=True)
class ActingFor:
    """A group the viewer may submit for: a group of the round, or a recognized organization
    of the registry that has no group in the round yet."""

    name: str
    group: Group | None = None
    organization: Organization | None = None
    submitted: bool = False


def acting_for(*, round_: Round, viewer: Viewer) -> list[ActingFor]:
    """The groups of the round the viewer represents (its own representatives, or those of
    its organization in the registry), and, when every recognized organization of the
    registry takes part, those organizations the viewer represents that have no group yet
    (at most two queries)."""
    if not (viewer.is_authenticated and round_.group_track):
        return []
    groups = list(
        Group.objects.filter(round=round_)
        .filter(Q(representatives=viewer.pk) | Q(organization__representatives=viewer.pk))
        .annotate(submitted=Exists(Ballot.objects.filter(group=OuterRef("pk"))))
        .distinct()
        .order_by("name", "pk")
    )
    found = [
        ActingFor(name=group.name, group=group, submitted=bool(group.submitted)) for group in groups
    ]
    if round_.registry_groups:
        organizations = (
            Organization.objects.recognized()
            .represented_by(viewer.pk)
            .exclude(
                pk__in=Group.objects.filter(round=round_, organization__isnull=False).values(
                    "organization_id"
                )
            )
            .order_by("name", "pk")
        )
        found += [
            ActingFor(name=organization.name, organization=organization)
            for organization in organizations
        ]
    return sorted(found, key=lambda entry: entry.name.casefold())


# --- The round's page --------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundPage:
    round: Round
    headings: list[Heading]
    submitted_groups: list[Group]
    own_ballot: Ballot | None
    own_items: list[ItemShown]
    acting_for: list[ActingFor]

    @property
    def item_count(self) -> int:
        return sum(len(heading.items) for heading in self.headings)


def own_ballot(*, round_: Round, viewer: Viewer) -> Ballot | None:
    if not viewer.is_authenticated:
        return None
    return Ballot.objects.filter(
        round=round_, voter=viewer.pk, track=Ballot.Track.INDIVIDUAL
    ).first()


def groups_submitted(*, round_: Round) -> list[Group]:
    """The groups that have submitted, by name, each with `submitted_at` (one query)."""
    latest = Ballot.objects.filter(group=OuterRef("pk")).values("updated_at")[:1]
    return list(
        Group.objects.filter(round=round_, ballots__isnull=False)
        .annotate(submitted_at=latest)
        .order_by("name", "pk")
    )


def round_page(*, slug: str, viewer: Viewer, language: str) -> RoundPage | None:
    round_ = round_get(slug=slug)
    if round_ is None:
        return None
    items = items_shown(round_=round_, language=language)
    ballot = own_ballot(round_=round_, viewer=viewer)
    return RoundPage(
        round=round_,
        headings=by_heading(items),
        submitted_groups=groups_submitted(round_=round_) if round_.group_track else [],
        own_ballot=ballot,
        own_items=in_order(ballot.item_ids, items) if ballot else [],
        acting_for=acting_for(round_=round_, viewer=viewer),
    )


# --- A person's ballot ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BallotPage:
    round: Round
    items: list[ItemShown]
    headings: list[Heading]
    ballot: Ballot | None
    ballot_items: list[ItemShown]


def ballot_page(*, slug: str, viewer: Viewer, language: str) -> BallotPage | None:
    round_ = round_get(slug=slug)
    if round_ is None:
        return None
    items = items_shown(round_=round_, language=language)
    ballot = own_ballot(round_=round_, viewer=viewer)
    return BallotPage(
        round=round_,
        items=items,
        headings=by_heading(items),
        ballot=ballot,
        ballot_items=in_order(ballot.item_ids, items) if ballot else [],
    )


# --- A group's submission ------------------------------------------------------------------------


@dataclass(frozen=True)
class Priority:
    rank: int
    item: ItemShown
    reason: str


@dataclass(frozen=True)
class VersionShown:
    number: int
    saved_at: datetime
    priorities: list[Priority]
    details: dict[str, Any]


@dataclass(frozen=True)
class GroupPage:
    round: Round
    group: Group
    items: list[ItemShown]
    headings: list[Heading]
    ballot: Ballot | None
    priorities: list[Priority]
    versions: list[VersionShown] = field(default_factory=list)


def priorities(
    ranking: list[int], reasons: dict[str, str], items: list[ItemShown]
) -> list[Priority]:
    return [
        Priority(rank=rank, item=item, reason=str(reasons.get(item.identifier, "")))
        for rank, item in enumerate(in_order(ranking, items), start=1)
    ]


def _group_page(*, round_: Round, group: Group, language: str, versions: bool) -> GroupPage:
    items = items_shown(round_=round_, language=language)
    ballot = Ballot.objects.filter(group=group).select_related("event").first()
    earlier: list[VersionShown] = []
    if ballot is not None and versions:
        earlier = [
            VersionShown(
                number=version.number,
                saved_at=version.saved_at,
                priorities=priorities(
                    version.item_ids, dict(version.details.get("reasons") or {}), items
                ),
                details=version.details,
            )
            for version in BallotVersion.objects.filter(ballot=ballot)
            .exclude(number=ballot.version)
            .order_by("-number")
        ]
    return GroupPage(
        round=round_,
        group=group,
        items=items,
        headings=by_heading(items),
        ballot=ballot,
        priorities=priorities(ballot.item_ids, ballot.reasons, items) if ballot else [],
        versions=earlier,
    )


def group_page(
    *, slug: str, group_id: int, language: str, versions: bool = True
) -> GroupPage | None:
    """A group of the round `slug` with its submission and, with `versions`, the earlier
    versions of it, newest first (at most six queries)."""
    round_ = round_get(slug=slug)
    if round_ is None:
        return None
    group = Group.objects.filter(round=round_, pk=group_id).select_related("organization").first()
    if group is None:
        return None
    group.round = round_
    return _group_page(round_=round_, group=group, language=language, versions=versions)


def organization_page(*, slug: str, organization_slug: str, language: str) -> GroupPage | None:
    """The submission form's page of a recognized organization that has no group in the
    round yet, as if it had one (unsaved). None when there is no such round or organization."""
    round_ = round_get(slug=slug)
    if round_ is None:
        return None
    organization = (
        Organization.objects.recognized()
        .select_related("affiliation_model")
        .filter(slug=organization_slug)
        .first()
    )
    if organization is None:
        return None
    group = Group(
        round=round_,
        kind=Group.Kind.ORGANIZATION,
        organization=organization,
        name=organization.name,
        region=organization.region,
        category=organization.affiliation_model.slug,
    )
    # Not saved yet, so without representatives of its own: those who act for it are the
    # registry's representatives of the organization (as `rules.representative_ids` reads).
    group._representative_ids = set(  # type: ignore[attr-defined]
        Organization.representatives.through.objects.filter(
            organization_id=organization.pk
        ).values_list("user_id", flat=True)
    )
    items = items_shown(round_=round_, language=language)
    return GroupPage(
        round=round_,
        group=group,
        items=items,
        headings=by_heading(items),
        ballot=None,
        priorities=[],
    )


def group_of_organization(*, round_: Round, organization_id: int) -> Group | None:
    return Group.objects.filter(round=round_, organization_id=organization_id).first()


def not_voting_reason(*, round_: Round, viewer: Viewer) -> str:
    """Why the viewer may not cast a ballot of their own in the round ("" when they may)."""
    if not round_.individual_track:
        return _("This round takes ballots from groups only.")
    if not viewer.is_authenticated:
        return _("Log in to cast your ballot.")
    if rules.may_vote_individually(viewer, round_):
        return ""
    return _("This round takes ballots from the confirmed registrants of its event only.")
