"""Yearly reports and compliance: what each recognized organization owes and by when, the
committee's review, the reminders, and the out-of-compliance schedule.

What is owed
------------
An organization's fiscal year starts on the first day of `fiscal_year_start_month` and ends
on the last day of the month before it (31 December for a year starting in January, 30 June
for one starting in July). For each fiscal year that ENDED on or after the organization's
`recognized_on` and on or before today, it owes one report of each kind its model of
affiliation requires (an activity report when `requires_activity_report`, a financial
statement when `requires_financial_statement`). Each is due on the LAST DAY of the month
`report_months` after the month the fiscal year ends in (31 December + 4 months is 30 April;
29 February 2028 + 4 is 30 June; 31 October + 4 is 28 or 29 February). Only a recognized or
suspended organization owes reports; any other owes nothing (a derecognized one submits none).

The periods of the reports on record are kept as they were submitted: should the
organization change the month its fiscal year starts, a computed year that overlaps one on
record is not owed again, so the years already reported on do not turn into missing ones.

An obligation's state is that of its reports: accepted, else submitted (waiting for the
committee), else returned (the organization sends a new one), else missing. A missing or
returned report is overdue from the day after its due date; a submitted one is not (the
organization did its part).

Compliance
----------
While a report is overdue, the out-of-compliance level is `min(5, 1 + days // 30)` for the
most overdue one: 1 on the first day overdue, one more every 30 days; 0 when nothing is
overdue. When the level reaches 3 the schedule PROPOSES suspension, at 5 derecognition; the
committee confirms a proposal (a change of status) or dismisses it. Nothing here changes an
organization's status.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.accounts.models import User
from convene.core import languages
from convene.core.errors import ServiceError
from convene.core.mail import email_to_user

from . import rules
from .models import (
    COMPLIANCE_MAX,
    AffiliationModel,
    HistoryEntry,
    Organization,
    Report,
    ReportReminder,
)
from .partnerships import partnership_reminders_send
from .services import committee_members, history_add

Kind = Report.Kind
State = Report.State
Status = Organization.Status
Proposal = Organization.Proposal
Entry = HistoryEntry.Kind

# The kinds in the order pages and emails list them.
KINDS = (Kind.ACTIVITY, Kind.FINANCIAL)
# Statuses under which an organization owes reports (and may submit them).
REPORTING = (Status.RECOGNIZED, Status.SUSPENDED)
# The first reminder goes this many days before the due date.
REMINDER_DAYS = 30
# The out-of-compliance level rises by one every this many days overdue.
LEVEL_DAYS = 30
PROPOSE_SUSPENSION_AT = 3
PROPOSE_DERECOGNITION_AT = COMPLIANCE_MAX
BODY_MAX = 50000
ALREADY_SUBMITTED = _(
    "A report of this kind for this fiscal year is already submitted; a new one can be sent only if the committee returns it."
)


# --- Dates -------------------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def fiscal_year_end(start_month: int, year: int) -> date:
    """The last day of the fiscal year that starts in `start_month` and ends in the calendar
    year `year`: the last day of the month before `start_month` (31 December of `year` for a
    year starting in January, 30 June of `year` for one starting in July)."""
    if not 1 <= start_month <= 12:
        raise ValueError(f"a month is 1 to 12, not {start_month}")
    return month_end(year, start_month - 1 or 12)


def fiscal_year_start(start_month: int, end: date) -> date:
    """The first day of the fiscal year that starts in `start_month` and ends on `end`."""
    return date(end.year if start_month == 1 else end.year - 1, start_month, 1)


def report_due_on(period_end: date, months: int) -> date:
    """The last day of the month `months` after the month `period_end` is in."""
    index = period_end.month - 1 + months
    return month_end(period_end.year + index // 12, index % 12 + 1)


def fiscal_year_ends(start_month: int, since: date, until: date) -> list[date]:
    """Every fiscal year end from `since` to `until` (both included), the oldest first."""
    ends: list[date] = []
    year = since.year
    while (end := fiscal_year_end(start_month, year)) <= until:
        if end >= since:
            ends.append(end)
        year += 1
    return ends


def fiscal_year_label(period_start: date, period_end: date) -> str:
    """ "2025" for a calendar year, "2025–2026" for one that spans two (as the registry's
    pages name a fiscal year)."""
    start, end = period_start.year, period_end.year
    return str(end) if start == end else f"{start}–{end}"


# --- What is owed ------------------------------------------------------------------------


class ObligationState:
    ACCEPTED = State.ACCEPTED.value
    SUBMITTED = State.SUBMITTED.value
    RETURNED = State.RETURNED.value
    MISSING = "missing"


STATE_LABELS = {
    ObligationState.ACCEPTED: _("Accepted"),
    ObligationState.SUBMITTED: _("Submitted, waiting for the committee"),
    ObligationState.RETURNED: _("Returned: a new report is needed"),
    ObligationState.MISSING: _("Not submitted"),
}


@dataclass(frozen=True)
class Obligation:
    """One report an organization owes: of `kind`, for the fiscal year `period_start` to
    `period_end`, due on `due_on`; `report` is the standing report (submitted or accepted),
    else the latest returned one, else None."""

    kind: str
    period_start: date
    period_end: date
    due_on: date
    state: str
    overdue_days: int = 0
    report: Report | None = None

    @property
    def is_overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def needs_report(self) -> bool:
        """Missing or returned: the organization has a report to send."""
        return self.state in (ObligationState.MISSING, ObligationState.RETURNED)

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def fiscal_year(self) -> str:
        return fiscal_year_label(self.period_start, self.period_end)

    @property
    def level(self) -> int:
        """The out-of-compliance level this obligation alone would give."""
        return compliance_level_for(self.overdue_days)


def compliance_level_for(days_overdue: int) -> int:
    """0 when not overdue; 1 on the first day overdue, one more every 30 days, at most 5."""
    if days_overdue <= 0:
        return 0
    return min(COMPLIANCE_MAX, 1 + days_overdue // LEVEL_DAYS)


def required_kinds(affiliation_model: AffiliationModel) -> list[str]:
    """The kinds of report a model of affiliation requires, in the order pages list them."""
    required = {
        Kind.ACTIVITY: affiliation_model.requires_activity_report,
        Kind.FINANCIAL: affiliation_model.requires_financial_statement,
    }
    return [kind.value for kind in KINDS if required[kind]]


def _reports_of(organization: Organization) -> list[Report]:
    """The organization's reports (a prefetch of `reports` is used when there is one)."""
    return list(organization.reports.all())


def _state_of(reports: list[Report]) -> tuple[str, Report | None]:
    for state in (State.ACCEPTED, State.SUBMITTED, State.RETURNED):
        matching = [report for report in reports if report.state == state]
        if matching:
            return state.value, max(matching, key=lambda report: (report.submitted_at, report.pk))
    return ObligationState.MISSING, None


def _periods(organization: Organization, reports: list[Report], until: date) -> list[date]:
    """The ends of the fiscal years owed up to `until`: those on record, and the computed
    ones that overlap none on record."""
    since = organization.recognized_on
    if since is None:
        return []
    recorded = {
        (report.period_start, report.period_end)
        for report in reports
        if since <= report.period_end <= until
    }
    start_month = organization.fiscal_year_start_month
    ends = {end for _start, end in recorded}
    for end in fiscal_year_ends(start_month, since, until):
        start = fiscal_year_start(start_month, end)
        if not any(
            start <= other_end and end >= other_start for other_start, other_end in recorded
        ):
            ends.add(end)
    return sorted(ends)


def owes_reports(organization: Organization) -> bool:
    return (
        organization.status in REPORTING
        and organization.recognized_on is not None
        and bool(required_kinds(organization.affiliation_model))
    )


def reports_owed(organization: Organization, today: date) -> list[Obligation]:
    """Every report the organization owes (see the module's docstring), oldest fiscal year
    first, the kinds in their order. No query when `reports` and `affiliation_model` were
    read with the organization, else one each."""
    if not owes_reports(organization):
        return []
    model = organization.affiliation_model
    kinds = required_kinds(model)
    reports = _reports_of(organization)
    obligations: list[Obligation] = []
    for end in _periods(organization, reports, today):
        on_record = [report for report in reports if report.period_end == end]
        start = (
            on_record[0].period_start
            if on_record
            else fiscal_year_start(organization.fiscal_year_start_month, end)
        )
        due_on = report_due_on(end, model.report_months)
        for kind in kinds:
            state, report = _state_of([report for report in on_record if report.kind == kind])
            late = state in (ObligationState.MISSING, ObligationState.RETURNED) and today > due_on
            obligations.append(
                Obligation(
                    kind=kind,
                    period_start=start,
                    period_end=end,
                    due_on=due_on,
                    state=state,
                    overdue_days=(today - due_on).days if late else 0,
                    report=report,
                )
            )
    return obligations


def next_due(organization: Organization, today: date) -> Obligation | None:
    """The earliest report owed that is not accepted yet; when every one is, the first report
    of the fiscal year under way (its due date ahead). None for an organization that owes no
    reports."""
    owed = reports_owed(organization, today)
    for obligation in owed:  # ordered by fiscal year, so by due date
        if obligation.state != ObligationState.ACCEPTED:
            return obligation
    if not owes_reports(organization):
        return None
    start_month = organization.fiscal_year_start_month
    latest = max((obligation.period_end for obligation in owed), default=today)
    end = fiscal_year_end(start_month, latest.year)
    while end <= max(latest, today):
        end = fiscal_year_end(start_month, end.year + 1)
    return Obligation(
        kind=required_kinds(organization.affiliation_model)[0],
        period_start=fiscal_year_start(start_month, end),
        period_end=end,
        due_on=report_due_on(end, organization.affiliation_model.report_months),
        state=ObligationState.MISSING,
    )


def overdue_obligations(organization: Organization, today: date) -> list[Obligation]:
    return [obligation for obligation in reports_owed(organization, today) if obligation.is_overdue]


def reporting_organizations() -> list[Organization]:
    """Every organization that owes reports (or will, once a fiscal year ends); only their
    ids are read: the services read each afresh."""
    return list(
        Organization.objects.filter(status__in=REPORTING, recognized_on__isnull=False)
        .order_by("pk")
        .only("pk")
    )


# --- Submitting and reviewing --------------------------------------------------------------


def _check_body(body: str, link: str, language: str) -> None:
    if not body.strip():
        raise ServiceError(_("Write the report: it is published on the registry."), code="empty")
    if len(body) > BODY_MAX:
        raise ServiceError(
            _("The report is too long: put the full text behind a link and summarize it here."),
            code="too_long",
        )
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError as error:
            raise ServiceError(
                _("The link is not a web address (https://…)."), code="invalid_link"
            ) from error
    if language not in languages.CONTENT:
        raise ServiceError(_("Choose the language the report is written in."), code="language")


@transaction.atomic
def report_submit(
    *,
    user: User,
    organization: Organization,
    kind: str,
    period_end: date,
    body: str,
    link: str = "",
    language: str,
    now: datetime | None = None,
) -> Report:
    """Those who act for a recognized or suspended organization submit one report it owes
    (`kind` for the fiscal year ending on `period_end`). A report already standing (submitted
    or accepted) for that year and kind is not replaced: only a returned one is followed by
    a new one. Public history entry; the committee is emailed."""
    now = now or timezone.now()
    if not rules.acts_for(user, organization):
        raise ServiceError(
            _("Only the people who act for an organization can submit its reports."),
            code="forbidden",
        )
    # Locked, so two submissions of the same report wait for each other; read afresh.
    locked = (
        Organization.objects.select_for_update(of=("self",))
        .select_related("affiliation_model")
        .get(pk=organization.pk)
    )
    if not rules.can_submit_report(user, locked):
        raise ServiceError(
            _(
                "Only a recognized or suspended organization submits reports; this one is “%(status)s”."
            )
            % {"status": Status(locked.status).label},
            code="organization_inactive",
        )
    if kind not in Kind.values:
        raise ServiceError(_("Choose the kind of report."), code="invalid_kind")
    obligation = next(
        (
            owed
            for owed in reports_owed(locked, now.date())
            if owed.kind == kind and owed.period_end == period_end
        ),
        None,
    )
    if obligation is None:
        raise ServiceError(
            _("This organization owes no such report: choose one of the fiscal years listed."),
            code="not_owed",
        )
    if not obligation.needs_report:
        raise ServiceError(
            ALREADY_SUBMITTED,
            code="already_submitted",
        )
    _check_body(body, link, language)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                organization=locked,
                kind=kind,
                period_start=obligation.period_start,
                period_end=obligation.period_end,
                due_on=obligation.due_on,
                body=body,
                link=link,
                language=language,
                submitted_by=user,
            )
    except IntegrityError as error:  # report_one_standing_per_year: another got in first
        raise ServiceError(
            ALREADY_SUBMITTED,
            code="already_submitted",
        ) from error
    history_add(
        organization=locked,
        kind=Entry.REPORT_SUBMITTED,
        actor=user,
        public_note=_report_text(report),
        at=now,
    )
    for member in committee_members():
        if member.pk != user.pk:
            email_to_user(
                user=member,
                template="organizations/email/report_submitted",
                context=_email_context(report, locked),
            )
    return report


def _report_text(report: Report) -> str:
    return str(
        _("%(kind)s, fiscal year %(year)s")
        % {
            "kind": Kind(report.kind).label,
            "year": fiscal_year_label(report.period_start, report.period_end),
        }
    )


def _email_context(report: Report, organization: Organization) -> dict[str, object]:
    return {
        "report": report,
        "organization": organization,
        "fiscal_year": fiscal_year_label(report.period_start, report.period_end),
    }


def _refuse_review(user: User, report: Report) -> None:
    if not rules.is_committee(user):
        raise ServiceError(_("Only the affiliations committee can do this."), code="forbidden")
    if rules.is_tied_to_organization(user, report.organization):
        raise ServiceError(
            _(
                "You act for this organization or are its liaison, so you take no part in the review of its reports."
            ),
            code="recused",
        )


def _review(*, user: User, report: Report, to_state: str, note: str, now: datetime) -> None:
    """Move the report from submitted to `to_state`; refused if someone reviewed it first."""
    changes = {"state": to_state, "reviewed_by": user, "reviewed_at": now, "review_note": note}
    moved = Report.objects.filter(pk=report.pk, state=State.SUBMITTED).update(**changes)
    if not moved:
        raise ServiceError(
            _("This report is already reviewed: reload the page."), code="already_reviewed"
        )
    for name, value in changes.items():
        setattr(report, name, value)


def _tell_submitter(report: Report, organization: Organization, template: str) -> None:
    """The submitter hears of the committee's review; the contact person when the submitter's
    account is gone."""
    person = report.submitted_by or organization.contact_person
    if person is not None and person.is_active:
        email_to_user(
            user=person,
            template=f"organizations/email/{template}",
            context=_email_context(report, organization),
        )


@transaction.atomic
def report_accept(
    *, user: User, report: Report, note: str = "", now: datetime | None = None
) -> Report:
    """The committee (not a member who acts for the organization) accepts a submitted report.
    Acceptance renews a recognized organization's recognition (`renewed_on` is today; a
    provisional period keeps its end); when no other report is overdue, the
    out-of-compliance level goes back to 0 and what the schedule proposed is withdrawn.
    Public history entries; the submitter is emailed."""
    now = now or timezone.now()
    today = now.date()
    _refuse_review(user, report)
    _review(user=user, report=report, to_state=State.ACCEPTED, note=note.strip(), now=now)
    organization = (
        Organization.objects.select_for_update(of=("self",))
        .select_related("affiliation_model")
        .get(pk=report.organization_id)
    )
    report.organization = organization
    text = _report_text(report)
    history_add(
        organization=organization, kind=Entry.REPORT_ACCEPTED, actor=user, public_note=text, at=now
    )
    if organization.status == Status.RECOGNIZED:
        organization.renewed_on = today
        organization.save(update_fields=["renewed_on", "updated_at"])
        history_add(
            organization=organization, kind=Entry.RENEWED, actor=user, public_note=text, at=now
        )
    if not overdue_obligations(organization, today):
        _level_set(organization, 0, actor=user, now=now)
        _proposal_lapse(organization, actor=user, now=now)
    _tell_submitter(report, organization, "report_accepted")
    return report


@transaction.atomic
def report_return(*, user: User, report: Report, note: str, now: datetime | None = None) -> Report:
    """The committee returns a submitted report, saying what it lacks (public); the
    organization submits a new one for the same year. The submitter is emailed."""
    now = now or timezone.now()
    _refuse_review(user, report)
    if not note.strip():
        raise ServiceError(
            _("Say what the report lacks: the organization and the public read it."),
            code="reason_missing",
        )
    _review(user=user, report=report, to_state=State.RETURNED, note=note.strip(), now=now)
    organization = report.organization
    history_add(
        organization=organization,
        kind=Entry.REPORT_RETURNED,
        actor=user,
        public_note=str(
            _("%(report)s. The committee's note: %(note)s")
            % {"report": _report_text(report), "note": note.strip()}
        ),
        at=now,
    )
    _tell_submitter(report, organization, "report_returned")
    return report


# --- Compliance -----------------------------------------------------------------------------


def _level_set(
    organization: Organization, level: int, *, actor: User | None, now: datetime
) -> bool:
    """Set the out-of-compliance level, with a public history entry when it changes."""
    before = organization.compliance_level
    if level == before:
        return False
    Organization.objects.filter(pk=organization.pk).update(compliance_level=level, updated_at=now)
    organization.compliance_level = level
    history_add(
        organization=organization,
        kind=Entry.COMPLIANCE,
        actor=actor,
        public_note=str(
            _("Out-of-compliance level from %(from)d to %(to)d.") % {"from": before, "to": level}
        ),
        at=now,
    )
    return True


def _proposal_lapse(organization: Organization, *, actor: User | None, now: datetime) -> bool:
    """Withdraw what the schedule proposed once nothing is overdue, saying so publicly."""
    if not organization.proposal:
        return False
    Organization.objects.filter(pk=organization.pk).update(proposal="", updated_at=now)
    organization.proposal = ""
    history_add(
        organization=organization,
        kind=Entry.PROPOSAL_DISMISSED,
        actor=actor,
        public_note=str(_("No report is overdue any more: the proposal is withdrawn.")),
        at=now,
    )
    return True


def _propose(organization: Organization, proposal: str, *, now: datetime) -> None:
    Organization.objects.filter(pk=organization.pk).update(proposal=proposal, updated_at=now)
    organization.proposal = proposal
    note = (
        _("Suspension proposed at out-of-compliance level %(level)d; the committee decides.")
        if proposal == Proposal.SUSPEND
        else _(
            "Derecognition proposed at out-of-compliance level %(level)d; the committee decides."
        )
    )
    history_add(
        organization=organization,
        kind=Entry.PROPOSED,
        public_note=str(note % {"level": organization.compliance_level}),
        at=now,
    )
    for member in committee_members():
        email_to_user(
            user=member,
            template="organizations/email/report_proposal",
            context={"organization": organization, "proposal": Proposal(proposal).label},
        )


@transaction.atomic
def compliance_update(*, organization: Organization, today: date) -> list[str]:
    """Bring the organization's out-of-compliance level to what its overdue reports give
    (see the module's docstring) and propose what the schedule calls for: suspension when
    the level reaches 3 (for a recognized organization), derecognition when it reaches 5.
    A proposal is made when the level crosses its threshold, so one the committee dismissed
    is not made again the next day; it is withdrawn when nothing is overdue any more. The
    status itself never changes here. Running it twice the same day changes nothing.

    Returns what changed: "level 1→3", "proposed suspend", "proposal withdrawn".
    """
    now = timezone.now()
    current = (
        Organization.objects.select_for_update(of=("self",))
        .select_related("affiliation_model")
        .get(pk=organization.pk)
    )
    changes: list[str] = []
    if current.status not in REPORTING:
        return changes
    days = max((o.overdue_days for o in overdue_obligations(current, today)), default=0)
    before, level = current.compliance_level, compliance_level_for(days)
    if _level_set(current, level, actor=None, now=now):
        changes.append(f"level {before}→{level}")
    if level == 0 and _proposal_lapse(current, actor=None, now=now):
        changes.append("proposal withdrawn")
    proposal = ""
    if before < PROPOSE_DERECOGNITION_AT <= level:
        proposal = Proposal.DERECOGNIZE
    elif before < PROPOSE_SUSPENSION_AT <= level and current.status == Status.RECOGNIZED:
        proposal = Proposal.SUSPEND
    if proposal and current.proposal != proposal:
        _propose(current, proposal, now=now)
        changes.append(f"proposed {proposal}")
    organization.compliance_level = current.compliance_level
    organization.proposal = current.proposal
    return changes


# --- Reminders ------------------------------------------------------------------------------


def _reminder_when(obligation: Obligation, today: date) -> str | None:
    """Which reminder an unsent report calls for today: "due" on or after its due date (so a
    missed day is caught up), "before" in the 30 days before it, else none."""
    if today >= obligation.due_on:
        return ReportReminder.When.DUE
    if today >= obligation.due_on - timedelta(days=REMINDER_DAYS):
        return ReportReminder.When.BEFORE
    return None


def _claim(organization: Organization, period_end: date, when: str) -> bool:
    """Insert the reminder's row; False when it is there already (sent, or being sent by
    another worker, which this insert waits for)."""
    try:
        with transaction.atomic():
            ReportReminder.objects.create(
                organization=organization, period_end=period_end, when=when
            )
    except IntegrityError:
        return False
    return True


def report_reminders_send(*, today: date) -> int:
    """Remind those who act for each organization owing reports of every report not yet
    submitted: 30 days before it is due ("before"), and once it is due ("due"; on a later
    day if the job missed that one). Each reminder, for one fiscal year (its kinds
    together), is claimed by inserting its `ReportReminder` row before the emails are queued
    in the same transaction, so it is sent once even by two workers at the same time. Each
    person gets the email in their own language. Returns how many reminders were sent."""
    organizations = (
        Organization.objects.filter(status__in=REPORTING, recognized_on__isnull=False)
        .select_related("affiliation_model", "contact_person")
        .prefetch_related(
            "reports",
            "report_reminders",
            Prefetch("representatives", queryset=User.objects.filter(is_active=True)),
        )
        .order_by("pk")
    )
    sent = 0
    for organization in organizations:
        done = {
            (reminder.period_end, reminder.when) for reminder in organization.report_reminders.all()
        }
        due: dict[tuple[date, str], list[Obligation]] = {}
        for obligation in reports_owed(organization, today):
            when = _reminder_when(obligation, today) if obligation.needs_report else None
            if when is not None and (obligation.period_end, when) not in done:
                due.setdefault((obligation.period_end, when), []).append(obligation)
        if not due:
            continue
        people = list(organization.representatives.all())
        contact = organization.contact_person
        if contact is not None and contact.is_active and contact.pk not in {p.pk for p in people}:
            people.append(contact)
        for (period_end, when), obligations in due.items():
            with transaction.atomic():
                if not _claim(organization, period_end, when):
                    continue
                for person in people:
                    email_to_user(
                        user=person,
                        template=f"organizations/email/report_reminder_{when}",
                        context={
                            "organization": organization,
                            "obligations": obligations,
                            "due_on": obligations[0].due_on,
                            "fiscal_year": obligations[0].fiscal_year,
                            "period_end": period_end,
                        },
                    )
                sent += 1
    return sent


# --- Every day ----------------------------------------------------------------------------------


def registry_daily(*, today: date) -> dict[str, int]:
    """The daily work of the registry: every organization's compliance brought up to date,
    then the reminders due (reports, and partnerships about to end). Safe to run more than
    once a day (nothing is done twice). Returns how many organizations changed and how many
    reminders went out."""
    changed = 0
    for organization in reporting_organizations():
        if compliance_update(organization=organization, today=today):
            changed += 1
    return {
        "compliance_changed": changed,
        "reminders_sent": report_reminders_send(today=today),
        "partnership_reminders_sent": partnership_reminders_send(today=today),
    }
