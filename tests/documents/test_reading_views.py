from datetime import date

import pytest

from convene.documents import services
from convene.documents.models import Phase
from tests.factories import UserFactory

from .factories import ITERATION_1, ITERATION_2, DocumentFactory
from .test_publishing import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    document = DocumentFactory(slug="advocacy", process__slug="ms2030", title="Advocacy")
    first = publish(document, ITERATION_1)
    paragraphs = list(first.paragraphs.order_by("position"))
    services.translation_save(
        paragraph=paragraphs[1],
        language="fr",
        text="Un réseau mondial.",
        translator=UserFactory(),
        source_fingerprint=paragraphs[1].fingerprint,
    )
    publish(document, ITERATION_2)
    return document


def test_process_page_shows_current_and_next_phase(client, document):
    process = document.process
    Phase.objects.create(
        process=process,
        kind="feedback",
        title="Community input",
        starts_on=date(2019, 8, 1),
        ends_on=date(2019, 9, 15),
    )
    Phase.objects.create(
        process=process,
        kind="synthesis",
        title="Synthesis",
        starts_on=date(2019, 9, 16),
        ends_on=date(2019, 11, 1),
    )
    Phase.objects.create(
        process=process, kind="final", title="Final recommendations", starts_on=date(2030, 1, 1)
    )

    response = client.get("/en/processes/ms2030/")

    assert response.status_code == 200
    assert response.context["current_phase"] is None
    assert response.context["next_phase"].title == "Final recommendations"
    assert "Advocacy" in response.text


def test_document_address_opens_the_latest_version(client, document):
    response = client.get("/en/processes/ms2030/advocacy/?lang=fr")
    assert response.status_code == 302
    assert response["Location"] == "/en/processes/ms2030/advocacy/v2/?lang=fr"


def test_reading_in_french_with_fallback_and_outdated_notices(client, document):
    response = client.get("/en/processes/ms2030/advocacy/v2/?lang=fr")

    assert response.status_code == 200
    text = response.text
    assert "Un réseau mondial." in text
    assert "This translation is of an older text of this paragraph" in text
    assert "3 paragraphs are not translated into French yet and are shown in English." in text


def test_diff_page(client, document):
    response = client.get("/en/processes/ms2030/advocacy/diff/?from=1&to=2")

    assert response.status_code == 200
    assert "<ins>Transparency: </ins>A global network" in response.text
    assert response.context["counts"] == {"changed": 1, "added": 1, "removed": 1}
    assert "1 paragraph changed. 1 paragraph added. 1 paragraph removed." in response.text


def test_diff_page_counts_paragraphs_in_the_form_of_each_number(client, document):
    same = client.get("/en/processes/ms2030/advocacy/diff/?from=2&to=2").text
    assert "0 paragraphs changed. 0 paragraphs added. 0 paragraphs removed." in same

    russian = client.get("/ru/processes/ms2030/advocacy/diff/?from=1&to=2").text
    assert "Изменён 1 абзац. Добавлен 1 абзац. Удалён 1 абзац." in russian
    russian_same = client.get("/ru/processes/ms2030/advocacy/diff/?from=2&to=2").text
    assert "Изменено 0 абзацев. Добавлено 0 абзацев. Удалено 0 абзацев." in russian_same


def test_unknown_version_is_404(client, document):
    assert client.get("/en/processes/ms2030/advocacy/v9/").status_code == 404
    assert client.get("/en/processes/ms2030/advocacy/diff/?from=1&to=9").status_code == 404


def test_follow_and_unfollow(client, document):
    user = UserFactory()
    client.force_login(user)
    client.post("/en/processes/ms2030/advocacy/follow/", {"follow": "1"})
    assert list(document.followers.all()) == [user]
    client.post("/en/processes/ms2030/advocacy/follow/", {"follow": "0"})
    assert list(document.followers.all()) == []


def test_reading_page_query_count_is_constant(client, document, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/en/processes/ms2030/advocacy/v2/?lang=fr").status_code == 200


def test_reading_language_is_kept_when_following_links(client, document):
    text = client.get("/en/processes/ms2030/advocacy/v2/?lang=fr").text
    assert 'href="/en/processes/ms2030/advocacy/v1/?lang=fr"' in text
    assert 'href="/en/processes/ms2030/advocacy/diff/?lang=fr"' in text
    diff = client.get("/en/processes/ms2030/advocacy/diff/?lang=fr").text
    assert 'href="/en/processes/ms2030/advocacy/v2/?lang=fr"' in diff
    assert '<div class="diff" dir="auto" lang="en">' in diff
