"""Factories of prioritization. Add what your tests need at the end; keep the defaults valid."""

from __future__ import annotations

from datetime import UTC, datetime

import factory

from convene.prioritization.models import Ballot, Cluster, Group, Item, Round, pack_ranking
from tests.documents.factories import ProcessFactory

# Rounds are open over this window by default; tests travel to NOW (time_machine).
OPENS = datetime(2020, 11, 1, 0, tzinfo=UTC)
NOW = datetime(2020, 11, 21, 12, tzinfo=UTC)
CLOSES = datetime(2020, 11, 23, 0, tzinfo=UTC)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        skip_postgeneration_save = True

    process = factory.SubFactory(ProcessFactory)
    slug = factory.Sequence(lambda n: f"round-{n}")
    title = factory.Sequence(lambda n: f"Global priorities {n}")
    question = "Which initiatives are most important to coordinate globally in 2021?"
    opens_at = OPENS
    closes_at = CLOSES
    max_items = 5
    group_track = True
    individual_track = True


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    round = factory.SubFactory(RoundFactory)
    code = factory.Sequence(lambda n: chr(ord("A") + n % 26))
    name = factory.Sequence(lambda n: f"Cluster {n}")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    round = factory.SubFactory(RoundFactory)
    identifier = factory.Sequence(lambda n: f"initiative-{n + 1}")
    title = factory.Sequence(lambda n: f"Initiative {n + 1}")
    description = "What the initiative does."
    heading = "Recommendation 1"
    position = factory.Sequence(lambda n: n)


def items_for(round_: Round, count: int) -> list[Item]:
    """`count` items initiative-1 … initiative-count, in order."""
    return [
        ItemFactory(round=round_, identifier=f"initiative-{n}", title=f"Initiative {n}", position=n)
        for n in range(1, count + 1)
    ]


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    kind = Group.Kind.COMMUNITY
    name = factory.Sequence(lambda n: f"Community {n}")
    region = "europe"
    language = "en"
    category = "community"

    @factory.post_generation
    def representatives(self, create, extracted, **kwargs):
        if create and extracted:
            self.representatives.set(extracted)


class BallotFactory(factory.django.DjangoModelFactory):
    """A ballot written straight to the table (the services check; this does not). Pass
    `items=[...]` (Item objects, first choice first)."""

    class Meta:
        model = Ballot
        exclude = ("items",)

    round = factory.SubFactory(RoundFactory)
    track = Ballot.Track.INDIVIDUAL
    items: list = []
    ranking = factory.LazyAttribute(lambda o: pack_ranking([item.pk for item in o.items]))
    size = factory.LazyAttribute(lambda o: len(o.items))


# --- organizers (added for the organizers' pages and the import) ----------------------------


def prioritization_organizer(**fields):
    """Someone with the permission to create and organize every round."""
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(**fields)
    user.user_permissions.add(
        Permission.objects.get(codename="organize_rounds", content_type__app_label="prioritization")
    )
    return user


def organizer_of(round_, **fields):
    """One of the round's own organizers (without the permission for every round)."""
    from tests.factories import UserFactory

    user = UserFactory(**fields)
    round_.organizers.add(user)
    return user


def initiative_of(document, number, **fields):
    """An initiative of a document, numbered; its identifier is initiative-<number>."""
    from convene.documents.models import Initiative

    fields.setdefault("identifier", f"initiative-{number}")
    fields.setdefault("title", f"Initiative {number}")
    fields.setdefault("description", f"What initiative {number} does.")
    return Initiative.objects.create(document=document, number=number, **fields)
