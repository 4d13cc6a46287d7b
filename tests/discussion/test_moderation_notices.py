"""Moderation people can find and follow: moderators hear of a new report and see the queue's
link with its count; authors hear, in their language, when their comment is hidden (why, the
code of conduct, how to ask for a review) and when it is shown again."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from rest_framework.test import APIClient

from convene.core.models import OutgoingEmail
from convene.discussion import selectors, services
from convene.discussion.models import Report
from tests.factories import UserFactory

from .factories import write

pytestmark = pytest.mark.django_db

FEEDBACK = "/en/processes/ms2030/advocacy/v1/feedback/"
READING = "/en/processes/ms2030/advocacy/v1/"


def committed(action, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return action(**kwargs)


def report(comment, reporter, reason="A personal attack."):
    return committed(services.report_create, comment=comment, reporter=reporter, reason=reason)


def inbox():
    return list(OutgoingEmail.objects.order_by("to").values_list("to", "language", "subject"))


@pytest.fixture
def group_moderator():
    """A moderator through a group, reading in French."""
    group = Group.objects.create(name="Moderators")
    group.permissions.add(
        Permission.objects.get(codename="change_comment", content_type__app_label="discussion")
    )
    user = UserFactory(display_name="Chloé", email="chloe@example.org", preferred_language="fr")
    user.groups.add(group)
    return user


@pytest.fixture
def comment(clock, version, other):
    comment = write(version, other, body="You are all idiots.")
    OutgoingEmail.objects.all().delete()
    return comment


# --- moderators hear of a new report --------------------------------------------------


def test_each_moderator_is_emailed_in_their_language_once_per_comment(
    comment, participant, moderator, group_moderator
):
    UserFactory(email="admin@example.org", is_superuser=True, preferred_language="de")
    UserFactory(email="retired@example.org", is_superuser=True, is_active=False)

    report(comment, participant)
    report(comment, UserFactory(), reason="Insult.")

    emails = OutgoingEmail.objects.order_by("to")
    assert [(email.to, email.language) for email in emails] == [
        ("admin@example.org", "de"),
        ("chloe@example.org", "fr"),
        ("maya@example.org", "en"),
    ]
    assert emails[1].body.startswith("Bonjour Chloé,\n\n")
    assert emails[2].subject == "A comment on “Advocacy” was reported"


def test_the_moderators_email_says_who_reported_what_and_where_to_act(
    comment, participant, moderator
):
    report(comment, participant)

    email = OutgoingEmail.objects.get()
    assert email.to == "maya@example.org"
    assert email.body == (
        "Hello Mod Maya,\n\n"
        "Amina reported a comment on “Advocacy” (iteration 1). Their reason:\n\n"
        "A personal attack.\n\n"
        "The comment, by Bruno:\n\n"
        "You are all idiots.\n\n"
        f"Read it in its conversation: http://127.0.0.1:8000/en/comments/{comment.pk}/\n"
        "Hide it or dismiss the report in the moderation queue: "
        "http://127.0.0.1:8000/en/moderation/\n\n"
        "You receive this because you are a moderator. Further reports of this comment wait "
        "in the queue without another email.\n\n"
        "— Convene\n"
    )


def test_a_moderator_who_reports_or_wrote_the_comment_is_not_emailed(
    clock, version, comment, moderator, group_moderator
):
    report(comment, moderator)
    assert inbox() == [
        ("chloe@example.org", "fr", OutgoingEmail.objects.get().subject),
    ]

    OutgoingEmail.objects.all().delete()
    own = write(version, group_moderator, body="Mine.")
    OutgoingEmail.objects.all().delete()
    report(own, UserFactory())
    assert [to for to, _language, _subject in inbox()] == ["maya@example.org"]


def test_a_refused_report_emails_no_one(comment, participant, moderator):
    report(comment, participant)
    OutgoingEmail.objects.all().delete()

    with pytest.raises(services.ServiceError):
        report(comment, participant)

    assert inbox() == []
    assert Report.objects.count() == 1


# --- authors hear of hiding and showing again ----------------------------------------


def test_the_author_is_told_in_their_language_why_their_comment_was_hidden(comment, moderator):
    committed(services.comment_hide, comment=comment, moderator=moderator, reason="Insults.")

    email = OutgoingEmail.objects.get()
    assert (email.to, email.language) == ("bruno@example.org", "fr")
    assert "Insults.\n" in email.body
    assert "You are all idiots." in email.body
    assert "https://meta.wikimedia.org/wiki/Universal_Code_of_Conduct" in email.body
    assert email.body.startswith("Bonjour Bruno,\n\n")


def test_the_hidden_notice_in_english_gives_the_reason_the_rules_and_the_way_to_a_review(
    comment, other, moderator
):
    other.preferred_language = "en"
    other.save()

    committed(services.comment_hide, comment=comment, moderator=moderator, reason="Insults.")

    email = OutgoingEmail.objects.get()
    assert email.subject == "Moderators hid your comment on “Advocacy”"
    assert email.body == (
        "Hello Bruno,\n\n"
        "Moderators hid your comment on “Advocacy” (iteration 1). Their reason, shown in place "
        "of your comment:\n\n"
        "Insults.\n\n"
        "Your comment:\n\n"
        "You are all idiots.\n\n"
        "Its text is kept for the record; no one else can read it while it is hidden. Comments "
        "follow the Universal Code of Conduct: "
        "https://meta.wikimedia.org/wiki/Universal_Code_of_Conduct\n\n"
        "If you think this was a mistake, ask for a review: reply to this email and say why. "
        "A moderator will read your comment again and can show it again.\n\n"
        f"Where it was: http://127.0.0.1:8000/en/comments/{comment.pk}/\n\n"
        "— Convene\n"
    )


def test_the_author_is_told_when_their_comment_is_shown_again(comment, other, moderator):
    other.preferred_language = "en"
    other.save()
    committed(services.comment_hide, comment=comment, moderator=moderator, reason="Insults.")
    OutgoingEmail.objects.all().delete()

    committed(services.comment_unhide, comment=comment, moderator=moderator, reason="Appeal.")

    email = OutgoingEmail.objects.get()
    assert (email.to, email.subject) == (
        "bruno@example.org",
        "Your comment on “Advocacy” is shown again",
    )
    assert "again and show it again, as you wrote it.\n\nYou are all idiots.\n" in email.body


def test_a_deleted_author_is_told_nothing(comment, other, moderator):
    comment.author = None
    comment.save()

    committed(services.comment_hide, comment=comment, moderator=moderator, reason="Spam.")

    assert inbox() == []


# --- the queue's link and its count --------------------------------------------------


def test_moderators_see_the_queue_with_its_count_in_the_header_and_on_reading_pages(
    client, comment, participant, moderator
):
    client.force_login(moderator)
    for page in (FEEDBACK, READING, "/en/events/"):
        html = client.get(page).text
        assert '<li><a href="/en/moderation/">Moderation</a>\n</li>' in html
        assert "open report" not in html

    report(comment, participant)
    for page in (FEEDBACK, READING):
        html = client.get(page).text
        assert (
            '<a href="/en/moderation/">Moderation</a> <span class="badge warn">1 open report</span>'
            in html
        )
    assert html.count('href="/en/moderation/"') == 2  # header and reading page


def test_others_do_not_see_the_queue(client, comment, participant):
    report(comment, participant)
    assert 'href="/en/moderation/"' not in client.get(READING).text
    client.force_login(participant)
    assert 'href="/en/moderation/"' not in client.get(READING).text


def test_the_count_is_of_open_reports_only_and_the_same_for_each_kind_of_moderator(
    comment, participant, moderator, group_moderator
):
    first = report(comment, participant)
    report(comment, UserFactory())
    services.report_dismiss(report=first, moderator=moderator)
    admin = UserFactory(is_superuser=True)

    assert selectors.open_reports_for(user=moderator) == 1
    assert selectors.open_reports_for(user=group_moderator) == 1
    assert selectors.open_reports_for(user=admin) == 1
    assert selectors.open_reports_for(user=participant) is None
    assert [user.pk for user in selectors.moderators()] == sorted(
        [moderator.pk, group_moderator.pk, admin.pk]
    )


# --- one report per person, in the page and the API -----------------------------------


def test_reporting_again_after_a_decision_is_refused_with_a_message_on_the_page(
    client, comment, participant, moderator
):
    first = report(comment, participant)
    services.report_dismiss(report=first, moderator=moderator)
    client.force_login(participant)

    response = client.post(f"/en/comments/{comment.pk}/report/", {"reason": "Again."})

    assert response.status_code == 400
    assert "You reported this comment before, and moderators have decided on it." in (response.text)
    assert Report.objects.count() == 1


def test_reporting_through_the_api_once_then_refused(comment, participant, moderator):
    api = APIClient()
    api.force_authenticate(participant)
    url = f"/api/v1/comments/{comment.pk}/reports/"

    created = api.post(url, {"reason": "A personal attack."}, format="json")
    again = api.post(url, {"reason": "Still."}, format="json")

    assert created.status_code == 201
    report_row = Report.objects.get()
    assert created.json() == {
        "id": report_row.pk,
        "comment": comment.pk,
        "reason": "A personal attack.",
        "status": "open",
        "created_at": "2019-09-05T10:00:00Z",
    }
    assert again.status_code == 409
    assert again.json() == {
        "detail": "You have already reported this comment. Moderators will look at it; "
        "there is no need to report it again.",
        "code": "already_reported",
    }
    services.report_dismiss(report=report_row, moderator=moderator)
    after = api.post(url, {"reason": "Still."}, format="json")
    assert after.status_code == 409
    assert after.json()["code"] == "already_reported"
    assert Report.objects.count() == 1


def test_the_api_refuses_anonymous_and_unknown_comments(comment, participant):
    api = APIClient()
    url = f"/api/v1/comments/{comment.pk}/reports/"
    assert api.post(url, {"reason": "x"}, format="json").status_code == 401
    api.force_authenticate(participant)
    assert api.post(f"/api/v1/comments/{comment.pk + 99}/reports/", {"reason": "x"}).json() == {
        "detail": "Not found.",
        "code": "not_found",
    }
    assert api.post(url, {"reason": ""}, format="json").status_code == 400
