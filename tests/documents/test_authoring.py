"""Working groups write drafts, preview them, publish iterations and keep their initiatives."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from convene.core.errors import ServiceError
from convene.documents import services
from convene.documents.models import DocumentVersion, Initiative, Paragraph
from tests.factories import UserFactory

from .factories import ITERATION_1, ITERATION_2, DocumentFactory, member_of
from .test_publishing import publish
from .test_translating import make_translator

pytestmark = pytest.mark.django_db

DOC = "/en/processes/ms2030/advocacy"
NOT_AUTHOR = "Only the authors of this document (its working group) can write its versions."


@pytest.fixture
def author():
    return UserFactory(timezone="Europe/Paris")


@pytest.fixture
def document(author):
    return DocumentFactory(
        slug="advocacy", process__slug="ms2030", title="Advocacy", authors=[author]
    )


@pytest.fixture
def published(document):
    return publish(
        document,
        ITERATION_1,
        guiding_questions="What do you like?\nWhat is missing?",
    )


def _draft(document, author, body=ITERATION_2):
    return services.version_save_draft(
        document=document, author=author, title="Advocacy", body=body, source_language="en"
    )


def _form(**changes):
    data = {
        "title": "Advocacy",
        "change_summary": "",
        "source_language": "en",
        "body": ITERATION_2,
        "feedback_opens_at": "",
        "feedback_closes_at": "",
        "guiding_questions": "",
    }
    data.update(changes)
    return data


# --- who may author --------------------------------------------------------------------


def _authoring_urls(document, author):
    draft = _draft(document, author)
    initiative = services.initiative_save(
        document=document, by=author, number=1, identifier="initiative-1", title="Advocacy hub"
    )
    return {
        "new": f"{DOC}/new-version/",
        "edit": f"{DOC}/v{draft.number}/edit/",
        "initiatives": f"{DOC}/initiatives/",
        "initiative": f"{DOC}/initiatives/{initiative.pk}/",
    }


def test_anonymous_people_are_sent_to_log_in(client, document, author):
    urls = _authoring_urls(document, author)
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next={url}"
    response = client.post(f"{DOC}/v1/publish/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize("who", ["other", "translator"])
def test_people_outside_the_working_group_are_refused_with_a_reason(client, document, author, who):
    urls = _authoring_urls(document, author)
    client.force_login(make_translator() if who == "translator" else UserFactory())
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 403
        assert NOT_AUTHOR in response.text
    response = client.post(f"{DOC}/v1/publish/")
    assert response.status_code == 403
    assert DocumentVersion.objects.get().published_at is None
    response = client.post(urls["initiatives"], {"number": 2, "identifier": "i-2", "title": "X"})
    assert response.status_code == 403
    assert client.post(urls["initiative"], {"delete": "1"}).status_code == 403
    assert client.post(urls["edit"], _form(body="Not mine.")).status_code == 403
    assert Initiative.objects.count() == 1
    assert DocumentVersion.objects.get().body == ITERATION_2


def test_authors_open_every_authoring_page(client, document, author):
    urls = _authoring_urls(document, author)
    client.force_login(author)
    assert {name: client.get(url).status_code for name, url in urls.items()} == {
        "new": 302,  # a draft exists: the author is taken to it
        "edit": 200,
        "initiatives": 200,
        "initiative": 200,
    }


def test_publish_only_accepts_post(client, document, author):
    _draft(document, author)
    client.force_login(author)
    assert client.get(f"{DOC}/v1/publish/").status_code == 405


# --- draft, edit, publish ------------------------------------------------------------------


def test_a_new_draft_starts_from_the_latest_published_iteration(client, published, author):
    client.force_login(author)

    response = client.get(f"{DOC}/new-version/")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {
        "title": "Advocacy",
        "source_language": "en",
        "body": ITERATION_1,
        "guiding_questions": "What do you like?\nWhat is missing?",
    }
    assert "The text of iteration 1 is filled in below" in response.text


def test_the_first_draft_starts_from_the_document_title(client, document, author):
    client.force_login(author)
    response = client.get(f"{DOC}/new-version/")
    assert response.context["form"].initial == {"title": "Advocacy"}


def test_draft_edit_publish_journey(client, published, author, django_capture_on_commit_callbacks):
    follower = UserFactory(email="follower@example.org")
    published.document.followers.add(follower)
    client.force_login(author)

    # 1. A draft, with a feedback window typed in the author's time zone (Paris, UTC+2).
    response = client.post(
        f"{DOC}/new-version/",
        _form(
            change_summary="Transparency first.",
            feedback_opens_at="2019-09-02T09:00",
            feedback_closes_at="2019-09-15T18:00",
            guiding_questions="What do you like?\n\nWhat would you change?\n",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == f"{DOC}/v2/edit/"
    draft = DocumentVersion.objects.get(number=2)
    assert draft.published_at is None
    assert draft.created_by == author
    assert draft.feedback_opens_at == datetime(2019, 9, 2, 7, 0, tzinfo=UTC)
    assert draft.feedback_closes_at == datetime(2019, 9, 15, 16, 0, tzinfo=UTC)
    assert draft.questions_list() == ["What do you like?", "What would you change?"]
    # Readers do not see the draft.
    assert client.get(f"{DOC}/").headers["Location"] == f"{DOC}/v1/"

    # 2. The edit page shows the times back in Paris time and a sanitized preview.
    client.post(
        f"{DOC}/v2/edit/",
        _form(
            body=ITERATION_2 + "\n\nA <script>alert(1)</script> **bold** step.",
            feedback_opens_at="2019-09-02T09:00",
            feedback_closes_at="2019-09-15T18:00",
        ),
    )
    response = client.get(f"{DOC}/v2/edit/")
    assert response.status_code == 200
    assert 'name="feedback_opens_at" value="2019-09-02T09:00"' in response.text
    assert [block.kind for block in response.context["preview"]] == [
        "heading",
        "paragraph",
        "paragraph",
        "paragraph",
        "paragraph",
    ]
    assert '<section class="paragraph"><h2>Advocacy</h2>' in response.text
    assert "A &lt;script&gt;alert(1)&lt;/script&gt; <strong>bold</strong> step." in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert "Publish iteration 2 now" in response.text
    assert "Translations of the paragraphs you changed are marked as outdated" in response.text

    # 3. Publishing: readers see it at once, followers are told.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{DOC}/v2/publish/")

    assert response.status_code == 302
    assert response["Location"] == f"{DOC}/v2/"
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert draft.paragraphs.count() == 5
    assert [m.to for m in mail.outbox] == [["follower@example.org"]]
    response = client.get(response["Location"])
    assert "Iteration 2 is published." in response.text
    assert "<strong>bold</strong>" in response.text


def test_a_time_skipped_by_the_clocks_changing_is_refused(client, document, author):
    client.force_login(author)

    response = client.post(
        f"{DOC}/new-version/",
        _form(feedback_opens_at="2025-03-30T02:30", feedback_closes_at="2025-04-30T12:00"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["feedback_opens_at"] == [
        "2025-03-30 02:30 does not exist in Europe/Paris (the clocks change then). "
        "Choose another time."
    ]
    assert DocumentVersion.objects.count() == 0


def test_feedback_must_close_after_it_opens(client, document, author):
    client.force_login(author)

    response = client.post(
        f"{DOC}/new-version/",
        _form(feedback_opens_at="2025-05-02T10:00", feedback_closes_at="2025-05-01T10:00"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["feedback_closes_at"] == [
        "Feedback must close after it opens."
    ]
    assert DocumentVersion.objects.count() == 0


def test_an_empty_text_is_refused_by_the_form(client, document, author):
    client.force_login(author)
    response = client.post(f"{DOC}/new-version/", _form(body="  \n  "))
    assert response.status_code == 400
    assert response.context["form"].errors["body"] == ["This field is required."]


def test_new_version_while_a_draft_exists_continues_the_draft(client, published, author):
    _draft(published.document, author)
    client.force_login(author)

    response = client.get(f"{DOC}/new-version/", follow=True)

    assert response.redirect_chain == [(f"{DOC}/v2/edit/", 302)]
    assert "Iteration 2 is already being drafted: continue it here." in response.text
    assert DocumentVersion.objects.count() == 2


def test_a_published_version_cannot_be_edited(client, published, author):
    client.force_login(author)

    for response in (
        client.get(f"{DOC}/v1/edit/"),
        client.post(f"{DOC}/v1/edit/", _form(body="Rewritten history.")),
    ):
        assert response.status_code == 400
        assert "A published version cannot be edited; write a new one." in response.text

    published.refresh_from_db()
    assert published.body == ITERATION_1


def test_editing_an_unknown_version_is_404(client, document, author):
    client.force_login(author)
    assert client.get(f"{DOC}/v7/edit/").status_code == 404


def test_a_failed_publication_leaves_no_paragraphs(client, document, author):
    draft = _draft(document, author, body="   ")
    client.force_login(author)

    response = client.post(f"{DOC}/v{draft.number}/publish/", follow=True)

    assert response.redirect_chain == [(f"{DOC}/v1/edit/", 302)]
    assert "A version needs some text before it is published." in response.text
    assert Paragraph.objects.count() == 0
    draft.refresh_from_db()
    assert draft.published_at is None


def test_publishing_twice_is_refused(client, published, author):
    client.force_login(author)

    response = client.post(f"{DOC}/v1/publish/", follow=True)

    assert response.redirect_chain == [(f"{DOC}/v1/", 302)]
    assert "This version is already published." in response.text
    assert Paragraph.objects.count() == 4


def test_reading_page_links_authors_to_their_tools(client, published, author):
    client.force_login(author)
    response = client.get(f"{DOC}/v1/")
    assert f'href="{DOC}/new-version/"' in response.text
    assert f'href="{DOC}/initiatives/"' in response.text
    client.force_login(UserFactory())
    response = client.get(f"{DOC}/v1/")
    assert f'href="{DOC}/new-version/"' not in response.text


# --- initiatives ---------------------------------------------------------------------------


def test_initiative_services_validate_and_save():
    document = DocumentFactory()
    member = member_of(document)
    first = services.initiative_save(
        document=document, by=member, number=1, identifier="initiative-1", title="Hub"
    )
    assert (first.number, first.identifier, first.description) == (1, "initiative-1", "")

    with pytest.raises(ValidationError) as error:
        services.initiative_save(
            document=document, by=member, number=1, identifier="other", title="Again"
        )
    assert error.value.message_dict == {
        "number": ["This document already has an initiative with this number."]
    }
    with pytest.raises(ValidationError) as error:
        other = DocumentFactory()
        services.initiative_save(
            document=other, by=member_of(other), number=5, identifier="initiative-1", title="Taken"
        )
    assert error.value.message_dict == {
        "identifier": ["Initiative with this Identifier already exists."]
    }
    with pytest.raises(ServiceError):
        other = DocumentFactory()
        services.initiative_save(
            document=other,
            by=member_of(other),
            initiative=first,
            number=1,
            identifier="x",
            title="Y",
        )
    with pytest.raises(ServiceError) as error:  # only the working group keeps initiatives
        services.initiative_save(
            document=document, by=UserFactory(), number=2, identifier="initiative-2", title="No"
        )
    assert error.value.code == "forbidden"
    with pytest.raises(ServiceError) as error:
        services.initiative_delete(initiative=first, by=UserFactory())
    assert error.value.code == "forbidden"

    services.initiative_delete(initiative=first, by=member)
    assert Initiative.objects.count() == 0


def test_initiatives_add_edit_delete(client, published, author):
    client.force_login(author)

    response = client.post(
        f"{DOC}/initiatives/",
        {
            "number": 22,
            "identifier": "initiative-22",
            "title": "Advocacy hub",
            "description": "A hub run with and for advocates.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{DOC}/initiatives/"
    initiative = Initiative.objects.get()
    assert (initiative.document, initiative.number, initiative.title) == (
        published.document,
        22,
        "Advocacy hub",
    )
    response = client.get(f"{DOC}/initiatives/")
    assert response.context["initiatives"] == [initiative]
    assert response.context["form"].initial["number"] == 23
    # Readers find it by its identifier.
    assert '<li id="initiative-22" value="22">' in client.get(f"{DOC}/v1/").text

    response = client.post(
        f"{DOC}/initiatives/{initiative.pk}/",
        {"number": 22, "identifier": "initiative-22", "title": "Global advocacy hub"},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.title, initiative.description) == ("Global advocacy hub", "")

    response = client.post(f"{DOC}/initiatives/{initiative.pk}/", {"delete": "1"}, follow=True)
    assert response.redirect_chain == [(f"{DOC}/initiatives/", 302)]
    assert "The initiative was removed." in response.text
    assert Initiative.objects.count() == 0


def test_initiative_identifiers_are_unique_everywhere(client, document, author):
    elsewhere = DocumentFactory()
    services.initiative_save(
        document=elsewhere,
        by=member_of(elsewhere),
        number=22,
        identifier="initiative-22",
        title="Elsewhere",
    )
    client.force_login(author)

    response = client.post(
        f"{DOC}/initiatives/", {"number": 1, "identifier": "initiative-22", "title": "Hub"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "identifier": ["Initiative with this Identifier already exists."]
    }
    assert Initiative.objects.filter(document=document).count() == 0


def test_initiative_numbers_are_unique_within_a_document(client, document, author):
    first = services.initiative_save(
        document=document, by=author, number=1, identifier="initiative-1", title="Hub"
    )
    second = services.initiative_save(
        document=document, by=author, number=2, identifier="initiative-2", title="Network"
    )
    client.force_login(author)

    response = client.post(
        f"{DOC}/initiatives/{second.pk}/",
        {"number": 1, "identifier": "initiative-2", "title": "Network"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "number": ["This document already has an initiative with this number."]
    }
    second.refresh_from_db()
    assert (first.number, second.number) == (1, 2)


def test_an_initiative_of_another_document_is_404(client, document, author):
    elsewhere = DocumentFactory()
    other = services.initiative_save(
        document=elsewhere,
        by=member_of(elsewhere),
        number=1,
        identifier="initiative-1",
        title="Elsewhere",
    )
    client.force_login(author)
    assert client.get(f"{DOC}/initiatives/{other.pk}/").status_code == 404
    assert client.post(f"{DOC}/initiatives/{other.pk}/", {"delete": "1"}).status_code == 404
    assert Initiative.objects.count() == 1
