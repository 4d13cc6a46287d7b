"""Ballots under truly concurrent requests: PostgreSQL, one connection per thread. Every
submission is counted once: the database keeps one ballot per person and per group."""

from datetime import timedelta

import pytest
from django.utils import timezone

from convene.prioritization import services
from convene.prioritization.models import Ballot, BallotVersion
from tests.events.test_concurrency import postgres, run_together  # noqa: F401 - a fixture
from tests.factories import UserFactory

from .factories import GroupFactory, RoundFactory, items_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def round_():
    now = timezone.now()
    round_ = RoundFactory(opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1))
    items_for(round_, 6)
    return round_


def test_two_first_ballots_of_one_person_at_once_end_as_one_ballot_with_two_versions(
    postgres,  # noqa: F811
    round_,
):
    voter = UserFactory()
    choices = [["initiative-1", "initiative-2"], ["initiative-3"]]

    errors = run_together(
        2,
        lambda i: services.ballot_cast(round_=round_, voter=voter, identifiers=choices[i]),
    )

    assert errors == []
    ballot = Ballot.objects.get()
    assert ballot.version == 2
    assert sorted(BallotVersion.objects.filter(ballot=ballot).values_list("number", flat=True)) == [
        1,
        2,
    ]
    last = BallotVersion.objects.get(ballot=ballot, number=2)
    assert bytes(ballot.ranking) == bytes(last.ranking)


def test_many_people_at_once_are_each_counted_once(postgres, round_):  # noqa: F811
    voters = [UserFactory() for _ in range(12)]

    errors = run_together(
        12,
        lambda i: services.ballot_cast(
            round_=round_, voter=voters[i], identifiers=["initiative-1"]
        ),
    )

    assert errors == []
    assert Ballot.objects.count() == 12
    assert BallotVersion.objects.count() == 12


def test_two_representatives_at_once_end_as_one_group_ballot_with_two_versions(
    postgres,  # noqa: F811
    round_,
):
    people = [UserFactory(), UserFactory()]
    group = GroupFactory(round=round_, representatives=people)

    errors = run_together(
        2,
        lambda i: services.group_submission_save(
            group=group,
            user=people[i],
            identifiers=[f"initiative-{i + 1}"],
            reasons={},
            discussion=services.Discussion(),
        ),
    )

    assert errors == []
    ballot = Ballot.objects.get()
    assert ballot.version == 2
    assert BallotVersion.objects.filter(ballot=ballot).count() == 2
