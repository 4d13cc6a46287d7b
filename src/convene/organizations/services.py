"""Every change to applications and to an organization's status. Views and the API call
these; each writes its dated, attributed history entry in the same transaction.

Two committee members acting at the same moment cannot both win: every change of step or
status is a conditional UPDATE (`... WHERE step = <the step it was read in>`), and the one
that finds the row already changed is refused.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypedDict

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from convene.accounts.models import User
from convene.core import ratelimit
from convene.core.errors import ServiceError
from convene.core.lists import joined_text
from convene.core.mail import email_to_user
from convene.core.timezones import format_day

from . import rules
from .models import (
    AffiliationModel,
    Application,
    ApplicationComment,
    HistoryEntry,
    Organization,
    OrganizationName,
    Recusal,
    Vote,
)

Step = Application.Step
Status = Organization.Status
Kind = HistoryEntry.Kind


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it has no such day
    (31 August + 6 months is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- History ------------------------------------------------------------------------


def history_add(
    *,
    organization: Organization,
    kind: str,
    actor: User | None = None,
    application: Application | None = None,
    from_status: str = "",
    to_status: str = "",
    public_note: str = "",
    private_note: str = "",
    at: datetime | None = None,
) -> HistoryEntry:
    """Append one entry to the organization's history (never changed afterwards)."""
    return HistoryEntry.objects.create(
        organization=organization,
        application=application,
        kind=kind,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        public_note=public_note,
        private_note=private_note,
        at=at or timezone.now(),
    )


def _consume(*, action: str, user: User, address: str) -> None:
    """Count one repeatable write against the person's and the address's limits."""
    try:
        ratelimit.consume(action=action, account=user, address=address)
    except ratelimit.RateLimited as refused:
        if refused.per_address:
            raise ServiceError(ratelimit.address_message(), code="rate_limited") from refused
        raise ServiceError(
            f"{_('You have done this many times in a short while.')} "
            f"{ratelimit.wait_message(refused.rate)}",
            code="rate_limited",
        ) from refused


# --- Applying -------------------------------------------------------------------------


class OrganizationFields(TypedDict, total=False):
    """What an applicant (or someone acting for the organization) gives of its record."""

    name: str
    code: str
    region: str
    countries: list[str]
    territorial_range: str
    is_incorporated: bool
    legal_name: str
    registration_number: str
    website: str
    wiki_page: str
    working_languages: list[str]
    member_count: int | None
    mission: str
    language: str
    fiscal_year_start_month: int
    public_email: str


def _duplicate(name: str, code: str, exclude_pk: int | None = None) -> ServiceError | None:
    others = Organization.objects.exclude(pk=exclude_pk) if exclude_pk else Organization.objects
    other_names = OrganizationName.objects.filter(name__iexact=name.strip())
    if exclude_pk:
        other_names = other_names.exclude(organization_id=exclude_pk)
    if name and (others.filter(name__iexact=name.strip()).exists() or other_names.exists()):
        return ServiceError(
            _("An organization with this name is already in the registry."), code="duplicate_name"
        )
    if code and others.filter(code__iexact=code.strip()).exists():
        return ServiceError(
            _("An organization with this short code is already in the registry."),
            code="duplicate_code",
        )
    return None


def missing_requirements(
    affiliation_model: AffiliationModel, organization: Organization
) -> list[str]:
    """What the model requires that the record lacks, as names of fields for people."""
    missing: list[str] = []
    if affiliation_model.requires_incorporation:
        if not organization.is_incorporated:
            missing.append(str(_("a legal entity")))
        if not organization.legal_name.strip():
            missing.append(str(_("the name of the legal entity")))
        if not organization.registration_number.strip():
            missing.append(str(_("its registration number")))
    return missing


def _requirements_error(affiliation_model: AffiliationModel, missing: list[str]) -> ServiceError:
    return ServiceError(
        _("A %(model)s needs %(missing)s: the application is missing it.")
        % {"model": affiliation_model.name, "missing": joined_text(missing)},
        code="requirements_missing",
    )


# Addresses of the registry's own pages, which an organization's slug must not take.
RESERVED_SLUGS = frozenset(
    {
        "apply",
        "applications",
        "committee",
        "export-csv",
        "hosting",
        "join",
        "map",
        "partnerships",
        "reporting",
    }
)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organization"
    slug, n = base, 1
    if slug in RESERVED_SLUGS:
        slug = f"{base}-{n + 1}"
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def organization_apply(
    *,
    user: User,
    affiliation_model: AffiliationModel,
    fields: OrganizationFields,
    letter_of_intent: str,
    language: str,
    address: str = "",
    now: datetime | None = None,
) -> Application:
    """A new organization applies: its record (not listed until recognized) and its
    application, with the applicant as contact person and first representative."""
    now = now or timezone.now()
    if not rules.can_apply(user):
        raise ServiceError(_("Sign in to apply."), code="login_required")
    duplicate = _duplicate(fields.get("name", ""), fields.get("code", ""))
    if duplicate:
        raise duplicate
    organization = Organization(
        **fields,
        affiliation_model=affiliation_model,
        slug=_unique_slug(fields.get("name", "")),
        status=Status.APPLYING,
        status_since=now,
        contact_person=user,
    )
    missing = missing_requirements(affiliation_model, organization)
    if missing:
        raise _requirements_error(affiliation_model, missing)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as error:
        raise ServiceError(
            _("An organization with this name or short code is already in the registry."),
            code="duplicate_name",
        ) from error
    organization.representatives.add(user)
    return application_create(
        user=user,
        organization=organization,
        affiliation_model=affiliation_model,
        letter_of_intent=letter_of_intent,
        language=language,
        address=address,
        now=now,
    )


@transaction.atomic
def application_create(
    *,
    user: User,
    organization: Organization,
    affiliation_model: AffiliationModel,
    letter_of_intent: str,
    language: str,
    address: str = "",
    now: datetime | None = None,
) -> Application:
    """An application of an organization already on record: after a deferral, after the
    wait that follows a refusal, or to move to another model (a user group becoming a
    chapter); its history stays on the one record."""
    now = now or timezone.now()
    if not rules.acts_for(user, organization):
        raise ServiceError(
            _("Only the people who act for an organization can apply on its behalf."),
            code="forbidden",
        )
    if not rules.model_accepts(affiliation_model):
        raise ServiceError(
            _("This model of affiliation does not take applications."), code="model_closed"
        )
    if not letter_of_intent.strip():
        raise ServiceError(_("Write a letter of intent."), code="letter_missing")
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    if locked.status == Status.RECOGNIZED and locked.affiliation_model_id == affiliation_model.pk:
        raise ServiceError(
            _("This organization is already recognized under this model."),
            code="already_recognized",
        )
    if locked.status in (Status.SUSPENDED, Status.DERECOGNIZED, Status.WITHDRAWN):
        raise ServiceError(
            _("A suspended, derecognized or withdrawn organization cannot apply."),
            code="organization_inactive",
        )
    wait = rules.may_reapply_on(locked, now.date())
    if wait is not None:
        raise ServiceError(
            _("This organization may apply again from %(date)s.") % {"date": format_day(wait)},
            code="reapply_wait",
        )
    missing = missing_requirements(affiliation_model, locked)
    if missing:
        raise _requirements_error(affiliation_model, missing)
    _consume(action="application", user=user, address=address)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                organization=locked,
                affiliation_model=affiliation_model,
                applicant=user,
                letter_of_intent=letter_of_intent,
                language=language,
                step=Step.RECEIVED,
                step_changed_at=now,
                acknowledged_at=now,
            )
    except IntegrityError as error:
        raise ServiceError(
            _("This organization already has an application under review."),
            code="already_applying",
        ) from error
    history_add(
        organization=locked,
        application=application,
        kind=Kind.APPLIED,
        actor=user,
        public_note=str(
            _("Applied to be recognized as a %(model)s.") % {"model": affiliation_model.name}
        ),
        at=now,
    )
    # "Received" is acknowledged by email at once, so the applicant knows it arrived.
    email_to_user(
        user=user,
        template="organizations/email/acknowledged",
        context={"application": application, "organization": locked},
    )
    for member in committee_members():
        if member.pk != user.pk:
            email_to_user(
                user=member,
                template="organizations/email/new_application",
                context={"application": application, "organization": locked},
            )
    return application


def committee_members() -> list[User]:
    """Active people holding the committee permission (by group or directly)."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="act_as_committee")
            | Q(user_permissions__codename="act_as_committee")
        )
        .distinct()
    )


@transaction.atomic
def application_withdraw(
    *, user: User, application: Application, now: datetime | None = None
) -> Application:
    now = now or timezone.now()
    if not rules.can_withdraw_application(user, application):
        raise ServiceError(
            _("Only the applicant can withdraw an application under review."), code="forbidden"
        )
    _move(application, Step.WITHDRAWN, now=now, decided_by=user)
    organization = application.organization
    before = organization.status
    if organization.status == Status.APPLYING and not organization.recognized_on:
        _status_set(organization, Status.NOT_RECOGNIZED, sources=(Status.APPLYING,), now=now)
    history_add(
        organization=organization,
        application=application,
        kind=Kind.APPLICATION_WITHDRAWN,
        actor=user,
        from_status=before if organization.status != before else "",
        to_status=organization.status if organization.status != before else "",
        public_note=str(_("The application was withdrawn by the applicant.")),
        at=now,
    )
    return application


# --- Reviewing ------------------------------------------------------------------------------


def _move(
    application: Application,
    to_step: str,
    *,
    now: datetime,
    decided_by: User | None = None,
    reason: str = "",
    reapply_after: date | None = None,
) -> None:
    """Move the application from the step it was read in; refused if someone moved it first."""
    changes: dict[str, object] = {"step": to_step, "step_changed_at": now}
    if to_step not in Application.OPEN_STEPS:
        changes.update(decided_at=now, decided_by=decided_by, decision_reason=reason)
        changes["reapply_after"] = reapply_after
    moved = Application.objects.filter(pk=application.pk, step=application.step).update(**changes)
    if not moved:
        raise ServiceError(
            _("Someone else changed this application at the same moment: reload the page."),
            code="conflict",
        )
    for name, value in changes.items():
        setattr(application, name, value)


def _refuse_review(user: User, application: Application) -> None:
    if not rules.is_committee(user):
        raise ServiceError(_("Only the affiliations committee can do this."), code="forbidden")
    if rules.is_recused(user, application):
        raise ServiceError(
            _("You are tied to this applicant, so you take no part in its review."),
            code="recused",
        )
    if not application.is_open:
        raise ServiceError(_("This application is already decided."), code="decided")


@transaction.atomic
def application_move(
    *,
    user: User,
    application: Application,
    to_step: str,
    note: str = "",
    now: datetime | None = None,
) -> Application:
    """The committee moves an application to its next step (criteria review, interview,
    committee vote)."""
    now = now or timezone.now()
    _refuse_review(user, application)
    if to_step in rules.DECISIONS:
        return application_decide(
            user=user, application=application, decision=to_step, reason=note, now=now
        )
    if to_step not in Step.values:
        raise ServiceError(_("This step does not exist."), code="invalid_choice")
    if not rules.step_allowed(application, to_step):
        raise ServiceError(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Step(application.step).label, "to": Step(to_step).label},
            code="transition_refused",
        )
    _move(application, to_step, now=now)
    history_add(
        organization=application.organization,
        application=application,
        kind=Kind.STEP,
        actor=user,
        to_status=to_step,
        public_note=str(_("The application moved to: %(step)s.") % {"step": Step(to_step).label}),
        private_note=note,
        at=now,
    )
    return application


@transaction.atomic
def application_schedule_interview(
    *,
    user: User,
    application: Application,
    at: datetime,
    meeting_url: str = "",
    now: datetime | None = None,
) -> Application:
    """A private meeting with the applicant; both get its time in their own zone."""
    now = now or timezone.now()
    _refuse_review(user, application)
    if application.step != Step.INTERVIEW:
        raise ServiceError(
            _("Move the application to the interview step first."), code="transition_refused"
        )
    if at <= now:
        raise ServiceError(_("Choose a time in the future."), code="in_the_past")
    updated = Application.objects.filter(pk=application.pk, step=Step.INTERVIEW).update(
        interview_at=at, interviewer=user, interview_url=meeting_url
    )
    if not updated:
        raise ServiceError(
            _("Someone else changed this application at the same moment: reload the page."),
            code="conflict",
        )
    application.interview_at, application.interviewer, application.interview_url = (
        at,
        user,
        meeting_url,
    )
    history_add(
        organization=application.organization,
        application=application,
        kind=Kind.INTERVIEW,
        actor=user,
        private_note=at.isoformat(),
        at=now,
    )
    people = {user.pk: user}
    if application.applicant is not None:
        people[application.applicant.pk] = application.applicant
    for person in people.values():
        email_to_user(
            user=person,
            template="organizations/email/interview",
            context={"application": application, "interviewer": user},
        )
    return application


@transaction.atomic
def application_recuse(
    *, user: User, application: Application, reason: str, now: datetime | None = None
) -> Recusal:
    """A member steps aside from an application they are tied to."""
    if not rules.is_committee(user):
        raise ServiceError(_("Only the affiliations committee can do this."), code="forbidden")
    if not reason.strip():
        raise ServiceError(_("Say how you are tied to the applicant."), code="reason_missing")
    if not application.is_open:
        raise ServiceError(_("This application is already decided."), code="decided")
    if Vote.objects.filter(application=application, member=user).exists():
        raise ServiceError(_("You have already voted on this application."), code="already_voted")
    try:
        with transaction.atomic():
            recusal = Recusal.objects.create(application=application, member=user, reason=reason)
    except IntegrityError as error:
        raise ServiceError(_("You have already stepped aside."), code="already_recused") from error
    history_add(
        organization=application.organization,
        application=application,
        kind=Kind.RECUSAL,
        actor=user,
        private_note=reason,
        at=now,
    )
    return recusal


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    quorum: int
    majority_percent: int

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def has_quorum(self) -> bool:
        return self.cast >= self.quorum

    @property
    def passes(self) -> bool:
        """More than `majority_percent` percent of the yes and no votes are yes."""
        return self.has_quorum and self.yes * 100 > self.majority_percent * (self.yes + self.no)


def vote_tally(application: Application) -> Tally:
    counts = {choice: 0 for choice in Vote.Choice.values}
    for choice in application.votes.values_list("choice", flat=True):
        counts[choice] += 1
    model = application.affiliation_model
    return Tally(
        yes=counts["yes"],
        no=counts["no"],
        abstain=counts["abstain"],
        quorum=model.quorum,
        majority_percent=model.majority_percent,
    )


@transaction.atomic
def application_vote(
    *,
    user: User,
    application: Application,
    choice: str,
    note: str = "",
    now: datetime | None = None,
) -> Vote:
    """One vote per member, yes, no or abstain with a note; never changed."""
    if not rules.is_committee(user):
        raise ServiceError(_("Only the affiliations committee votes."), code="forbidden")
    if rules.is_recused(user, application):
        raise ServiceError(
            _("You are tied to this applicant, so you cannot vote on it."), code="recused"
        )
    current = Application.objects.select_for_update().get(pk=application.pk)
    if current.step != Step.VOTE:
        if current.is_open:
            raise ServiceError(
                _("The committee has not opened the vote on this application."),
                code="not_voting",
            )
        raise ServiceError(_("This application is already decided."), code="decided")
    if choice not in Vote.Choice.values:
        raise ServiceError(_("Vote yes, no or abstain."), code="invalid_choice")
    try:
        with transaction.atomic():
            vote = Vote.objects.create(application=current, member=user, choice=choice, note=note)
    except IntegrityError as error:
        raise ServiceError(
            _("You have already voted on this application."), code="already_voted"
        ) from error
    history_add(
        organization=application.organization,
        application=application,
        kind=Kind.VOTE,
        actor=user,
        private_note=f"{choice}: {note}".strip(": "),
        at=now,
    )
    return vote


@transaction.atomic
def application_decide(
    *,
    user: User,
    application: Application,
    decision: str,
    reason: str = "",
    now: datetime | None = None,
) -> Application:
    """Recognize (when the vote passed), defer with reasons, or decline with reasons (after
    a vote that did not pass, or earlier when the criteria are not met)."""
    now = now or timezone.now()
    _refuse_review(user, application)
    if decision not in rules.DECISIONS:
        raise ServiceError(_("Choose recognize, defer or decline."), code="invalid_choice")
    if decision in (Step.DEFERRED, Step.DECLINED) and not reason.strip():
        raise ServiceError(
            _("Give the reasons: the applicant and the public read them."), code="reason_missing"
        )
    if decision == Step.RECOGNIZED:
        if application.step != Step.VOTE:
            raise ServiceError(
                _("An application is recognized only after the committee's vote."),
                code="transition_refused",
            )
        tally = vote_tally(application)
        if not tally.passes:
            raise ServiceError(
                _("The vote has not passed: recognition needs a quorum and a majority of yes."),
                code="vote_not_passed",
            )
    elif decision == Step.DECLINED and application.step == Step.VOTE:
        tally = vote_tally(application)
        if not tally.has_quorum or tally.passes:
            raise ServiceError(
                _("Declining after a vote needs a quorum and a vote that did not pass."),
                code="vote_not_failed",
            )
    model = application.affiliation_model
    reapply_after = (
        add_months(now.date(), model.reapply_months) if decision == Step.DECLINED else None
    )
    _move(
        application, decision, now=now, decided_by=user, reason=reason, reapply_after=reapply_after
    )
    organization = Organization.objects.select_for_update().get(pk=application.organization_id)
    application.organization = organization
    kinds: dict[str, str] = {
        Step.RECOGNIZED: Kind.RECOGNIZED,
        Step.DEFERRED: Kind.DEFERRED,
        Step.DECLINED: Kind.DECLINED,
    }
    before = organization.status
    if decision == Step.RECOGNIZED:
        if organization.affiliation_model_id != model.pk and organization.recognized_on:
            history_add(
                organization=organization,
                application=application,
                kind=Kind.MODEL_CHANGED,
                actor=user,
                public_note=str(
                    _("Now a %(new)s, formerly a %(old)s.")
                    % {"new": model.name, "old": organization.affiliation_model.name}
                ),
                at=now,
            )
        organization.affiliation_model = model
        organization.recognized_on = now.date()
        organization.provisional_until = (
            add_months(now.date(), model.provisional_months) if model.provisional_months else None
        )
        organization.compliance_level = 0
        organization.proposal = Organization.Proposal.NONE
        organization.save(
            update_fields=[
                "affiliation_model",
                "recognized_on",
                "provisional_until",
                "compliance_level",
                "proposal",
                "updated_at",
            ]
        )
        if before != Status.RECOGNIZED:
            _status_set(organization, Status.RECOGNIZED, sources=(before,), now=now)
    elif decision == Step.DECLINED and before == Status.APPLYING:
        _status_set(organization, Status.NOT_RECOGNIZED, sources=(before,), now=now)
    history_add(
        organization=organization,
        application=application,
        kind=kinds[decision],
        actor=user,
        from_status=before,
        to_status=organization.status,
        public_note=reason,
        at=now,
    )
    recipient = organization.contact_person or application.applicant
    if recipient is not None and recipient.is_active:
        email_to_user(
            user=recipient,
            template=f"organizations/email/{decision}",
            context={"application": application, "organization": organization},
        )
    return application


# --- Comments on applications -----------------------------------------------------------------


@transaction.atomic
def application_comment(
    *, user: User, application: Application, body: str, address: str = ""
) -> ApplicationComment:
    if not rules.can_comment(user, application):
        raise ServiceError(_("Sign in to comment."), code="login_required")
    body = body.strip()
    if not body:
        raise ServiceError(_("Write something to comment."), code="empty")
    _consume(action="comment", user=user, address=address)
    return ApplicationComment.objects.create(application=application, author=user, body=body)


@transaction.atomic
def application_comment_hide(
    *, user: User, comment: ApplicationComment, now: datetime | None = None
) -> ApplicationComment:
    if not rules.is_committee(user):
        raise ServiceError(_("Only the affiliations committee can do this."), code="forbidden")
    hidden = ApplicationComment.objects.filter(pk=comment.pk, hidden_at__isnull=True).update(
        hidden_at=now or timezone.now(), hidden_by=user
    )
    if not hidden:
        raise ServiceError(_("This comment is already hidden."), code="already_hidden")
    comment.refresh_from_db()
    return comment


# --- Changes of status ---------------------------------------------------------------------------


def _status_set(
    organization: Organization, target: str, *, sources: tuple[str, ...], now: datetime
) -> None:
    changes: dict[str, object] = {"status": target, "status_since": now, "updated_at": now}
    if target == Status.DERECOGNIZED:
        changes["derecognized_on"] = now.date()
    if target in (Status.SUSPENDED, Status.DERECOGNIZED, Status.RECOGNIZED):
        changes["proposal"] = Organization.Proposal.NONE
    changed = Organization.objects.filter(pk=organization.pk, status__in=sources).update(**changes)
    if not changed:
        raise ServiceError(
            _(
                "Someone else changed this organization's status at the same moment: reload the page."
            ),
            code="conflict",
        )
    for name, value in changes.items():
        setattr(organization, name, value)


def _tied_to_organization() -> ServiceError:
    return ServiceError(
        _("You are tied to this organization, so you take no part in decisions about its status."),
        code="recused",
    )


CHANGE_KINDS = {
    "suspend": Kind.SUSPENDED,
    "reinstate": Kind.REINSTATED,
    "derecognize": Kind.DERECOGNIZED,
    "withdraw": Kind.WITHDRAWN,
}


@transaction.atomic
def organization_change_status(
    *,
    user: User,
    organization: Organization,
    change: str,
    public_reason: str,
    private_note: str = "",
    now: datetime | None = None,
) -> Organization:
    """Suspend, reinstate or derecognize (the committee), or withdraw (the organization
    itself, through those who act for it). The reason is public and required."""
    now = now or timezone.now()
    if change not in CHANGE_KINDS:
        raise ServiceError(_("This change of status does not exist."), code="transition_refused")
    if change == "withdraw":
        allowed = rules.acts_for(user, organization)
        refusal = _("Only the people who act for an organization can withdraw it.")
    else:
        allowed = rules.is_committee(user)
        refusal = _("Only the affiliations committee can do this.")
    if not allowed:
        raise ServiceError(refusal, code="forbidden")
    if change != "withdraw" and not rules.can_change_status(user, organization):
        raise _tied_to_organization()
    if not public_reason.strip():
        raise ServiceError(
            _("Give the reason: it is shown on the organization's page."), code="reason_missing"
        )
    current = Organization.objects.get(pk=organization.pk)
    if not rules.transition_allowed(current, change):
        raise ServiceError(
            _("An organization that is “%(status)s” cannot be changed this way.")
            % {"status": Status(current.status).label},
            code="transition_refused",
        )
    target = rules.TRANSITIONS[change][1]
    before = current.status
    _status_set(organization, target, sources=(before,), now=now)
    if change == "withdraw":
        for open_application in organization.applications.open():
            _move(open_application, Step.WITHDRAWN, now=now, decided_by=user)
    history_add(
        organization=organization,
        kind=CHANGE_KINDS[change],
        actor=user,
        from_status=before,
        to_status=target,
        public_note=public_reason,
        private_note=private_note,
        at=now,
    )
    notify = {person.pk: person for person in organization.representatives.filter(is_active=True)}
    if organization.contact_person and organization.contact_person.is_active:
        notify[organization.contact_person.pk] = organization.contact_person
    for person in notify.values():
        if person.pk != user.pk:
            email_to_user(
                user=person,
                template="organizations/email/status_changed",
                context={"organization": organization, "change": change, "reason": public_reason},
            )
    return organization


@transaction.atomic
def proposal_dismiss(
    *, user: User, organization: Organization, note: str, now: datetime | None = None
) -> Organization:
    """The committee decides not to follow what the compliance schedule proposed."""
    if not rules.is_committee(user):
        raise ServiceError(_("Only the affiliations committee can do this."), code="forbidden")
    if not rules.can_change_status(user, organization):
        raise _tied_to_organization()
    if not note.strip():
        raise ServiceError(_("Say why the proposal is dismissed."), code="reason_missing")
    proposal = organization.proposal
    dismissed = (
        Organization.objects.filter(pk=organization.pk, proposal=proposal)
        .exclude(proposal="")
        .update(proposal="", updated_at=now or timezone.now())
    )
    if not dismissed:
        raise ServiceError(_("Nothing is proposed for this organization."), code="no_proposal")
    organization.proposal = ""
    history_add(
        organization=organization,
        kind=Kind.PROPOSAL_DISMISSED,
        actor=user,
        private_note=note,
        at=now,
    )
    return organization


# --- The record ---------------------------------------------------------------------------------


@transaction.atomic
def organization_update(
    *,
    user: User,
    organization: Organization,
    fields: OrganizationFields,
    names: dict[str, str] | None = None,
    now: datetime | None = None,
) -> Organization:
    """Those who act for an organization (or the committee) keep its public record."""
    if not rules.can_edit_organization(user, organization):
        raise ServiceError(
            _("Only the people who act for an organization can change its record."),
            code="forbidden",
        )
    duplicate = _duplicate(
        fields.get("name", ""), fields.get("code", ""), exclude_pk=organization.pk
    )
    for other_name in (names or {}).values():
        duplicate = duplicate or _duplicate(other_name, "", exclude_pk=organization.pk)
    if duplicate:
        raise duplicate
    changed = [name for name, value in fields.items() if getattr(organization, name) != value]
    for name, value in fields.items():
        setattr(organization, name, value)
    if (
        organization.status != Status.APPLYING
        and organization.affiliation_model.requires_incorporation
    ):
        missing = missing_requirements(organization.affiliation_model, organization)
        if missing:
            raise _requirements_error(organization.affiliation_model, missing)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as error:
        raise ServiceError(
            _("An organization with this name or short code is already in the registry."),
            code="duplicate_name",
        ) from error
    if names is not None:
        OrganizationName.objects.filter(organization=organization).exclude(
            language__in=[language for language, name in names.items() if name.strip()]
        ).delete()
        for language, name in names.items():
            if name.strip():
                OrganizationName.objects.update_or_create(
                    organization=organization, language=language, defaults={"name": name.strip()}
                )
    if changed:
        labels = [
            str(getattr(Organization._meta.get_field(name), "verbose_name", name))
            for name in changed
        ]

        history_add(
            organization=organization,
            kind=Kind.RECORD_UPDATED,
            actor=user,
            public_note=str(_("Changed: %(fields)s.") % {"fields": joined_text(labels)}),
            at=now,
        )
    return organization


@transaction.atomic
def organization_people_set(
    *,
    user: User,
    organization: Organization,
    representatives: list[User],
    liaisons: list[User],
    now: datetime | None = None,
) -> Organization:
    """The committee names who represents an organization (at least one person) and which
    of its members are the organization's liaisons."""
    if not rules.is_committee(user):
        raise ServiceError(_("Only the affiliations committee can do this."), code="forbidden")
    if not representatives:
        raise ServiceError(
            _("An organization needs at least one representative."),
            code="representative_missing",
        )
    changed = []
    for relation, people in (("representatives", representatives), ("liaisons", liaisons)):
        manager = getattr(organization, relation)
        if set(manager.values_list("pk", flat=True)) != {person.pk for person in people}:
            manager.set(people)
            field = Organization._meta.get_field(relation)
            changed.append(str(getattr(field, "verbose_name", relation)))
        if hasattr(organization, f"_{relation}_ids"):  # what `rules` read before the change
            delattr(organization, f"_{relation}_ids")
    if changed:
        history_add(
            organization=organization,
            kind=Kind.RECORD_UPDATED,
            actor=user,
            public_note=str(_("Changed: %(fields)s.") % {"fields": joined_text(changed)}),
            at=now,
        )
    return organization
