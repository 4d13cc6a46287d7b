"""What the organizers' pages of a round read, each in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from convene.core import languages
from convene.core.text import text_fingerprint
from convene.organizations.models import Organization

from .models import Ballot, Cluster, Group, Item, ItemTranslation, Round
from .services_organizing import listed_item_ids


def round_for_organizing(slug: str) -> Round | None:
    return Round.objects.select_related("process", "individuals_event").filter(slug=slug).first()


def item_of_round(round_: Round, identifier: str) -> Item | None:
    item = Item.objects.filter(round=round_, identifier=identifier).first()
    if item is not None:
        item.round = round_
    return item


def cluster_of_round(round_: Round, code: str) -> Cluster | None:
    cluster = Cluster.objects.filter(round=round_, code=code).first()
    if cluster is not None:
        cluster.round = round_
    return cluster


def group_of_round(round_: Round, pk: int) -> Group | None:
    group = Group.objects.filter(round=round_, pk=pk).first()
    if group is not None:
        group.round = round_
    return group


@dataclass(frozen=True)
class Overview:
    items: int
    clusters: int
    groups: int
    group_ballots: int
    individual_ballots: int
    imported: int

    @property
    def ballots(self) -> int:
        return self.group_ballots + self.individual_ballots


def round_overview(round_: Round) -> Overview:
    """The counts of the organizers' overview: four queries."""
    ballots = Ballot.objects.filter(round=round_).aggregate(
        group=Count("pk", filter=Q(track=Ballot.Track.GROUP)),
        individual=Count("pk", filter=Q(track=Ballot.Track.INDIVIDUAL)),
        imported=Count("pk", filter=~Q(external_id="")),
    )
    return Overview(
        items=Item.objects.filter(round=round_).count(),
        clusters=Cluster.objects.filter(round=round_).count(),
        groups=Group.objects.filter(round=round_).count(),
        group_ballots=ballots["group"],
        individual_ballots=ballots["individual"],
        imported=ballots["imported"],
    )


@dataclass(frozen=True)
class TranslationState:
    language: str
    name: str
    state: str  # "missing", "outdated" or "current"


def _states(item: Item, round_: Round) -> list[TranslationState]:
    current = text_fingerprint(f"{item.title}\n{item.description}")
    done = {t.language: t for t in item.translations.all()}
    states = []
    for code in languages.CONTENT:
        if code == round_.language:
            continue
        translation = done.get(code)
        if translation is None:
            state = "missing"
        elif translation.source_fingerprint != current:
            state = "outdated"
        else:
            state = "current"
        states.append(TranslationState(code, languages.language_name(code), state))
    return states


def round_items(round_: Round) -> list[Item]:
    """The round's items in order, each with its cluster, whether a ballot lists it
    (`listed`) and where its translations stand (`translation_states`): four queries."""
    listed = listed_item_ids(round_)
    items = list(
        Item.objects.filter(round=round_)
        .select_related("cluster")
        .prefetch_related(
            Prefetch("translations", queryset=ItemTranslation.objects.order_by("language"))
        )
    )
    for item in items:
        item.round = round_
        item.listed = item.pk in listed  # type: ignore[attr-defined]
        item.translation_states = _states(item, round_)  # type: ignore[attr-defined]
    return items


def round_clusters(round_: Round) -> list[Cluster]:
    """The clusters with their items: two queries."""
    return list(
        Cluster.objects.filter(round=round_).prefetch_related(
            Prefetch("items", queryset=Item.objects.order_by("position", "pk"))
        )
    )


def item_choices(round_: Round) -> list[Item]:
    return list(Item.objects.filter(round=round_).select_related("cluster"))


def round_groups(round_: Round) -> list[Group]:
    """The groups with their organization, representatives and whether they have submitted
    (`has_ballot`): two queries."""
    return list(
        Group.objects.filter(round=round_)
        .select_related("organization")
        .prefetch_related("representatives")
        .annotate(has_ballot=Exists(Ballot.objects.filter(group=OuterRef("pk"))))
        .order_by("name")
    )


def organizations_to_add(round_: Round) -> QuerySet[Organization]:
    """Recognized organizations that are not yet groups of the round."""
    return (
        Organization.objects.recognized()
        .exclude(
            pk__in=Group.objects.filter(round=round_, organization__isnull=False).values(
                "organization_id"
            )
        )
        .order_by("name")
    )
