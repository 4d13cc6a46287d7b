"""Translators see how much is translated and bring missing and outdated paragraphs up to date."""

import pytest
from django.contrib.auth.models import Permission

from convene.documents import services
from convene.documents.models import ParagraphTranslation
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

from .factories import ITERATION_1, ITERATION_2, DocumentFactory
from .test_publishing import publish

pytestmark = pytest.mark.django_db

FR = "/en/translate/fr/ms2030/advocacy/"
NOT_TRANSLATOR = (
    "Only translators can use these pages. Ask an administrator for the permission to "
    "translate documents."
)


def make_translator(**fields):
    user = UserFactory(**fields)
    user.user_permissions.add(
        Permission.objects.get(
            codename="add_paragraphtranslation", content_type__app_label="documents"
        )
    )
    return user


@pytest.fixture
def translator():
    return make_translator()


@pytest.fixture
def document():
    """Iteration 1 had two French paragraphs; iteration 2 changed one of them and added one."""
    document = DocumentFactory(slug="advocacy", process__slug="ms2030", title="Advocacy")
    first = publish(document, ITERATION_1)
    paragraphs = list(first.paragraphs.order_by("position"))
    someone = UserFactory()
    services.translation_save(
        paragraph=paragraphs[1],
        language="fr",
        text="Un réseau mondial.",
        translator=someone,
        source_fingerprint=paragraphs[1].fingerprint,
    )
    services.translation_save(
        paragraph=paragraphs[3],
        language="fr",
        text="Un processus établi.",
        translator=someone,
        source_fingerprint=paragraphs[3].fingerprint,
    )
    publish(document, ITERATION_2)
    return document


def _paragraphs(document):
    return list(document.versions.get(number=2).paragraphs.order_by("position"))


# --- who may translate ---------------------------------------------------------------------


def _translate_urls(document):
    anchor = _paragraphs(document)[0].anchor
    return {
        "get": ["/en/translate/", "/en/translate/fr/", FR],
        "post": [f"{FR}{anchor}/"],
    }


def test_anonymous_people_are_sent_to_log_in(client, document):
    urls = _translate_urls(document)
    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next={url}"
    for url in urls["post"]:
        response = client.post(url, {"text": "x"})
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize("who", ["other", "author"])
def test_people_without_the_permission_are_refused_with_a_reason(client, document, who):
    user = UserFactory()
    if who == "author":
        document.authors.add(user)
    client.force_login(user)
    urls = _translate_urls(document)
    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code == 403
        assert NOT_TRANSLATOR in response.text
    for url in urls["post"]:
        assert client.post(url, {"text": "Pirate"}).status_code == 403
    assert ParagraphTranslation.objects.filter(text="Pirate").count() == 0


def test_translators_open_every_page(client, document, translator):
    client.force_login(translator)
    for url in _translate_urls(document)["get"]:
        assert client.get(url).status_code == 200


def test_unknown_language_or_unpublished_document_is_404(client, document, translator):
    DocumentFactory(slug="draft-only", process=document.process)
    client.force_login(translator)
    assert client.get("/en/translate/xx/").status_code == 404
    assert client.get("/en/translate/xx/ms2030/advocacy/").status_code == 404
    assert client.get("/en/translate/fr/ms2030/draft-only/").status_code == 404
    assert client.get("/en/translate/fr/ms2030/nothing/").status_code == 404
    assert client.post(f"{FR}p-nothing/", {"text": "x"}).status_code == 404


# --- progress -----------------------------------------------------------------------------


def test_languages_page_sums_progress_per_language(client, document, translator):
    client.force_login(translator)

    response = client.get("/en/translate/")

    rows = {row["code"]: row for row in response.context["languages"]}
    assert len(rows) == 10
    assert {k: rows["fr"][k] for k in ("documents", "total", "up_to_date", "outdated")} == {
        "documents": 1,
        "total": 4,
        "up_to_date": 1,
        "outdated": 1,
    }
    assert (rows["fr"]["missing"], rows["fr"]["percent"]) == (2, 25)
    assert (rows["ar"]["up_to_date"], rows["ar"]["missing"], rows["ar"]["percent"]) == (0, 4, 0)
    assert rows["en"]["documents"] == 0  # the documents are written in English
    assert '<progress max="100" value="25" aria-labelledby="language-fr">' in response.text


def test_language_page_shows_progress_per_document(client, document, translator):
    other = DocumentFactory(slug="capacity", process=document.process, title="Capacity", position=2)
    publish(other, "# Capacity\n\nBuilding capacity for capacity building.")
    client.force_login(translator)

    response = client.get("/en/translate/fr/")

    assert response.status_code == 200
    assert [
        (p.document.title, p.total, p.up_to_date, p.outdated, p.missing, p.percent)
        for p in response.context["progress"]
    ] == [("Advocacy", 4, 1, 1, 2, 25), ("Capacity", 2, 0, 0, 2, 0)]
    assert "Translating into French" in response.text
    assert f'href="{FR}"' in response.text


def test_document_page_lists_missing_and_outdated_paragraphs(client, document, translator):
    paragraphs = _paragraphs(document)
    client.force_login(translator)

    response = client.get(FR)

    assert response.status_code == 200
    assert [(row.paragraph.anchor, row.state) for row in response.context["rows"]] == [
        (paragraphs[0].anchor, "missing"),
        (paragraphs[1].anchor, "outdated"),
        (paragraphs[3].anchor, "missing"),
    ]
    outdated = response.context["rows"][1]
    assert outdated.translation == "Un réseau mondial."
    assert outdated.form["text"].value() == "Un réseau mondial."
    assert response.context["rows"][0].form["text"].value() == ""
    assert "3 paragraphs need a translation or an update." in response.text
    assert "This translation was made from an older text of this paragraph" in response.text
    assert f'<section id="{paragraphs[1].anchor}"' in response.text
    assert f'<label for="{paragraphs[1].anchor}-text">Translation into French:</label>' in (
        response.text
    )


def test_saving_a_translation_makes_it_up_to_date(client, document, translator):
    paragraphs = _paragraphs(document)
    outdated = paragraphs[1]
    client.force_login(translator)

    response = client.post(
        f"{FR}{outdated.anchor}/",
        {"text": "  Transparence : un réseau mondial.  ", "source": outdated.fingerprint},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{FR}?paragraph={outdated.anchor}#{outdated.anchor}"
    translation = ParagraphTranslation.objects.get(paragraph=outdated, language="fr")
    assert (translation.text, translation.is_machine, translation.translator) == (
        "Transparence : un réseau mondial.",
        False,
        translator,
    )
    assert translation.is_outdated is False
    # Back at the same paragraph, now marked up to date; the others still to do.
    response = client.get(response["Location"])
    assert [(row.paragraph.anchor, row.state) for row in response.context["rows"]] == [
        (paragraphs[0].anchor, "missing"),
        (outdated.anchor, "done"),
        (paragraphs[3].anchor, "missing"),
    ]
    assert "The translation is saved." in response.text
    progress = client.get("/en/translate/fr/").context["progress"]
    assert [(p.up_to_date, p.outdated, p.missing) for p in progress] == [(2, 0, 2)]


def test_an_empty_translation_is_refused(client, document, translator):
    paragraph = _paragraphs(document)[0]
    client.force_login(translator)

    response = client.post(
        f"{FR}{paragraph.anchor}/", {"text": "  ", "source": paragraph.fingerprint}
    )

    assert response.status_code == 400
    [row] = [row for row in response.context["rows"] if row.paragraph == paragraph]
    assert row.form.errors == {"text": ["This field is required."]}
    assert ParagraphTranslation.objects.filter(paragraph=paragraph).count() == 0


def test_a_translation_of_a_text_that_changed_meanwhile_is_not_saved(client, document, translator):
    paragraph = _paragraphs(document)[1]
    client.force_login(translator)

    response = client.post(
        f"{FR}{paragraph.anchor}/", {"text": "Nouveau texte.", "source": "an-older-fingerprint"}
    )

    assert response.status_code == 400
    [row] = [row for row in response.context["rows"] if row.paragraph == paragraph]
    assert row.form.errors == {
        "text": [
            "The original paragraph changed while you were translating. Compare your "
            "translation with the new original, then save it again."
        ]
    }
    assert row.form["text"].value() == "Nouveau texte."
    assert row.form["source"].value() == paragraph.fingerprint  # saving again is accepted
    assert ParagraphTranslation.objects.get(paragraph=paragraph).text == "Un réseau mondial."


def test_a_document_written_in_the_language_has_nothing_to_translate(client, document, translator):
    client.force_login(translator)
    response = client.get("/en/translate/en/ms2030/advocacy/")
    assert response.context["rows"] == []
    assert "This document is written in this language: there is nothing to translate." in (
        response.text
    )


def test_reading_page_links_translators_to_the_worklist(client, document, translator):
    client.force_login(translator)
    response = client.get("/en/processes/ms2030/advocacy/v2/?lang=fr")
    assert f'<a href="{FR}">Translate into French</a>' in response.text
    client.force_login(UserFactory())
    response = client.get("/en/processes/ms2030/advocacy/v2/?lang=fr")
    assert "Translate into French" not in response.text


def test_without_a_backend_no_trace_of_machine_translation(client, document, translator, settings):
    settings.CONVENE_MACHINE_TRANSLATION_URL = ""
    paragraph = _paragraphs(document)[0]
    client.force_login(translator)

    response = client.get(FR)

    assert "machine" not in response.text.lower()
    assert client.post(f"{FR}{paragraph.anchor}/machine/").status_code == 404
    assert ParagraphTranslation.objects.filter(paragraph=paragraph).count() == 0


# --- queries ------------------------------------------------------------------------------


def _more_documents(document, count):
    for n in range(count):
        other = DocumentFactory(process=document.process, slug=f"more-{n}", title=f"More {n}")
        version = publish(other, ITERATION_1)
        paragraph = version.paragraphs.order_by("position")[1]
        services.translation_save(
            paragraph=paragraph,
            language="fr",
            text="Un réseau.",
            translator=UserFactory(),
            source_fingerprint=paragraph.fingerprint,
        )
        publish(other, ITERATION_2)


def test_progress_pages_query_count_is_constant(
    client, document, translator, django_assert_max_num_queries, django_assert_num_queries
):
    _more_documents(document, 4)
    for _number in range(3):
        SessionFactory(event=EventFactory())
    client.force_login(translator)

    with django_assert_max_num_queries(13):
        response = client.get("/en/translate/fr/")
    assert len(response.context["progress"]) == 5
    assert len(response.context["events"]) == 3
    # Login session, user, permissions, whether they moderate (the header's link), four
    # reads for all the content languages together, whatever the number of documents, and
    # four for the events (events, sessions, questions, translations).
    with django_assert_num_queries(13):
        assert client.get("/en/translate/").status_code == 200


def test_document_page_query_count_is_constant(
    client, document, translator, django_assert_max_num_queries
):
    paragraphs = _paragraphs(document)
    extra = "\n\n".join(f"Paragraph number {n} of a longer text." for n in range(30))
    version = publish(document, ITERATION_2 + "\n\n" + extra)
    assert version.paragraphs.count() == 34
    client.force_login(translator)

    with django_assert_max_num_queries(10):
        response = client.get(f"{FR}?paragraph={paragraphs[2].anchor}")
    assert len(response.context["rows"]) == 34
