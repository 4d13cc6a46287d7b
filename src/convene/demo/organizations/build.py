"""Writing the demo registry: each organization with its applications, votes, reports and a
full history, at plausible moments.

History is written directly, as the events demo writes past registrations: the services act
at the present moment (and email people), while the demo needs dated records. The notes say
what the services would say. Dates that must be current (an overdue report, an interview in
the coming days, a memorandum about to end) are placed relative to `now`; the others are
fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from convene.accounts.models import User
from convene.organizations.models import (
    COMPLIANCE_MAX,
    AffiliationModel,
    Application,
    ApplicationComment,
    HistoryEntry,
    Organization,
    OrganizationName,
    Recusal,
    Report,
    ReportReminder,
    Vote,
)
from convene.organizations.reporting import (
    LEVEL_DAYS,
    PROPOSE_SUSPENSION_AT,
    fiscal_year_label,
    month_end,
    reports_owed,
)
from convene.organizations.services import add_months

from .samples import Sample

Kind = HistoryEntry.Kind
Step = Application.Step
Status = Organization.Status


def moment(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def days_ago(now: datetime, days: int, hour: int = 10) -> datetime:
    return moment(now.date() - timedelta(days=days), hour)


@dataclass
class Context:
    """What every organization's story reads: the moment, the models, people and committee."""

    now: datetime
    models: dict[str, AffiliationModel]
    people: dict[str, User]
    committee: list[User]  # the five members, then the demo organizer

    @property
    def today(self) -> date:
        return self.now.date()

    def untied(self, sample: Sample, count: int, skip: Sequence[str] = ()) -> list[User]:
        """`count` committee members not tied to the organization (nor named in `skip`)."""
        tied = {self.people[key].pk for key in (*sample.representatives, *sample.liaisons, *skip)}
        return [member for member in self.committee if member.pk not in tied][:count]


def history(
    organization: Organization,
    kind: str,
    at: datetime,
    *,
    actor: User | None = None,
    application: Application | None = None,
    public_note: str = "",
    private_note: str = "",
    from_status: str = "",
    to_status: str = "",
) -> None:
    HistoryEntry.objects.create(
        organization=organization,
        application=application,
        kind=kind,
        at=at,
        actor=actor,
        public_note=public_note,
        private_note=private_note,
        from_status=from_status,
        to_status=to_status,
    )


# --- The record ------------------------------------------------------------------------


def organization_create(sample: Sample, context: Context, *, status: str) -> Organization:
    people = context.people
    representatives = [people[key] for key in sample.representatives]
    organization = Organization(
        name=sample.name,
        code=sample.code,
        slug=sample.slug,
        affiliation_model=context.models[sample.model],
        region=sample.region,
        territorial_range=sample.territorial_range,
        is_incorporated=bool(sample.legal_name),
        legal_name=sample.legal_name,
        registration_number=sample.registration_number,
        working_languages=list(sample.working_languages),
        member_count=sample.member_count,
        mission=sample.mission,
        language=sample.language,
        fiscal_year_start_month=sample.fiscal_year_start_month,
        contact_person=representatives[0] if representatives else None,
        status=status,
        is_sample=sample.is_sample,
    )
    organization.countries = list(sample.countries)
    organization.full_clean()
    organization.save()
    organization.representatives.add(*representatives)
    organization.liaisons.add(*(people[key] for key in sample.liaisons))
    OrganizationName.objects.bulk_create(
        [
            OrganizationName(organization=organization, language=language, name=name)
            for language, name in sample.names.items()
        ]
    )
    return organization


def status_set(
    organization: Organization, status: str, since: datetime | None, **fields: object
) -> None:
    Organization.objects.filter(pk=organization.pk).update(
        status=status, status_since=since, **fields
    )
    organization.refresh_from_db()


# --- Applications ------------------------------------------------------------------------


@dataclass(frozen=True)
class Timeline:
    """When an application went through each step; None for a step it did not reach."""

    submitted: datetime
    criteria_review: datetime | None = None
    interview_step: datetime | None = None
    interview_scheduled: datetime | None = None
    interview_at: datetime | None = None
    vote_step: datetime | None = None
    votes: tuple[datetime, ...] = ()
    decided: datetime | None = None


def _step_entry(
    organization: Organization, application: Application, step: str, at: datetime, actor: User
) -> None:
    history(
        organization,
        Kind.STEP,
        at,
        actor=actor,
        application=application,
        to_status=step,
        public_note=f"The application moved to: {Step(step).label}.",
    )


VOTE_NOTES: dict[str, str] = {
    Vote.Choice.YES: "Active for two years, with a clear plan.",
    Vote.Choice.ABSTAIN: "I know too little of their work to judge.",
}


def application_create(
    organization: Organization,
    sample: Sample,
    context: Context,
    timeline: Timeline,
    *,
    step: str,
    choices: Sequence[str] = (),
    interview_url: str = "",
) -> Application:
    """The application and its history up to `step`: applied, each step it went through,
    the interview (private), the votes cast (`choices`, private) and the decision."""
    model = context.models[sample.model]
    applicant = context.people[sample.representatives[0]]
    reviewers = context.untied(sample, 5)
    reviewer, interviewer = reviewers[0], reviewers[1]
    decided = timeline.decided if step not in Application.OPEN_STEPS else None
    application = Application.objects.create(
        organization=organization,
        affiliation_model=model,
        applicant=applicant,
        letter_of_intent=_letter_text(sample, model),
        language=sample.language,
        step=step,
        acknowledged_at=timeline.submitted,
        step_changed_at=decided
        or timeline.vote_step
        or timeline.interview_step
        or timeline.criteria_review
        or timeline.submitted,
        interview_at=timeline.interview_at,
        interviewer=interviewer if timeline.interview_at else None,
        interview_url=interview_url,
        decided_at=decided,
        decided_by=reviewer if decided else None,
        decision_reason=sample.reasons if step in (Step.DEFERRED, Step.DECLINED) else "",
        reapply_after=(
            add_months(decided.date(), model.reapply_months)
            if decided and step == Step.DECLINED
            else None
        ),
    )
    Application.objects.filter(pk=application.pk).update(submitted_at=timeline.submitted)
    history(
        organization,
        Kind.APPLIED,
        timeline.submitted,
        actor=applicant,
        application=application,
        public_note=f"Applied to be recognized as a {model.name}.",
    )
    for reached, at in (
        (Step.CRITERIA_REVIEW, timeline.criteria_review),
        (Step.INTERVIEW, timeline.interview_step),
    ):
        if at is not None:
            _step_entry(organization, application, reached, at, reviewer)
    if timeline.interview_scheduled and timeline.interview_at:
        history(
            organization,
            Kind.INTERVIEW,
            timeline.interview_scheduled,
            actor=interviewer,
            application=application,
            private_note=timeline.interview_at.isoformat(),
        )
    if timeline.vote_step is not None:
        _step_entry(organization, application, Step.VOTE, timeline.vote_step, reviewer)
    for member, choice, at in zip(reviewers, choices, timeline.votes, strict=False):
        note = VOTE_NOTES.get(choice, "")
        vote = Vote.objects.create(application=application, member=member, choice=choice, note=note)
        Vote.objects.filter(pk=vote.pk).update(cast_at=at)
        history(
            organization,
            Kind.VOTE,
            at,
            actor=member,
            application=application,
            private_note=f"{choice}: {note}".strip(": "),
        )
    if decided is not None:
        kinds: dict[str, str] = {
            Step.RECOGNIZED: Kind.RECOGNIZED,
            Step.DEFERRED: Kind.DEFERRED,
            Step.DECLINED: Kind.DECLINED,
        }
        after: dict[str, str] = {
            Step.RECOGNIZED: Status.RECOGNIZED,
            Step.DECLINED: Status.NOT_RECOGNIZED,
        }
        yes = sum(1 for choice in choices if choice == Vote.Choice.YES)
        history(
            organization,
            kinds[step],
            decided,
            actor=reviewer,
            application=application,
            from_status=Status.APPLYING,
            to_status=after.get(step, Status.APPLYING),
            public_note=(
                f"Recognized as a {model.name} by the committee's vote: {yes} of "
                f"{len(choices)} members voted yes."
                if step == Step.RECOGNIZED
                else sample.reasons
            ),
        )
    return application


def _letter_text(sample: Sample, model: AffiliationModel) -> str:
    return (
        f"{sample.letter}\n\nWe ask to be recognized as a {model.name.lower()}.\n\n"
        "*Sample letter of intent written for the Convene demo.*"
    )


def recognition_timeline(recognized: datetime) -> Timeline:
    """A user group's path as the committee describes it: acknowledged at once, the criteria
    reviewed, a 60-minute interview, then the committee's vote."""
    submitted = recognized - timedelta(days=75)
    return Timeline(
        submitted=submitted,
        criteria_review=submitted + timedelta(days=5),
        interview_step=submitted + timedelta(days=19),
        interview_scheduled=submitted + timedelta(days=20, hours=2),
        interview_at=submitted + timedelta(days=30, hours=5),
        vote_step=submitted + timedelta(days=40),
        votes=tuple(submitted + timedelta(days=42 + 6 * n, hours=n) for n in range(5)),
        decided=recognized,
    )


def recognize(
    organization: Organization, sample: Sample, context: Context, recognized: datetime
) -> None:
    """The application that led to recognition, with its votes, and the record's dates."""
    application_create(
        organization,
        sample,
        context,
        recognition_timeline(recognized),
        step=Step.RECOGNIZED,
        choices=(Vote.Choice.YES,) * 4 + (Vote.Choice.ABSTAIN,),
    )
    model = context.models[sample.model]
    status_set(
        organization,
        Status.RECOGNIZED,
        recognized,
        recognized_on=recognized.date(),
        provisional_until=(
            add_months(recognized.date(), model.provisional_months)
            if model.provisional_months
            else None
        ),
    )


# --- Reports --------------------------------------------------------------------------------


REPORT_BODIES = {
    Report.Kind.ACTIVITY: (
        "In the fiscal year {year} we held {events} events with {people} participants, "
        "wrote or improved {articles} articles and uploaded {files} files to Wikimedia "
        "Commons.\n\n*Sample report of the Convene demo: the figures are illustrative.*"
    ),
    Report.Kind.FINANCIAL: (
        "Income in the fiscal year {year}: {income} (grants and membership fees). Expenses: "
        "{expenses} (events, travel, equipment). The audited statement is kept by the board."
        "\n\n*Sample financial statement of the Convene demo: the figures are illustrative.*"
    ),
}


def _report_text(report: Report) -> str:
    return f"{report.get_kind_display()}, fiscal year {fiscal_year_label(report.period_start, report.period_end)}"


def report_create(
    organization: Organization,
    sample: Sample,
    context: Context,
    *,
    kind: str,
    period_start: date,
    period_end: date,
    due_on: date,
    submitted: datetime,
    reviewed: datetime | None,
) -> Report:
    """A report submitted (and accepted, when `reviewed`), with its history."""
    submitter = context.people[sample.representatives[0]]
    reviewers = context.untied(sample, 5)
    reviewer = reviewers[period_end.year % len(reviewers)] if reviewed else None
    seed = period_end.year + len(sample.slug)
    report = Report.objects.create(
        organization=organization,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        due_on=due_on,
        body=REPORT_BODIES[Report.Kind(kind)].format(
            year=fiscal_year_label(period_start, period_end),
            events=6 + seed % 9,
            people=40 + seed % 70,
            articles=120 + seed % 300,
            files=300 + seed % 900,
            income=f"{18000 + (seed % 17) * 1000:,} EUR",
            expenses=f"{16000 + (seed % 13) * 1000:,} EUR",
        ),
        language="en",
        submitted_by=submitter,
        state=Report.State.ACCEPTED if reviewed else Report.State.SUBMITTED,
        reviewed_by=reviewer,
        reviewed_at=reviewed,
    )
    Report.objects.filter(pk=report.pk).update(submitted_at=submitted)
    text = _report_text(report)
    history(organization, Kind.REPORT_SUBMITTED, submitted, actor=submitter, public_note=text)
    if reviewed is not None:
        history(organization, Kind.REPORT_ACCEPTED, reviewed, actor=reviewer, public_note=text)
        history(organization, Kind.RENEWED, reviewed, actor=reviewer, public_note=text)
    return report


def reports_create(
    organization: Organization,
    sample: Sample,
    context: Context,
    *,
    missing: date | None = None,
    waiting: date | None = None,
) -> None:
    """Every report owed up to today accepted, but for the fiscal year ending on `missing`
    (none sent) and the one ending on `waiting` (sent, waiting for the committee)."""
    organization.refresh_from_db()
    renewed: date | None = None
    for obligation in reports_owed(organization, context.today):
        if obligation.period_end == missing:
            continue
        if obligation.period_end == waiting:
            submitted = min(context.now - timedelta(days=3), moment(obligation.due_on))
            reviewed = None
        elif obligation.due_on < context.today:
            submitted = max(
                moment(obligation.due_on - timedelta(days=20), 11),
                moment(obligation.period_end + timedelta(days=10), 11),
            )
            reviewed = min(
                submitted + timedelta(days=12, hours=4), context.now - timedelta(hours=1)
            )
        else:
            continue  # not due yet: the organization has time
        report_create(
            organization,
            sample,
            context,
            kind=obligation.kind,
            period_start=obligation.period_start,
            period_end=obligation.period_end,
            due_on=obligation.due_on,
            submitted=submitted,
            reviewed=reviewed,
        )
        if reviewed is not None:
            renewed = max(renewed or reviewed.date(), reviewed.date())
    if renewed is not None:
        Organization.objects.filter(pk=organization.pk).update(renewed_on=renewed)


def fiscal_start_for(period_end: date) -> int:
    """The month a fiscal year starts in when it ends on `period_end`."""
    return period_end.month % 12 + 1


def period_end_due_on(due_on: date, months: int) -> date:
    """The end of the fiscal year whose reports are due on `due_on`."""
    index = due_on.month - 1 - months
    return month_end(due_on.year + index // 12, index % 12 + 1)


def month_end_before(day: date) -> date:
    """The last month's end on or before `day`."""
    if day == month_end(day.year, day.month):
        return day
    return day.replace(day=1) - timedelta(days=1)


def overdue_due_on(today: date, *, at_least: int, below: int) -> date:
    """A due date (always a month's end) at least `at_least` days and less than `below` days
    before `today`; when a month of 31 days leaves none in between, the one just after."""
    day = month_end_before(today - timedelta(days=at_least))
    if (today - day).days >= below:
        after = day + timedelta(days=1)
        day = month_end(after.year, after.month)
    return day


def compliance_levels(
    organization: Organization, context: Context, due_on: date, *, until: date, after: int = 0
) -> int:
    """The out-of-compliance levels the daily schedule raised, above `after`, since the report
    due on `due_on` became overdue (1 the day after, one more every 30 days) up to `until`.
    Returns the level reached."""
    level = after
    for reached in range(after + 1, COMPLIANCE_MAX + 1):
        day = due_on + timedelta(days=max(1, LEVEL_DAYS * (reached - 1)))
        if day > until:
            break
        history(
            organization,
            Kind.COMPLIANCE,
            min(moment(day, 3), context.now - timedelta(minutes=1)),
            public_note=f"Out-of-compliance level from {level} to {reached}.",
        )
        level = reached
    return level


def reminders_sent(organization: Organization, due_on: date) -> None:
    """The reminders about the reports due on `due_on`: 30 days before, and on the day."""
    period_end = period_end_due_on(due_on, organization.affiliation_model.report_months)
    for when, sent in (
        (ReportReminder.When.BEFORE, due_on - timedelta(days=30)),
        (ReportReminder.When.DUE, due_on),
    ):
        reminder = ReportReminder.objects.create(
            organization=organization, period_end=period_end, when=when
        )
        ReportReminder.objects.filter(pk=reminder.pk).update(sent_at=moment(sent, 3))


def overdue_history(organization: Organization, context: Context, due_on: date) -> None:
    """A report overdue since `due_on`: the reminders, and the levels raised since."""
    reminders_sent(organization, due_on)
    level = compliance_levels(organization, context, due_on, until=context.today)
    Organization.objects.filter(pk=organization.pk).update(compliance_level=level)


def suspension_history(
    organization: Organization, context: Context, due_on: date, reason: str
) -> None:
    """A report overdue since `due_on`: the levels rising until the schedule proposed
    suspension, the committee suspending the organization ten days later, and the levels
    raised since."""
    reminders_sent(organization, due_on)
    proposed_on = due_on + timedelta(days=LEVEL_DAYS * (PROPOSE_SUSPENSION_AT - 1))
    level = compliance_levels(organization, context, due_on, until=proposed_on)
    history(
        organization,
        Kind.PROPOSED,
        moment(proposed_on, 3, 1),
        public_note=(
            f"Suspension proposed at out-of-compliance level {level}; the committee decides."
        ),
    )
    suspended = moment(proposed_on + timedelta(days=10), 15)
    history(
        organization,
        Kind.SUSPENDED,
        suspended,
        actor=context.committee[0],
        from_status=Status.RECOGNIZED,
        to_status=Status.SUSPENDED,
        public_note=reason,
        private_note="Two reminders and an email to the contact person went unanswered.",
    )
    level = compliance_levels(organization, context, due_on, until=context.today, after=level)
    status_set(organization, Status.SUSPENDED, suspended, compliance_level=level)


# --- Comments and recusals ----------------------------------------------------------------


def comment(application: Application, author: User, body: str, at: datetime) -> None:
    written = ApplicationComment.objects.create(application=application, author=author, body=body)
    ApplicationComment.objects.filter(pk=written.pk).update(created_at=at)


def recusal(
    organization: Organization, application: Application, member: User, reason: str, at: datetime
) -> None:
    made = Recusal.objects.create(application=application, member=member, reason=reason)
    Recusal.objects.filter(pk=made.pk).update(created_at=at)
    history(
        organization, Kind.RECUSAL, at, actor=member, application=application, private_note=reason
    )
