"""`{% load organization_actions %}`: what the viewer may do with an organization, decided by
`rules`, for the links of an organization's page (`organizations/_organization_actions.html`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

from convene.organizations import rules
from convene.organizations.models import Organization

register = template.Library()

Status = Organization.Status

# The committee's changes of status, in the order the page offers them.
COMMITTEE_CHANGES = ("suspend", "reinstate", "derecognize")


@register.simple_tag(takes_context=True)
def organization_actions(context: template.Context, organization: Organization) -> dict[str, Any]:
    """What the viewer may do: `changes` (the committee's changes of status the organization's
    status allows, none for a member tied to the organization), `proposal` (the change the
    compliance schedule proposed, for the committee to confirm or dismiss), `edit`, `apply` (a new application, by those who act for it) and
    `withdraw` (leaving the movement, by those who act for it)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user") or AnonymousUser()
    committee = rules.is_committee(user)
    decides = rules.can_change_status(user, organization)  # not tied to the organization
    acts = rules.acts_for(user, organization)
    return {
        "committee": committee,
        "changes": [
            change
            for change in COMMITTEE_CHANGES
            if decides and rules.transition_allowed(organization, change)
        ],
        "proposal": organization.proposal if decides else "",
        "edit": rules.can_edit_organization(user, organization),
        "apply": acts
        and organization.status in (Status.APPLYING, Status.NOT_RECOGNIZED, Status.RECOGNIZED),
        "withdraw": rules.can_withdraw_organization(user, organization),
        "any": committee or acts,
    }
