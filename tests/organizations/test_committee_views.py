"""The committee's forms on an application's page and its overview, for a committee member,
a member tied to the applicant, the applicant, another person and anonymous visitors: each
move allowed or refused with its message, and a refusal changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from convene.core.models import OutgoingEmail
from convene.organizations.models import Application, HistoryEntry, Organization, Recusal, Vote
from tests.factories import UserFactory

from .factories import OrganizationFactory, committee_member
from .test_application_views import application_at, snapshot, url

pytestmark = pytest.mark.django_db

Step = Application.Step
Status = Organization.Status


def post(client, name, application, data):
    return client.post(url(name, application.pk), data)


def refusal(response):
    return response.context["refusal"]


def form_errors(response, key):
    return [str(message) for message in response.context["forms"][key].non_field_errors()]


# --- moving through the steps ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "to_step"),
    [
        (Step.RECEIVED, Step.CRITERIA_REVIEW),
        (Step.CRITERIA_REVIEW, Step.INTERVIEW),
        (Step.INTERVIEW, Step.VOTE),
    ],
)
def test_the_committee_moves_an_application_to_its_next_step(client, step, to_step):
    application = application_at(step)
    member = committee_member()
    client.force_login(member)

    response = post(
        client, "application_move", application, {"move-to_step": to_step, "move-note": "Checked."}
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == url("application", application.pk) + "#review"
    assert application.step == to_step
    entry = HistoryEntry.objects.get(kind=HistoryEntry.Kind.STEP)
    assert (entry.actor, entry.private_note) == (member, "Checked.")


def test_a_step_the_state_machine_does_not_offer_is_refused(client):
    application = application_at(Step.RECEIVED)
    client.force_login(committee_member())
    before = snapshot()

    response = post(client, "application_move", application, {"move-to_step": Step.VOTE})

    assert response.status_code == 400
    assert snapshot() == before
    assert response.context["forms"]["move"].errors == {
        "to_step": ["Select a valid choice. vote is not one of the available choices."]
    }


def test_a_move_at_the_vote_is_refused_at_the_top_of_the_page(client):
    application = application_at(Step.VOTE)
    client.force_login(committee_member())
    before = snapshot()

    response = post(client, "application_move", application, {"move-to_step": Step.RECOGNIZED})

    assert response.status_code == 400
    assert snapshot() == before
    assert "move" not in response.context["forms"]
    assert "is not one of the available choices" in refusal(response)


@pytest.mark.parametrize("who", ["applicant", "other"])
def test_only_the_committee_moves_an_application(client, who):
    application = application_at(Step.RECEIVED)
    client.force_login(application.applicant if who == "applicant" else UserFactory())
    before = snapshot()

    response = post(client, "application_move", application, {"move-to_step": Step.CRITERIA_REVIEW})

    assert response.status_code == 403
    assert snapshot() == before
    assert refusal(response) == "Only the affiliations committee can do this."


def test_a_member_tied_to_the_applicant_cannot_move_it(client):
    member = committee_member()
    application = application_at(Step.RECEIVED)
    application.organization.liaisons.add(member)
    client.force_login(member)
    before = snapshot()

    response = post(client, "application_move", application, {"move-to_step": Step.CRITERIA_REVIEW})

    assert response.status_code == 403
    assert snapshot() == before
    assert refusal(response) == "You are tied to this applicant, so you take no part in its review."


def test_anonymous_visitors_are_sent_to_log_in(client):
    application = application_at(Step.RECEIVED)
    before = snapshot()

    for name in (
        "application_move",
        "application_vote",
        "application_decide",
        "application_recuse",
    ):
        response = post(client, name, application, {})
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert snapshot() == before


def test_opening_a_form_address_leads_back_to_the_application(client):
    application = application_at(Step.RECEIVED)
    client.force_login(committee_member())

    response = client.get(url("application_vote", application.pk))

    assert response.status_code == 302
    assert response["Location"] == url("application", application.pk)


# --- the interview ---------------------------------------------------------------------------


@time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)
def test_the_interview_is_typed_in_the_members_own_time_zone(client):
    application = application_at(Step.INTERVIEW, applicant=UserFactory(timezone="Africa/Lagos"))
    member = committee_member(timezone="Asia/Tokyo")
    client.force_login(member)

    response = post(
        client,
        "application_interview",
        application,
        {"interview-at": "2026-06-10T18:30", "interview-meeting_url": "meet.example.org/lakes"},
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.interview_at == datetime(2026, 6, 10, 9, 30, tzinfo=UTC)
    assert (application.interviewer, application.interview_url) == (
        member,
        "https://meet.example.org/lakes",
    )
    assert sorted(email.to for email in OutgoingEmail.objects.all()) == sorted(
        [member.email, application.applicant.email]
    )


@time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)
def test_an_interview_in_the_past_is_refused(client):
    application = application_at(Step.INTERVIEW)
    client.force_login(committee_member())
    before = snapshot()

    response = post(
        client, "application_interview", application, {"interview-at": "2026-05-01T10:00"}
    )

    assert response.status_code == 400
    assert snapshot() == before
    assert form_errors(response, "interview") == ["Choose a time in the future."]


def test_an_interview_before_the_interview_step_is_refused(client):
    application = application_at(Step.CRITERIA_REVIEW)
    client.force_login(committee_member())
    before = snapshot()

    response = post(
        client,
        "application_interview",
        application,
        {"interview-at": (timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")},
    )

    assert response.status_code == 400
    assert snapshot() == before
    assert refusal(response) == "Move the application to the interview step first."


# --- votes -----------------------------------------------------------------------------------------


def test_a_member_votes_with_a_note(client):
    application = application_at(Step.VOTE)
    member = committee_member()
    client.force_login(member)

    response = post(
        client, "application_vote", application, {"vote-choice": "abstain", "vote-note": "Unsure."}
    )

    vote = Vote.objects.get()
    assert response.status_code == 302
    assert (vote.member, vote.choice, vote.note) == (member, "abstain", "Unsure.")
    page = client.get(url("application", application.pk))
    assert "vote" not in page.context["forms"]
    assert "You voted: Abstain." in page.content.decode()


def test_a_second_vote_is_refused(client):
    application = application_at(Step.VOTE)
    member = committee_member()
    Vote.objects.create(application=application, member=member, choice="yes")
    client.force_login(member)
    before = snapshot()

    response = post(client, "application_vote", application, {"vote-choice": "no"})

    assert response.status_code == 400
    assert snapshot() == before
    assert refusal(response) == "You have already voted on this application."


def test_a_vote_by_a_recused_member_is_refused(client):
    application = application_at(Step.VOTE)
    member = committee_member()
    Recusal.objects.create(application=application, member=member, reason="A friend.")
    client.force_login(member)
    before = snapshot()

    response = post(client, "application_vote", application, {"vote-choice": "yes"})

    assert response.status_code == 403
    assert snapshot() == before
    assert refusal(response) == "You are tied to this applicant, so you cannot vote on it."


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (Step.RECOGNIZED, "This application is already decided."),
        (Step.INTERVIEW, "The committee has not opened the vote on this application."),
    ],
)
def test_a_vote_outside_the_vote_is_refused(client, step, message):
    application = application_at(step)
    client.force_login(committee_member())
    before = snapshot()

    response = post(client, "application_vote", application, {"vote-choice": "yes"})

    assert response.status_code == 400
    assert snapshot() == before
    assert refusal(response) == message


def test_a_forged_vote_choice_is_refused(client):
    application = application_at(Step.VOTE)
    client.force_login(committee_member())
    before = snapshot()

    response = post(client, "application_vote", application, {"vote-choice": "maybe"})

    assert response.status_code == 400
    assert snapshot() == before
    assert list(response.context["forms"]["vote"].errors) == ["choice"]


def test_someone_outside_the_committee_cannot_vote(client):
    application = application_at(Step.VOTE)
    client.force_login(UserFactory())
    before = snapshot()

    response = post(client, "application_vote", application, {"vote-choice": "yes"})

    assert response.status_code == 403
    assert snapshot() == before
    assert refusal(response) == "Only the affiliations committee votes."


# --- stepping aside ------------------------------------------------------------------------------


def test_a_member_steps_aside_and_takes_no_further_part(client):
    application = application_at(Step.VOTE)
    member = committee_member()
    client.force_login(member)

    response = post(
        client, "application_recuse", application, {"recuse-reason": "My sister leads it."}
    )

    assert response.status_code == 302
    assert Recusal.objects.get().reason == "My sister leads it."
    page = client.get(url("application", application.pk))
    assert "You take no part in this review." in page.content.decode()
    assert set(page.context["forms"]) == {"comment"}


def test_a_member_who_voted_cannot_step_aside(client):
    application = application_at(Step.VOTE)
    member = committee_member()
    Vote.objects.create(application=application, member=member, choice="yes")
    client.force_login(member)
    before = snapshot()

    response = post(client, "application_recuse", application, {"recuse-reason": "Oops."})

    assert response.status_code == 400
    assert snapshot() == before
    assert refusal(response) == "You have already voted on this application."


# --- decisions -------------------------------------------------------------------------------------


def voted(application, *choices):
    for choice in choices:
        Vote.objects.create(application=application, member=committee_member(), choice=choice)


def test_the_committee_recognizes_after_a_vote_that_passes(
    client, django_capture_on_commit_callbacks
):
    contact = UserFactory(preferred_language="fr")
    application = application_at(Step.VOTE, applicant=contact)
    voted(application, "yes", "yes", "abstain")
    member = committee_member()
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            "application_decide",
            application,
            {"decide-decision": "recognized", "decide-reason": "Welcome."},
        )

    application.refresh_from_db()
    organization = application.organization
    organization.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == url("application", application.pk)
    assert application.step == Step.RECOGNIZED
    assert organization.status == Status.RECOGNIZED
    assert Organization.objects.listed().get() == organization
    assert organization.provisional_until is not None  # the user group model is provisional
    letter = OutgoingEmail.objects.get(to=contact.email)
    assert letter.language == "fr"
    assert f"/fr/organizations/{organization.slug}/" in letter.body  # the listing


def test_recognition_before_the_vote_passes_is_refused(client):
    application = application_at(Step.VOTE)
    voted(application, "yes", "no")
    client.force_login(committee_member())
    before = snapshot()

    response = post(client, "application_decide", application, {"decide-decision": "recognized"})

    assert response.status_code == 400
    assert snapshot() == before
    assert form_errors(response, "decide") == [
        "The vote has not passed: recognition needs a quorum and a majority of yes."
    ]


def test_recognition_is_not_offered_before_the_vote(client):
    application = application_at(Step.CRITERIA_REVIEW)
    client.force_login(committee_member())
    before = snapshot()

    response = post(client, "application_decide", application, {"decide-decision": "recognized"})

    assert response.status_code == 400
    assert snapshot() == before
    assert list(response.context["forms"]["decide"].errors) == ["decision"]


def test_deferring_needs_reasons(client):
    application = application_at(Step.CRITERIA_REVIEW)
    client.force_login(committee_member())
    before = snapshot()

    response = post(client, "application_decide", application, {"decide-decision": "deferred"})

    assert response.status_code == 400
    assert snapshot() == before
    assert form_errors(response, "decide") == [
        "Give the reasons: the applicant and the public read them."
    ]


def test_the_committee_declines_with_reasons_and_the_wait_is_shown(client):
    application = application_at(Step.VOTE)
    voted(application, "no", "no", "yes")
    client.force_login(committee_member())

    response = post(
        client,
        "application_decide",
        application,
        {"decide-decision": "declined", "decide-reason": "Too few activities."},
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.step == Step.DECLINED
    assert application.reapply_after is not None
    page = client.get(url("application", application.pk)).content.decode()
    assert "Too few activities." in page
    assert "May apply again from" in page


def test_a_decision_on_a_decided_application_is_refused(client):
    application = application_at(Step.DEFERRED, decided_at=timezone.now())
    client.force_login(committee_member())
    before = snapshot()

    response = post(
        client,
        "application_decide",
        application,
        {"decide-decision": "declined", "decide-reason": "Again."},
    )

    assert response.status_code == 400
    assert snapshot() == before
    assert "decide" not in response.context["forms"]
    assert refusal(response)


def test_the_applicant_cannot_decide(client):
    application = application_at(Step.VOTE)
    voted(application, "yes", "yes", "yes")
    client.force_login(application.applicant)
    before = snapshot()

    response = post(client, "application_decide", application, {"decide-decision": "recognized"})

    assert response.status_code == 403
    assert snapshot() == before
    assert refusal(response) == "Only the affiliations committee can do this."


def test_an_application_of_another_id_is_not_found(client):
    client.force_login(committee_member())

    response = client.post(url("application_vote", 999), {"vote-choice": "yes"})

    assert response.status_code == 404


# --- the committee's overview -------------------------------------------------------------------


def test_the_committee_sees_what_waits_for_it(client):
    member = committee_member()
    received = application_at(Step.RECEIVED)
    voting = application_at(Step.VOTE)
    voted(voting, "yes")
    already = application_at(Step.VOTE)
    Vote.objects.create(application=already, member=member, choice="no")
    tied = application_at(Step.VOTE, applicant=member)
    proposed = OrganizationFactory(proposal=Organization.Proposal.SUSPEND, compliance_level=3)
    OrganizationFactory()
    client.force_login(member)

    response = client.get(url("committee"))

    assert response.status_code == 200
    assert response.context["awaiting_vote"] == [voting]
    assert response.context["awaiting_vote"][0].votes_cast == 1
    groups = {group.step: group.applications for group in response.context["groups"]}
    assert groups["received"] == [received]
    assert sorted(app.pk for app in groups["vote"]) == sorted([voting.pk, already.pk, tied.pk])
    assert response.context["proposals"] == [proposed]
    page = response.content.decode()
    assert url("status_change", proposed.slug, "suspend") in page
    assert url("proposal_dismiss", proposed.slug) in page


@pytest.mark.parametrize("who", ["other", "representative"])
def test_only_the_committee_opens_its_overview(client, who):
    application = application_at()
    client.force_login(UserFactory() if who == "other" else application.applicant)

    assert client.get(url("committee")).status_code == 403


def test_anonymous_visitors_log_in_to_open_the_overview(client):
    response = client.get(url("committee"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
