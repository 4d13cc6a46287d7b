"""Partnerships: memoranda of understanding between organizations of the registry and
parties outside it (a city library with the regional chapter), shown on each party's page,
with a reminder to the parties' representatives before one ends.

The services (`partnership_create`, `partnership_update`, `partnership_end`,
`partnership_reminders_send`) write a history entry on every party in the registry; the
selectors (`partnerships_for`, `partnership_list_public`, `partnership_get`) read what a
page shows in a constant number of queries.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.accounts.users import Viewer
from convene.core.errors import ServiceError
from convene.core.lists import joined_text
from convene.core.mail import email_to_user
from convene.core.markup import bdi
from convene.core.timezones import format_day

from . import rules
from .models import HistoryEntry, Organization, Partnership, PartnershipParty
from .services import history_add

# How many days before its end the parties' representatives are reminded of it.
REMINDER_DAYS = 30

TITLE_MAX = Partnership._meta.get_field("title").max_length or 200
SCOPE_MAX = Partnership._meta.get_field("scope").max_length or 10000
URL_MAX = Partnership._meta.get_field("signed_text_url").max_length or 500
NAME_MAX = PartnershipParty._meta.get_field("name").max_length or 200

_url_valid = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class Terms:
    """What a partnership says, as checked by `_terms`."""

    title: str
    scope: str
    starts_on: date
    ends_on: date | None
    is_public: bool
    signed_text_url: str


# --- Checks -------------------------------------------------------------------------------


def _too_long(what: str, most: int) -> str:
    messages = {
        "title": ngettext(
            "The title is too long: at most %(max)d character.",
            "The title is too long: at most %(max)d characters.",
            most,
        ),
        "scope": ngettext(
            "The scope is too long: at most %(max)d character.",
            "The scope is too long: at most %(max)d characters.",
            most,
        ),
        "name": ngettext(
            "The name of a party is too long: at most %(max)d character.",
            "The name of a party is too long: at most %(max)d characters.",
            most,
        ),
    }
    return messages[what] % {"max": most}


def _terms(
    *,
    title: str,
    scope: str,
    starts_on: date,
    ends_on: date | None,
    is_public: bool,
    signed_text_url: str,
) -> Terms:
    title, scope, signed_text_url = title.strip(), scope.strip(), signed_text_url.strip()
    if not title:
        raise ServiceError(_("Give the partnership a title."), code="title_missing")
    if len(title) > TITLE_MAX:
        raise ServiceError(_too_long("title", TITLE_MAX), code="too_long")
    if not scope:
        raise ServiceError(
            _("Say what the parties will do together: the scope is empty."), code="scope_missing"
        )
    if len(scope) > SCOPE_MAX:
        raise ServiceError(_too_long("scope", SCOPE_MAX), code="too_long")
    if ends_on is not None and ends_on < starts_on:
        raise ServiceError(_("A partnership cannot end before it starts."), code="dates_disordered")
    if signed_text_url:
        try:
            if len(signed_text_url) > URL_MAX:
                raise ValidationError("too long")
            _url_valid(signed_text_url)
        except ValidationError as error:
            raise ServiceError(
                _("The link to the signed text is not a web address (https://...)."),
                code="invalid_url",
            ) from error
    return Terms(
        title=title,
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        is_public=is_public,
        signed_text_url=signed_text_url,
    )


def _outside_names(names: list[str]) -> list[str]:
    """The names of the parties outside the registry, each given once."""
    kept: list[str] = []
    for name in names:
        name = name.strip()
        if not name:
            raise ServiceError(
                _("A party outside the registry needs a name."), code="party_name_missing"
            )
        if len(name) > NAME_MAX:
            raise ServiceError(_too_long("name", NAME_MAX), code="too_long")
        if name.casefold() in {other.casefold() for other in kept}:
            raise ServiceError(
                _("“%(name)s” is named twice among the parties.") % {"name": name},
                code="duplicate_party",
            )
        kept.append(name)
    return kept


def _distinct(organizations: list[Organization]) -> list[Organization]:
    seen: dict[int, Organization] = {}
    for organization in organizations:
        seen.setdefault(organization.pk, organization)
    return list(seen.values())


def _refuse_unrecognized(organizations: list[Organization]) -> None:
    """A new party in the registry is an organization recognized now (read again: the
    objects given may be stale or made up)."""
    recognized = set(
        Organization.objects.recognized()
        .filter(pk__in=[organization.pk for organization in organizations])
        .values_list("pk", flat=True)
    )
    for organization in organizations:
        if organization.pk not in recognized:
            raise ServiceError(
                _(
                    "%(name)s is not recognized in the registry now, so it cannot be a party "
                    "to a partnership."
                )
                % {"name": organization.name},
                code="party_not_recognized",
            )


def _refuse_too_few(registry: list[Organization], outside: list[str]) -> None:
    if len(registry) + len(outside) < 2:
        raise ServiceError(
            _("A partnership needs at least two parties: name the other party."),
            code="too_few_parties",
        )


def _save(partnership: Partnership, **kwargs: object) -> None:
    """Save, the database backing the order of the dates."""
    try:
        with transaction.atomic():
            partnership.save(**kwargs)  # type: ignore[arg-type]
    except IntegrityError as error:
        raise ServiceError(
            _("A partnership cannot end before it starts."), code="dates_disordered"
        ) from error


def _party_name(party: PartnershipParty) -> str:
    return party.organization.name if party.organization is not None else party.name


def _record(
    *,
    partnership: Partnership,
    organizations: list[Organization],
    names: list[str],
    note: str,
    actor: User,
    now: datetime,
    values: dict[str, str] | None = None,
) -> None:
    """One history entry on each organization of the registry: public when the partnership
    is, else a note for the committee. `note` has `%(title)s` and `%(parties)s` (the other
    parties, as that organization sees them), and the `values` given."""
    for organization in organizations:
        others = [name for name in names if name != organization.name]
        text = note % {
            "title": partnership.title,
            "parties": joined_text(others),
            **(values or {}),
        }
        history_add(
            organization=organization,
            kind=HistoryEntry.Kind.PARTNERSHIP,
            actor=actor,
            public_note=text if partnership.is_public else "",
            private_note="" if partnership.is_public else text,
            at=now,
        )


# --- Services -------------------------------------------------------------------------------


@transaction.atomic
def partnership_create(
    *,
    user: User,
    organization: Organization,
    title: str,
    scope: str,
    starts_on: date,
    ends_on: date | None,
    is_public: bool,
    signed_text_url: str,
    other_parties: list[Organization],
    outside_parties: list[str],
    now: datetime | None = None,
) -> Partnership:
    """Record a memorandum of understanding of `organization` (for which `user` acts, or
    the committee) with other organizations of the registry and parties outside it."""
    now = now or timezone.now()
    if not rules.can_record_partnership(user, organization):
        raise ServiceError(
            _(
                "Only the people who act for a recognized organization, or the affiliations "
                "committee, can record its partnerships."
            ),
            code="forbidden",
        )
    terms = _terms(
        title=title,
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        is_public=is_public,
        signed_text_url=signed_text_url,
    )
    registry = _distinct([organization, *other_parties])
    outside = _outside_names(outside_parties)
    _refuse_too_few(registry, outside)
    _refuse_unrecognized(registry)
    partnership = Partnership(**asdict(terms), created_by=user)
    _save(partnership)
    PartnershipParty.objects.bulk_create(
        [PartnershipParty(partnership=partnership, organization=party) for party in registry]
        + [PartnershipParty(partnership=partnership, name=name) for name in outside]
    )
    _record(
        partnership=partnership,
        organizations=registry,
        names=[party.name for party in registry] + outside,
        note=_("Partnership with %(parties)s: %(title)s"),
        actor=user,
        now=now,
    )
    return partnership


def _locked(partnership: Partnership) -> tuple[Partnership, list[PartnershipParty]]:
    current = Partnership.objects.select_for_update().get(pk=partnership.pk)
    parties = list(
        PartnershipParty.objects.filter(partnership=current)
        .select_related("organization")
        .prefetch_related("organization__representatives")
    )
    return current, parties


def _refuse_edit(user: User, organizations: list[Organization]) -> None:
    if not rules.can_edit_partnership(user, organizations):
        raise ServiceError(
            _(
                "Only the people who act for one of its parties, or the affiliations "
                "committee, can change a partnership."
            ),
            code="forbidden",
        )


@transaction.atomic
def partnership_update(
    *,
    user: User,
    partnership: Partnership,
    title: str,
    scope: str,
    starts_on: date,
    ends_on: date | None,
    is_public: bool,
    signed_text_url: str,
    organizations: list[Organization],
    outside_parties: list[str],
    now: datetime | None = None,
) -> Partnership:
    """Change what a partnership says and who its parties are (`organizations`: all its
    parties in the registry). An organization is taken out of it only by those who act for
    it or the committee; one added gets its history entry. A new end date more than
    `REMINDER_DAYS` ahead is reminded of again."""
    now = now or timezone.now()
    current, parties = _locked(partnership)
    before = [party.organization for party in parties if party.organization is not None]
    _refuse_edit(user, before)
    terms = _terms(
        title=title,
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        is_public=is_public,
        signed_text_url=signed_text_url,
    )
    registry = _distinct(organizations)
    outside = _outside_names(outside_parties)
    _refuse_too_few(registry, outside)
    kept = {organization.pk for organization in registry}
    removed = [organization for organization in before if organization.pk not in kept]
    for organization in removed:
        if not (rules.is_committee(user) or rules.acts_for(user, organization)):
            raise ServiceError(
                _(
                    "Only the affiliations committee or the people who act for %(name)s can "
                    "take it out of the partnership."
                )
                % {"name": organization.name},
                code="forbidden",
            )
    had = {organization.pk for organization in before}
    added = [organization for organization in registry if organization.pk not in had]
    _refuse_unrecognized(added)
    if terms.ends_on != current.ends_on and (
        terms.ends_on is None or terms.ends_on > now.date() + timedelta(days=REMINDER_DAYS)
    ):
        current.end_reminder_sent_at = None  # remind of the new end when it comes
    for name, value in asdict(terms).items():
        setattr(current, name, value)
    _save(current)
    PartnershipParty.objects.filter(
        Q(organization__in=removed) | Q(organization__isnull=True), partnership=current
    ).delete()
    PartnershipParty.objects.bulk_create(
        [PartnershipParty(partnership=current, organization=party) for party in added]
        + [PartnershipParty(partnership=current, name=name) for name in outside]
    )
    _record(
        partnership=current,
        organizations=added,
        names=[party.name for party in registry] + outside,
        note=_("Partnership with %(parties)s: %(title)s"),
        actor=user,
        now=now,
    )
    return current


@transaction.atomic
def partnership_end(
    *, user: User, partnership: Partnership, ends_on: date, now: datetime | None = None
) -> Partnership:
    """The parties end a partnership on `ends_on` (today, or a later day than today but no
    later than it was to end). No reminder is sent of an end the parties decided."""
    now = now or timezone.now()
    current, parties = _locked(partnership)
    organizations = [party.organization for party in parties if party.organization is not None]
    _refuse_edit(user, organizations)
    if current.ends_on is not None and current.ends_on < now.date():
        raise ServiceError(_("This partnership has already ended."), code="already_ended")
    if ends_on < current.starts_on:
        raise ServiceError(_("A partnership cannot end before it starts."), code="dates_disordered")
    if current.ends_on is not None and ends_on > current.ends_on:
        raise ServiceError(
            _("To end it later than planned, change its end date instead."), code="ends_later"
        )
    current.ends_on = ends_on
    current.end_reminder_sent_at = current.end_reminder_sent_at or now
    _save(current, update_fields=["ends_on", "end_reminder_sent_at"])
    _record(
        partnership=current,
        organizations=organizations,
        names=[_party_name(party) for party in parties],
        note=_("Partnership with %(parties)s ends on %(day)s: %(title)s"),
        actor=user,
        now=now,
        values={"day": format_day(ends_on)},
    )
    return current


def partnership_reminders_send(*, today: date, now: datetime | None = None) -> int:
    """Email the representatives of each party in the registry of every partnership that
    ends within `REMINDER_DAYS` days of `today` (a day the daily task runs), in their own
    language; returns how many emails were queued.

    Each partnership is claimed with a conditional UPDATE (`end_reminder_sent_at IS NULL`)
    in the transaction that queues its emails, so two runs never remind twice. A person who
    represents two of its parties gets one email. Sample data is never reminded of.
    """
    now = now or timezone.now()
    due = list(
        Partnership.objects.filter(
            end_reminder_sent_at__isnull=True,
            is_sample=False,
            ends_on__gte=today,
            ends_on__lte=today + timedelta(days=REMINDER_DAYS),
        )
        .prefetch_related(
            Prefetch("parties", queryset=PartnershipParty.objects.select_related("organization")),
            Prefetch(
                "parties__organization__representatives",
                queryset=User.objects.filter(is_active=True).order_by("pk"),
                to_attr="active_representatives",
            ),
        )
        .order_by("ends_on", "pk")
    )
    sent = 0
    for partnership in due:
        parties = list(partnership.parties.all())
        recipients: dict[int, tuple[User, Organization]] = {}
        for party in parties:
            if party.organization is not None:
                for person in party.organization.active_representatives:  # type: ignore[attr-defined]
                    recipients.setdefault(person.pk, (person, party.organization))
        with transaction.atomic():
            claimed = Partnership.objects.filter(
                pk=partnership.pk, end_reminder_sent_at__isnull=True
            ).update(end_reminder_sent_at=now)
            if not claimed:
                continue
            for person, organization in recipients.values():
                with translation.override(person.preferred_language or "en"):
                    others = joined_text(
                        _party_name(party)
                        for party in parties
                        if party.organization_id != organization.pk
                    )
                email_to_user(
                    user=person,
                    template="organizations/email/partnership_ending",
                    context={
                        "partnership": partnership,
                        "organization": organization,
                        "others": others,
                        "days_left": (partnership.ends_on - today).days,  # type: ignore[operator]
                    },
                )
                sent += 1
    return sent


# --- Selectors ------------------------------------------------------------------------------


def partnership_state(partnership: Partnership, today: date) -> str:
    """ "upcoming", "current" or "ended" on `today`."""
    if partnership.starts_on > today:
        return "upcoming"
    if partnership.ends_on is not None and partnership.ends_on < today:
        return "ended"
    return "current"


def _with_parties(queryset: QuerySet[Partnership]) -> QuerySet[Partnership]:
    return queryset.prefetch_related(
        Prefetch("parties", queryset=PartnershipParty.objects.select_related("organization"))
    )


def _shown(partnerships: list[Partnership], today: date, organization: Organization | None) -> None:
    """What a list shows of each: `state`, `party_names` (each isolated in <bdi>, for
    `|joined`) and `other_names` (the parties but `organization`)."""
    for partnership in partnerships:
        parties = list(partnership.parties.all())
        partnership.state = partnership_state(partnership, today)  # type: ignore[attr-defined]
        partnership.party_names = [bdi(_party_name(party)) for party in parties]  # type: ignore[attr-defined]
        partnership.other_names = [  # type: ignore[attr-defined]
            bdi(_party_name(party))
            for party in parties
            if organization is None or party.organization_id != organization.pk
        ]


def _visible(queryset: QuerySet[Partnership], viewer: Viewer) -> QuerySet[Partnership]:
    """Public ones; all for the committee; private ones for the representatives of their
    parties and the people who may change them (`rules.can_view_partnership`,
    `rules.can_edit_partnership`)."""
    if rules.is_committee(viewer):
        return queryset
    if not viewer.is_authenticated:
        return queryset.filter(is_public=True)
    theirs = PartnershipParty.objects.filter(
        Q(organization__representatives=viewer.pk)
        | Q(
            organization__contact_person=viewer.pk,
            organization__status=Organization.Status.RECOGNIZED,
        )
    ).values("partnership_id")
    return queryset.filter(Q(is_public=True) | Q(pk__in=theirs))


def partnerships_for(
    organization: Organization, viewer: Viewer, *, today: date | None = None
) -> list[Partnership]:
    """The partnerships of `organization` that `viewer` may read, current and upcoming ones
    first, then the ended ones, latest first; in two queries (and the viewer's permissions,
    once per request). Each carries `state`, `party_names` and `other_names` (`_shown`)."""
    today = today or timezone.now().date()
    partnerships = list(
        _with_parties(
            _visible(Partnership.objects.filter(parties__organization=organization), viewer)
        ).order_by("-starts_on", "-pk")
    )
    partnerships.sort(key=lambda partnership: partnership_state(partnership, today) == "ended")
    _shown(partnerships, today, organization)
    return partnerships


def partnership_list_public(
    *, today: date | None = None
) -> tuple[list[Partnership], list[Partnership]]:
    """The public partnerships: (current and upcoming, ended), latest first, in two queries."""
    today = today or timezone.now().date()
    partnerships = list(_with_parties(Partnership.objects.public()).order_by("-starts_on", "-pk"))
    _shown(partnerships, today, None)
    ended = [partnership for partnership in partnerships if partnership.state == "ended"]  # type: ignore[attr-defined]
    return [partnership for partnership in partnerships if partnership not in ended], ended


def partnership_get(*, pk: int, viewer: Viewer, today: date | None = None) -> Partnership | None:
    """The partnership if `viewer` may read it (else None), with its parties, their
    organizations and, for a signed-in viewer, their representatives (for the rules)."""
    queryset = Partnership.objects.filter(pk=pk).prefetch_related(
        Prefetch("parties", queryset=PartnershipParty.objects.select_related("organization"))
    )
    if viewer.is_authenticated:
        queryset = queryset.prefetch_related(
            Prefetch("parties__organization__representatives", queryset=User.objects.only("pk"))
        )
    partnership = queryset.first()
    if partnership is None:
        return None
    organizations = registry_parties(partnership)
    party_ids = {organization.pk for organization in organizations}
    if not (
        rules.can_view_partnership(viewer, partnership, party_ids)
        or rules.can_edit_partnership(viewer, organizations)
    ):
        return None
    _shown([partnership], today or timezone.now().date(), None)
    return partnership


def registry_parties(partnership: Partnership) -> list[Organization]:
    """The organizations of the registry among its parties (prefetched ones are used)."""
    return [
        party.organization for party in partnership.parties.all() if party.organization is not None
    ]


def organization_for_partnership(*, slug: str) -> Organization | None:
    """The organization a partnership is recorded for, with what its rules read."""
    return (
        Organization.objects.filter(slug=slug)
        .prefetch_related(Prefetch("representatives", queryset=User.objects.only("pk")))
        .first()
    )


def partnership_choices(
    *, exclude: Organization | None = None, keep: list[Organization] | None = None
) -> QuerySet[Organization]:
    """The organizations that can be parties: the recognized ones (but `exclude`), and the
    parties a partnership already has (`keep`), by name."""
    condition = Q(status=Organization.Status.RECOGNIZED)
    if keep:
        condition |= Q(pk__in=[organization.pk for organization in keep])
    queryset = Organization.objects.filter(condition)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.only("pk", "name").order_by("name")
