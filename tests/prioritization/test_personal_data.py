"""What prioritization keeps about a person in "Download your data", and what stays of it
when the account is erased: the ballots, still counted, without their voter."""

from __future__ import annotations

import pytest
import time_machine

from convene.accounts.services import user_delete, user_export_data
from convene.prioritization import services
from convene.prioritization.models import Ballot
from tests.factories import UserFactory

from .factories import NOW, GroupFactory, RoundFactory, items_for

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_person_s_ballots_submissions_and_groups():
    person = UserFactory()
    round_ = RoundFactory(slug="global")
    items_for(round_, 3)
    group = GroupFactory(round=round_, name="Hindi Wikipedia community", region="asia_pacific")
    group.representatives.add(person)
    with time_machine.travel(NOW, tick=False):
        ballot = services.ballot_cast(
            round_=round_, voter=person, identifiers=["initiative-2", "initiative-1"]
        )
        services.ballot_cast(round_=round_, voter=person, identifiers=["initiative-3"])
        services.group_submission_save(
            group=group,
            user=person,
            identifiers=["initiative-1"],
            reasons={"initiative-1": "Newcomers need it."},
            discussion=services.Discussion(participants=12, place="Lucknow"),
        )

    data = user_export_data(user=person)

    assert data["prioritization_ballots"] == [
        {
            "round": "global",
            "public_id": ballot.public_id,
            "items": ["initiative-3"],
            "cast_at": "2020-11-21T12:00:00Z",
            "versions": [
                {
                    "version": 1,
                    "items": ["initiative-2", "initiative-1"],
                    "saved_at": "2020-11-21T12:00:00Z",
                },
                {"version": 2, "items": ["initiative-3"], "saved_at": "2020-11-21T12:00:00Z"},
            ],
        }
    ]
    [submission] = data["prioritization_group_submissions"]
    assert (submission["group"], submission["version"], submission["items"]) == (
        "Hindi Wikipedia community",
        1,
        ["initiative-1"],
    )
    assert submission["details"]["reasons"] == {"initiative-1": "Newcomers need it."}
    assert submission["details"]["participants"] == 12
    assert data["prioritization_groups"] == [
        {"round": "global", "group": "Hindi Wikipedia community", "region": "asia_pacific"}
    ]


def test_an_erased_person_s_ballot_stays_counted_without_them():
    person = UserFactory()
    round_ = RoundFactory()
    items_for(round_, 2)
    with time_machine.travel(NOW, tick=False):
        ballot = services.ballot_cast(round_=round_, voter=person, identifiers=["initiative-1"])

    user_delete(user=person)

    ballot.refresh_from_db()
    assert (ballot.voter_id, ballot.item_ids) == (
        None,
        [round_.items.get(identifier="initiative-1").pk],
    )
    assert Ballot.objects.filter(round=round_).count() == 1
