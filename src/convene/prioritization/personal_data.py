"""What prioritization keeps about a person, for "Download your data".

A person's own ballots (the items in their order, with every saved version), the group
submissions they saved, and the groups they represent. Nothing needs doing before an
account is erased: ballots stay counted without their voter (the database sets it to
nothing), as do the group submissions and versions they saved, and the person leaves the
groups they represented with the account.
"""

from __future__ import annotations

from typing import Any

from convene.accounts.models import User
from convene.core.timezones import utc_text

from .models import Ballot, BallotVersion, Group, Item


def _identifiers(item_ids: list[int], names: dict[int, str]) -> list[str]:
    return [names[pk] for pk in item_ids if pk in names]


def ballots(user: User) -> list[dict[str, Any]]:
    """The person's ballots in the individual track, each with its saved versions: three
    queries, whatever the number of ballots."""
    rows = list(
        Ballot.objects.filter(voter=user, track=Ballot.Track.INDIVIDUAL)
        .select_related("round")
        .order_by("created_at", "pk")
    )
    versions: dict[int, list[BallotVersion]] = {}
    for version in BallotVersion.objects.filter(ballot__in=rows).order_by("ballot", "number"):
        versions.setdefault(version.ballot_id, []).append(version)
    names = dict(
        Item.objects.filter(round__in={ballot.round_id for ballot in rows}).values_list(
            "pk", "identifier"
        )
    )
    return [
        {
            "round": ballot.round.slug,
            "public_id": ballot.public_id,
            "items": _identifiers(ballot.item_ids, names),
            "cast_at": utc_text(ballot.created_at),
            "versions": [
                {
                    "version": version.number,
                    "items": _identifiers(version.item_ids, names),
                    "saved_at": utc_text(version.saved_at),
                }
                for version in versions.get(ballot.pk, [])
            ],
        }
        for ballot in rows
    ]


def group_submissions(user: User) -> list[dict[str, Any]]:
    """The versions of group submissions the person saved, with what they said."""
    rows = list(
        BallotVersion.objects.filter(saved_by=user, ballot__track=Ballot.Track.GROUP)
        .select_related("ballot__group", "ballot__round")
        .order_by("saved_at", "pk")
    )
    names = dict(
        Item.objects.filter(round__in={version.ballot.round_id for version in rows}).values_list(
            "pk", "identifier"
        )
    )
    return [
        {
            "round": version.ballot.round.slug,
            "group": version.ballot.group.name if version.ballot.group else "",
            "version": version.number,
            "items": _identifiers(version.item_ids, names),
            "details": version.details,
            "saved_at": utc_text(version.saved_at),
        }
        for version in rows
    ]


def groups_represented(user: User) -> list[dict[str, Any]]:
    rows = Group.objects.filter(representatives=user).select_related("round")
    return [
        {"round": group.round.slug, "group": group.name, "region": group.region}
        for group in rows.order_by("round__slug", "name")
    ]
