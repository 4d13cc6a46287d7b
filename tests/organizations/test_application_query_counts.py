"""The pages to apply and to review take an exact number of queries, the same with 3 or 30
comments, votes, recusals, history entries and applications."""

from __future__ import annotations

import pytest
from django.utils import timezone

from convene.organizations.models import (
    Application,
    ApplicationComment,
    HistoryEntry,
    Organization,
    Recusal,
    Vote,
)
from tests.factories import UserFactory

from .factories import OrganizationFactory, committee_member
from .test_application_views import application_at, url

pytestmark = pytest.mark.django_db

Step = Application.Step


def grow(application, count):
    """`count` more of everything the application's page and the lists show."""
    for _number in range(count):
        ApplicationComment.objects.create(application=application, author=UserFactory(), body="Hi")
        ApplicationComment.objects.create(
            application=application, author=UserFactory(), body="Off", hidden_at=timezone.now()
        )
        Vote.objects.create(application=application, member=committee_member(), choice="yes")
        Recusal.objects.create(application=application, member=committee_member(), reason="Tie")
        HistoryEntry.objects.create(
            organization=application.organization,
            application=application,
            kind=HistoryEntry.Kind.STEP,
            public_note="Moved.",
            at=timezone.now(),
        )
        HistoryEntry.objects.create(
            organization=application.organization,
            application=application,
            kind=HistoryEntry.Kind.VOTE,
            private_note="yes",
            at=timezone.now(),
        )
        application_at(Step.RECEIVED)
        application_at(Step.DECLINED, decided_at=timezone.now())
        application_at(Step.VOTE)
        earlier = application_at(Step.DEFERRED, decided_at=timezone.now())
        Application.objects.filter(pk=earlier.pk).update(organization=application.organization)
        OrganizationFactory(proposal=Organization.Proposal.SUSPEND)


# page, viewer: queries. A signed-in reader's page counts the login session, the user and
# whether they moderate (the header's link); the committee's permissions are two more.
QUERIES = {
    ("application", "anonymous"): 7,
    ("application", "participant"): 12,
    ("application", "committee"): 14,
    ("applications", "anonymous"): 2,
    ("committee", "committee"): 8,
    ("apply", "participant"): 4,
    ("edit", "committee"): 13,
}


@pytest.mark.parametrize(("page", "viewer"), list(QUERIES))
def test_each_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, django_assert_num_queries, page, viewer
):
    application = application_at(Step.VOTE)
    if viewer == "participant":
        client.force_login(UserFactory())
    elif viewer == "committee":
        client.force_login(committee_member())
    path = {
        "application": url("application", application.pk),
        "applications": url("applications"),
        "committee": url("committee"),
        "apply": url("apply"),
        "edit": url("edit", application.organization.slug),
    }[page]
    for count in (3, 27):  # 3, then 30 of each
        grow(application, count)
        with django_assert_num_queries(QUERIES[page, viewer]):
            response = client.get(path)
        assert response.status_code == 200
