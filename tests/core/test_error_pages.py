"""Error pages are the site's own, in the reader's language, as in production."""

from django.test import RequestFactory
from django.views import defaults


def test_a_missing_page_answers_the_sites_404_in_the_readers_language(client):
    response = client.get("/fr/nothing-here/")

    assert response.status_code == 404
    assert '<html lang="fr" dir="ltr">' in response.text
    assert "<h1>Page non trouvée</h1>" in response.text
    assert 'href="/fr/events/"' in response.text


def test_a_server_error_answers_a_page_that_needs_no_context():
    response = defaults.server_error(RequestFactory().get("/en/events/"))

    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()
    assert 'href="/static/convene/convene.css"' in response.content.decode()
