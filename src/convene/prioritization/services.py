"""Every change to ballots: a person's ballot and a group's submission, each checked whole
before anything is written and saved in one transaction, with its earlier state kept.

The database keeps one ballot per person and per group in a round (unique constraints);
two submissions at the same moment both end as one ballot, the later one a new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.core import ratelimit
from convene.core.errors import ServiceError
from convene.events.models import Event
from convene.organizations.models import Organization

from . import rules, tasks
from .models import Ballot, BallotVersion, Group, Item, Round, pack_ranking


def items_checked(*, round_: Round, identifiers: list[str]) -> list[Item]:
    """The items a ballot lists, in its order; refuses an empty list, an unknown or repeated
    identifier and more than the round's K items, naming the first one at fault."""
    if not identifiers:
        raise ServiceError(_("Choose at least one item."), code="empty_ballot")
    if len(identifiers) > round_.max_items:
        raise ServiceError(
            ngettext(
                "A ballot lists at most %(count)d item.",
                "A ballot lists at most %(count)d items.",
                round_.max_items,
            )
            % {"count": round_.max_items},
            code="too_many_items",
        )
    seen: set[str] = set()
    for identifier in identifiers:
        if identifier in seen:
            raise ServiceError(
                _("“%(item)s” is listed twice; list each item once.") % {"item": identifier},
                code="repeated_item",
            )
        seen.add(identifier)
    by_identifier = {
        item.identifier: item
        for item in Item.objects.filter(round=round_, identifier__in=identifiers)
    }
    for identifier in identifiers:
        if identifier not in by_identifier:
            raise ServiceError(
                _("“%(item)s” is not one of this round's items.") % {"item": identifier},
                code="unknown_item",
            )
    return [by_identifier[identifier] for identifier in identifiers]


def _refuse_unless_open(round_: Round, now: datetime) -> None:
    state = rules.round_state(round_, now)
    if state == "upcoming":
        raise ServiceError(_("This round is not open yet."), code="not_yet_open")
    if state == "closed":
        raise ServiceError(_("This round has closed; ballots can no longer change."), code="closed")


def _version_keep(*, ballot: Ballot, saved_by: User | None) -> None:
    """Every saved state of a ballot is kept; a round showing its results while open is
    counted again soon after."""
    tasks.round_recount_soon(ballot.round)
    BallotVersion.objects.create(
        ballot=ballot,
        number=ballot.version,
        ranking=ballot.ranking,
        details={
            "reasons": ballot.reasons,
            "participants": ballot.participants,
            "discussion_place": ballot.discussion_place,
            "discussion_when": ballot.discussion_when,
            "notes_url": ballot.notes_url,
            "event_id": ballot.event_id,
            "missing": ballot.missing,
        },
        saved_by=saved_by,
    )


def _consume(*, user: User, address: str) -> None:
    """Count one save of a ballot against `CONVENE_RATE_LIMITS["ballot"]`. Called inside the
    saving transaction: a ballot refused afterwards is not counted."""
    try:
        ratelimit.consume(action="ballot", account=user, address=address)
    except ratelimit.RateLimited as refused:
        if refused.per_address:
            raise ServiceError(ratelimit.address_message(), code="rate_limited") from refused
        raise ServiceError(
            f"{_('You have done this many times in a short while.')} "
            f"{ratelimit.wait_message(refused.rate)}",
            code="rate_limited",
        ) from refused


@transaction.atomic
def ballot_cast(
    *,
    round_: Round,
    voter: User,
    identifiers: list[str],
    now: datetime | None = None,
    address: str = "",
) -> Ballot:
    """A person's ballot in the individual track, new or changed (until the close), within
    `CONVENE_RATE_LIMITS["ballot"]` (per person, and per client `address` when given)."""
    now = now or timezone.now()
    _refuse_unless_open(round_, now)
    if not rules.may_vote_individually(voter, round_):
        if not round_.individual_track:
            raise ServiceError(_("This round takes ballots from groups only."), code="forbidden")
        raise ServiceError(
            _("This round takes ballots from the confirmed registrants of its event only."),
            code="forbidden",
        )
    items = items_checked(round_=round_, identifiers=identifiers)
    _consume(user=voter, address=address)
    ranking = pack_ranking([item.pk for item in items])
    ballot = (
        Ballot.objects.select_for_update()
        .filter(round=round_, voter=voter, track=Ballot.Track.INDIVIDUAL)
        .first()
    )
    if ballot is None:
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(
                    round=round_,
                    track=Ballot.Track.INDIVIDUAL,
                    voter=voter,
                    submitted_by=voter,
                    ranking=ranking,
                    size=len(items),
                )
        except IntegrityError:
            # Another request of the same person won the race: change that ballot instead.
            ballot = Ballot.objects.select_for_update().get(
                round=round_, voter=voter, track=Ballot.Track.INDIVIDUAL
            )
        else:
            _version_keep(ballot=ballot, saved_by=voter)
            return ballot
    ballot.ranking = ranking
    ballot.size = len(items)
    ballot.version += 1
    ballot.save(update_fields=["ranking", "size", "version", "updated_at"])
    _version_keep(ballot=ballot, saved_by=voter)
    return ballot


@dataclass(frozen=True)
class Discussion:
    """How a group reached its priorities."""

    participants: int | None = None
    place: str = ""
    when: str = ""
    notes_url: str = ""
    event: Event | None = None
    missing: str = ""


@transaction.atomic
def group_submission_save(
    *,
    group: Group,
    user: User,
    identifiers: list[str],
    reasons: dict[str, str],
    discussion: Discussion,
    now: datetime | None = None,
    address: str = "",
) -> Ballot:
    """A group's priorities with a reason for each, and how it discussed them; new or
    changed until the close, by one of the people who act for the group (within
    `CONVENE_RATE_LIMITS["ballot"]`)."""
    now = now or timezone.now()
    round_ = group.round
    _refuse_unless_open(round_, now)
    if not round_.group_track:
        raise ServiceError(_("This round takes ballots from individuals only."), code="forbidden")
    if not rules.represents(user, group):
        raise ServiceError(
            _("Only the representatives of %(group)s submit its priorities.")
            % {"group": group.name},
            code="forbidden",
        )
    items = items_checked(round_=round_, identifiers=identifiers)
    _consume(user=user, address=address)
    listed = {item.identifier for item in items}
    fields = {
        "ranking": pack_ranking([item.pk for item in items]),
        "size": len(items),
        "reasons": {
            key: value.strip() for key, value in reasons.items() if key in listed and value.strip()
        },
        "participants": discussion.participants,
        "discussion_place": discussion.place,
        "discussion_when": discussion.when,
        "notes_url": discussion.notes_url,
        "event": discussion.event,
        "missing": discussion.missing,
        "submitted_by": user,
    }
    ballot = Ballot.objects.select_for_update().filter(round=round_, group=group).first()
    if ballot is None:
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(
                    round=round_,
                    track=Ballot.Track.GROUP,
                    group=group,
                    region=group.region,
                    **fields,
                )
        except IntegrityError:
            ballot = Ballot.objects.select_for_update().get(round=round_, group=group)
        else:
            _version_keep(ballot=ballot, saved_by=user)
            return ballot
    for name, value in fields.items():
        setattr(ballot, name, value)
    ballot.version += 1
    ballot.save()
    _version_keep(ballot=ballot, saved_by=user)
    return ballot


# --- Organizations of the registry as groups ------------------------------------------------


@transaction.atomic
def group_for_organization(*, round_: Round, organization: Organization) -> Group:
    """The group through which a recognized organization of the registry takes part in
    `round_`, made on its first submission: named, placed and classed as the registry has it
    (its model of affiliation's slug; its first working language, if any)."""
    if not (round_.group_track and round_.registry_groups):
        raise ServiceError(
            _("This round does not take ballots from the organizations of the registry."),
            code="forbidden",
        )
    group = Group.objects.filter(round=round_, organization=organization).first()
    if group is not None:
        return group
    if not Organization.objects.recognized().filter(pk=organization.pk).exists():
        raise ServiceError(
            _("Only organizations the registry recognizes take part."), code="forbidden"
        )
    languages = organization.working_languages or []
    try:
        with transaction.atomic():
            return Group.objects.create(
                round=round_,
                kind=Group.Kind.ORGANIZATION,
                organization=organization,
                name=organization.name[: Group._meta.get_field("name").max_length],
                region=organization.region,
                category=organization.affiliation_model.slug,
                language=str(languages[0]) if languages else "",
            )
    except IntegrityError:
        # Made at the same moment by another request, or a community already has its name.
        group = Group.objects.filter(round=round_, organization=organization).first()
        if group is not None:
            return group
        raise ServiceError(
            _("A group named “%(name)s” already takes part in this round.")
            % {"name": organization.name},
            code="duplicate_name",
        ) from None


@transaction.atomic
def organization_submission_save(
    *,
    round_: Round,
    organization: Organization,
    user: User,
    identifiers: list[str],
    reasons: dict[str, str],
    discussion: Discussion,
    now: datetime | None = None,
    address: str = "",
) -> Ballot:
    """The first submission of an organization that has no group in the round yet: its group
    and its ballot together, or neither."""
    group = group_for_organization(round_=round_, organization=organization)
    return group_submission_save(
        group=group,
        user=user,
        identifiers=identifiers,
        reasons=reasons,
        discussion=discussion,
        now=now,
        address=address,
    )
