import pytest
import time_machine
from django.contrib.auth.models import Permission

from tests.documents.factories import ITERATION_1, ITERATION_2, DocumentFactory
from tests.documents.test_publishing import publish
from tests.factories import UserFactory

from .factories import CLOSES, DURING, OPENS, QUESTIONS


@pytest.fixture
def clock():
    """Time stands still inside the feedback window; tests move it with `clock.shift`."""
    with time_machine.travel(DURING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def document():
    return DocumentFactory(slug="advocacy", process__slug="ms2030", title="Advocacy")


@pytest.fixture
def version(document):
    """Iteration 1: a heading and three paragraphs, feedback open 2-16 September 2019."""
    return publish(
        document,
        ITERATION_1,
        feedback_opens_at=OPENS,
        feedback_closes_at=CLOSES,
        guiding_questions=QUESTIONS,
    )


@pytest.fixture
def second_version(document, version):
    return publish(
        document,
        ITERATION_2,
        feedback_opens_at=OPENS,
        feedback_closes_at=CLOSES,
        guiding_questions=QUESTIONS,
    )


@pytest.fixture
def participant():
    return UserFactory(display_name="Amina", email="amina@example.org")


@pytest.fixture
def other():
    return UserFactory(display_name="Bruno", email="bruno@example.org", preferred_language="fr")


@pytest.fixture
def moderator():
    user = UserFactory(display_name="Mod Maya", email="maya@example.org")
    user.user_permissions.add(
        Permission.objects.get(codename="change_comment", content_type__app_label="discussion")
    )
    return user
