"""Pieces of the reading and feedback pages are rendered once and shared between readers;
each reader still gets what they should see: new comments and translations at once, their
language, their own buttons and CSRF token."""

import re
from datetime import timedelta

import pytest
from django.test import Client

from convene.core.pieces import CSRF_PLACEHOLDER
from convene.discussion import rendering as discussion_rendering
from convene.discussion import services as discussion_services
from convene.documents import rendering as documents_rendering
from convene.documents import services as documents_services
from tests.factories import UserFactory

from .factories import paragraphs_of, write

pytestmark = pytest.mark.django_db

READ = "/{}/processes/ms2030/advocacy/v1/"


def renders_of(monkeypatch, piece, what):
    """The pieces of `piece` rendered from now on (not taken as kept), as `what(template,
    context)` says each."""
    rendered = []
    original = piece.render

    def spy(context):
        rendered.append(what(piece.template, context))
        return original(context)

    monkeypatch.setattr(piece, "render", spy)
    return rendered


@pytest.fixture
def articles(monkeypatch):
    """The articles of reading pages rendered, by template."""
    return renders_of(monkeypatch, documents_rendering.ARTICLE, lambda template, context: template)


def test_the_article_is_rendered_once_for_every_reader(
    client, clock, version, participant, articles
):
    first = client.get(READ.format("en")).text
    client.force_login(participant)
    second = client.get(READ.format("en")).text

    assert articles == ["documents/_article.html"]
    article = first[first.index('<article class="document">') : first.index("</article>")]
    assert article in second
    assert article.count('<section id="') == 4


def test_a_new_comment_shows_in_the_count_at_once(client, clock, version, participant, articles):
    paragraph = paragraphs_of(version)[0]
    feedback = (
        f'href="/en/processes/ms2030/advocacy/v1/feedback/?paragraph={paragraph.anchor}#feedback">'
    )
    assert f"{feedback}0 comments</a>" in client.get(READ.format("en")).text

    write(version, participant, paragraph=paragraph)

    assert f"{feedback}1 comment</a>" in client.get(READ.format("en")).text
    assert len(articles) == 2


def test_a_new_translation_shows_at_once(client, clock, version, articles):
    paragraph = paragraphs_of(version)[0]
    before = client.get(READ.format("en") + "?lang=fr").text
    assert "Not translated yet: shown in English." in before

    documents_services.translation_save(
        paragraph=paragraph,
        language="fr",
        text="Un texte traduit.",
        translator=UserFactory(),
        source_fingerprint=paragraph.fingerprint,
    )
    after = client.get(READ.format("en") + "?lang=fr").text

    assert "Un texte traduit." in after
    assert after.count("Not translated yet") == before.count("Not translated yet") - 1


def test_languages_and_their_links_are_kept_apart(client, clock, version, articles):
    english = client.get(READ.format("en")).text
    french_interface = client.get(READ.format("fr")).text
    french_text = client.get(READ.format("en") + "?lang=fr").text

    assert len(articles) == 3
    assert 'class="flag"' not in english  # read in English, its own language
    assert (
        '<p class="flag" lang="fr">Pas encore traduit\xa0: affiché dans la langue d’origine '
        "(Anglais).</p>" in french_interface
    )
    assert "?paragraph=" in french_text and "&amp;lang=fr#feedback" in french_text
    assert "&amp;lang=fr#feedback" not in english


# --- threads of the feedback page ---------------------------------------------------------

FEEDBACK = "/en/processes/ms2030/advocacy/v1/feedback/"


@pytest.fixture
def threads(monkeypatch):
    """The threads rendered, by comment id."""
    return renders_of(
        monkeypatch, discussion_rendering.THREAD, lambda _, context: context["comment"].pk
    )


def test_a_thread_is_rendered_once_for_readers_alike(clock, version, participant, other, threads):
    comment = write(version, participant)
    write(version, other, parent=comment, body="Me too.")
    first, second = Client(), Client()

    one = first.get(FEEDBACK).text
    two = second.get(FEEDBACK).text

    assert threads == [comment.pk]
    assert one == two
    assert "Me too." in one


def test_readers_keep_their_own_buttons_and_token(clock, version, participant, other, moderator):
    comment = write(version, participant)
    report = f'href="/en/comments/{comment.pk}/report/"'
    hide = f'action="/en/moderation/comments/{comment.pk}/hide/"'
    tokens = []
    for reader, reports, hides in (
        (participant, False, False),  # not one's own comment
        (other, True, False),
        (moderator, True, True),
        (participant, False, False),
    ):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(reader)
        html = browser.get(FEEDBACK).text
        assert (report in html, hide in html) == (reports, hides), reader
        assert CSRF_PLACEHOLDER not in html
        reply_form = html[html.index(f'action="/en/comments/{comment.pk}/reply/"') :]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', reply_form).group(1)
        tokens.append(token)
        response = browser.post(
            f"/en/comments/{comment.pk}/reply/",
            {
                "csrfmiddlewaretoken": token,
                "body": f"Reply by {reader.display_name}.",
                "language": "en",
            },
        )
        assert response.status_code == 302, reader
    assert len(set(tokens)) == 4
    assert comment.replies.count() == 4


def test_hiding_a_comment_and_renaming_its_author_show_at_once(
    client, clock, version, participant, moderator
):
    comment = write(version, participant, body="Rude words.")
    assert "Rude words." in client.get(FEEDBACK).text

    discussion_services.comment_hide(comment=comment, moderator=moderator, reason="Off topic")
    html = client.get(FEEDBACK).text
    assert "Rude words." not in html
    assert "Hidden by moderators: <bdi>Off topic</bdi>" in html

    participant.display_name = "Amina K."
    participant.save()
    assert '<strong dir="auto">Amina K.</strong>' in client.get(FEEDBACK).text


def test_the_reply_form_follows_the_window_and_the_interface_language(
    client, clock, version, participant, other
):
    comment = write(version, participant)
    client.force_login(other)
    english = client.get(FEEDBACK).text
    french = client.get(FEEDBACK.replace("/en/", "/fr/")).text

    assert f'action="/en/comments/{comment.pk}/reply/"' in english
    assert (
        '<option value="en" selected>' in english and '<option value="fr" selected>' not in english
    )
    assert f'action="/fr/comments/{comment.pk}/reply/"' in french
    assert '<option value="fr" selected>' in french

    clock.shift(timedelta(days=30))  # the window has closed

    assert "/reply/" not in client.get(FEEDBACK).text
