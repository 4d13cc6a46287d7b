"""After the session: the questions and answers as notes on the session page, and as text."""

from datetime import timedelta

import pytest

from convene.qanda import services

from .factories import AFTER, QuestionFactory

pytestmark = pytest.mark.django_db

HUBS_ANSWER = """Currently, the MCDC is not working on the text about Hubs.
That will be done by the Roles & Responsibilities drafting group.

Interested community members can read about the Hubs Dialogue.


The closing comment on this question was not to rush the creation of hubs."""


@pytest.fixture
def amaa(clock, session, host):
    """Seed 002, shortened: answers, a merged duplicate, follow-ups, one question unanswered."""

    def asked(text, **fields):
        clock.shift(timedelta(minutes=1))
        return QuestionFactory(session=session, text=text, **fields)

    def answered(question, text):
        services.answer(question=question, host=host, text=text)

    groups = asked(
        "Are the non-affiliate organized wikimedia groups going to be included in the Movement Charter (MC)?"
    )
    answered(groups, "Non-affiliated organized groups are most likely to be included.")
    hubs = asked(
        "There is no active discussion about hubs in the South Asian region.\nHow far behind are we?"
    )
    answered(hubs, HUBS_ANSWER)
    services.merge(
        duplicate=asked("When will hubs be defined?", is_anonymous=True), into=hubs, host=host
    )
    whom = asked("To whom the hubs are going to be responsible or answerable?")
    services.link_follow_up(question=whom, follows=hubs, host=host)
    answered(whom, "See the previous answer.")
    meetup = asked("Can we request a regional strategy meetup?")
    answered(meetup, "MCDC members are available to attend regional strategy meetups.")
    grant = asked(
        "If we want to discuss strategy in India, can we request a grant for such a meetup?"
    )
    services.link_follow_up(question=grant, follows=meetup, host=host)
    asked(
        "What about [[Hubs]], {{templates}}, <b>tags</b>, ''bold'', *stars* and ~~~~?",
        language="fr",
    )
    asked("1. Is a numbered question still one question?")
    return session


WIKITEXT = """== Questions and answers ==
* Are the non-affiliate organized wikimedia groups going to be included in the Movement Charter (MC)?
:: Asked 2030-11-04T09:11:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Answered
:: Response by Host Hana in Ask Me Anything, Asia-Pacific, 2030-11-04T09:11:00Z: Non-affiliated organized groups are most likely to be included.
* There is no active discussion about hubs in the South Asian region. How far behind are we?
:: Asked 2030-11-04T09:12:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Answered
:: Also asked 2030-11-04T09:13:00Z in Ask Me Anything, Asia-Pacific: When will hubs be defined?
:: Response by Host Hana in Ask Me Anything, Asia-Pacific, 2030-11-04T09:12:00Z: Currently, the MCDC is not working on the text about Hubs. That will be done by the Roles &amp; Responsibilities drafting group.
:: Interested community members can read about the Hubs Dialogue.
:: The closing comment on this question was not to rush the creation of hubs.
* Follow-up question: To whom the hubs are going to be responsible or answerable?
:: Asked 2030-11-04T09:14:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Answered
:: Response by Host Hana in Ask Me Anything, Asia-Pacific, 2030-11-04T09:14:00Z: See the previous answer.
* Can we request a regional strategy meetup?
:: Asked 2030-11-04T09:15:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Answered
:: Response by Host Hana in Ask Me Anything, Asia-Pacific, 2030-11-04T09:15:00Z: MCDC members are available to attend regional strategy meetups.
* Follow-up question: If we want to discuss strategy in India, can we request a grant for such a meetup?
:: Asked 2030-11-04T09:16:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Not answered
* What about &#91;&#91;Hubs&#93;&#93;, &#123;&#123;templates&#125;&#125;, &lt;b&gt;tags&lt;/b&gt;, &#39;'bold&#39;', *stars* and &#126;&#126;&#126;~?
:: Asked 2030-11-04T09:17:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Not answered
* 1. Is a numbered question still one question?
:: Asked 2030-11-04T09:18:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Not answered
"""

MARKDOWN = """## Questions and answers

- Are the non-affiliate organized wikimedia groups going to be included in the Movement Charter (MC)?
  - Asked 2030-11-04T09:11:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Answered
  - Response by Host Hana in Ask Me Anything, Asia-Pacific, 2030-11-04T09:11:00Z: Non-affiliated organized groups are most likely to be included.
- There is no active discussion about hubs in the South Asian region. How far behind are we?
  - Asked 2030-11-04T09:12:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Answered
  - Also asked 2030-11-04T09:13:00Z in Ask Me Anything, Asia-Pacific: When will hubs be defined?
  - Response by Host Hana in Ask Me Anything, Asia-Pacific, 2030-11-04T09:12:00Z: Currently, the MCDC is not working on the text about Hubs. That will be done by the Roles & Responsibilities drafting group.
  - Interested community members can read about the Hubs Dialogue.
  - The closing comment on this question was not to rush the creation of hubs.
- Follow-up question: To whom the hubs are going to be responsible or answerable?
  - Asked 2030-11-04T09:14:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Answered
  - Response by Host Hana in Ask Me Anything, Asia-Pacific, 2030-11-04T09:14:00Z: See the previous answer.
- Can we request a regional strategy meetup?
  - Asked 2030-11-04T09:15:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Answered
  - Response by Host Hana in Ask Me Anything, Asia-Pacific, 2030-11-04T09:15:00Z: MCDC members are available to attend regional strategy meetups.
- Follow-up question: If we want to discuss strategy in India, can we request a grant for such a meetup?
  - Asked 2030-11-04T09:16:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Not answered
- What about \\[\\[Hubs\\]\\], {{templates}}, \\<b\\>tags\\</b\\>, ''bold'', \\*stars\\* and \\~\\~\\~\\~?
  - Asked 2030-11-04T09:17:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Not answered
- 1\\. Is a numbered question still one question?
  - Asked 2030-11-04T09:18:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Not answered
"""


def test_wikitext_export_reads_like_the_hand_written_notes(client, amaa):
    client.force_login(amaa.event.organizers.get())
    response = client.get(f"/en/events/mc/sessions/{amaa.pk}/questions/notes.wiki")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'inline; filename="mc-{amaa.pk}-questions.wiki"'
    assert response.content.decode() == WIKITEXT


def test_markdown_export(client, amaa):
    client.force_login(amaa.event.organizers.get())
    response = client.get(f"/en/events/mc/sessions/{amaa.pk}/questions/notes.md")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response.content.decode() == MARKDOWN


def test_exports_of_a_session_without_questions(client, clock, session):
    clock.move_to(AFTER)
    base = f"/en/events/mc/sessions/{session.pk}/questions/"
    assert client.get(base + "notes.wiki").content.decode() == (
        "== Questions and answers ==\nNo questions were asked.\n"
    )
    assert client.get(base + "notes.md").content.decode() == (
        "## Questions and answers\n\nNo questions were asked.\n"
    )


def test_exports_are_public_once_the_session_has_ended(client, clock, session, host, amina):
    base = f"/en/events/mc/sessions/{session.pk}/questions/"
    QuestionFactory(session=session)
    for viewer in (None, amina):
        if viewer:
            client.force_login(viewer)
        assert client.get(base + "notes.md").status_code == 404
        assert client.get(base + "notes.wiki").status_code == 404
        assert "notes.md" not in client.get(base).text
    client.force_login(host)
    assert client.get(base + "notes.md").status_code == 200
    assert "notes.wiki" in client.get(base).text

    clock.move_to(AFTER)
    client.logout()
    assert client.get(base + "notes.md").status_code == 200
    assert client.get(base + "notes.wiki").status_code == 200


def test_the_session_page_links_the_questions_and_shows_the_notes_after_the_end(
    client, clock, amaa
):
    path = f"/en/events/mc/sessions/{amaa.pk}/"
    text = client.get(path).text
    link = f'<p><a href="/en/events/mc/sessions/{amaa.pk}/questions/">Questions (7)</a></p>'
    assert link in text
    assert 'id="qanda-notes"' not in text
    assert "When will hubs be defined?" not in text

    clock.move_to(AFTER)
    text = client.get(path).text

    assert link in text
    assert '<h2 id="qanda-notes">Questions and answers</h2>' in text
    assert (
        '<p><span dir="auto" lang="en">There is no active discussion about hubs in the South Asian region.<br>How far behind are we?</span></p>'
        in text
    )
    assert (
        '<li>Also asked: <span dir="auto" lang="en">When will hubs be defined?</span></li>' in text
    )
    assert (
        '<p><strong>Follow-up question:</strong> <span dir="auto" lang="en">To whom the hubs are going to be responsible or answerable?</span></p>'
        in text
    )
    assert "<p>Interested community members can read about the Hubs Dialogue.</p>" in text
    assert text.count("Not answered during the session.") == 3
    assert "&lt;b&gt;tags&lt;/b&gt;" in text
    assert f'<a href="/en/events/mc/sessions/{amaa.pk}/questions/notes.wiki">Wikitext</a>' in text
    # The order of the notes: as asked, a follow-up right after its question.
    positions = [
        text.index(snippet)
        for snippet in (
            "non-affiliate",
            "How far behind",
            "To whom the hubs",
            "regional strategy meetup",
            "India",
            "numbered",
        )
    ]
    assert positions == sorted(positions)
