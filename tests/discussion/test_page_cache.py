"""Anonymous readers of a document and of its feedback share a copy a few seconds old;
whoever writes always sees the page as it is."""

import pytest

from convene.core import markup
from convene.documents.models import DocumentVersion

from .factories import write

pytestmark = pytest.mark.django_db

READING = "/en/processes/ms2030/advocacy/v1/"
FEEDBACK = "/en/processes/ms2030/advocacy/v1/feedback/"


@pytest.fixture
def page_cache(settings):
    settings.CONVENE_PAGE_CACHE_SECONDS = 5


@pytest.mark.parametrize("path", [READING, FEEDBACK])
def test_anonymous_readers_get_the_copy_of_a_few_seconds_ago(
    client, clock, version, page_cache, path
):
    first = client.get(path)
    DocumentVersion.objects.filter(pk=version.pk).update(title="Renamed meanwhile")
    second = client.get(path)

    assert first.status_code == second.status_code == 200
    assert "X-Convene-Cache" not in first
    assert second["X-Convene-Cache"] == "hit"
    assert second.content == first.content
    assert "Renamed meanwhile" not in second.text


def test_the_reading_language_has_its_own_copy(client, clock, version, page_cache):
    client.get(READING)
    assert "X-Convene-Cache" not in client.get(READING + "?lang=fr")
    assert client.get(READING + "?lang=fr")["X-Convene-Cache"] == "hit"


def test_whoever_comments_sees_their_comment_at_once(
    client, clock, version, participant, page_cache
):
    client.get(FEEDBACK)
    write(version, participant, body="A comment written after the copy was made.")
    client.force_login(participant)

    response = client.get(FEEDBACK)

    assert "X-Convene-Cache" not in response
    assert "A comment written after the copy was made." in response.text


def test_without_the_cache_every_reader_gets_the_page_as_it_is(client, clock, version, settings):
    settings.CONVENE_PAGE_CACHE_SECONDS = 0
    client.get(READING)
    DocumentVersion.objects.filter(pk=version.pk).update(title="Renamed meanwhile")
    assert "Renamed meanwhile" in client.get(READING).text


def test_paragraph_html_is_rendered_once_per_text():
    markup.render_markdown.cache_clear()
    text = "The **Movement** should *invest* in [local capacity](https://example.org)."

    first = markup.render_markdown(text)
    second = markup.render_markdown(text)

    expected = (
        '<p>The <strong>Movement</strong> should <em>invest</em> in <a href="https://example.org"'
        ' rel="nofollow noopener noreferrer">local capacity</a>.</p>\n'
    )
    assert first == second == expected
    assert markup.render_markdown.cache_info().hits == 1
    assert markup.render_markdown.cache_info().misses == 1
