"""The feedback JSON API: comments on a published version, hidden ones, commenting, refusals."""

from datetime import timedelta

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from convene.accounts.services import user_delete
from convene.discussion import services
from convene.discussion.models import Comment
from convene.documents import services as document_services

from .factories import CLOSES, OPENS, CommentFactory, paragraphs_of, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def comments_url(version):
    return f"/api/v1/versions/{version.pk}/comments/"


def post(api, version, **data):
    return api.post(comments_url(version), {"language": "en", **data}, format="json")


def refused(detail, code):
    return {"detail": detail, "code": code}


def invalid(errors):
    return {"detail": "Invalid input.", "code": "invalid", "errors": errors}


def shown(comment, *, author, body, paragraph=None, stance=None, replies=None, minutes=0):
    """A comment as the API shows it, written `minutes` after the clock's start."""
    data = {
        "id": comment.pk,
        "version": comment.version_id,
        "paragraph": paragraph,
        "parent": comment.parent_id,
        "author": author,
        "language": comment.language,
        "stance": stance,
        "body": body,
        "hidden": False,
        "hidden_reason": None,
        "created_at": f"2019-09-05T10:{minutes:02d}:00Z",
    }
    if replies is not None:
        data["replies"] = replies
    return data


def property_names(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from property_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from property_names(item)


# --- Reading -----------------------------------------------------------------------


def test_comments_come_as_threads_newest_first_with_their_replies(
    api, clock, version, participant, other
):
    paragraph = paragraphs_of(version)[0]
    first = write(version, participant, "I support this.", stance="support", paragraph=paragraph)
    clock.shift(60)
    reply = write(version, other, "Moi aussi.", language="fr", parent=first)
    clock.shift(60)
    second = write(version, other, "A concern about the whole text.", stance="concern")

    response = api.get(comments_url(version))

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            shown(
                second,
                author="Bruno",
                body="A concern about the whole text.",
                stance="concern",
                replies=[],
                minutes=2,
            ),
            shown(
                first,
                author="Amina",
                body="I support this.",
                paragraph=paragraph.anchor,
                stance="support",
                replies=[
                    shown(
                        reply,
                        author="Bruno",
                        body="Moi aussi.",
                        paragraph=paragraph.anchor,
                        minutes=1,
                    )
                ],
            ),
        ],
    }
    assert "@example.org" not in response.content.decode()


def test_hidden_comments_keep_their_place_without_their_text(
    api, clock, version, participant, other, moderator
):
    thread = write(version, participant, "Something rude.")
    reply = write(version, other, "Another rude thing.", parent=thread)
    services.comment_hide(comment=thread, moderator=moderator, reason="Personal attack.")
    services.comment_hide(comment=reply, moderator=moderator, reason="Off topic.")
    api.force_login(moderator)  # moderators read hidden text on the site, not here

    response = api.get(comments_url(version))

    thread_data = response.json()["results"][0]
    assert thread_data == {
        **shown(thread, author="Amina", body=None),
        "hidden": True,
        "hidden_reason": "Personal attack.",
        "replies": [
            {
                **shown(reply, author="Bruno", body=None),
                "hidden": True,
                "hidden_reason": "Off topic.",
            }
        ],
    }
    assert "rude" not in response.content.decode()


def test_comments_of_deleted_accounts_have_no_author(api, clock, version, participant):
    write(version, participant, "Still here.")
    user_delete(user=participant)

    body = api.get(comments_url(version)).json()

    assert [(c["author"], c["body"]) for c in body["results"]] == [(None, "Still here.")]


def test_only_this_versions_comments_are_listed(api, clock, version, second_version, participant):
    write(version, participant, "On iteration 1.")
    write(second_version, participant, "On iteration 2.")

    first = api.get(comments_url(version)).json()["results"]
    second = api.get(comments_url(second_version)).json()["results"]

    assert [c["body"] for c in first] == ["On iteration 1."]
    assert [c["body"] for c in second] == ["On iteration 2."]


def test_filters_by_stance_language_and_paragraph(api, clock, version, participant, other):
    first, second, _third = paragraphs_of(version)
    supports = write(version, participant, "Yes.", stance="support", paragraph=first)
    red_line = write(version, other, "Non.", stance="red_line", language="fr", paragraph=second)
    whole = write(version, other, "Some thoughts.")

    def ids(query):
        response = api.get(f"{comments_url(version)}{query}")
        assert response.status_code == 200
        return [c["id"] for c in response.json()["results"]]

    assert ids("") == [whole.pk, red_line.pk, supports.pk]
    assert ids("?stance=support") == [supports.pk]
    assert ids("?language=fr") == [red_line.pk]
    assert ids(f"?paragraph={second.anchor}") == [red_line.pk]
    assert ids(f"?paragraph={second.anchor}&stance=support") == []
    assert ids("?paragraph=p-unknown") == []


def test_unknown_filter_values_are_refused(api, version):
    response = api.get(f"{comments_url(version)}?stance=maybe&language=xx")

    assert response.status_code == 400
    assert response.json() == invalid(
        {
            "stance": ['"maybe" is not a valid choice.'],
            "language": ['"xx" is not a valid choice.'],
        }
    )


def test_comments_are_paginated_fifty_threads_a_page(api, clock, version):
    CommentFactory.create_batch(51, version=version)

    first = api.get(comments_url(version)).json()

    assert (first["count"], len(first["results"])) == (51, 50)
    assert first["next"] == f"http://testserver{comments_url(version)}?page=2"


def test_drafts_and_their_comments_are_not_found(api, clock, document, participant):
    document.authors.add(participant)
    draft = document_services.version_save_draft(
        document=document, author=participant, title="Draft", body="Text."
    )
    api.force_login(participant)

    listed = api.get(comments_url(draft))
    posted = post(api, draft, body="On my draft.")

    for response in (listed, posted):
        assert response.status_code == 404
        assert response.json() == refused(
            "No DocumentVersion matches the given query.", "not_found"
        )
    assert Comment.objects.count() == 0


# --- Commenting --------------------------------------------------------------------


def test_token_holder_comments_on_a_paragraph(api, clock, version, participant):
    paragraph = paragraphs_of(version)[1]
    token = Token.objects.create(user=participant)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = post(
        api,
        version,
        body="  We need this offline.  ",
        language="fr",
        stance="support",
        paragraph=paragraph.anchor,
    )

    assert response.status_code == 201
    comment = Comment.objects.get()
    assert response.json() == shown(
        comment,
        author="Amina",
        body="We need this offline.",
        paragraph=paragraph.anchor,
        stance="support",
    )
    assert (comment.author, comment.paragraph, comment.language) == (participant, paragraph, "fr")


def test_a_reply_takes_its_threads_paragraph(api, clock, version, participant, other):
    paragraph = paragraphs_of(version)[0]
    thread = write(version, participant, "First.", paragraph=paragraph)
    api.force_login(other)

    response = post(api, version, body="I agree.", parent=thread.pk)

    assert response.status_code == 201
    reply = Comment.objects.get(parent=thread)
    assert response.json() == shown(
        reply, author="Bruno", body="I agree.", paragraph=paragraph.anchor
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_callers_read_but_must_authenticate_to_write(api, clock, version, method):
    response = getattr(api, method)(comments_url(version), {"body": "Hi", "language": "en"})

    if method == "get":
        assert response.status_code == 200
    else:
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert response.json() == refused(
            "Authentication credentials were not provided.", "not_authenticated"
        )
    assert Comment.objects.count() == 0


def test_session_login_needs_a_csrf_token(clock, version, participant):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(participant)

    response = post(api, version, body="Hello.")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("moment", "detail", "code"),
    [
        (
            CLOSES,
            "Feedback on this version closed on Mon, Sep 16, 2019, 00:00 UTC.",
            "closed",
        ),
        (
            OPENS - timedelta(minutes=1),
            "Feedback on this version opens on Mon, Sep 2, 2019, 00:00 UTC.",
            "not_yet_open",
        ),
    ],
)
def test_outside_the_feedback_window_a_comment_is_a_conflict(
    api, clock, version, participant, moment, detail, code
):
    clock.move_to(moment)
    api.force_login(participant)

    response = post(api, version, body="Too late?")

    assert response.status_code == 409
    assert response.json() == refused(detail, code)
    assert Comment.objects.count() == 0


def test_a_version_without_a_window_takes_feedback_from_publication_until_the_next(
    api, clock, document, participant
):
    document.authors.add(participant)
    version = document_services.version_save_draft(
        document=document, author=participant, title="No window", body="Text."
    )
    document_services.version_publish(version=version, by=participant)
    api.force_login(participant)

    assert post(api, version, body="Hello?").status_code == 201

    clock.shift(3600)
    following = document_services.version_save_draft(
        document=document, author=participant, title="Next", body="Text, again."
    )
    document_services.version_publish(version=following, by=participant)
    response = post(api, version, body="Still open?")

    assert response.status_code == 409
    assert response.json() == refused(
        "Feedback on this version closed on Thu, Sep 5, 2019, 11:00 UTC.", "closed"
    )
    assert post(api, following, body="Here then.").status_code == 201
    assert Comment.objects.filter(version=version).count() == 1


def test_too_many_comments_at_once_are_refused_with_429(api, clock, version, participant):
    api.force_login(participant)
    for number in range(5):
        assert post(api, version, body=f"Comment {number}.").status_code == 201

    response = post(api, version, body="One more.")

    assert response.status_code == 429
    assert response.json() == refused(
        "You can post at most 5 comments in a short time. "
        "Please wait up to 1 minute and try again; your text is kept below.",
        "rate_limited",
    )
    assert Comment.objects.count() == 5
    clock.shift(61)
    assert post(api, version, body="One more.").status_code == 201


@pytest.mark.parametrize(
    ("data", "response_body"),
    [
        ({"body": "   "}, refused("Write your comment before sending it.", "empty")),
        (
            {"body": "x" * 5001},
            refused(
                "Your comment is 5001 characters long. The limit is 5000 characters: "
                "shorten it, or split it into a comment and a reply.",
                "too_long",
            ),
        ),
        ({"body": "Hi", "language": "xx"}, invalid({"language": ['"xx" is not a valid choice.']})),
        (
            {"body": "Hi", "stance": "maybe"},
            invalid({"stance": ['"maybe" is not a valid choice.']}),
        ),
        (
            {"body": "Hi", "paragraph": "p-nothere"},
            invalid({"paragraph": ["This version has no paragraph with this anchor."]}),
        ),
        (
            {"body": "Hi", "parent": 999999},
            invalid({"parent": ["There is no comment with this id."]}),
        ),
        ({"language": "en"}, invalid({"body": ["This field is required."]})),
    ],
)
def test_invalid_comments_are_bad_requests(api, clock, version, participant, data, response_body):
    api.force_login(participant)

    response = post(api, version, **data)

    assert response.status_code == 400
    assert response.json() == response_body
    assert Comment.objects.count() == 0


def test_headings_take_no_comments(api, clock, version, participant):
    heading = version.paragraphs.get(kind="heading")
    api.force_login(participant)

    response = post(api, version, body="On the title.", paragraph=heading.anchor)

    assert response.status_code == 400
    assert response.json() == invalid(
        {"paragraph": ["This version has no paragraph with this anchor."]}
    )


def test_reply_refusals(api, clock, version, second_version, participant, other, moderator):
    thread = write(version, participant, "First.")
    reply = write(version, other, "Second.", parent=thread)
    hidden = write(version, other, "Rude.")
    services.comment_hide(comment=hidden, moderator=moderator, reason="Rude.")
    elsewhere = write(second_version, other, "On iteration 2.")
    api.force_login(other)
    before = Comment.objects.count()

    def attempt(**data):
        response = post(api, version, body="A reply.", **data)
        return response.status_code, response.json()

    assert attempt(parent=reply.pk) == (
        400,
        refused("Reply to the first comment of the thread.", "nested_reply"),
    )
    assert attempt(parent=thread.pk, stance="support") == (
        400,
        refused(
            "A reply has no stance of its own. Post a new comment to give your stance.",
            "reply_stance",
        ),
    )
    assert attempt(parent=elsewhere.pk) == (
        400,
        refused(
            "This comment belongs to another version; reply on its own page.", "parent_version"
        ),
    )
    assert attempt(parent=hidden.pk) == (
        409,
        refused("This comment was hidden by moderators; it cannot be replied to.", "parent_hidden"),
    )
    assert Comment.objects.count() == before


def test_errors_follow_accept_language(api, clock, version, participant):
    clock.move_to(CLOSES)
    api.force_login(participant)

    response = api.post(
        comments_url(version),
        {"body": "Trop tard ?", "language": "fr"},
        format="json",
        headers={"Accept-Language": "fr"},
    )

    assert response.status_code == 409
    assert response["Content-Language"] == "fr"
    assert response.json()["code"] == "closed"
    # The moment is written for the reader (the sentence too, once it is translated).
    assert "lun. 16 sept. 2019, 00:00 UTC" in response.json()["detail"]


# --- Query counts ------------------------------------------------------------------


@pytest.mark.parametrize("how_many", [5, 50])
def test_comment_list_queries_do_not_grow_with_comments(
    api, clock, version, how_many, django_assert_num_queries
):
    paragraphs = paragraphs_of(version)
    for number in range(how_many):
        thread = CommentFactory(version=version, paragraph=paragraphs[number % 3], stance="support")
        CommentFactory(version=version, parent=thread, paragraph=thread.paragraph)
    user_delete(user=Comment.objects.first().author)

    with django_assert_num_queries(4):  # version, count, threads with authors, replies
        response = api.get(comments_url(version))

    results = response.json()["results"]
    assert len(results) == how_many
    assert all(len(thread["replies"]) == 1 for thread in results)


# --- OpenAPI -----------------------------------------------------------------------


def test_openapi_schema_describes_the_comments_api(api):
    schema = api.get("/api/openapi.json").json()

    comments = schema["paths"]["/api/v1/versions/{id}/comments/"]
    assert sorted(comments) == ["get", "post"]
    assert sorted(comments["get"]["responses"]) == ["200", "400", "401", "404"]
    assert sorted(comments["post"]["responses"]) == [
        "201",
        "400",
        "401",
        "403",
        "404",
        "409",
        "415",
        "429",
    ]
    assert sorted(p["name"] for p in comments["get"]["parameters"]) == [
        "id",
        "language",
        "page",
        "paragraph",
        "stance",
    ]
    components = schema["components"]["schemas"]
    assert sorted(components["Thread"]["properties"]) == sorted(
        [*components["Comment"]["properties"], "replies"]
    )
    assert "hidden_reason" in components["Comment"]["properties"]
    names = set(property_names(schema))
    assert not {"email", "meeting_url"} & names
