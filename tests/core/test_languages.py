"""All ten languages: complete catalogues, prefixed addresses, direction, switcher."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "convene"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def catalogue(code: str, root: str = "locale"):
    folder = code.replace("-hans", "_Hans").replace("pt-br", "pt_BR")
    with (SRC / root / folder / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=folder)


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogue_is_complete_and_consistent(code):
    messages = [m for m in catalogue(code) if m.id]
    assert len(messages) > 300
    untranslated = [
        m.id for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_survive_translation(code):
    problems = [(m.id, errors) for m, errors in catalogue(code).check() if errors]
    assert problems == []


def test_hindi_sign_in_pages_are_translated():
    messages = [m for m in catalogue("hi", "locale_allauth") if m.id]
    assert [
        m.id for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ] == []


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_render_in_every_language_with_the_right_direction(client, code):
    event = EventFactory(slug="gc", title="Global Conversations")
    session = SessionFactory(event=event)
    client.force_login(UserFactory())
    direction = "rtl" if code == "ar" else "ltr"
    for path in (
        f"/{code}/events/",
        f"/{code}/events/gc/",
        f"/{code}/events/gc/sessions/{session.pk}/",
        f"/{code}/events/gc/sessions/{session.pk}/register/",
        f"/{code}/me/",
        f"/{code}/timezone/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{code}" dir="{direction}">' in response.text, path


@pytest.mark.django_db
def test_interface_text_is_translated(client):
    response = client.get("/fr/events/")
    assert "<h1>" + catalogue("fr").get("Events").string + "</h1>" in response.text


@pytest.mark.django_db
def test_language_switcher_keeps_the_page(client):
    EventFactory(slug="gc")
    text = client.get("/en/events/gc/?tab=1").text
    assert 'href="/ar/events/gc/?tab=1" hreflang="ar" lang="ar"' in text
    assert 'href="/pt-br/events/gc/?tab=1" hreflang="pt-br" lang="pt-br"' in text
    assert 'href="/en/events/gc/?tab=1" hreflang="en" lang="en" aria-current="true"' in text


def test_unprefixed_address_redirects_to_a_language():
    from django.test import Client

    response = Client(HTTP_ACCEPT_LANGUAGE="fr").get("/events/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/events/"
