"""Committee members acting on the same application or organization at the same moment:
PostgreSQL, one connection per thread. Exactly one wins; the others are refused and leave
no trace, so the history holds one entry for the one change."""

import os
import threading

import pytest
from django.db import connection, connections

from convene.core.errors import ServiceError
from convene.core.models import OutgoingEmail
from convene.organizations import services
from convene.organizations.models import Application, HistoryEntry, Organization, Vote
from tests.factories import UserFactory

from .factories import (
    ApplicationFactory,
    OrganizationFactory,
    committee_member,
    user_group_model,
)

REQUIRED = os.environ.get("CONVENE_REQUIRE_POSTGRES") == "1"

Step = Application.Step
Status = Organization.Status
Kind = HistoryEntry.Kind
DECISION_KINDS = (Kind.RECOGNIZED, Kind.DEFERRED, Kind.DECLINED, Kind.APPLICATION_WITHDRAWN)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        if REQUIRED:
            pytest.fail("CONVENE_REQUIRE_POSTGRES is set but the tests run on " + connection.vendor)
        pytest.skip("row-level concurrency is tested on PostgreSQL")


def run_together(actions):
    """Run each action in its own thread, all released at once; returns what each returned
    (None when refused) and the refusals."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)
    errors = []

    def worker(index):
        try:
            barrier.wait()
            results[index] = actions[index]()
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def application_at(step):
    applicant = UserFactory()
    model = user_group_model()
    organization = OrganizationFactory(
        affiliation_model=model,
        status=Status.APPLYING,
        recognized_on=None,
        contact_person=applicant,
        representatives=[applicant],
    )
    return ApplicationFactory(
        organization=organization, affiliation_model=model, applicant=applicant, step=step
    )


def fresh(application):
    """Each member's own copy, read before anyone acts, as two open pages would have it."""
    return Application.objects.select_related(
        "organization__affiliation_model", "organization__contact_person", "affiliation_model"
    ).get(pk=application.pk)


def refusal_codes(errors):
    assert all(isinstance(error, ServiceError) for error in errors), errors
    return {error.code for error in errors}


def test_two_members_deciding_at_the_same_moment_cannot_both_win(postgres):
    application = application_at(Step.VOTE)
    for _ in range(3):
        Vote.objects.create(application=application, member=committee_member(), choice="yes")
    members = [committee_member() for _ in range(6)]
    copies = [fresh(application) for _ in members]
    decisions = [Step.RECOGNIZED, Step.DEFERRED] * 3

    results, errors = run_together(
        [
            lambda i=i: services.application_decide(
                user=members[i],
                application=copies[i],
                decision=decisions[i],
                reason="The committee's reasons.",
            )
            for i in range(6)
        ]
    )

    assert len(errors) == 5
    assert refusal_codes(errors) <= {"conflict", "decided"}
    winner = next(i for i, result in enumerate(results) if result is not None)
    application.refresh_from_db()
    assert (application.step, application.decided_by_id) == (decisions[winner], members[winner].pk)
    organization = Organization.objects.get(pk=application.organization_id)
    assert organization.status == (
        Status.RECOGNIZED if decisions[winner] == Step.RECOGNIZED else Status.APPLYING
    )
    decided = HistoryEntry.objects.filter(application=application, kind__in=DECISION_KINDS)
    assert list(decided.values_list("actor_id", flat=True)) == [members[winner].pk]
    assert OutgoingEmail.objects.filter(to=application.applicant.email).count() == 1


def test_declining_and_deferring_at_the_same_moment_leave_one_decision(postgres):
    application = application_at(Step.CRITERIA_REVIEW)
    first, second = committee_member(), committee_member()
    copies = [fresh(application), fresh(application)]

    results, errors = run_together(
        [
            lambda: services.application_decide(
                user=first, application=copies[0], decision=Step.DECLINED, reason="Not yet."
            ),
            lambda: services.application_decide(
                user=second, application=copies[1], decision=Step.DEFERRED, reason="Later."
            ),
        ]
    )

    assert len(errors) == 1
    assert refusal_codes(errors) <= {"conflict", "decided"}
    application.refresh_from_db()
    assert application.step == (Step.DECLINED if results[0] is not None else Step.DEFERRED)
    assert (
        HistoryEntry.objects.filter(application=application, kind__in=DECISION_KINDS).count() == 1
    )
    assert Organization.objects.get(pk=application.organization_id).status == (
        Status.NOT_RECOGNIZED if application.step == Step.DECLINED else Status.APPLYING
    )


def test_withdrawing_while_the_committee_declines_leaves_one_outcome(postgres):
    application = application_at(Step.INTERVIEW)
    member = committee_member()
    copies = [fresh(application), fresh(application)]

    results, errors = run_together(
        [
            lambda: services.application_withdraw(
                user=application.applicant, application=copies[0]
            ),
            lambda: services.application_decide(
                user=member, application=copies[1], decision=Step.DECLINED, reason="Not yet."
            ),
        ]
    )

    assert len(errors) == 1
    assert refusal_codes(errors) <= {"conflict", "decided"}
    application.refresh_from_db()
    assert application.step == (Step.WITHDRAWN if results[0] is not None else Step.DECLINED)
    assert (
        HistoryEntry.objects.filter(application=application, kind__in=DECISION_KINDS).count() == 1
    )
    assert Organization.objects.get(pk=application.organization_id).status == Status.NOT_RECOGNIZED


def test_two_members_moving_the_same_step_at_once_move_it_once(postgres):
    application = application_at(Step.RECEIVED)
    members = [committee_member() for _ in range(6)]
    copies = [fresh(application) for _ in members]

    results, errors = run_together(
        [
            lambda i=i: services.application_move(
                user=members[i], application=copies[i], to_step=Step.CRITERIA_REVIEW
            )
            for i in range(6)
        ]
    )

    assert len(errors) == 5
    assert refusal_codes(errors) == {"conflict"}
    winner = next(i for i, result in enumerate(results) if result is not None)
    assert Application.objects.get(pk=application.pk).step == Step.CRITERIA_REVIEW
    moves = HistoryEntry.objects.filter(application=application, kind=Kind.STEP)
    assert list(moves.values_list("actor_id", "to_status")) == [
        (members[winner].pk, Step.CRITERIA_REVIEW)
    ]


def test_two_votes_by_the_same_member_at_once_count_once(postgres):
    application = application_at(Step.VOTE)
    member = committee_member()
    copies = [fresh(application) for _ in range(6)]

    results, errors = run_together(
        [
            lambda i=i: services.application_vote(
                user=member, application=copies[i], choice="no" if i % 2 else "yes"
            )
            for i in range(6)
        ]
    )

    assert len(errors) == 5
    assert refusal_codes(errors) == {"already_voted"}
    vote = next(result for result in results if result is not None)
    assert list(Vote.objects.values_list("member_id", "choice")) == [(member.pk, vote.choice)]
    assert HistoryEntry.objects.filter(application=application, kind=Kind.VOTE).count() == 1


def test_members_voting_at_once_are_all_counted(postgres):
    application = application_at(Step.VOTE)
    members = [committee_member() for _ in range(6)]
    copies = [fresh(application) for _ in members]

    _results, errors = run_together(
        [
            lambda i=i: services.application_vote(
                user=members[i], application=copies[i], choice="yes" if i < 4 else "no"
            )
            for i in range(6)
        ]
    )

    assert errors == []
    tally = services.vote_tally(application)
    assert (tally.yes, tally.no, tally.abstain) == (4, 2, 0)
    assert HistoryEntry.objects.filter(application=application, kind=Kind.VOTE).count() == 6


def test_two_applications_of_one_organization_at_once_make_one(postgres):
    application = application_at(Step.DEFERRED)
    organization = application.organization
    others = [UserFactory() for _ in range(3)]
    organization.representatives.add(*others)
    people = [application.applicant, *others]
    copies = [Organization.objects.get(pk=organization.pk) for _ in people]

    _results, errors = run_together(
        [
            lambda i=i: services.application_create(
                user=people[i],
                organization=copies[i],
                affiliation_model=organization.affiliation_model,
                letter_of_intent="We held elections and would like to be recognized.",
                language="en",
            )
            for i in range(len(people))
        ]
    )

    assert len(errors) == 3
    assert refusal_codes(errors) == {"already_applying"}
    assert Application.objects.open().filter(organization=organization).count() == 1
    assert HistoryEntry.objects.filter(organization=organization, kind=Kind.APPLIED).count() == 1


def test_derecognizing_while_the_organization_withdraws_makes_one_change(postgres):
    """Each change leads where the other cannot follow: exactly one of them happens."""
    representatives = [UserFactory(), UserFactory()]
    organization = OrganizationFactory(
        status=Status.RECOGNIZED,
        contact_person=representatives[0],
        representatives=representatives,
    )
    people = [committee_member(), committee_member(), *representatives]
    changes = ["derecognize", "derecognize", "withdraw", "withdraw"]
    copies = [Organization.objects.get(pk=organization.pk) for _ in people]

    results, errors = run_together(
        [
            lambda i=i: services.organization_change_status(
                user=people[i],
                organization=copies[i],
                change=changes[i],
                public_reason="Two years without reports.",
            )
            for i in range(4)
        ]
    )

    assert len(errors) == 3
    assert refusal_codes(errors) <= {"conflict", "transition_refused"}
    winner = next(i for i, result in enumerate(results) if result is not None)
    target = {"derecognize": Status.DERECOGNIZED, "withdraw": Status.WITHDRAWN}[changes[winner]]
    assert Organization.objects.get(pk=organization.pk).status == target
    changed = HistoryEntry.objects.filter(
        organization=organization, kind__in=(Kind.DERECOGNIZED, Kind.WITHDRAWN)
    )
    assert list(changed.values_list("actor_id", "from_status", "to_status")) == [
        (people[winner].pk, Status.RECOGNIZED, target)
    ]
    told = sorted(person.email for person in representatives if person != people[winner])
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == told
