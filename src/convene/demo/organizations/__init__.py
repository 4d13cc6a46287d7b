"""Demo data of the registry: the five models of affiliation, sample chapters and user groups
across the seven regions, the movement partners seed 004 names, and their records.

Loaded at the end of `python -m convene load_demo`, after the demo accounts and events:

- the models of affiliation (`models_of_affiliation.load()`) and an "Affiliations committee"
  group of five demo people;
- recognized organizations whose yearly reports were accepted, one with a report waiting
  for the committee, one with a report overdue (its out-of-compliance level raised), one
  suspended after the schedule proposed it, one recognized weeks ago (still provisional);
- applications standing at each step: received, criteria review, an interview in the coming
  days (a committee member stepped aside), the committee's vote (some votes cast; a member
  who applied is recused), deferred with reasons, declined with the date it may apply again;
- PediaPress, the Centre for Internet and Society and the Wiki Education Foundation as
  movement partners, a model that was never official: their status is sample data;
- the library and chapter memorandum of seed 004, ending in 40 days; and sample
  organizations hosting the two upcoming demo events.

Every sample organization says so in its name and is marked as sample data. Idempotent:
organizations are matched by their short name in the address, the memorandum by its title,
and whatever exists is left as it is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation

from convene.accounts.models import User
from convene.demo.events.people import ORGANIZER_EMAIL, PARTICIPANTS
from convene.events.models import Event
from convene.organizations.models import (
    AffiliationModel,
    Application,
    EventHost,
    HistoryEntry,
    Organization,
    Partnership,
    PartnershipParty,
    Report,
    Vote,
)
from convene.organizations.reporting import fiscal_year_label, fiscal_year_start
from convene.organizations.services import add_months
from convene.organizations.tasks import registry_daily_schedule

from . import build, models_of_affiliation
from .build import Context, Timeline, days_ago, moment
from .samples import COMMITTEE, COMMITTEE_GROUP, HOSTS, MEMORANDUM, SAMPLES, SLUGS, Sample

__all__ = ["SLUGS", "load", "remove"]

Log = Callable[[str], None]
Step = Application.Step
Status = Organization.Status


def _people() -> dict[str, User] | None:
    """The demo accounts by their key ("organizer" for the organizer); None if one is missing."""
    keys = {ORGANIZER_EMAIL: "organizer", **{person.email: person.key for person in PARTICIPANTS}}
    found = {
        keys[user.email.lower()]: user
        for user in User.objects.filter(email__in=keys)
        if user.email.lower() in keys
    }
    return found if len(found) == len(keys) else None


def _committee(people: dict[str, User]) -> list[User]:
    """The committee's group with its permission and five members; the members, then the
    organizer (a superuser, who holds every permission)."""
    group, _created = Group.objects.get_or_create(name=COMMITTEE_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="organizations", codename="act_as_committee")
    )
    members = [people[key] for key in COMMITTEE]
    for member in members:
        member.groups.add(group)
    return [*members, people["organizer"]]


# --- Each organization's story ------------------------------------------------------------


def _recognized(
    sample: Sample, context: Context, *, missing: date | None = None, waiting: date | None = None
) -> Organization:
    """Recognized on its date, every report since accepted (but those `missing` and `waiting`)."""
    organization = build.organization_create(sample, context, status=Status.APPLYING)
    assert sample.recognized_on is not None
    build.recognize(organization, sample, context, moment(sample.recognized_on, 16))
    build.reports_create(organization, sample, context, missing=missing, waiting=waiting)
    return organization


def _waiting(sample: Sample, context: Context) -> Organization:
    """Its latest fiscal year ended a month or two ago; its reports are sent, not reviewed."""
    period_end = build.month_end_before(context.today - timedelta(days=25))
    sample = dataclasses.replace(sample, fiscal_year_start_month=build.fiscal_start_for(period_end))
    return _recognized(sample, context, waiting=period_end)


def _overdue_period(
    sample: Sample, context: Context, *, at_least: int, below: int
) -> tuple[Sample, date, date]:
    """The sample with its fiscal year moved so that its latest reports were due between
    `at_least` and `below` days ago; the end of that fiscal year and the due date."""
    months = context.models[sample.model].report_months
    due_on = build.overdue_due_on(context.today, at_least=at_least, below=below)
    period_end = build.period_end_due_on(due_on, months)
    return (
        dataclasses.replace(sample, fiscal_year_start_month=build.fiscal_start_for(period_end)),
        period_end,
        due_on,
    )


def _overdue(sample: Sample, context: Context) -> Organization:
    """Its activity report has been overdue for 30 to 59 days: level 2."""
    sample, period_end, due_on = _overdue_period(sample, context, at_least=30, below=60)
    organization = _recognized(sample, context, missing=period_end)
    build.overdue_history(organization, context, due_on)
    return organization


def _suspended(sample: Sample, context: Context) -> Organization:
    """Its activity report has been overdue for two and a half months or more: the schedule
    proposed suspension at level 3 and the committee suspended it."""
    sample, period_end, due_on = _overdue_period(sample, context, at_least=75, below=120)
    organization = _recognized(sample, context, missing=period_end)
    start = fiscal_year_start(sample.fiscal_year_start_month, period_end)
    year = fiscal_year_label(start, period_end)
    reason = (
        f"The activity report for the fiscal year {year} was not sent, and the reminders "
        "went unanswered. Recognition is suspended until the group sends it; the committee "
        "then reinstates the group."
    )
    build.suspension_history(organization, context, due_on, reason)
    return organization


def _recent(sample: Sample, context: Context) -> Organization:
    """Recognized 80 days ago: in its provisional year."""
    organization = build.organization_create(sample, context, status=Status.APPLYING)
    build.recognize(organization, sample, context, days_ago(context.now, 80, 16))
    build.reports_create(organization, sample, context)
    return organization


def _applying(sample: Sample, context: Context) -> Organization:
    """An application under review, at the step the sample's story names."""
    now = context.now
    organization = build.organization_create(sample, context, status=Status.APPLYING)
    timelines: dict[str, Timeline] = {
        Step.RECEIVED: Timeline(submitted=days_ago(now, 2, 14)),
        Step.CRITERIA_REVIEW: Timeline(
            submitted=days_ago(now, 12, 8), criteria_review=days_ago(now, 9, 9)
        ),
        Step.INTERVIEW: Timeline(
            submitted=days_ago(now, 30, 16),
            criteria_review=days_ago(now, 27, 10),
            interview_step=days_ago(now, 10, 10),
            interview_scheduled=days_ago(now, 8, 11),
            interview_at=moment(context.today + timedelta(days=3), 14),
        ),
        Step.VOTE: Timeline(
            submitted=days_ago(now, 60, 12),
            criteria_review=days_ago(now, 57, 9),
            interview_step=days_ago(now, 45, 10),
            interview_scheduled=days_ago(now, 44, 11),
            interview_at=days_ago(now, 35, 15),
            vote_step=days_ago(now, 20, 9),
            votes=tuple(days_ago(now, days, 18) for days in (18, 15, 12, 5)),
        ),
    }
    step = sample.story
    application = build.application_create(
        organization,
        sample,
        context,
        timelines[step],
        step=step,
        # Four of the five members not tied to the applicant have voted; the demo organizer
        # has not: their vote makes the quorum.
        choices=("yes", "yes", "abstain", "yes") if step == Step.VOTE else (),
        interview_url=(
            "https://meet.example.org/sample-interview" if step == Step.INTERVIEW else ""
        ),
    )
    build.status_set(organization, Status.APPLYING, timelines[step].submitted)
    people = context.people
    if step == Step.INTERVIEW:
        build.recusal(
            organization,
            application,
            people["kaveri"],
            "I co-organized a workshop with two of the applicants last year.",
            days_ago(now, 9, 12),
        )
    if step == Step.VOTE:
        build.comment(
            application,
            people["komodo"],
            "We ran a photo walk with this group last year: well organized, and the photos "
            "are on Commons.",
            days_ago(now, 50, 13),
        )
        build.comment(
            application,
            people["ipe"],
            "Trabajamos con ellos en un concurso de artículos: un grupo muy activo.",
            days_ago(now, 48, 20),
        )
    return organization


def _decided(sample: Sample, context: Context) -> Organization:
    """An application deferred after the interview, or declined at the criteria review."""
    now = context.now
    organization = build.organization_create(sample, context, status=Status.APPLYING)
    if sample.story == Step.DEFERRED:
        timeline = Timeline(
            submitted=days_ago(now, 95, 9),
            criteria_review=days_ago(now, 90, 10),
            interview_step=days_ago(now, 75, 10),
            interview_scheduled=days_ago(now, 74, 11),
            interview_at=days_ago(now, 65, 13),
            decided=days_ago(now, 25, 15),
        )
    else:
        timeline = Timeline(
            submitted=days_ago(now, 100, 9),
            criteria_review=days_ago(now, 96, 10),
            decided=days_ago(now, 40, 15),
        )
    build.application_create(organization, sample, context, timeline, step=sample.story)
    if sample.story == Step.DECLINED:
        build.status_set(organization, Status.NOT_RECOGNIZED, timeline.decided)
    else:
        build.status_set(organization, Status.APPLYING, timeline.submitted)
    return organization


def _partner(sample: Sample, context: Context) -> Organization:
    """A movement partner of seed 004: listed, with its status marked as sample data."""
    organization = build.organization_create(sample, context, status=Status.RECOGNIZED)
    build.history(
        organization,
        HistoryEntry.Kind.RECORD_UPDATED,
        context.now - timedelta(hours=1),
        actor=context.people["organizer"],
        to_status=Status.RECOGNIZED,
        public_note=(
            "Listed as a movement partner, a proposed model that was never official: this "
            "status is sample data of the Convene demo."
        ),
    )
    return organization


STORIES: dict[str, Callable[[Sample, Context], Organization]] = {
    "recognized": _recognized,
    "waiting": _waiting,
    "overdue": _overdue,
    "suspended": _suspended,
    "recent": _recent,
    Step.RECEIVED: _applying,
    Step.CRITERIA_REVIEW: _applying,
    Step.INTERVIEW: _applying,
    Step.VOTE: _applying,
    Step.DEFERRED: _decided,
    Step.DECLINED: _decided,
    "partner": _partner,
}


# --- The memorandum and the hosts ---------------------------------------------------------------


def _memorandum(context: Context) -> bool:
    memorandum = MEMORANDUM
    if Partnership.objects.filter(title=memorandum.title).exists():
        return False
    chapter = Organization.objects.filter(slug=memorandum.chapter).first()
    if chapter is None:
        return False
    ends_on = context.today + timedelta(days=memorandum.days_left)
    starts_on = add_months(ends_on, -12 * memorandum.years) + timedelta(days=1)
    recorded_by = context.people[memorandum.recorded_by]
    partnership = Partnership(
        title=memorandum.title,
        scope=memorandum.scope,
        starts_on=starts_on,
        ends_on=ends_on,
        is_public=True,
        created_by=recorded_by,
        is_sample=True,
    )
    partnership.full_clean()
    partnership.save()
    recorded = moment(starts_on, 12)
    Partnership.objects.filter(pk=partnership.pk).update(created_at=recorded)
    PartnershipParty.objects.bulk_create(
        [
            PartnershipParty(partnership=partnership, organization=chapter),
            PartnershipParty(partnership=partnership, name=memorandum.library),
        ]
    )
    build.history(
        chapter,
        HistoryEntry.Kind.PARTNERSHIP,
        recorded,
        actor=recorded_by,
        public_note=f"Partnership with {memorandum.library}: {memorandum.title}",
    )
    return True


def _hosts() -> int:
    added = 0
    events = {event.slug: event for event in Event.objects.filter(slug__in=HOSTS)}
    organizations = {
        organization.slug: organization
        for organization in Organization.objects.filter(
            slug__in=[slug for slugs in HOSTS.values() for slug in slugs]
        )
    }
    for event_slug, slugs in HOSTS.items():
        event = events.get(event_slug)
        for slug in slugs:
            if event is not None and slug in organizations:
                _host, made = EventHost.objects.get_or_create(
                    event=event, organization=organizations[slug]
                )
                added += made
    return added


# --- Loading and removing ---------------------------------------------------------------------


@transaction.atomic
def load(*, log: Log = print, now: datetime | None = None) -> None:
    """Add the models of affiliation, the committee and the organizations that are missing."""
    now = (now or timezone.now()).replace(microsecond=0)
    with translation.override("en"):
        models = models_of_affiliation.load()
        people = _people()
        if people is None:
            log("registry: organizations skipped, the demo accounts are missing")
            return
        context = Context(now=now, models=models, people=people, committee=_committee(people))
        existing = set(Organization.objects.filter(slug__in=SLUGS).values_list("slug", flat=True))
        added = [
            STORIES[sample.story](sample, context)
            for sample in SAMPLES
            if sample.slug not in existing
        ]
        memorandum = _memorandum(context)
        hosts = _hosts()
    # The demo stands as of today; from tomorrow the worker keeps its schedule and reminders.
    registry_daily_schedule(day=now.date() + timedelta(days=1))
    if added or memorandum or hosts:
        log(
            f"registry: {len(models)} models of affiliation, {len(added)} organizations added "
            f"({len(SAMPLES) - len(added)} in place), {int(memorandum)} memorandum, {hosts} "
            "event hosts; committee: " + ", ".join(COMMITTEE)
        )
    else:
        log(f"registry: its {len(SAMPLES)} demo organizations are in place, left as they are")


@transaction.atomic
def remove(*, log: Log = print) -> None:
    """Delete the demo organizations with everything on their record (their history too,
    which only this may erase), and the models of affiliation no other organization uses."""
    organizations = Organization.objects.filter(slug__in=SLUGS)
    ids = list(organizations.values_list("pk", flat=True))
    log(f"removing {len(ids)} demo organizations")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the history's guard lets this transaction erase
            cursor.execute("SET LOCAL convene.history_erase = 'on'")
    HistoryEntry._base_manager.filter(organization_id__in=ids).delete()
    Vote.objects.filter(application__organization_id__in=ids).delete()
    Application.objects.filter(organization_id__in=ids).delete()
    Report.objects.filter(organization_id__in=ids).delete()
    Partnership.objects.filter(parties__organization_id__in=ids).delete()
    organizations.delete()
    AffiliationModel.objects.filter(slug__in=models_of_affiliation.MODELS).exclude(
        Exists(Organization.objects.filter(affiliation_model=OuterRef("pk")))
    ).exclude(Exists(Application.objects.filter(affiliation_model=OuterRef("pk")))).delete()
