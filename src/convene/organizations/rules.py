"""Who may do what in the registry, and which changes of state it allows. Every permission
and state check of the organizations app lives here; services call these before changing
anything, views only to decide what to show."""

from __future__ import annotations

from datetime import date

from convene.accounts.users import Viewer

from .models import AffiliationModel, Application, Organization, Partnership, Report

COMMITTEE_PERMISSION = "organizations.act_as_committee"

Status = Organization.Status
Step = Application.Step


# --- Roles -------------------------------------------------------------------


def is_committee(user: Viewer) -> bool:
    """Members of the affiliations committee (a group with the permission; admins too)."""
    return bool(user.is_authenticated and user.has_perm(COMMITTEE_PERMISSION))


def _ids(organization: Organization, relation: str) -> set[int]:
    """The ids of `organization.<relation>`, read once per object (prefetches are used)."""
    kept = f"_{relation}_ids"
    ids = getattr(organization, kept, None)
    if ids is None:
        ids = {person.pk for person in getattr(organization, relation).all()}
        setattr(organization, kept, ids)
    return ids


def is_representative(user: Viewer, organization: Organization) -> bool:
    return bool(user.is_authenticated and user.pk in _ids(organization, "representatives"))


def is_liaison(user: Viewer, organization: Organization) -> bool:
    return bool(user.is_authenticated and user.pk in _ids(organization, "liaisons"))


def acts_for(user: Viewer, organization: Organization) -> bool:
    """Representatives and the contact person act for the organization."""
    return bool(
        user.is_authenticated
        and (user.pk == organization.contact_person_id or is_representative(user, organization))
    )


def is_tied(user: Viewer, application: Application) -> bool:
    """A member tied to the applicant: who applied, acts for it or is its liaison. Such a
    member is recused without asking; others recuse themselves (a `Recusal`)."""
    organization = application.organization
    return bool(
        user.is_authenticated
        and (
            user.pk == application.applicant_id
            or acts_for(user, organization)
            or is_liaison(user, organization)
        )
    )


def is_recused(user: Viewer, application: Application) -> bool:
    if not user.is_authenticated:
        return False
    if is_tied(user, application):
        return True
    recused = getattr(application, "_recused_ids", None)
    if recused is None:
        recused = {recusal.member_id for recusal in application.recusals.all()}
        application._recused_ids = recused  # type: ignore[attr-defined]
    return user.pk in recused


# --- What people see ------------------------------------------------------------


def can_see_private(user: Viewer, organization: Organization) -> bool:
    """The contact person, interview details, votes and private notes: the committee only."""
    return is_committee(user)


def can_view_organization(user: Viewer, organization: Organization) -> bool:
    """Listed organizations are public; an applicant's record is public through its
    application page, so its page is too, except for the private fields."""
    return True


def can_view_partnership(user: Viewer, partnership: Partnership, party_ids: set[int]) -> bool:
    """Public partnerships are public; the others for the committee and the parties."""
    if partnership.is_public or is_committee(user):
        return True
    if not user.is_authenticated:
        return False
    return bool(party_ids & set(user.represented_organizations.values_list("pk", flat=True)))


# --- Applications ---------------------------------------------------------------


def can_apply(user: Viewer) -> bool:
    return bool(user.is_authenticated)


def model_accepts(affiliation_model: AffiliationModel) -> bool:
    return affiliation_model.accepts_applications


def may_reapply_on(organization: Organization, today: date) -> date | None:
    """The date from which a declined organization may apply again, if it is still ahead."""
    latest = getattr(organization, "_latest_declined", None)
    if latest is None:
        latest = (
            organization.applications.filter(step=Step.DECLINED, reapply_after__isnull=False)
            .order_by("-reapply_after")
            .first()
        )
    if latest is None or latest.reapply_after is None or latest.reapply_after <= today:
        return None
    return latest.reapply_after


def can_comment(user: Viewer, application: Application) -> bool:
    return bool(user.is_authenticated)


def can_withdraw_application(user: Viewer, application: Application) -> bool:
    return application.is_open and (
        user.is_authenticated
        and (user.pk == application.applicant_id or acts_for(user, application.organization))
    )


# The committee's moves through the open steps, and the decisions it may take at the vote.
STEP_MOVES: dict[str, tuple[str, ...]] = {
    Step.RECEIVED: (Step.CRITERIA_REVIEW, Step.DEFERRED, Step.DECLINED),
    Step.CRITERIA_REVIEW: (Step.INTERVIEW, Step.DEFERRED, Step.DECLINED),
    Step.INTERVIEW: (Step.VOTE, Step.DEFERRED, Step.DECLINED),
    Step.VOTE: (),  # decided by `application_decide` once the vote allows it
}
DECISIONS = (Step.RECOGNIZED, Step.DEFERRED, Step.DECLINED)


def can_review(user: Viewer, application: Application) -> bool:
    """Committee members not tied to the applicant move it through the steps."""
    return is_committee(user) and not is_recused(user, application)


def step_allowed(application: Application, to_step: str) -> bool:
    return to_step in STEP_MOVES.get(application.step, ())


def can_vote(user: Viewer, application: Application) -> bool:
    return (
        application.step == Step.VOTE and is_committee(user) and not is_recused(user, application)
    )


def can_decide(user: Viewer, application: Application) -> bool:
    return application.step == Step.VOTE and can_review(user, application)


# --- Organizations ----------------------------------------------------------------


def can_edit_organization(user: Viewer, organization: Organization) -> bool:
    """Its public record: the people who act for it, and the committee."""
    return is_committee(user) or acts_for(user, organization)


def is_tied_to_organization(user: Viewer, organization: Organization) -> bool:
    """Acts for the organization or is its liaison: such a committee member takes no part in
    the committee's decisions about its status."""
    return acts_for(user, organization) or is_liaison(user, organization)


def can_change_status(user: Viewer, organization: Organization) -> bool:
    return is_committee(user) and not is_tied_to_organization(user, organization)


# Which status each change leads from and to; nothing else changes an organization's status.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "recognize": ((Status.APPLYING, Status.NOT_RECOGNIZED, Status.RECOGNIZED), Status.RECOGNIZED),
    "decline": ((Status.APPLYING, Status.NOT_RECOGNIZED), Status.NOT_RECOGNIZED),
    "suspend": ((Status.RECOGNIZED,), Status.SUSPENDED),
    "reinstate": ((Status.SUSPENDED,), Status.RECOGNIZED),
    "derecognize": ((Status.RECOGNIZED, Status.SUSPENDED), Status.DERECOGNIZED),
    "withdraw": ((Status.RECOGNIZED, Status.SUSPENDED, Status.APPLYING), Status.WITHDRAWN),
}


def transition_allowed(organization: Organization, change: str) -> bool:
    sources, _target = TRANSITIONS[change]
    return organization.status in sources


def can_withdraw_organization(user: Viewer, organization: Organization) -> bool:
    """An organization leaves the movement by its own decision, through those who act for it."""
    return acts_for(user, organization) and transition_allowed(organization, "withdraw")


def can_apply_for_change_of_model(user: Viewer, organization: Organization) -> bool:
    return acts_for(user, organization) and organization.status == Status.RECOGNIZED


# --- Reports ------------------------------------------------------------------------


def can_submit_report(user: Viewer, organization: Organization) -> bool:
    """Reports come from those who act for a recognized (or suspended) organization."""
    return acts_for(user, organization) and organization.status in (
        Status.RECOGNIZED,
        Status.SUSPENDED,
    )


def can_review_report(user: Viewer, report: Report) -> bool:
    """The committee accepts or returns a submitted report; a member who acts for the
    organization or is its liaison takes no part (acceptance renews its recognition)."""
    return (
        report.state == Report.State.SUBMITTED
        and is_committee(user)
        and not is_tied_to_organization(user, report.organization)
    )


# --- Partnerships and hosting -------------------------------------------------------------


def can_record_partnership(user: Viewer, organization: Organization) -> bool:
    """A partnership is recorded by someone who acts for one of its parties, or the committee."""
    return is_committee(user) or (
        acts_for(user, organization) and organization.status == Status.RECOGNIZED
    )


def can_name_as_host(user: Viewer, organization: Organization) -> bool:
    """An event's organizers name a host they represent (the committee any listed one)."""
    return is_committee(user) or acts_for(user, organization)


def can_edit_partnership(user: Viewer, organizations: list[Organization]) -> bool:
    """A partnership is changed or ended by the committee, or by someone who could record it
    for one of its parties in the registry (`organizations`). Whoever may change a private
    partnership may read it too."""
    return is_committee(user) or any(
        can_record_partnership(user, organization) for organization in organizations
    )
