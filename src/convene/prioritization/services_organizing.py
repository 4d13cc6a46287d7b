"""Every change the organizers of a round make: the round itself, its items and their
translations, its clusters and its groups.

Items listed on a ballot (now or in an earlier version of one) keep their identifier, title
and place in the round: a ballot refers to them. The ballot's form and K do not change once
a ballot exists, since the ballots cast were cast under them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.core import languages
from convene.core.errors import ServiceError
from convene.core.lists import joined_text
from convene.core.text import refuse_null_characters, text_fingerprint
from convene.documents.models import Initiative, Process
from convene.events.models import Event
from convene.organizations.models import Organization, Region

from . import rules, tasks
from .models import (
    Ballot,
    BallotVersion,
    Cluster,
    Group,
    Item,
    ItemTranslation,
    Round,
    unpack_ranking,
)

K_MAX = 100
IDENTIFIER = re.compile(r"^[-a-zA-Z0-9_]+$")
IDENTIFIER_MAX = Item._meta.get_field("identifier").max_length or 60
TITLE_MAX = Item._meta.get_field("title").max_length or 200
HEADING_MAX = Item._meta.get_field("heading").max_length or 200
CLUSTER_CODE = re.compile(r"^[A-Za-z0-9]{1,10}$")


def _refuse_unless_organizer(user: User, round_: Round) -> None:
    if not rules.can_organize(user, round_):
        raise ServiceError(_("Only the organizers of this round can change it."), code="forbidden")


# --- the round -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundTerms:
    """What the organizers set of a round."""

    process: Process
    title: str
    slug: str
    question: str
    opens_at: datetime
    closes_at: datetime
    instructions: str = ""
    language: str = "en"
    ballot_form: str = Round.BallotForm.RANKED
    max_items: int = 5
    group_track: bool = True
    registry_groups: bool = True
    individual_track: bool = False
    individuals_event: Event | None = None
    results_before_close: bool = False
    bootstrap_top: int = 5
    organizers: list[User] = field(default_factory=list)

    def fields(self) -> dict[str, Any]:
        values = dict(self.__dict__)
        values.pop("organizers")
        return values


# Short names the pages of prioritization use themselves (/prioritization/new/).
RESERVED_SLUGS = frozenset({"new"})


def _terms_checked(terms: RoundTerms) -> None:
    refuse_null_characters(terms.title, terms.slug, terms.question, terms.instructions)
    if terms.slug in RESERVED_SLUGS:
        raise ServiceError(
            _("This short name is kept for the site's own pages; choose another."),
            code="slug_taken",
        )
    if terms.closes_at <= terms.opens_at:
        raise ServiceError(_("A round closes after it opens."), code="closes_before_opening")
    if not 1 <= terms.max_items <= K_MAX:
        raise ServiceError(
            ngettext(
                "A ballot lists between 1 and %(count)d item.",
                "A ballot lists between 1 and %(count)d items.",
                K_MAX,
            )
            % {"count": K_MAX},
            code="k_out_of_range",
        )
    if not (terms.group_track or terms.individual_track):
        raise ServiceError(
            _("Choose who takes part: groups, individuals or both."), code="no_track"
        )
    if terms.ballot_form not in Round.BallotForm.values:
        raise ServiceError(_("Choose the form of the ballot."), code="invalid")


def _round_saved(round_: Round, *, created: bool) -> None:
    """Save, turning the database's refusals into messages (the slug taken, the times)."""
    try:
        with transaction.atomic():
            if created:
                round_.save(force_insert=True)
            else:
                round_.save()
    except IntegrityError as error:
        if Round.objects.filter(slug=round_.slug).exclude(pk=round_.pk).exists():
            raise ServiceError(
                _("Another round has this short name; choose another."), code="slug_taken"
            ) from error
        raise ServiceError(
            _("The round could not be saved: check its times, K and tracks."), code="invalid"
        ) from error


@transaction.atomic
def round_create(*, user: User, terms: RoundTerms) -> Round:
    """A new round; whoever creates it organizes it, with the organizers named."""
    if not rules.can_create_round(user):
        raise ServiceError(_("Only organizers of prioritization can create a round."), "forbidden")
    _terms_checked(terms)
    round_ = Round(**terms.fields())
    _round_saved(round_, created=True)
    round_.organizers.set({user, *terms.organizers})
    tasks.round_count_schedule(round_)  # the count at the close
    return round_


@transaction.atomic
def round_update(*, user: User, round_: Round, terms: RoundTerms) -> Round:
    """Changes the round; the ballot's form and K stay as they are once a ballot exists."""
    _refuse_unless_organizer(user, round_)
    _terms_checked(terms)
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    changes_ballot = terms.max_items != locked.max_items or terms.ballot_form != locked.ballot_form
    if changes_ballot and Ballot.objects.filter(round=locked).exists():
        raise ServiceError(
            _(
                "Ballots have been cast under this form and K: they can no longer change. "
                "Start a new round to ask differently."
            ),
            code="ballots_exist",
        )
    for name, value in terms.fields().items():
        setattr(round_, name, value)
    _round_saved(round_, created=False)
    if terms.organizers:
        round_.organizers.set(terms.organizers)
    tasks.round_count_schedule(round_)  # the count at the close
    return round_


# --- items ---------------------------------------------------------------------------------


def listed_item_ids(round_: Round) -> set[int]:
    """The items any ballot of the round lists, now or in an earlier version."""
    listed: set[int] = set()
    for ranking in Ballot.objects.filter(round=round_).values_list("ranking", flat=True):
        listed.update(unpack_ranking(ranking))
    for ranking in BallotVersion.objects.filter(ballot__round=round_).values_list(
        "ranking", flat=True
    ):
        listed.update(unpack_ranking(ranking))
    return listed


def _refuse_if_listed(item: Item) -> None:
    if item.pk in listed_item_ids(item.round):
        raise ServiceError(
            _("A ballot lists “%(item)s”: it can no longer change or be removed.")
            % {"item": item.identifier},
            code="item_listed",
        )


def _next_position(round_: Round) -> int:
    last = Item.objects.filter(round=round_).aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def items_take_initiatives(*, user: User, round_: Round) -> list[Item]:
    """Adds the initiatives of the round's process that are not items yet, in the order of
    their documents and numbers; the items already there stay as they are. Returns the new."""
    _refuse_unless_organizer(user, round_)
    Round.objects.select_for_update().filter(pk=round_.pk).first()  # one taker at a time
    taken = set(Item.objects.filter(round=round_).values_list("identifier", flat=True))
    taken_initiatives = set(
        Item.objects.filter(round=round_, initiative__isnull=False).values_list(
            "initiative_id", flat=True
        )
    )
    initiatives = (
        Initiative.objects.filter(document__process_id=round_.process_id)
        .select_related("document")
        .order_by("document__position", "document__title", "document__pk", "number", "pk")
    )
    position = _next_position(round_)
    new: list[Item] = []
    for initiative in initiatives:
        if initiative.identifier in taken or initiative.pk in taken_initiatives:
            continue
        new.append(
            Item(
                round=round_,
                identifier=initiative.identifier,
                title=initiative.title[:TITLE_MAX],
                description=initiative.description,
                heading=initiative.document.title[:HEADING_MAX],
                position=position,
                initiative=initiative,
            )
        )
        position += 1
    return Item.objects.bulk_create(new)


@dataclass(frozen=True)
class ItemLine:
    """One line of the organizers' list: `identifier | title | heading | description`."""

    number: int
    identifier: str
    title: str
    heading: str = ""
    description: str = ""


def item_lines_parse(text: str, taken: set[str]) -> tuple[list[ItemLine], list[str]]:
    """The items of a list typed one per line, and a message for each bad line (naming its
    number); empty lines are skipped. `taken`: the identifiers the round already has."""
    lines: list[ItemLine] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [part.strip() for part in raw.split("|", 3)]
        parts += [""] * (4 - len(parts))
        identifier, title, heading, description = parts
        problem = ""
        if not identifier or not title:
            problem = _("give at least an identifier and a title, separated by “|”.")
        elif not IDENTIFIER.match(identifier) or len(identifier) > IDENTIFIER_MAX:
            problem = _(
                "“%(identifier)s” is not an identifier: use letters, digits and hyphens only "
                "(e.g. initiative-22), at most %(max)d."
            ) % {"identifier": identifier[:80], "max": IDENTIFIER_MAX}
        elif identifier in taken:
            problem = _("“%(identifier)s” is already an item of this round.") % {
                "identifier": identifier
            }
        elif identifier in seen:
            problem = _("“%(identifier)s” is already on line %(line)d.") % {
                "identifier": identifier,
                "line": seen[identifier],
            }
        elif len(title) > TITLE_MAX or len(heading) > HEADING_MAX:
            problem = ngettext(
                "a title or heading has at most %(count)d character.",
                "a title or heading has at most %(count)d characters.",
                TITLE_MAX,
            ) % {"count": TITLE_MAX}
        elif "\x00" in raw:
            problem = _("Null characters are not allowed.")
        if problem:
            problems.append(_("Line %(line)d: %(problem)s") % {"line": number, "problem": problem})
            continue
        seen[identifier] = number
        lines.append(ItemLine(number, identifier, title, heading, description))
    if not lines and not problems:
        problems.append(_("Write at least one item."))
    return lines, problems


@transaction.atomic
def items_add(*, user: User, round_: Round, text: str) -> list[Item]:
    """Adds the items of a list typed one per line; every line is checked first and nothing
    is added if any line is bad."""
    _refuse_unless_organizer(user, round_)
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    taken = set(Item.objects.filter(round=round_).values_list("identifier", flat=True))
    lines, problems = item_lines_parse(text, taken)
    if problems:
        raise ServiceError(" ".join(problems), code="invalid_items")
    position = _next_position(round_)
    return Item.objects.bulk_create(
        Item(
            round=round_,
            identifier=line.identifier,
            title=line.title,
            heading=line.heading,
            description=line.description,
            position=position + index,
        )
        for index, line in enumerate(lines)
    )


@transaction.atomic
def item_update(
    *, user: User, item: Item, identifier: str, title: str, heading: str, description: str
) -> Item:
    """Changes an item that no ballot lists."""
    _refuse_unless_organizer(user, item.round)
    refuse_null_characters(identifier, title, heading, description)
    _refuse_if_listed(item)
    if not IDENTIFIER.match(identifier):
        raise ServiceError(
            _("Use letters, digits and hyphens only in an identifier (e.g. initiative-22)."),
            code="invalid",
        )
    if Item.objects.filter(round=item.round, identifier=identifier).exclude(pk=item.pk).exists():
        raise ServiceError(
            _("“%(identifier)s” is already an item of this round.") % {"identifier": identifier},
            code="identifier_taken",
        )
    item.identifier, item.title, item.heading, item.description = (
        identifier,
        title,
        heading,
        description,
    )
    item.save()
    return item


@transaction.atomic
def item_delete(*, user: User, item: Item) -> None:
    """Removes an item that no ballot lists."""
    _refuse_unless_organizer(user, item.round)
    _refuse_if_listed(item)
    item.delete()


@transaction.atomic
def item_move(*, user: User, item: Item, up: bool) -> None:
    """Moves an item one place up or down the list (the positions are numbered anew)."""
    _refuse_unless_organizer(user, item.round)
    items = list(Item.objects.select_for_update().filter(round_id=item.round_id))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items):
        each.position = position
    Item.objects.bulk_update(items, ["position"])


def item_source_fingerprint(item: Item) -> str:
    """What a translation of the item, as it reads now, is made from."""
    return text_fingerprint(f"{item.title}\n{item.description}")


@transaction.atomic
def item_translation_save(
    *, user: User, item: Item, language: str, title: str, description: str
) -> ItemTranslation | None:
    """The item's title and description in `language`, made from the item as it reads now;
    an empty title removes the translation."""
    _refuse_unless_organizer(user, item.round)
    refuse_null_characters(title, description)
    if language not in languages.CONTENT or language == item.round.language:
        raise ServiceError(_("Choose another language to translate into."), code="invalid")
    if not title.strip():
        ItemTranslation.objects.filter(item=item, language=language).delete()
        return None
    translation, _created = ItemTranslation.objects.update_or_create(
        item=item,
        language=language,
        defaults={
            "title": title.strip()[:TITLE_MAX],
            "description": description.strip(),
            "source_fingerprint": item_source_fingerprint(item),
        },
    )
    return translation


# --- clusters ------------------------------------------------------------------------------


@transaction.atomic
def cluster_save(
    *,
    user: User,
    round_: Round,
    code: str,
    name: str,
    identifiers: list[str],
    cluster: Cluster | None = None,
) -> Cluster:
    """A new cluster, or changes to one: its code (A, B …), name and items. An item belongs
    to one cluster at most."""
    _refuse_unless_organizer(user, round_)
    refuse_null_characters(code, name, *identifiers)
    code = code.strip().upper()
    if not CLUSTER_CODE.match(code):
        raise ServiceError(
            _("A code is one to ten letters or digits, e.g. A."), code="invalid_cluster_code"
        )
    if not name.strip():
        raise ServiceError(_("Give the cluster a name."), code="invalid")
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    others = Cluster.objects.filter(round=round_, code=code)
    if cluster is not None:
        others = others.exclude(pk=cluster.pk)
    if others.exists():
        raise ServiceError(
            _("Another cluster has the code %(code)s.") % {"code": code}, code="cluster_code_taken"
        )
    items = {item.identifier: item for item in Item.objects.filter(round=round_)}
    unknown = [identifier for identifier in identifiers if identifier not in items]
    if unknown:
        raise ServiceError(
            ngettext(
                "%(items)s is not an item of this round.",
                "%(items)s are not items of this round.",
                len(unknown),
            )
            % {"items": joined_text(unknown)},
            code="unknown_item",
        )
    chosen = [items[identifier] for identifier in dict.fromkeys(identifiers)]
    elsewhere = [
        item.identifier
        for item in chosen
        if item.cluster_id is not None and (cluster is None or item.cluster_id != cluster.pk)
    ]
    if elsewhere:
        raise ServiceError(
            ngettext(
                "%(items)s is already in another cluster; an item belongs to one cluster only.",
                "%(items)s are already in other clusters; an item belongs to one cluster only.",
                len(elsewhere),
            )
            % {"items": joined_text(elsewhere)},
            code="item_in_another_cluster",
        )
    if cluster is None:
        last = Cluster.objects.filter(round=round_).aggregate(last=Max("position"))["last"]
        cluster = Cluster.objects.create(
            round=round_, code=code, name=name.strip(), position=0 if last is None else last + 1
        )
    else:
        cluster.code, cluster.name = code, name.strip()
        cluster.save()
        Item.objects.filter(cluster=cluster).exclude(pk__in=[i.pk for i in chosen]).update(
            cluster=None
        )
    Item.objects.filter(pk__in=[item.pk for item in chosen]).update(cluster=cluster)
    return cluster


@transaction.atomic
def cluster_delete(*, user: User, cluster: Cluster) -> None:
    """Removes a cluster; its items stay, in no cluster."""
    _refuse_unless_organizer(user, cluster.round)
    cluster.delete()


# --- groups --------------------------------------------------------------------------------


def users_by_email(emails: list[str]) -> list[User]:
    """The accounts of these addresses; refuses naming those that have none."""
    wanted = {email.strip().casefold(): email.strip() for email in emails if email.strip()}
    found: dict[str, User] = {}
    if wanted:
        query = Q()
        for email in wanted.values():
            query |= Q(email__iexact=email)
        found = {user.email.casefold(): user for user in User.objects.filter(query)}
    missing = [email for folded, email in wanted.items() if folded not in found]
    if missing:
        raise ServiceError(
            ngettext(
                "No account has the address %(emails)s.",
                "No account has the addresses %(emails)s.",
                len(missing),
            )
            % {"emails": joined_text(missing)},
            code="unknown_account",
        )
    return list(found.values())


def _refuse_taken_name(round_: Round, name: str) -> None:
    if Group.objects.filter(round=round_, name__iexact=name).exists():
        raise ServiceError(
            _("This round already has a group named “%(name)s”.") % {"name": name},
            code="group_name_taken",
        )


@transaction.atomic
def group_community_add(
    *,
    user: User,
    round_: Round,
    name: str,
    region: str,
    language: str = "",
    representatives: list[User] | None = None,
) -> Group:
    """A named community of the group track, with its region, language and the people who
    submit its priorities."""
    _refuse_unless_organizer(user, round_)
    name = name.strip()
    refuse_null_characters(name)
    if not name:
        raise ServiceError(_("Give the community a name."), code="invalid")
    if region not in Region.values:
        raise ServiceError(_("Choose the community's region."), code="invalid_region")
    if language and not languages.is_known(language):
        raise ServiceError(_("Choose a language from the list."), code="invalid")
    _refuse_taken_name(round_, name)
    try:
        with transaction.atomic():
            group = Group.objects.create(
                round=round_,
                kind=Group.Kind.COMMUNITY,
                name=name,
                region=region,
                language=language,
                category="community",
            )
    except IntegrityError as error:
        raise ServiceError(
            _("This round already has a group named “%(name)s”.") % {"name": name},
            code="group_name_taken",
        ) from error
    if representatives:
        group.representatives.set(representatives)
    return group


@transaction.atomic
def group_representatives_set(*, user: User, group: Group, representatives: list[User]) -> None:
    """Who submits the group's priorities (for an organization, beside its representatives
    in the registry)."""
    _refuse_unless_organizer(user, group.round)
    group.representatives.set(representatives)


@transaction.atomic
def group_organization_add(*, user: User, round_: Round, organization: Organization) -> Group:
    """An organization of the registry, recognized now, as a group of the round."""
    _refuse_unless_organizer(user, round_)
    if organization.status != Organization.Status.RECOGNIZED:
        raise ServiceError(
            _("Only recognized organizations take part as groups."), code="not_recognized"
        )
    if Group.objects.filter(round=round_, organization=organization).exists():
        raise ServiceError(
            _("%(organization)s already takes part in this round.")
            % {"organization": organization.name},
            code="group_exists",
        )
    _refuse_taken_name(round_, organization.name)
    try:
        with transaction.atomic():
            return Group.objects.create(
                round=round_,
                kind=Group.Kind.ORGANIZATION,
                organization=organization,
                name=organization.name,
                region=organization.region,
                language=str((organization.working_languages or [""])[0]),  # as the ballots do
                category=organization.affiliation_model.slug,
            )
    except IntegrityError as error:
        raise ServiceError(
            _("%(organization)s already takes part in this round.")
            % {"organization": organization.name},
            code="group_exists",
        ) from error


@transaction.atomic
def group_remove(*, user: User, group: Group) -> None:
    """Removes a group that has cast no ballot."""
    _refuse_unless_organizer(user, group.round)
    if Ballot.objects.filter(group=group).exists():
        raise ServiceError(
            _("%(group)s has submitted its priorities: it can no longer be removed.")
            % {"group": group.name},
            code="group_has_ballot",
        )
    group.delete()
