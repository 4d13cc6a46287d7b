"""The demo's Movement Charter AMA: its three editions share their questions."""

import pytest

from convene.events.models import Session
from convene.qanda import selectors
from convene.qanda.models import Question, QuestionPool

from .test_documents_demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_three_editions_of_the_ama_share_their_questions():
    load_demo()
    load_demo()  # idempotent: one pool, still shared

    pool = QuestionPool.objects.get()
    assert (pool.event.slug, pool.agenda, pool.shared) == ("movement-charter-ama-2022", "ama", True)
    editions = Session.objects.filter(event=pool.event, agenda="ama")
    assert editions.count() == 3
    asked = Question.objects.filter(session__event=pool.event)
    for edition in editions:
        session = selectors.session_get(slug=pool.event.slug, session_id=edition.pk)
        entries = selectors.session_questions(session=session, sort="asked")
        shown = [q.pk for entry in entries for q in selectors.entry_questions(entry)]
        assert sorted(shown) == sorted(asked.values_list("pk", flat=True))
    answered = asked.filter(answered_at__isnull=False)
    assert {q.answered_in.title for q in answered} == {"Asia-Pacific edition"}
