"""What keeps the registry coherent across its areas: the daily run reminds partnerships too,
an organization's address never takes one of the registry's own pages, and a private
partnership leaves nothing on the public history."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from convene.core.models import OutgoingEmail
from convene.organizations import partnerships, reporting, services
from convene.organizations.models import HistoryEntry
from tests.factories import UserFactory

from .factories import AffiliationModelFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_the_daily_run_reminds_a_partnership_ending_within_thirty_days_once():
    representative = UserFactory(email="rep@example.org", preferred_language="en")
    chapter = OrganizationFactory(representatives=[representative], recognized_on=date(2026, 2, 1))
    partnerships.partnership_create(
        user=representative,
        organization=chapter,
        title="Edit-a-thons at the city library",
        scope="Two edit-a-thons a year.",
        starts_on=date(2025, 1, 1),
        ends_on=date(2026, 3, 20),
        is_public=True,
        signed_text_url="",
        other_parties=[],
        outside_parties=["City Library of Example"],
        now=NOW,
    )

    first = reporting.registry_daily(today=date(2026, 3, 2))
    again = reporting.registry_daily(today=date(2026, 3, 3))

    assert first["partnership_reminders_sent"] == 1
    assert again["partnership_reminders_sent"] == 0
    assert list(
        OutgoingEmail.objects.filter(subject__contains="Edit-a-thons").values_list("to", flat=True)
    ) == ["rep@example.org"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Map", "map-2"), ("Committee", "committee-2"), ("Reporting", "reporting-2")],
)
def test_an_organization_named_like_a_registry_page_gets_another_address(name, slug):
    application = services.organization_apply(
        user=UserFactory(),
        affiliation_model=AffiliationModelFactory(),
        fields={"name": name, "code": name.upper()[:6], "region": "europe"},
        letter_of_intent="We would like to be recognized.",
        language="en",
        now=NOW,
    )

    assert application.organization.slug == slug


def test_a_private_partnership_is_not_on_the_public_history():
    representative = UserFactory()
    chapter = OrganizationFactory(representatives=[representative])
    partnerships.partnership_create(
        user=representative,
        organization=chapter,
        title="A quiet agreement",
        scope="Shared storage.",
        starts_on=date(2025, 1, 1),
        ends_on=None,
        is_public=False,
        signed_text_url="",
        other_parties=[],
        outside_parties=["A company"],
        now=NOW,
    )

    entry = HistoryEntry.objects.get(organization=chapter, kind=HistoryEntry.Kind.PARTNERSHIP)
    assert entry.is_public is False
    assert list(HistoryEntry.objects.filter(organization=chapter).public()) == []
