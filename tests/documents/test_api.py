"""The documents JSON API: processes, documents, published versions in a language, initiatives."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from convene.documents import services
from convene.documents.models import Initiative, ParagraphTranslation, Phase
from tests.factories import UserFactory

from .factories import ITERATION_1, ITERATION_2, DocumentFactory, ProcessFactory, member_of
from .test_publishing import publish

pytestmark = pytest.mark.django_db

# During the feedback phase of the process below (publication is at NOW, 1 September).
DURING = datetime(2019, 9, 5, 10, 0, tzinfo=UTC)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def frozen():
    with time_machine.travel(DURING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def process():
    process = ProcessFactory(slug="ms2030", title="Movement Strategy 2018-20", description="*Why*")
    for kind, title, starts_on, ends_on in [
        ("drafting", "Working groups draft", date(2019, 8, 1), date(2019, 8, 31)),
        ("feedback", "Community conversations", date(2019, 9, 1), date(2019, 9, 16)),
        ("synthesis", "Synthesis", date(2019, 9, 17), None),
    ]:
        Phase.objects.create(
            process=process, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on
        )
    return process


@pytest.fixture
def document(process):
    return DocumentFactory(
        process=process, slug="advocacy", title="Advocacy", working_group="Advocacy WG"
    )


def refused(detail, code):
    return {"detail": detail, "code": code}


def invalid(errors):
    return {"detail": "Invalid input.", "code": "invalid", "errors": errors}


def phase(kind, title, starts_on, ends_on):
    return {
        "kind": kind,
        "title": title,
        "description": "",
        "starts_on": starts_on,
        "ends_on": ends_on,
    }


DRAFTING = phase("drafting", "Working groups draft", "2019-08-01", "2019-08-31")
FEEDBACK = phase("feedback", "Community conversations", "2019-09-01", "2019-09-16")
SYNTHESIS = phase("synthesis", "Synthesis", "2019-09-17", None)


def summary(version):
    return {
        "id": version.pk,
        "number": version.number,
        "title": version.title,
        "change_summary": version.change_summary,
        "published_at": "2019-09-01T12:00:00Z",
    }


def property_names(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from property_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from property_names(item)


# --- Processes ---------------------------------------------------------------------


def test_process_list_has_phases_and_the_current_one(api, frozen, process):
    response = api.get("/api/v1/processes/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "slug": "ms2030",
                "title": "Movement Strategy 2018-20",
                "description": "*Why*",
                "url": "http://testserver/en/processes/ms2030/",
                "phases": [DRAFTING, FEEDBACK, SYNTHESIS],
                "current_phase": FEEDBACK,
                "next_phase": SYNTHESIS,
            }
        ],
    }


def test_current_phase_is_judged_in_utc_whatever_the_viewers_zone(api, process):
    # 16 September, 20:00 UTC: already the 17th in Kiribati, where the viewer lives.
    signed_in = UserFactory(timezone="Pacific/Kiritimati")
    api.force_login(signed_in)
    api.cookies["convene_tz"] = "Pacific/Kiritimati"

    with time_machine.travel(datetime(2019, 9, 16, 20, 0, tzinfo=UTC), tick=False):
        body = api.get("/api/v1/processes/ms2030/").json()

    assert (body["current_phase"], body["next_phase"]) == (FEEDBACK, SYNTHESIS)


def test_process_without_phases_has_no_current_one(api, frozen):
    ProcessFactory(slug="charter")

    body = api.get("/api/v1/processes/charter/").json()

    assert (body["phases"], body["current_phase"], body["next_phase"]) == ([], None, None)


def test_process_detail_lists_its_documents_with_a_published_version(api, frozen, document):
    version = publish(document, ITERATION_1)
    DocumentFactory(process=document.process, slug="draft-only", title="Not yet")
    author = UserFactory()
    draft = DocumentFactory(process=document.process, slug="drafted", authors=[author])
    services.version_save_draft(document=draft, author=author, title="Draft", body="Hi")

    response = api.get("/api/v1/processes/ms2030/")

    assert response.status_code == 200
    body = response.json()
    assert body["phases"] == [DRAFTING, FEEDBACK, SYNTHESIS]
    assert body["documents"] == [
        {
            "id": document.pk,
            "process": "ms2030",
            "slug": "advocacy",
            "title": "Advocacy",
            "kind": "recommendation",
            "working_group": "Advocacy WG",
            "url": "http://testserver/en/processes/ms2030/advocacy/",
            "versions": [summary(version)],
            "initiatives": [],
        }
    ]


def test_unknown_process_is_not_found(api):
    response = api.get("/api/v1/processes/nothing-here/")

    assert response.status_code == 404
    assert response.json() == refused("No Process matches the given query.", "not_found")


# --- Documents ---------------------------------------------------------------------


def test_document_detail_has_published_versions_and_initiatives(api, frozen, document):
    first = publish(document, ITERATION_1)
    second = publish(document, ITERATION_2, change_summary="Protection of advocates added.")
    services.version_save_draft(
        document=document, author=member_of(document), title="Iteration 3", body="Not yet."
    )
    services.initiative_save(
        document=document,
        by=member_of(document),
        number=23,
        identifier="initiative-23",
        title="Advocacy policy",
    )
    services.initiative_save(
        document=document,
        by=member_of(document),
        number=22,
        identifier="initiative-22",
        title="Global advocacy network",
        description="Advocates *support* each other.",
    )

    response = api.get(f"/api/v1/documents/{document.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": document.pk,
        "process": "ms2030",
        "slug": "advocacy",
        "title": "Advocacy",
        "kind": "recommendation",
        "working_group": "Advocacy WG",
        "url": "http://testserver/en/processes/ms2030/advocacy/",
        "versions": [summary(first), summary(second)],
        "initiatives": [
            {
                "identifier": "initiative-22",
                "number": 22,
                "title": "Global advocacy network",
                "description": "Advocates *support* each other.",
                "document": document.pk,
            },
            {
                "identifier": "initiative-23",
                "number": 23,
                "title": "Advocacy policy",
                "description": "",
                "document": document.pk,
            },
        ],
    }


def test_document_list_filters_by_process_and_leaves_out_unpublished_documents(
    api, frozen, document
):
    publish(document, ITERATION_1)
    other = DocumentFactory(process=ProcessFactory(slug="charter"), slug="preamble")
    publish(other, "# Preamble\n\nWe, the movement.")
    draft_only = DocumentFactory(process=document.process, slug="draft-only")
    author = UserFactory()
    drafted = DocumentFactory(process=document.process, slug="drafted", authors=[author])
    services.version_save_draft(document=drafted, author=author, title="Draft", body="Hi")
    api.force_login(author)  # authors see their drafts on the site; never in the API

    every = api.get("/api/v1/documents/").json()
    of_ms2030 = api.get("/api/v1/documents/?process=ms2030").json()

    assert [d["slug"] for d in every["results"]] == ["advocacy", "preamble"]
    assert every["count"] == 2
    assert [d["slug"] for d in of_ms2030["results"]] == ["advocacy"]
    assert api.get("/api/v1/documents/?process=unknown").json()["count"] == 0
    for hidden in (drafted, draft_only):
        response = api.get(f"/api/v1/documents/{hidden.pk}/")
        assert response.status_code == 404
        assert response.json() == refused("No Document matches the given query.", "not_found")


def test_document_list_refuses_a_malformed_filter(api):
    response = api.get("/api/v1/documents/?process=not a slug")

    assert response.status_code == 400
    assert response.json() == invalid(
        {
            "process": [
                'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'
            ]
        }
    )


# --- Versions ----------------------------------------------------------------------


def test_version_has_its_paragraphs_in_the_source_language(api, frozen, document):
    version = publish(
        document,
        ITERATION_1,
        feedback_opens_at=datetime(2019, 9, 2, tzinfo=UTC),
        feedback_closes_at=datetime(2019, 9, 16, tzinfo=UTC),
        guiding_questions="What do you like?\n\n  Any red lines?  ",
    )
    heading, first, second, third = version.paragraphs.order_by("position")

    response = api.get(f"/api/v1/versions/{version.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": version.pk,
        "document": document.pk,
        "number": 1,
        "title": "Advocacy",
        "change_summary": "",
        "source_language": "en",
        "published_at": "2019-09-01T12:00:00Z",
        "feedback_opens_at": "2019-09-02T00:00:00Z",
        "feedback_closes_at": "2019-09-16T00:00:00Z",
        "feedback_state": "open",
        "guiding_questions": ["What do you like?", "Any red lines?"],
        "url": "http://testserver/en/processes/ms2030/advocacy/v1/",
        "language": "en",
        "paragraphs": [
            {
                "anchor": paragraph.anchor,
                "position": position,
                "kind": kind,
                "text": text,
                "language": "en",
                "is_fallback": False,
                "is_outdated": False,
                "is_machine": False,
            }
            for position, (paragraph, kind, text) in enumerate(
                [
                    (heading, "heading", "# Advocacy"),
                    (
                        first,
                        "paragraph",
                        "A global network of Wikimedia advocates is built on community driven "
                        "rules of engagement.",
                    ),
                    (
                        second,
                        "paragraph",
                        "Community actively seeks and provides a good environment that "
                        "attracts more people.",
                    ),
                    (
                        third,
                        "paragraph",
                        "There is an established communication process for community advocates.",
                    ),
                ],
                start=1,
            )
        ],
    }


def test_lang_gives_translations_with_exact_fallback_outdated_and_machine_flags(
    api, frozen, document
):
    translator = UserFactory()
    first = publish(document, ITERATION_1)
    _heading, network, _community, process = first.paragraphs.order_by("position")
    for paragraph, text in [
        (network, "Un réseau mondial de défenseurs."),
        (process, "Il existe un processus de communication."),
    ]:
        services.translation_save(
            paragraph=paragraph,
            language="fr",
            text=text,
            translator=translator,
            source_fingerprint=paragraph.fingerprint,
        )
    # Iteration 2 edits the network paragraph, keeps the process one, adds protection.
    second = publish(document, ITERATION_2)
    heading2, network2, process2, protection = second.paragraphs.order_by("position")
    assert (network2.anchor, process2.anchor) == (network.anchor, process.anchor)
    ParagraphTranslation.objects.create(
        paragraph=heading2,
        language="fr",
        text="# Plaidoyer",
        source_fingerprint=heading2.fingerprint,
        is_machine=True,
    )

    response = api.get(f"/api/v1/versions/{second.pk}/?lang=fr")

    assert response.status_code == 200
    body = response.json()
    assert body["language"] == "fr"
    assert body["paragraphs"] == [
        {
            "anchor": heading2.anchor,
            "position": 1,
            "kind": "heading",
            "text": "# Plaidoyer",
            "language": "fr",
            "is_fallback": False,
            "is_outdated": False,
            "is_machine": True,
        },
        {
            "anchor": network.anchor,
            "position": 2,
            "kind": "paragraph",
            "text": "Un réseau mondial de défenseurs.",
            "language": "fr",
            "is_fallback": False,
            "is_outdated": True,  # translated from iteration 1's text
            "is_machine": False,
        },
        {
            "anchor": process.anchor,
            "position": 3,
            "kind": "paragraph",
            "text": "Il existe un processus de communication.",
            "language": "fr",
            "is_fallback": False,
            "is_outdated": False,
            "is_machine": False,
        },
        {
            "anchor": protection.anchor,
            "position": 4,
            "kind": "paragraph",
            "text": "Protection of Advocates: advocates have access to clearly defined "
            "safety measures.",
            "language": "en",
            "is_fallback": True,
            "is_outdated": False,
            "is_machine": False,
        },
    ]
    in_arabic = api.get(f"/api/v1/versions/{second.pk}/?lang=ar").json()
    assert [(p["language"], p["is_fallback"]) for p in in_arabic["paragraphs"]] == [
        ("en", True)
    ] * 4


def test_unknown_language_is_refused(api, document):
    version = publish(document, ITERATION_1)

    response = api.get(f"/api/v1/versions/{version.pk}/?lang=xx")

    assert response.status_code == 400
    assert response.json() == invalid({"lang": ['"xx" is not a valid choice.']})


def test_drafts_are_not_found_even_for_their_authors(api, document):
    author = UserFactory()
    document.authors.add(author)
    draft = services.version_save_draft(
        document=document, author=author, title="Draft", body=ITERATION_1
    )
    api.force_login(author)

    response = api.get(f"/api/v1/versions/{draft.pk}/")

    assert response.status_code == 404
    assert response.json() == refused("No DocumentVersion matches the given query.", "not_found")
    assert api.get(f"/api/v1/documents/{document.pk}/").status_code == 404


def test_times_stay_utc_whatever_the_viewers_zone(api, frozen, document):
    version = publish(document, ITERATION_1)
    api.force_login(UserFactory(timezone="Asia/Kolkata"))
    api.cookies["convene_tz"] = "Asia/Tokyo"

    body = api.get(f"/api/v1/versions/{version.pk}/").json()

    assert body["published_at"] == "2019-09-01T12:00:00Z"  # NOW, in UTC


# --- Initiatives -------------------------------------------------------------------


def test_initiatives_by_stable_identifier(api, document):
    publish(document, ITERATION_1)
    services.initiative_save(
        document=document,
        by=member_of(document),
        number=22,
        identifier="initiative-22",
        title="Advocacy network",
    )
    other = DocumentFactory(process=document.process, slug="health", position=2)
    publish(other, "# Health\n\nSafety first.")
    services.initiative_save(
        document=other,
        by=member_of(other),
        number=7,
        identifier="initiative-7",
        title="Safety and inclusion",
    )
    unpublished = DocumentFactory(process=document.process, slug="unpublished")
    services.initiative_save(
        document=unpublished,
        by=member_of(unpublished),
        number=1,
        identifier="initiative-1",
        title="Not yet",
    )

    one = api.get("/api/v1/initiatives/initiative-22/")
    every = api.get("/api/v1/initiatives/").json()
    of_other = api.get(f"/api/v1/initiatives/?document={other.pk}").json()

    assert one.status_code == 200
    assert one.json() == {
        "identifier": "initiative-22",
        "number": 22,
        "title": "Advocacy network",
        "description": "",
        "document": document.pk,
    }
    assert [i["identifier"] for i in every["results"]] == ["initiative-22", "initiative-7"]
    assert [i["identifier"] for i in of_other["results"]] == ["initiative-7"]
    missing = api.get("/api/v1/initiatives/initiative-1/")
    assert missing.status_code == 404
    assert missing.json() == refused("No Initiative matches the given query.", "not_found")
    assert Initiative.objects.count() == 3


def test_initiative_filter_must_be_a_number(api):
    response = api.get("/api/v1/initiatives/?document=advocacy")

    assert response.status_code == 400
    assert response.json() == invalid({"document": ["A valid integer is required."]})


# --- Query counts ------------------------------------------------------------------


@pytest.mark.parametrize("how_many", [3, 30])
def test_document_and_process_queries_do_not_grow(
    api, frozen, process, how_many, django_assert_num_queries
):
    for number in range(how_many):
        document = DocumentFactory(process=process)
        publish(document, ITERATION_1)
        services.initiative_save(
            document=document,
            by=member_of(document),
            number=1,
            identifier=f"initiative-{number}",
            title="An initiative",
        )
        ProcessFactory()

    with django_assert_num_queries(3):  # count, page, phases
        processes = api.get("/api/v1/processes/")
    with django_assert_num_queries(4):  # count, page with processes, versions, initiatives
        documents = api.get("/api/v1/documents/")
    with django_assert_num_queries(5):  # process, phases, documents, versions, initiatives
        detail = api.get("/api/v1/processes/ms2030/")
    with django_assert_num_queries(2):  # count, page
        initiatives = api.get("/api/v1/initiatives/")

    assert processes.json()["count"] == how_many + 1
    assert documents.json()["count"] == how_many
    assert len(detail.json()["documents"]) == how_many
    assert initiatives.json()["count"] == how_many


@pytest.mark.parametrize("paragraphs", [3, 30])
def test_version_queries_do_not_grow_with_paragraphs(
    api, document, paragraphs, django_assert_num_queries
):
    version = publish(document, "\n\n".join(f"Paragraph {n}." for n in range(paragraphs)))

    with django_assert_num_queries(3):  # version with document and process, paragraphs, fr
        response = api.get(f"/api/v1/versions/{version.pk}/?lang=fr")

    assert len(response.json()["paragraphs"]) == paragraphs


# --- OpenAPI -----------------------------------------------------------------------


def test_openapi_schema_describes_the_documents_api(api):
    schema = api.get("/api/openapi.json").json()

    methods = {path: sorted(operations) for path, operations in schema["paths"].items()}
    assert methods["/api/v1/processes/"] == ["get"]
    assert methods["/api/v1/processes/{slug}/"] == ["get"]
    assert methods["/api/v1/documents/"] == ["get"]
    assert methods["/api/v1/documents/{id}/"] == ["get"]
    assert methods["/api/v1/versions/{id}/"] == ["get"]
    assert methods["/api/v1/initiatives/"] == ["get"]
    assert methods["/api/v1/initiatives/{identifier}/"] == ["get"]
    version = schema["paths"]["/api/v1/versions/{id}/"]["get"]
    assert sorted(version["responses"]) == ["200", "400", "401", "404"]
    assert [p["name"] for p in version["parameters"]] == ["id", "lang"]
    paragraph = schema["components"]["schemas"]["Paragraph"]["properties"]
    assert sorted(paragraph) == [
        "anchor",
        "is_fallback",
        "is_machine",
        "is_outdated",
        "kind",
        "language",
        "position",
        "text",
    ]
    names = set(property_names(schema))
    assert not {"email", "meeting_url", "authors", "created_by", "translator"} & names
