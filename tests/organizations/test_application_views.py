"""Applying and the public pages of applications, for the applicant, other people, the
committee and anonymous visitors: what each sees, and each refusal with its message and no
change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from convene.core.models import OutgoingEmail
from convene.organizations import services
from convene.organizations.models import (
    Application,
    ApplicationComment,
    HistoryEntry,
    Organization,
    Recusal,
    Vote,
)
from tests.factories import UserFactory

from .factories import (
    AffiliationModelFactory,
    ApplicationFactory,
    OrganizationFactory,
    chapter_model,
    committee_member,
    user_group_model,
)

pytestmark = pytest.mark.django_db

Step = Application.Step
Status = Organization.Status


def url(name, *args):
    return reverse(f"organizations:{name}", args=args)


def snapshot():
    """Every row applying and reviewing can change, to show that a refusal changes nothing."""
    return (
        list(Organization.objects.values().order_by("pk")),
        list(Application.objects.values().order_by("pk")),
        list(ApplicationComment.objects.values().order_by("pk")),
        list(Vote.objects.values().order_by("pk")),
        list(Recusal.objects.values().order_by("pk")),
        list(HistoryEntry.objects.values().order_by("pk")),
        OutgoingEmail.objects.count(),
    )


def application_at(step=Step.RECEIVED, affiliation_model=None, **fields):
    """An application at `step`, its organization applying, its applicant its contact person
    and representative (as `organization_apply` leaves them)."""
    applicant = fields.pop("applicant", None) or UserFactory()
    affiliation_model = affiliation_model or user_group_model()
    organization = OrganizationFactory(
        status=Status.APPLYING,
        recognized_on=None,
        affiliation_model=affiliation_model,
        contact_person=applicant,
        representatives=[applicant],
        **fields.pop("organization", {}),
    )
    return ApplicationFactory(
        organization=organization,
        affiliation_model=affiliation_model,
        applicant=applicant,
        step=step,
        step_changed_at=timezone.now(),
        **fields,
    )


def apply_data(**changes):
    data = {
        "affiliation_model": "user-group",
        "name": "Wikimedians of the Lakes",
        "code": "WUG-LAKES",
        "region": "sub_saharan_africa",
        "countries": ["UG", "KE"],
        "territorial_range": "The Great Lakes",
        "website": "lakes.example.org",
        "working_languages": ["en", "fr"],
        "more_working_languages": ["sw"],
        "member_count": "40",
        "mission": "We **edit** together.",
        "fiscal_year_start_month": "7",
        "public_email": "hello@lakes.example.org",
        "letter_of_intent": "We have met every month since 2023 and would like to be recognized.",
        "language": "en",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- applying ------------------------------------------------------------------------------


def test_applying_needs_an_account(client):
    response = client.get(url("apply"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_form_offers_the_models_that_take_applications_and_preselects_one(client):
    user_group_model()
    chapter_model()
    AffiliationModelFactory(slug="closed", name="Closed model", accepts_applications=False)
    client.force_login(UserFactory())

    response = client.get(url("apply") + "?model=user-group")

    assert response.status_code == 200
    form = response.context["form"]
    assert [slug for slug, _label in form.fields["affiliation_model"].choices] == [
        "chapter",
        "user-group",
    ]
    assert form["affiliation_model"].value() == "user-group"
    assert response.context["incorporation_models"] == "Chapter"
    assert "Required to apply as: Chapter." in response.content.decode()


def test_a_person_applies_and_lands_on_the_application_page(
    client, django_capture_on_commit_callbacks
):
    user_group_model()
    person = UserFactory(preferred_language="fr")
    committee = committee_member()
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("apply"), apply_data())

    organization = Organization.objects.get()
    application = organization.applications.get()
    assert response.status_code == 302
    assert response["Location"] == url("application", application.pk)
    assert (organization.name, organization.code, organization.status) == (
        "Wikimedians of the Lakes",
        "WUG-LAKES",
        Status.APPLYING,
    )
    assert [str(code) for code in organization.countries] == ["KE", "UG"]
    assert organization.working_languages == ["en", "fr", "sw"]
    assert (organization.member_count, organization.fiscal_year_start_month) == (40, 7)
    assert organization.website == "https://lakes.example.org"
    assert organization.contact_person == person
    assert list(organization.representatives.all()) == [person]
    assert (application.step, application.applicant, application.language) == (
        Step.RECEIVED,
        person,
        "en",
    )
    emails = {email.to: email for email in OutgoingEmail.objects.all()}
    assert set(emails) == {person.email, committee.email}
    assert emails[person.email].language == "fr"  # acknowledged in the applicant's language
    page = client.get(response["Location"])
    assert "Your application is sent." in messages_of(page)[0]


def test_a_group_without_a_legal_entity_cannot_apply_as_a_chapter(client):
    chapter_model()
    client.force_login(UserFactory())
    before = snapshot()

    response = client.post(url("apply"), apply_data(affiliation_model="chapter"))

    assert response.status_code == 400
    assert snapshot() == before
    page = response.content.decode()
    assert (
        "A Chapter needs a legal entity, the name of the legal entity, and its registration "
        "number: the application is missing it."
    ) in page
    assert 'value="Wikimedians of the Lakes"' in page  # the form is kept as typed
    assert "We have met every month since 2023" in page


def test_a_chapter_with_its_legal_entity_applies(client):
    chapter_model()
    client.force_login(UserFactory())

    response = client.post(
        url("apply"),
        apply_data(
            affiliation_model="chapter",
            is_incorporated="on",
            legal_name="Wikimedia Seen e.V.",
            registration_number="VR 123",
        ),
    )

    assert response.status_code == 302
    assert Organization.objects.get().legal_name == "Wikimedia Seen e.V."


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"name": "wikimedians of place"},
            "An organization with this name is already in the registry.",
        ),
        ({"code": "wug-taken"}, "An organization with this short code is already in the registry."),
    ],
)
def test_a_name_or_code_already_in_the_registry_is_refused(client, changes, message):
    user_group_model()
    OrganizationFactory(name="Wikimedians of Place", code="WUG-TAKEN")
    client.force_login(UserFactory())
    before = snapshot()

    response = client.post(url("apply"), apply_data(**changes))

    assert response.status_code == 400
    assert snapshot() == before
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"affiliation_model": "closed"}, "affiliation_model"),  # a model not offered
        ({"affiliation_model": "no-such-model"}, "affiliation_model"),
        ({"region": "atlantis"}, "region"),
        ({"countries": ["XX"]}, "countries"),
        ({"code": "WUG LAKES!"}, "code"),
        ({"letter_of_intent": ""}, "letter_of_intent"),
        ({"language": "tlh"}, "language"),
        ({"fiscal_year_start_month": "13"}, "fiscal_year_start_month"),
    ],
)
def test_a_forged_or_incomplete_application_is_refused(client, changes, field):
    user_group_model()
    AffiliationModelFactory(slug="closed", accepts_applications=False)
    client.force_login(UserFactory())
    before = snapshot()

    response = client.post(url("apply"), apply_data(**changes))

    assert response.status_code == 400
    assert snapshot() == before
    assert list(response.context["form"].errors) == [field]


# --- the application's page --------------------------------------------------------------------


def test_everyone_reads_the_public_part_of_an_application(client):
    application = application_at(
        Step.CRITERIA_REVIEW,
        letter_of_intent="We **edit** Wikipedia <script>alert(1)</script>",
        language="fr",
    )
    application.organization.mission = "Free knowledge."
    application.organization.save()
    ApplicationComment.objects.create(
        application=application, author=UserFactory(), body="Welcome!"
    )

    response = client.get(url("application", application.pk))

    page = response.content.decode()
    assert response.status_code == 200
    assert '<div class="letter" dir="auto" lang="fr"><p>We <strong>edit</strong> Wikipedia' in page
    assert "<script>alert(1)" not in page
    assert [step["label"] for step in response.context["steps"]] == [
        "Received",
        "Criteria review",
        "Interview",
        "Committee vote",
        "Decision",
    ]
    assert [step["current"] for step in response.context["steps"]] == [
        False,
        True,
        False,
        False,
        False,
    ]
    assert "Welcome!" in page
    assert application.applicant.email not in page  # the contact person is private
    assert "The committee's review" not in page
    assert response.context["forms"] == {}
    assert "Log in to comment" in page


def test_the_committee_sees_the_private_part_and_its_forms(client):
    application = application_at(Step.VOTE)
    voter = committee_member(display_name="Voter")
    Vote.objects.create(application=application, member=voter, choice="yes", note="Active group.")
    member = committee_member()
    client.force_login(member)

    response = client.get(url("application", application.pk))

    page = response.content.decode()
    assert application.applicant.email in page
    assert "Active group." in page
    tally = response.context["tally"]
    assert (tally.yes, tally.no, tally.abstain, tally.quorum, tally.passes) == (1, 0, 0, 3, False)
    assert set(response.context["forms"]) == {"vote", "recuse", "decide", "comment"}
    assert [
        choice for choice, _label in response.context["forms"]["decide"].fields["decision"].choices
    ] == [
        "recognized",
        "deferred",
        "declined",
    ]


def test_a_member_tied_to_the_applicant_takes_no_part(client):
    member = committee_member()
    application = application_at(Step.VOTE, applicant=member)
    Vote.objects.create(
        application=application, member=committee_member(), choice="no", note="Secret."
    )
    client.force_login(member)

    response = client.get(url("application", application.pk))

    page = response.content.decode()
    assert "You take no part in this review." in page
    assert "Secret." not in page
    assert set(response.context["forms"]) == {"comment"}


def test_a_member_who_stepped_aside_takes_no_part(client):
    application = application_at(Step.CRITERIA_REVIEW)
    member = committee_member()
    Recusal.objects.create(application=application, member=member, reason="My cousin leads it.")
    client.force_login(member)

    response = client.get(url("application", application.pk))

    assert "You take no part in this review." in response.content.decode()
    assert set(response.context["forms"]) == {"comment"}


def test_the_committee_reads_hidden_comments_others_see_a_placeholder(client):
    application = application_at()
    ApplicationComment.objects.create(
        application=application, author=UserFactory(), body="Rude words", hidden_at=timezone.now()
    )

    anonymous = client.get(url("application", application.pk)).content.decode()
    client.force_login(committee_member())
    committee = client.get(url("application", application.pk)).content.decode()

    assert "Hidden by the committee." in anonymous and "Rude words" not in anonymous
    assert "Hidden by the committee." in committee and "Rude words" in committee


def test_a_declined_application_shows_when_it_may_apply_again(client):
    application = application_at(
        Step.DECLINED,
        decided_at=timezone.now(),
        decision_reason="Not active yet.",
        reapply_after=date(2027, 3, 10),
    )

    page = client.get(url("application", application.pk)).content.decode()

    assert "Not active yet." in page
    assert 'May apply again from <time datetime="2027-03-10">Mar 10, 2027</time>.' in page
    assert "Withdraw the application" not in page


def test_the_interview_is_shown_in_both_peoples_time_zones(client):
    applicant = UserFactory(timezone="Africa/Lagos")
    interviewer = committee_member(timezone="America/Mexico_City")
    application = application_at(
        Step.INTERVIEW,
        applicant=applicant,
        interviewer=interviewer,
        interview_at=datetime(2026, 7, 1, 15, 0, tzinfo=UTC),
        interview_url="https://meet.example.org/lakes",
    )
    client.force_login(applicant)

    page = client.get(url("application", application.pk)).content.decode()

    assert "The applicant's time (Lagos)" in page
    assert 'Wed, Jul 1, 2026, 16:00 <span class="tz">GMT+01:00</span>' in page
    assert "The interviewer's time (Mexico City)" in page
    assert 'Wed, Jul 1, 2026, 09:00 <span class="tz">GMT-06:00</span>' in page
    assert "https://meet.example.org/lakes" in page


def test_other_people_do_not_see_the_interview(client):
    application = application_at(
        Step.INTERVIEW,
        interview_at=timezone.now() + timedelta(days=3),
        interview_url="https://x.example.org/secret",
    )
    client.force_login(UserFactory())

    page = client.get(url("application", application.pk)).content.decode()

    assert "https://x.example.org/secret" not in page


def test_an_unknown_application_is_not_found(client):
    assert client.get(url("application", 999)).status_code == 404


# --- comments -------------------------------------------------------------------------------------


def test_a_signed_in_person_comments(client):
    application = application_at()
    person = UserFactory()
    client.force_login(person)

    response = client.post(
        url("application_comment", application.pk), {"comment-body": "Good luck!"}
    )

    comment = ApplicationComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("application", application.pk) + f"#comment-{comment.pk}"
    assert (comment.author, comment.body) == (person, "Good luck!")


def test_an_empty_comment_is_refused_on_the_page(client):
    application = application_at()
    client.force_login(UserFactory())

    response = client.post(url("application_comment", application.pk), {"comment-body": "  "})

    assert response.status_code == 400
    assert ApplicationComment.objects.count() == 0
    assert "This field is required." in response.content.decode()


def test_anonymous_visitors_cannot_comment(client):
    application = application_at()

    response = client.post(url("application_comment", application.pk), {"comment-body": "Hi"})

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert ApplicationComment.objects.count() == 0


def test_the_committee_hides_a_comment(client):
    application = application_at()
    comment = ApplicationComment.objects.create(application=application, body="Spam")
    member = committee_member()
    client.force_login(member)

    response = client.post(url("comment_hide", application.pk, comment.pk))

    comment.refresh_from_db()
    assert response.status_code == 302
    assert (comment.hidden_by, comment.hidden_at is not None) == (member, True)


def test_only_the_committee_hides_comments(client):
    application = application_at()
    comment = ApplicationComment.objects.create(application=application, body="Fine")
    client.force_login(application.applicant)

    response = client.post(url("comment_hide", application.pk, comment.pk))

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_a_comment_of_another_application_is_not_found(client):
    application = application_at()
    other = ApplicationComment.objects.create(application=application_at(), body="Elsewhere")
    client.force_login(committee_member())

    response = client.post(url("comment_hide", application.pk, other.pk))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.hidden_at is None


# --- withdrawing an application ---------------------------------------------------------------


def test_the_applicant_withdraws_the_application(client):
    application = application_at(Step.INTERVIEW)
    client.force_login(application.applicant)

    confirm = client.get(url("application_withdraw", application.pk))
    response = client.post(url("application_withdraw", application.pk))

    application.refresh_from_db()
    assert confirm.status_code == 200
    assert response.status_code == 302
    assert application.step == Step.WITHDRAWN
    assert application.organization.__class__.objects.get().status == Status.NOT_RECOGNIZED


@pytest.mark.parametrize("who", ["other", "committee"])
def test_only_the_applicant_side_withdraws(client, who):
    application = application_at()
    client.force_login(UserFactory() if who == "other" else committee_member())
    before = snapshot()

    response = client.post(url("application_withdraw", application.pk))

    assert response.status_code == 403
    assert snapshot() == before


def test_a_decided_application_cannot_be_withdrawn(client):
    application = application_at(Step.DEFERRED, decided_at=timezone.now())
    client.force_login(application.applicant)
    before = snapshot()

    response = client.post(url("application_withdraw", application.pk), follow=True)

    assert snapshot() == before
    assert messages_of(response) == ["This application is already decided."]


# --- the list -------------------------------------------------------------------------------------


def test_the_list_shows_open_applications_by_step_and_recent_decisions(client):
    received = application_at(Step.RECEIVED)
    voting = application_at(Step.VOTE)
    recognized = application_at(Step.RECOGNIZED, decided_at=timezone.now())

    response = client.get(url("applications"))

    groups = {group.step: group.applications for group in response.context["groups"]}
    assert groups == {
        "received": [received],
        "criteria_review": [],
        "interview": [],
        "vote": [voting],
    }
    assert response.context["decided"] == [recognized]
    page = response.content.decode()
    assert recognized.organization.name in page


# --- applying again ---------------------------------------------------------------------------------


def deferred_organization():
    application = application_at(
        Step.DEFERRED, decided_at=timezone.now(), decision_reason="More activity."
    )
    return application.organization, application.applicant


def test_a_representative_applies_again_after_a_deferral(client):
    organization, representative = deferred_organization()
    client.force_login(representative)

    page = client.get(url("apply_again", organization.slug))
    response = client.post(
        url("apply_again", organization.slug),
        {
            "affiliation_model": "user-group",
            "letter_of_intent": "We are busier now.",
            "language": "en",
        },
    )

    latest = organization.applications.order_by("-pk").first()
    assert page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == url("application", latest.pk)
    assert (latest.step, latest.letter_of_intent) == (Step.RECEIVED, "We are busier now.")


def test_applying_again_during_the_wait_is_refused_with_the_date(client):
    application = application_at(
        Step.DECLINED,
        decided_at=timezone.now(),
        reapply_after=timezone.localdate() + timedelta(days=30),
    )
    application.organization.status = Status.NOT_RECOGNIZED
    application.organization.save()
    client.force_login(application.applicant)
    before = snapshot()

    response = client.post(
        url("apply_again", application.organization.slug),
        {"affiliation_model": "user-group", "letter_of_intent": "Again.", "language": "en"},
    )

    assert response.status_code == 400
    assert snapshot() == before
    assert "This organization may apply again from" in response.content.decode()


def test_a_user_group_without_a_legal_entity_cannot_move_to_chapter(client):
    organization = OrganizationFactory(affiliation_model=user_group_model())
    representative = UserFactory()
    organization.representatives.add(representative)
    chapter_model()
    client.force_login(representative)
    before = snapshot()

    response = client.post(
        url("apply_again", organization.slug),
        {"affiliation_model": "chapter", "letter_of_intent": "We incorporated.", "language": "en"},
    )

    assert response.status_code == 400
    assert snapshot() == before
    assert "A Chapter needs a legal entity" in response.content.decode()


@pytest.mark.parametrize("who", ["other", "committee"])
def test_only_those_who_act_for_it_apply_again(client, who):
    organization, _representative = deferred_organization()
    client.force_login(UserFactory() if who == "other" else committee_member())

    response = client.get(url("apply_again", organization.slug))

    assert response.status_code == 403


def test_a_recognized_user_group_applies_to_become_a_chapter_and_keeps_its_history(client):
    organization = OrganizationFactory(
        affiliation_model=user_group_model(),
        is_incorporated=True,
        legal_name="Wikimedia Lakes e.V.",
        registration_number="VR 1",
    )
    representative = UserFactory()
    organization.representatives.add(representative)
    chapter_model()
    client.force_login(representative)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            url("apply_again", organization.slug),
            {"affiliation_model": "chapter", "letter_of_intent": "We grew.", "language": "en"},
        )

    application = organization.applications.get()
    assert response.status_code == 302
    assert application.affiliation_model.slug == "chapter"
    organization.refresh_from_db()
    assert (organization.status, organization.affiliation_model.slug) == (
        Status.RECOGNIZED,
        "user-group",
    )
    assert services.vote_tally(application).cast == 0
