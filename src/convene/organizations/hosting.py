"""Organizations hosting events of Convene: who may name them, and what event pages show.

An event's organizers name its hosts among the recognized organizations they act for (the
affiliations committee among all recognized ones). A host named by another organizer, whom
this one may not name, stays as it is: each organizer changes only the hosts they may name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.accounts.users import Viewer
from convene.core.errors import ServiceError
from convene.core.lists import joined_text
from convene.events import rules as event_rules
from convene.events.models import Event

from . import rules
from .models import EventHost, Organization, OrganizationName
from .querysets import LISTED


def with_shown_name(
    queryset: QuerySet[Any], *, path: str = "", language: str | None = None
) -> QuerySet[Any]:
    """`queryset` with `shown_name`: the name of the organization (at `path`, e.g.
    "organization__") in the reader's language where the registry has one, else empty
    (`shown_name()` falls back to its name). A subquery: no query more."""
    language = language or translation.get_language() or "en"
    names = OrganizationName.objects.filter(
        organization=OuterRef(f"{path}pk" if path else "pk"), language=language
    ).values("name")[:1]
    return queryset.annotate(shown_name_in_language=Subquery(names))


def shown_name(organization: Organization) -> str:
    """The organization's name in the reader's language (read by `with_shown_name`), else
    its own."""
    return getattr(organization, "shown_name_in_language", None) or organization.name


# --- Selectors ------------------------------------------------------------------------


def hosts_for_events(events: Iterable[Event]) -> dict[int, list[Organization]]:
    """The listed organizations hosting each of `events`, in the order they were named, with
    their names in the reader's language (`shown_name`): one query, none for no events."""
    ids = [event.pk for event in events]
    if not ids:
        return {}
    rows = with_shown_name(
        EventHost.objects.filter(event_id__in=ids, organization__status__in=LISTED)
        .select_related("organization")
        .order_by("pk"),
        path="organization__",
    )
    hosts: dict[int, list[Organization]] = {pk: [] for pk in ids}
    for row in rows:
        organization = row.organization
        organization.shown_name_in_language = row.shown_name_in_language
        hosts[row.event_id].append(organization)
    return hosts


@dataclass
class HostingChoices:
    """What the hosting page offers `user` for an event: the organizations they may name
    (`nameable`, those hosting now in `chosen`), and the hosts they may not change."""

    nameable: list[Organization] = field(default_factory=list)
    chosen: set[int] = field(default_factory=set)
    others: list[Organization] = field(default_factory=list)


def hosting_choices(*, user: Viewer, event: Event) -> HostingChoices:
    """The organizations `user` may name as hosts of `event` (the recognized ones they act
    for, or every recognized one for the committee, and the current hosts they may name),
    with the event's other hosts: three queries, and the user's permissions once."""
    current = list(
        with_shown_name(
            Organization.objects.filter(hosted_events__event=event)
            .prefetch_related("representatives")
            .order_by("hosted_events__pk")
        )
    )
    candidates = with_shown_name(
        Organization.objects.recognized().exclude(
            pk__in=[organization.pk for organization in current]
        )
    )
    if not rules.is_committee(user):
        if not user.is_authenticated:
            return HostingChoices(others=current)
        candidates = candidates.filter(
            Q(pk__in=Organization.objects.filter(representatives=user).values("pk"))
            | Q(contact_person=user)
        )
    mine = [organization for organization in current if rules.can_name_as_host(user, organization)]
    return HostingChoices(
        nameable=sorted([*mine, *candidates], key=lambda each: shown_name(each).casefold()),
        chosen={organization.pk for organization in mine},
        others=[organization for organization in current if organization not in mine],
    )


# --- Services -------------------------------------------------------------------------


def _names(organizations: list[Organization]) -> str:
    return joined_text(organization.name for organization in organizations)


@transaction.atomic
def event_hosts_set(
    *, user: User, event: Event, organizations: Iterable[Organization]
) -> list[Organization]:
    """Make `organizations` the hosts of `event` that `user` may name: those `user` may name
    and left out stop hosting; the hosts named by others, whom `user` may not name, stay.

    Only the event's organizers set hosts, and only organizations they may name
    (`rules.can_name_as_host`); a new host must be recognized (one hosting already may stay
    while suspended). Returns the event's hosts, in the order they were named.
    """
    if not event_rules.can_manage_event(user, event):
        raise ServiceError(
            _("Only the organizers of this event can name its hosts."), code="forbidden"
        )
    Event.objects.select_for_update().filter(pk=event.pk).first()  # one change at a time
    wanted_ids = {organization.pk for organization in organizations}
    wanted = list(
        Organization.objects.filter(pk__in=wanted_ids)
        .prefetch_related("representatives")
        .order_by("name")
    )
    if len(wanted) != len(wanted_ids):
        raise ServiceError(_("One of these organizations is not in the registry."), code="invalid")
    refused = [each for each in wanted if not rules.can_name_as_host(user, each)]
    if refused:
        raise ServiceError(
            ngettext(
                "You can name as hosts only the organizations you act for: %(names)s is not "
                "one of them.",
                "You can name as hosts only the organizations you act for: %(names)s are not "
                "among them.",
                len(refused),
            )
            % {"names": _names(refused)},
            code="forbidden",
        )
    current = list(
        EventHost.objects.filter(event=event)
        .select_related("organization")
        .prefetch_related("organization__representatives")
    )
    current_ids = {host.organization_id for host in current}
    added = [each for each in wanted if each.pk not in current_ids]
    unrecognized = [each for each in added if each.status != Organization.Status.RECOGNIZED]
    if unrecognized:
        raise ServiceError(
            ngettext(
                "Only recognized organizations host events: %(names)s is not recognized now.",
                "Only recognized organizations host events: %(names)s are not recognized now.",
                len(unrecognized),
            )
            % {"names": _names(unrecognized)},
            code="not_recognized",
        )
    dropped = [
        host.pk
        for host in current
        if host.organization_id not in wanted_ids
        and rules.can_name_as_host(user, host.organization)
    ]
    if dropped:
        EventHost.objects.filter(pk__in=dropped).delete()
    EventHost.objects.bulk_create(
        [EventHost(event=event, organization=organization) for organization in added]
    )
    return list(
        Organization.objects.filter(hosted_events__event=event).order_by("hosted_events__pk")
    )
