"""What the pages to apply and to review read: an application with everything its page shows,
the lists of applications, the committee's overview and an organization's record to edit.
Each read takes a constant number of queries, whatever the number of comments, votes,
applications or entries of history."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from convene.accounts.models import User
from convene.accounts.users import Viewer

from .models import (
    AffiliationModel,
    Application,
    ApplicationComment,
    HistoryEntry,
    Organization,
    Recusal,
    Vote,
)

Step = Application.Step

# The steps an application goes through, in order; the decision closes it.
OPEN_STEPS: tuple[str, ...] = tuple(Application.OPEN_STEPS)
RECENTLY_DECIDED = 20


def affiliation_models_open() -> list[AffiliationModel]:
    """The models of affiliation that take applications, in the committee's order. One query."""
    return list(
        AffiliationModel.objects.filter(accepts_applications=True).order_by("order", "name")
    )


# --- one application ------------------------------------------------------------------------


def application_get(*, pk: int) -> Application | None:
    """An application with its organization, model, people and recusals: all the rules read
    of it (who acts for the organization, who is recused). Four queries."""
    return (
        Application.objects.filter(pk=pk)
        .select_related(
            "organization",
            "organization__contact_person",
            "affiliation_model",
            "applicant",
            "interviewer",
            "decided_by",
        )
        .prefetch_related(
            "organization__representatives",
            "organization__liaisons",
            Prefetch(
                "recusals",
                queryset=Recusal.objects.select_related("member").order_by("created_at", "pk"),
            ),
        )
        .first()
    )


@dataclass
class ApplicationPage:
    """What the application's page lists besides the application itself."""

    comments: list[ApplicationComment]
    history: list[HistoryEntry]
    others: list[Application]  # the organization's other applications, newest first
    votes: list[Vote] = field(default_factory=list)  # the committee's eyes only


def application_page(*, application: Application, private: bool) -> ApplicationPage:
    """Comments, history and the organization's other applications (three queries), and
    with `private` (the committee) the votes and the history entries only it reads (one
    more)."""
    history = application.history.select_related("actor").order_by("at", "pk")
    if not private:
        history = history.exclude(kind__in=HistoryEntry.PRIVATE_KINDS)
    page = ApplicationPage(
        comments=list(application.comments.select_related("author").order_by("created_at", "pk")),
        history=list(history),
        others=list(
            Application.objects.filter(organization_id=application.organization_id)
            .exclude(pk=application.pk)
            .select_related("affiliation_model")
            .order_by("-submitted_at", "-pk")
        ),
    )
    if private:
        page.votes = list(application.votes.select_related("member").order_by("cast_at", "pk"))
    return page


# --- lists ------------------------------------------------------------------------------------


def _listed_applications() -> QuerySet[Application]:
    return Application.objects.select_related("organization", "affiliation_model")


@dataclass
class StepGroup:
    step: str
    label: str
    applications: list[Application]


def applications_by_step(applications: list[Application]) -> list[StepGroup]:
    """Open applications grouped by step, in the order of the steps (empty steps kept)."""
    groups = [StepGroup(step, str(Step(step).label), []) for step in OPEN_STEPS]
    index = {group.step: group for group in groups}
    for application in applications:
        index[application.step].applications.append(application)
    return groups


def applications_open() -> list[Application]:
    """Every open application, oldest first. One query."""
    return list(_listed_applications().filter(step__in=OPEN_STEPS).order_by("submitted_at", "pk"))


def applications_decided(*, limit: int = RECENTLY_DECIDED) -> list[Application]:
    """The latest decided (or withdrawn) applications, latest first. One query."""
    return list(
        _listed_applications().exclude(step__in=OPEN_STEPS).order_by("-decided_at", "-pk")[:limit]
    )


# --- the committee --------------------------------------------------------------------------------


@dataclass
class CommitteeOverview:
    groups: list[StepGroup]
    proposals: list[Organization]
    awaiting_vote: list[Application]


def awaiting_vote_of(user: User) -> QuerySet[Application]:
    """Applications at the vote that `user` has not voted on and takes part in (not tied to
    the applicant, not stepped aside)."""
    return (
        _listed_applications()
        .filter(step=Step.VOTE)
        .exclude(votes__member=user)
        .exclude(recusals__member=user)
        .exclude(applicant=user)
        .exclude(organization__contact_person=user)
        .exclude(organization__representatives=user)
        .exclude(organization__liaisons=user)
        .annotate(votes_cast=Count("votes", distinct=True))
        .order_by("step_changed_at", "pk")
    )


def committee_overview(*, user: User) -> CommitteeOverview:
    """Open applications by step, organizations with a change of status proposed by the
    compliance schedule, and applications waiting for the viewer's vote. Three queries."""
    return CommitteeOverview(
        groups=applications_by_step(applications_open()),
        proposals=list(
            Organization.objects.exclude(proposal="")
            .select_related("affiliation_model")
            .order_by("name")
        ),
        awaiting_vote=list(awaiting_vote_of(user)),
    )


# --- an organization's record ---------------------------------------------------------------------


def organization_for_edit(*, slug: str) -> Organization | None:
    """An organization with its model, its names in other languages and its people. Five
    queries."""
    return (
        Organization.objects.filter(slug=slug)
        .select_related("affiliation_model", "contact_person")
        .prefetch_related("names", "representatives", "liaisons")
        .first()
    )


def users_by_email(emails: list[str]) -> dict[str, User]:
    """Active accounts by their address (lower case), for the addresses given. One query."""
    wanted = {email.strip().lower() for email in emails if email.strip()}
    if not wanted:
        return {}
    found = User.objects.filter(is_active=True).filter(
        Q(*[Q(email__iexact=email) for email in wanted], _connector=Q.OR)
    )
    return {user.email.lower(): user for user in found}


def open_application_of(organization: Organization) -> Application | None:
    """The organization's application under review, if any. One query."""
    return (
        organization.applications.filter(step__in=OPEN_STEPS)
        .select_related("affiliation_model")
        .first()
    )


def viewer_vote(votes: list[Vote], user: Viewer) -> Vote | None:
    if not user.is_authenticated:
        return None
    return next((vote for vote in votes if vote.member_id == user.pk), None)
