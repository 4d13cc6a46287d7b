"""The reminder before a partnership ends, run by several workers at the same moment:
PostgreSQL, one connection per thread. Each partnership is claimed once, so each
representative gets one email."""

from datetime import UTC, date, datetime, timedelta

import pytest

from convene.core.models import OutgoingEmail
from convene.organizations import partnerships
from convene.organizations.models import Partnership
from tests.factories import UserFactory

from .factories import OrganizationFactory
from .test_concurrency import postgres, run_together  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
TODAY = NOW.date()


def test_workers_reminding_at_once_send_one_email_per_representative(postgres):  # noqa: F811
    representatives = [UserFactory(), UserFactory(), UserFactory()]
    chapter = OrganizationFactory(representatives=representatives[:2])
    user_group = OrganizationFactory(representatives=representatives[1:])
    for number in range(3):
        partnerships.partnership_create(
            user=representatives[0],
            organization=chapter,
            title=f"Memorandum {number}",
            scope="Edit-a-thons.",
            starts_on=date(2025, 1, 1),
            ends_on=TODAY + timedelta(days=30 - number),
            is_public=True,
            signed_text_url="",
            other_parties=[user_group],
            outside_parties=["City Library"],
            now=NOW,
        )

    results, errors = run_together(
        [
            lambda: partnerships.partnership_reminders_send(today=TODAY, now=NOW)
            for _worker in range(4)
        ]
    )

    assert errors == []
    assert sum(results) == 9  # 3 partnerships, 3 representatives each, however shared out
    assert OutgoingEmail.objects.count() == 9
    for person in representatives:
        assert OutgoingEmail.objects.filter(to=person.email).count() == 3
    assert not Partnership.objects.filter(end_reminder_sent_at__isnull=True).exists()
