"""Machine translation through a LibreTranslate-style service, here a tiny local HTTP server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from convene.core.machine_translation import (
    LibreTranslateBackend,
    MachineTranslationError,
    get_backend,
)
from convene.documents import services
from convene.documents.models import ParagraphTranslation
from tests.factories import UserFactory

from .factories import ITERATION_1, ITERATION_2, DocumentFactory
from .test_publishing import publish
from .test_translating import make_translator

pytestmark = pytest.mark.django_db

FR = "/en/translate/fr/ms2030/advocacy/"
SUGGEST = "Suggest a machine translation"
FAILED = (
    "The machine translation service did not answer. Nothing was changed: try again later, "
    "or translate this paragraph yourself."
)


class FakeTranslator:
    """What the service received, and what it answers next: (status, body)."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.answer: tuple[int, bytes] = (200, b"")

    def reply(self, status: int, body: object) -> None:
        self.answer = (status, body if isinstance(body, bytes) else json.dumps(body).encode())


@pytest.fixture
def translation_server():
    fake = FakeTranslator()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            fake.requests.append(
                {"path": self.path, **json.loads(self.rfile.read(length).decode())}
            )
            status, body = fake.answer
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def machine(settings, translation_server):
    settings.CONVENE_MACHINE_TRANSLATION_URL = translation_server.url
    settings.CONVENE_MACHINE_TRANSLATION_KEY = ""
    return translation_server


@pytest.fixture
def document():
    """Iteration 2: heading missing, paragraph 2 outdated (a person's), 3 up to date, 4 new."""
    document = DocumentFactory(slug="advocacy", process__slug="ms2030", title="Advocacy")
    first = publish(document, ITERATION_1)
    paragraphs = list(first.paragraphs.order_by("position"))
    person = UserFactory()
    services.translation_save(
        paragraph=paragraphs[1],
        language="fr",
        text="Un réseau mondial.",
        translator=person,
        source_fingerprint=paragraphs[1].fingerprint,
    )
    services.translation_save(
        paragraph=paragraphs[3],
        language="fr",
        text="Un processus établi.",
        translator=person,
        source_fingerprint=paragraphs[3].fingerprint,
    )
    publish(document, ITERATION_2)
    return document


@pytest.fixture
def paragraphs(document):
    return list(document.versions.get(number=2).paragraphs.order_by("position"))


@pytest.fixture
def translator(client):
    user = make_translator()
    client.force_login(user)
    return user


def test_no_backend_without_an_address(settings):
    settings.CONVENE_MACHINE_TRANSLATION_URL = ""
    assert get_backend() is None


def test_backend_sends_libretranslate_requests(translation_server):
    translation_server.reply(200, {"translatedText": "Renforcement des capacités"})
    backend = LibreTranslateBackend(url=translation_server.url + "/", api_key="k")

    assert backend.translate("Capacity building", source="en", target="pt-br") == (
        "Renforcement des capacités"
    )
    assert translation_server.requests == [
        {
            "path": "/translate",
            "q": "Capacity building",
            "source": "en",
            "target": "pt",
            "format": "text",
            "api_key": "k",
        }
    ]


@pytest.mark.parametrize(
    "status, body",
    [(500, {"error": "down"}), (200, {"translatedText": "  "}), (200, b"not json")],
)
def test_backend_errors_are_machine_translation_errors(translation_server, status, body):
    translation_server.reply(status, body)
    with pytest.raises(MachineTranslationError):
        LibreTranslateBackend(url=translation_server.url).translate("x", source="en", target="fr")


def test_suggest_button_only_where_a_machine_may_fill(client, machine, paragraphs, translator):
    response = client.get(FR)

    assert [(row.state, row.can_suggest) for row in response.context["rows"]] == [
        ("missing", True),
        ("outdated", False),  # a person's translation: never replaced by a machine
        ("missing", True),
    ]
    assert response.text.count(SUGGEST) == 2
    assert f'action="{FR}{paragraphs[0].anchor}/machine/"' in response.text


def test_a_machine_translation_fills_a_missing_paragraph_labelled_as_such(
    client, machine, paragraphs, translator
):
    machine.reply(200, {"translatedText": "Protection des défenseurs."})
    new = paragraphs[3]

    response = client.post(f"{FR}{new.anchor}/machine/")

    assert response.status_code == 302
    assert response["Location"] == f"{FR}?paragraph={new.anchor}#{new.anchor}"
    assert [(r["q"], r["source"], r["target"]) for r in machine.requests] == [
        (new.text, "en", "fr")
    ]
    translation = ParagraphTranslation.objects.get(paragraph=new, language="fr")
    assert (translation.text, translation.is_machine, translation.translator) == (
        "Protection des défenseurs.",
        True,
        None,
    )
    response = client.get(response["Location"])
    [row] = [row for row in response.context["rows"] if row.paragraph == new]
    assert (row.state, row.is_machine, row.can_suggest) == ("done", True, False)
    assert "A machine translation was filled in." in response.text
    assert "This is a machine translation: review it" in response.text
    # Readers see it labelled too.
    reading = client.get("/en/processes/ms2030/advocacy/v2/?lang=fr")
    assert "Protection des défenseurs." in reading.text
    assert '<p class="flag" lang="en">Machine translation</p>' in reading.text
    # A translator who reviews and saves it makes it a person's translation.
    client.post(
        f"{FR}{new.anchor}/", {"text": "Protection des défenseurs.", "source": new.fingerprint}
    )
    translation.refresh_from_db()
    assert translation.is_machine is False


def test_a_persons_translation_is_never_overwritten(client, machine, paragraphs, translator):
    machine.reply(200, {"translatedText": "Traduction automatique."})
    outdated, current = paragraphs[1], paragraphs[2]

    for paragraph in (outdated, current):
        response = client.post(f"{FR}{paragraph.anchor}/machine/", follow=True)
        assert "Nothing was changed: a machine translation only fills" in response.text

    assert machine.requests == []
    assert dict(
        ParagraphTranslation.objects.filter(paragraph__in=[outdated, current]).values_list(
            "text", "is_machine"
        )
    ) == {"Un réseau mondial.": False, "Un processus établi.": False}


@pytest.mark.parametrize("status, body", [(500, {"error": "down"}), (200, {"nothing": 1})])
def test_a_failing_service_changes_nothing(client, machine, paragraphs, translator, status, body):
    machine.reply(status, body)
    heading = paragraphs[0]

    response = client.post(f"{FR}{heading.anchor}/machine/", follow=True)

    assert response.redirect_chain == [(f"{FR}?paragraph={heading.anchor}#{heading.anchor}", 302)]
    assert FAILED in response.text
    assert len(machine.requests) == 1
    assert ParagraphTranslation.objects.filter(paragraph=heading).count() == 0
    [row] = [row for row in response.context["rows"] if row.paragraph == heading]
    assert (row.state, row.can_suggest) == ("missing", True)


def test_an_unreachable_service_changes_nothing(client, settings, paragraphs, translator):
    settings.CONVENE_MACHINE_TRANSLATION_URL = "http://127.0.0.1:9"  # discard port: refused

    response = client.post(f"{FR}{paragraphs[0].anchor}/machine/", follow=True)

    assert FAILED in response.text
    assert ParagraphTranslation.objects.filter(paragraph=paragraphs[0]).count() == 0


def test_machine_translation_is_for_translators_only(client, machine, paragraphs):
    client.force_login(UserFactory())
    response = client.post(f"{FR}{paragraphs[0].anchor}/machine/")
    assert response.status_code == 403
    assert machine.requests == []
    client.logout()
    response = client.post(f"{FR}{paragraphs[0].anchor}/machine/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


class SlowService:
    """A translation service during whose answer something else happens (`meanwhile`)."""

    def __init__(self, meanwhile) -> None:
        from django.db import connection

        self.meanwhile = meanwhile
        self.depth = len(connection.atomic_blocks)  # made by the test: its own transaction

    def translate(self, text: str, *, source: str, target: str) -> str:
        from django.db import connection

        # Asked outside any transaction of the service: no row stays locked meanwhile.
        assert len(connection.atomic_blocks) == self.depth
        self.meanwhile()
        return "Traduction automatique."


def test_a_person_who_translates_while_the_service_answers_keeps_their_translation(
    monkeypatch, paragraphs
):
    heading = paragraphs[0]
    person = UserFactory()

    def translator_saves() -> None:
        services.translation_save(
            paragraph=heading,
            language="fr",
            text="Plaidoyer",
            translator=person,
            source_fingerprint=heading.fingerprint,
        )

    service = SlowService(translator_saves)
    monkeypatch.setattr("convene.core.machine_translation.get_backend", lambda: service)

    filled = services.translation_machine_fill(paragraph=heading, language="fr")

    assert filled is None
    saved = ParagraphTranslation.objects.get(paragraph=heading, language="fr")
    assert (saved.text, saved.is_machine, saved.translator) == ("Plaidoyer", False, person)


def test_a_fill_finished_meanwhile_by_another_request_is_kept(monkeypatch, paragraphs):
    heading = paragraphs[0]

    def other_request_fills() -> None:
        ParagraphTranslation.objects.create(
            paragraph=heading,
            language="fr",
            text="Plaidoyer (machine)",
            source_fingerprint=heading.fingerprint,
            is_machine=True,
        )

    service = SlowService(other_request_fills)
    monkeypatch.setattr("convene.core.machine_translation.get_backend", lambda: service)

    filled = services.translation_machine_fill(paragraph=heading, language="fr")

    assert filled is not None and filled.text == "Plaidoyer (machine)"
    assert ParagraphTranslation.objects.filter(paragraph=heading, language="fr").count() == 1
