"""Search across documents and comments: on SQLite every term must appear; on PostgreSQL
(when DATABASE_URL points there) its text search does the same with word prefixes."""

from datetime import timedelta

import pytest
from django.db import connection

from convene.discussion import search, services
from convene.documents import services as documents
from tests.documents.factories import DocumentFactory
from tests.factories import UserFactory

from .factories import CommentFactory, paragraphs_of, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(clock, document, version, second_version, moderator):
    kept = second_version.paragraphs.get(position=2)
    documents.translation_save(
        paragraph=kept,
        language="fr",
        text="Transparence : un réseau mondial de défenseurs de Wikimedia.",
        translator=UserFactory(),
        source_fingerprint=kept.fingerprint,
    )
    visible = write(
        version,
        UserFactory(display_name="Rural voice"),
        body="Offline advocacy hubs are needed in rural areas.",
        paragraph=paragraphs_of(version)[0],
    )
    hidden = write(version, UserFactory(), body="A secret insult about advocacy.")
    services.comment_hide(comment=hidden, moderator=moderator, reason="Insult.")
    draft_author = UserFactory()
    draft_document = DocumentFactory(process=document.process, slug="draft", authors=[draft_author])
    documents.version_save_draft(
        document=draft_document,
        author=draft_author,
        title="Draft",
        body="Unpublished draftonly text about advocacy.",
    )
    return {"kept": kept, "visible": visible, "hidden": hidden}


def found(client, query, language="en"):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    page = response.context["page"]
    if page is None:
        return None
    return [(hit.kind, hit.paragraph or hit.comment) for hit in page]


def test_an_empty_query_shows_the_form_only(client, corpus):
    response = client.get("/en/search/")
    assert response.context["page"] is None
    assert '<label for="id_q">Search documents and comments:</label>' in response.text
    assert 'id="results"' not in response.text
    assert found(client, "   ") is None


def test_paragraphs_of_the_latest_version_are_found_once(client, corpus, second_version):
    hits = found(client, "established communication")
    paragraph = second_version.paragraphs.get(text__startswith="There is an established")
    assert hits == [("paragraph", paragraph)]
    html = client.get("/en/search/", {"q": "established communication"}).text
    assert f'href="/en/processes/ms2030/advocacy/v2/#{paragraph.anchor}"' in html
    assert "1 result for “established communication”" in html


def test_every_term_must_match_in_any_case(client, corpus):
    assert found(client, "ESTABLISHED Communication") != []
    assert found(client, "established rural") == []


def test_word_beginnings_are_enough(client, corpus):
    assert [kind for kind, _item in found(client, "advoc hubs")] == ["comment"]


def test_visible_comments_are_found_and_hidden_ones_are_not(client, corpus):
    assert found(client, "rural hubs") == [("comment", corpus["visible"])]
    html = client.get("/en/search/", {"q": "rural hubs"}).text
    assert f'href="/en/comments/{corpus["visible"].pk}/"' in html
    assert "Comment by Rural voice on “Advocacy”, iteration 1" in html
    assert found(client, "secret insult") == []


def test_drafts_are_not_searched(client, corpus):
    assert found(client, "draftonly") == []


def test_translations_in_the_readers_language(client, corpus):
    kept = corpus["kept"]
    assert found(client, "défenseurs", language="fr") == [("paragraph", kept)]
    html = client.get("/fr/search/", {"q": "défenseurs"}).text
    assert f'href="/fr/processes/ms2030/advocacy/v2/?lang=fr#{kept.anchor}"' in html
    assert 'lang="fr" dir="auto"' in html
    # Someone reading in English searches the English text.
    assert found(client, "défenseurs", language="en") == []
    # A paragraph found both in its translation and in its source is listed once.
    assert found(client, "Wikimedia Transparence", language="fr") == [("paragraph", kept)]


def test_queries_are_capped(client, corpus):
    response = client.get("/en/search/", {"q": "advocacy " + "x" * 400})
    assert len(response.context["query"]) == search.QUERY_MAX_LENGTH
    assert search.search_terms("a " * 50) == ["a"] * search.MAX_TERMS


def test_results_are_paginated(client, clock, corpus, version):
    for _number in range(25):
        CommentFactory(version=version, body="Pagination matters.")
        clock.shift(timedelta(seconds=1))
    first = client.get("/en/search/", {"q": "pagination"}).context["page"]
    second = client.get("/en/search/", {"q": "pagination", "page": 2}).context["page"]
    assert (len(first), len(second), first.paginator.count) == (20, 5, 25)


@pytest.mark.parametrize(
    "query", ["advoc' & | ! ( ) : * \\ <-> 'quoted'", "&&&", "'", "-", "a:*", "中文 العربية"]
)
def test_odd_characters_do_not_break_search(client, corpus, query):
    assert client.get("/en/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_nul_character_is_refused_with_a_message(client, corpus, language):
    response = client.get(f"/{language}/search/", {"q": "advocacy\x00"})

    assert response.status_code == 200
    assert response.context["page"] is None
    message = {
        "en": "Null characters are not allowed.",
        "fr": "Le caractère nul n’est pas autorisé.",
    }
    assert response.context["form"].errors == {"q": [message[language]]}
    assert message[language] in response.text


def test_a_long_query_is_cut_to_the_length_searched(client, corpus):
    response = client.get("/en/search/", {"q": "advocacy" + " x" * 200})

    assert response.context["query"] == "advocacy" + " x" * 96  # 200 characters


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking needs PostgreSQL")
def test_postgres_ranks_better_matches_first(client, clock, version):
    once = CommentFactory(version=version, body="Advocacy, and then many other words here.")
    twice = CommentFactory(version=version, body="Advocacy advocacy advocacy.")
    hits = search.search(query="advocacy", language="en")
    comments = [hit.comment for hit in hits if hit.kind == "comment"]
    assert comments == [twice, once]
    assert hits[0].rank > 0
