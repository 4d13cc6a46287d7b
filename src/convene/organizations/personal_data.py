"""What the registry keeps about a person, for "Download your data" and their profile, and
what it does before an account is erased.

Each section is one query. What a person wrote or did for others stays after their account
is erased, without them: applications, comments, votes, reports, partnerships and history
entries lose their author (the database sets it to nothing; on PostgreSQL the history's
guard lets exactly that change through), recusals go with the account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q

from convene.accounts.models import User
from convene.core.timezones import utc_text

from .hosting import shown_name, with_shown_name
from .models import (
    Application,
    ApplicationComment,
    HistoryEntry,
    Organization,
    Partnership,
    Recusal,
    Report,
    Vote,
)

ROLES = ("representative", "contact", "liaison")


@dataclass(frozen=True)
class Tie:
    """An organization and what `user` is to it: a subset of ROLES, in their order."""

    organization: Organization
    roles: tuple[str, ...]


def person_organizations(*, user: User) -> list[Tie]:
    """The organizations `user` represents, is the contact person of or liaison for, by name
    in the reader's language where the registry has one: one query."""
    representing = Organization.representatives.through.objects.filter(
        organization_id=OuterRef("pk"), user_id=user.pk
    )
    liaising = Organization.liaisons.through.objects.filter(
        organization_id=OuterRef("pk"), user_id=user.pk
    )
    organizations = with_shown_name(
        Organization.objects.annotate(
            is_representative=Exists(representing), is_liaison=Exists(liaising)
        ).filter(Q(is_representative=True) | Q(is_liaison=True) | Q(contact_person=user))
    )
    ties = [
        Tie(
            organization,
            tuple(
                role
                for role, held in zip(
                    ROLES,
                    (
                        organization.is_representative,
                        organization.contact_person_id == user.pk,
                        organization.is_liaison,
                    ),
                    strict=True,
                )
                if held
            ),
        )
        for organization in organizations
    ]
    return sorted(ties, key=lambda tie: shown_name(tie.organization).casefold())


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


# --- "Download your data" --------------------------------------------------------------


def organizations(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organization": tie.organization.name,
            "slug": tie.organization.slug,
            "roles": list(tie.roles),
        }
        for tie in person_organizations(user=user)
    ]


def applications(user: User) -> list[dict[str, Any]]:
    """The applications the person made for an organization, with the letter of intent."""
    rows = Application.objects.filter(applicant=user).select_related(
        "organization", "affiliation_model"
    )
    return [
        {
            "organization": application.organization.name,
            "model_of_affiliation": application.affiliation_model.slug,
            "letter_of_intent": application.letter_of_intent,
            "language": application.language,
            "submitted_at": utc_text(application.submitted_at),
            "step": application.step,
            "interview_at": utc_text(application.interview_at),
            "decided_at": utc_text(application.decided_at),
            "reasons": application.decision_reason,
            "may_apply_again_from": _day(application.reapply_after),
        }
        for application in rows.order_by("submitted_at", "pk")
    ]


def application_comments(user: User) -> list[dict[str, Any]]:
    rows = ApplicationComment.objects.filter(author=user).select_related(
        "application__organization"
    )
    return [
        {
            "organization": comment.application.organization.name,
            "application": comment.application_id,
            "body": comment.body,
            "written_at": utc_text(comment.created_at),
            "hidden": comment.hidden_at is not None,
        }
        for comment in rows.order_by("created_at", "pk")
    ]


def committee_votes(user: User) -> list[dict[str, Any]]:
    """The votes the person cast as a member of the affiliations committee."""
    rows = Vote.objects.filter(member=user).select_related("application__organization")
    return [
        {
            "organization": vote.application.organization.name,
            "application": vote.application_id,
            "vote": vote.choice,
            "note": vote.note,
            "cast_at": utc_text(vote.cast_at),
        }
        for vote in rows.order_by("cast_at", "pk")
    ]


def committee_recusals(user: User) -> list[dict[str, Any]]:
    rows = Recusal.objects.filter(member=user).select_related("application__organization")
    return [
        {
            "organization": recusal.application.organization.name,
            "application": recusal.application_id,
            "tie_to_the_applicant": recusal.reason,
            "at": utc_text(recusal.created_at),
        }
        for recusal in rows.order_by("created_at", "pk")
    ]


def organization_reports(user: User) -> list[dict[str, Any]]:
    """The yearly reports the person submitted for an organization."""
    rows = Report.objects.filter(submitted_by=user).select_related("organization")
    return [
        {
            "organization": report.organization.name,
            "kind": report.kind,
            "fiscal_year_from": _day(report.period_start),
            "fiscal_year_to": _day(report.period_end),
            "body": report.body,
            "link": report.link,
            "language": report.language,
            "submitted_at": utc_text(report.submitted_at),
            "state": report.state,
        }
        for report in rows.order_by("submitted_at", "pk")
    ]


def partnerships_recorded(user: User) -> list[dict[str, Any]]:
    rows = Partnership.objects.filter(created_by=user)
    return [
        {
            "title": partnership.title,
            "scope": partnership.scope,
            "starts_on": _day(partnership.starts_on),
            "ends_on": _day(partnership.ends_on),
            "public": partnership.is_public,
            "signed_text": partnership.signed_text_url,
            "recorded_at": utc_text(partnership.created_at),
        }
        for partnership in rows.order_by("created_at", "pk")
    ]


def organization_history(user: User) -> list[dict[str, Any]]:
    """The changes of the registry the person made (applied, reviewed, voted, decided...)."""
    rows = HistoryEntry.objects.filter(actor=user).select_related("organization")
    return [
        {
            "organization": entry.organization.name,
            "kind": entry.kind,
            "at": utc_text(entry.at),
            "public_note": entry.public_note,
        }
        for entry in rows.order_by("at", "pk")
    ]


# --- Erasure ------------------------------------------------------------------------


def leave_organizations(user: User, now: datetime) -> None:
    """Before an account is erased, the person stops representing the organizations and
    being their liaison. (Their place as contact person empties with the account; what they
    wrote or did in the registry stays, without them.)"""
    user.represented_organizations.clear()
    user.liaison_for_organizations.clear()
