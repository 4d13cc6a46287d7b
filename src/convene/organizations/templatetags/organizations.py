"""`{% load organizations %}`: the registry's organizations where other apps show them.

The events and accounts apps cannot import this one (imports go one way), so their pages
load these tags: an event's hosts on its page, and a person's organizations on their profile.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

from convene.accounts.users import Viewer
from convene.events.models import Event

from .. import hosting, personal_data
from ..models import Organization

register = template.Library()


def organization_link(organization: Organization) -> SafeString:
    """The organization's name in the reader's language, linked to its page, isolated for a
    sentence around it."""
    return format_html(
        '<a href="{}"><bdi>{}</bdi></a>',
        reverse("organizations:detail", args=[organization.slug]),
        hosting.shown_name(organization),
    )


@register.inclusion_tag("organizations/_event_hosts.html")
def event_hosts(event: Event) -> dict[str, Any]:
    """`{% event_hosts event %}`: "Hosted by X and Y", each linked to its page (one query);
    nothing when no organization hosts the event."""
    hosts = hosting.hosts_for_events([event]).get(event.pk, [])
    return {"links": [organization_link(organization) for organization in hosts]}


@register.inclusion_tag("organizations/_represented.html")
def represented_organizations(user: Viewer) -> dict[str, Any]:
    """`{% represented_organizations user %}`: the organizations `user` represents, is the
    contact person of or liaison for, each linked, with these roles (one query); nothing for
    a person with none."""
    if not user.is_authenticated:
        return {"rows": []}
    roles = {
        "representative": pgettext("role in an organization", "representative"),
        "contact": pgettext("role in an organization", "contact person"),
        "liaison": pgettext("role in an organization", "liaison"),
    }
    return {
        "rows": [
            {
                "link": organization_link(tie.organization),
                "roles": [roles[role] for role in tie.roles],
            }
            for tie in personal_data.person_organizations(user=user)
        ]
    }
