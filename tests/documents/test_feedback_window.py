"""When an iteration takes feedback: the form's promise ("Empty: feedback is open as soon as
it is published"), kept the same by the rule, the reading page, the feedback page and the API."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from rest_framework.test import APIClient

from convene.documents import rules, services
from convene.documents.models import DocumentVersion

from .factories import ITERATION_1, ITERATION_2, DocumentFactory, member_of
from .test_publishing import NOW, publish

pytestmark = pytest.mark.django_db

OPENS = datetime(2019, 9, 2, tzinfo=UTC)
CLOSES = datetime(2019, 9, 16, tzinfo=UTC)
SECOND = NOW + timedelta(days=10)  # the next iteration is published then


@pytest.fixture
def document():
    return DocumentFactory(slug="advocacy", process__slug="ms2030", title="Advocacy")


def publish_at(document, body, moment):
    """The next iteration, without feedback dates, published at `moment`."""
    author = member_of(document)
    draft = services.version_save_draft(document=document, author=author, title="Next", body=body)
    return services.version_publish(version=draft, by=author, now=moment)


def test_empty_dates_open_at_publication_and_stay_open_while_it_is_the_latest(document):
    version = publish(document, ITERATION_1)

    assert rules.feedback_state(version, NOW - timedelta(seconds=1)) == "not_yet_open"
    assert rules.feedback_state(version, NOW) == "open"
    assert rules.feedback_state(version, NOW + timedelta(days=400)) == "open"
    assert rules.feedback_closes(version) is None


def test_empty_closing_date_closes_when_the_next_iteration_is_published(document):
    first = publish(document, ITERATION_1)
    second = publish_at(document, ITERATION_2, SECOND)
    first.refresh_from_db()

    assert rules.feedback_closes(first) == SECOND
    assert rules.feedback_state(first, SECOND - timedelta(seconds=1)) == "open"
    assert rules.feedback_state(first, SECOND) == "closed"
    assert rules.feedback_state(second, SECOND) == "open"


def test_dates_set_are_kept_even_after_a_next_iteration(document):
    first = publish(document, ITERATION_1, feedback_opens_at=OPENS, feedback_closes_at=CLOSES)
    publish_at(document, ITERATION_2, SECOND)  # before CLOSES: the date set still holds
    first.refresh_from_db()

    assert rules.feedback_state(first, OPENS - timedelta(seconds=1)) == "not_yet_open"
    assert rules.feedback_state(first, SECOND + timedelta(days=1)) == "open"
    assert rules.feedback_state(first, CLOSES) == "closed"
    assert rules.feedback_closes(first) == CLOSES


def test_only_a_closing_date_opens_at_publication(document):
    version = publish(document, ITERATION_1, feedback_closes_at=CLOSES)

    assert rules.feedback_state(version, NOW) == "open"
    assert rules.feedback_state(version, CLOSES) == "closed"


def test_a_draft_takes_no_feedback_and_closes_nothing(document):
    version = publish(document, ITERATION_1)
    draft = services.version_save_draft(
        document=document, author=member_of(document), title="Draft", body=ITERATION_2
    )

    assert rules.feedback_state(draft, NOW + timedelta(days=1)) == "none"
    assert rules.feedback_state(version, NOW + timedelta(days=1)) == "open"


def test_the_annotated_end_is_read_without_a_query(document, django_assert_num_queries):
    publish(document, ITERATION_1)
    publish_at(document, ITERATION_2, SECOND)
    first, second = DocumentVersion.objects.with_feedback_end().order_by("number")

    with django_assert_num_queries(0):
        assert rules.feedback_closes(first) == SECOND
        assert rules.feedback_closes(second) is None
        assert rules.feedback_state(first, SECOND) == "closed"
        assert rules.feedback_state(second, SECOND) == "open"


def test_reading_page_feedback_page_and_api_agree(client, document):
    first = publish(document, ITERATION_1)
    api = APIClient()
    base = "/en/processes/ms2030/advocacy"

    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        reading = client.get(f"{base}/v1/").content.decode()
        feedback = client.get(f"{base}/v1/feedback/").content.decode()
        assert "Give feedback</a>" in reading
        assert '<p class="msg">Feedback is open.</p>' in feedback
        assert api.get(f"/api/v1/versions/{first.pk}/").json()["feedback_state"] == "open"

    publish_at(document, ITERATION_2, SECOND)
    with time_machine.travel(SECOND + timedelta(days=1), tick=False):
        reading = client.get(f"{base}/v1/").content.decode()
        feedback = client.get(f"{base}/v1/feedback/").content.decode()
        assert "Read the feedback</a>" in reading
        assert "Feedback on this version closed on" in feedback
        assert '<time datetime="2019-09-11T12:00:00Z">' in feedback
        assert api.get(f"/api/v1/versions/{first.pk}/").json()["feedback_state"] == "closed"
        assert "Give feedback</a>" in client.get(f"{base}/v2/").content.decode()
