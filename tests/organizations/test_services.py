"""The registry's state machine, service by service, role by role, step by step.

An allowed change gives the exact new step or status, the exact history entries and the
exact emails (in each recipient's language); a refused one gives the exact
`ServiceError.code` and changes nothing: every row of the registry is compared before and
after. Then the vote's arithmetic, the dates decisions set, duplicates and requirements,
the append-only history and the HTTP status of each refusal in the API.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from convene.accounts.services import user_delete
from convene.core.api import STATUS_OF_CODE, Refused
from convene.core.errors import ServiceError
from convene.core.models import OutgoingEmail
from convene.organizations import rules, services
from convene.organizations.models import (
    Application,
    ApplicationComment,
    HistoryEntry,
    Organization,
    OrganizationName,
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
    history_entry,
    user_group_model,
)

pytestmark = pytest.mark.django_db

Step = Application.Step
Status = Organization.Status
Kind = HistoryEntry.Kind

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
LATER = NOW + timedelta(days=7)
OPEN_STEPS = [Step.RECEIVED, Step.CRITERIA_REVIEW, Step.INTERVIEW, Step.VOTE]
DECIDED_STEPS = [Step.RECOGNIZED, Step.DEFERRED, Step.DECLINED, Step.WITHDRAWN]
NEXT_STEP = {
    Step.RECEIVED: Step.CRITERIA_REVIEW,
    Step.CRITERIA_REVIEW: Step.INTERVIEW,
    Step.INTERVIEW: Step.VOTE,
}
# Committee members tied to the applicant: who applied, a representative, its liaison, and
# one who stepped aside (a `Recusal`).
TIED = ("committee_applicant", "committee_representative", "committee_liaison", "committee_recused")
OUTSIDERS = ("representative", "other", "anonymous")
LETTER = "We edit Wikipedia together in Lagos and would like to be recognized."


# --- Building the scene -------------------------------------------------------------------


def status_at(step: str) -> str:
    """The organization's status while its (first) application is at `step`."""
    if step == Step.RECOGNIZED:
        return Status.RECOGNIZED
    if step in (Step.DECLINED, Step.WITHDRAWN):
        return Status.NOT_RECOGNIZED
    return Status.APPLYING


def application_at(step=Step.RECEIVED, *, model=None, language="en", **organization_fields):
    """An application at `step`, made as `organization_apply` makes one: the applicant is the
    organization's contact person and first representative."""
    applicant = UserFactory(preferred_language=language)
    model = model or user_group_model()
    status = organization_fields.pop("status", status_at(step))
    organization = OrganizationFactory(
        affiliation_model=model,
        status=status,
        recognized_on=NOW.date() if status == Status.RECOGNIZED else None,
        contact_person=applicant,
        representatives=[applicant],
        **organization_fields,
    )
    return ApplicationFactory(
        organization=organization, affiliation_model=model, applicant=applicant, step=step
    )


def person(role, application):
    """Who acts, in the role named, towards `application`."""
    if role == "anonymous":
        return AnonymousUser()
    user = committee_member() if role.startswith("committee") else UserFactory()
    organization = application.organization
    if role in ("committee_applicant", "applicant"):
        Application.objects.filter(pk=application.pk).update(applicant=user)
    elif role in ("committee_representative", "representative"):
        organization.representatives.add(user)
    elif role == "contact":
        Organization.objects.filter(pk=organization.pk).update(contact_person=user)
    elif role == "committee_liaison":
        organization.liaisons.add(user)
    elif role == "committee_recused":
        Recusal.objects.create(application=application, member=user, reason="I chair its board.")
    return user


def fresh(application):
    """The application as a page reads it, with nothing its rules remembered."""
    return Application.objects.select_related(
        "organization__affiliation_model", "organization__contact_person", "affiliation_model"
    ).get(pk=application.pk)


def fresh_organization(organization):
    return Organization.objects.select_related("affiliation_model", "contact_person").get(
        pk=organization.pk
    )


def votes(application, *choices):
    """Votes of other committee members."""
    for choice in choices:
        Vote.objects.create(application=application, member=committee_member(), choice=choice)


# --- Watching what changes ------------------------------------------------------------------


def snapshot():
    """Every row a service of the registry may write."""
    return {
        "applications": list(Application.objects.order_by("pk").values()),
        "organizations": list(Organization.objects.order_by("pk").values()),
        "representatives": list(
            Organization.representatives.through.objects.order_by("pk").values()
        ),
        "names": list(OrganizationName.objects.order_by("pk").values()),
        "history": list(HistoryEntry.objects.order_by("pk").values()),
        "votes": list(Vote.objects.order_by("pk").values()),
        "recusals": list(Recusal.objects.order_by("pk").values()),
        "comments": list(ApplicationComment.objects.order_by("pk").values()),
        "emails": list(OutgoingEmail.objects.order_by("pk").values_list("pk", flat=True)),
    }


def refused(code, action):
    """`action()` is refused with `code`, a message for people, and nothing changed."""
    before = snapshot()
    with pytest.raises(ServiceError) as caught:
        action()
    assert caught.value.code == code
    assert str(caught.value.message).strip()
    assert snapshot() == before
    return caught.value


class Watch:
    """The history entries and emails added after it was made, in order."""

    def __init__(self):
        self.history_after = HistoryEntry.objects.aggregate(last=Max("pk"))["last"] or 0
        self.email_after = OutgoingEmail.objects.aggregate(last=Max("pk"))["last"] or 0

    def history(self):
        return list(
            HistoryEntry.objects.filter(pk__gt=self.history_after)
            .order_by("pk")
            .values_list(
                "kind",
                "actor_id",
                "application_id",
                "from_status",
                "to_status",
                "public_note",
                "private_note",
            )
        )

    def emails(self):
        return list(
            OutgoingEmail.objects.filter(pk__gt=self.email_after)
            .order_by("pk")
            .values_list("to", "subject", "language")
        )


def subject_in(language, msgid, **values):
    """A subject as the recipient reads it: the catalogue's translation of `msgid` (English
    until the catalogue has it), with lazy values (labels) in that language too."""
    with translation.override(language):
        return gettext(msgid) % {name: str(value) for name, value in values.items()}


# --- The committee's review: every service, role and step -------------------------------------

REVIEW_SERVICES = ("move", "interview", "vote", "recognize", "defer", "decline")
DECISION_OF = {"recognize": Step.RECOGNIZED, "defer": Step.DEFERRED, "decline": Step.DECLINED}


def prepare(service, application):
    """At the vote, the votes that let the committee's member decide."""
    if application.step == Step.VOTE and service == "recognize":
        votes(application, "yes", "yes", "yes")
    if application.step == Step.VOTE and service == "decline":
        votes(application, "no", "no", "no")


def act(service, user, application):
    if service == "move":
        to_step = NEXT_STEP.get(application.step, Step.CRITERIA_REVIEW)
        return services.application_move(
            user=user, application=application, to_step=to_step, now=NOW
        )
    if service == "interview":
        return services.application_schedule_interview(
            user=user, application=application, at=LATER, now=NOW
        )
    if service == "vote":
        return services.application_vote(user=user, application=application, choice="yes", now=NOW)
    return services.application_decide(
        user=user,
        application=application,
        decision=DECISION_OF[service],
        reason="The committee's reasons.",
        now=NOW,
    )


def committee_outcome(service, step):
    """The step an untied committee member's action leads to, or the code refusing it."""
    if step in DECIDED_STEPS:
        return "decided"
    if service == "move":
        return NEXT_STEP.get(step, "transition_refused")
    if service == "interview":
        return Step.INTERVIEW if step == Step.INTERVIEW else "transition_refused"
    if service == "vote":
        return Step.VOTE if step == Step.VOTE else "not_voting"
    if service == "recognize":
        return Step.RECOGNIZED if step == Step.VOTE else "transition_refused"
    return DECISION_OF[service]


@pytest.mark.parametrize("step", Step.values)
@pytest.mark.parametrize("service", REVIEW_SERVICES)
def test_committee_member_acts_on_an_application_as_its_step_allows(service, step):
    application = application_at(step)
    prepare(service, application)
    member = committee_member()
    outcome = committee_outcome(service, step)

    if outcome in Step.values:
        act(service, member, fresh(application))
        assert Application.objects.get(pk=application.pk).step == outcome
    else:
        refused(outcome, lambda: act(service, member, fresh(application)))


@pytest.mark.parametrize("role", TIED + OUTSIDERS)
@pytest.mark.parametrize("step", Step.values)
@pytest.mark.parametrize("service", REVIEW_SERVICES)
def test_only_untied_committee_members_review(service, step, role):
    application = application_at(step)
    prepare(service, application)
    user = person(role, application)

    refused(
        "recused" if role in TIED else "forbidden",
        lambda: act(service, user, fresh(application)),
    )


# --- Moving through the steps ----------------------------------------------------------------


@pytest.mark.parametrize(("start", "to_step"), list(NEXT_STEP.items()))
def test_moving_to_the_next_step_is_dated_and_recorded(start, to_step):
    application = application_at(start)
    member = committee_member()
    watch = Watch()

    services.application_move(
        user=member, application=fresh(application), to_step=to_step, note="Bylaws read.", now=NOW
    )

    application.refresh_from_db()
    assert (application.step, application.step_changed_at, application.decided_at) == (
        to_step,
        NOW,
        None,
    )
    assert Organization.objects.get(pk=application.organization_id).status == Status.APPLYING
    label = Step(to_step).label
    assert watch.history() == [
        (
            Kind.STEP,
            member.pk,
            application.pk,
            "",
            to_step,
            f"The application moved to: {label}.",
            "Bylaws read.",
        )
    ]
    assert watch.emails() == []


@pytest.mark.parametrize(
    ("start", "to_step"),
    [(start, to) for start in OPEN_STEPS for to in OPEN_STEPS if NEXT_STEP.get(start) != to],
)
def test_a_step_the_state_machine_does_not_allow_is_refused(start, to_step):
    application = application_at(start)
    member = committee_member()

    error = refused(
        "transition_refused",
        lambda: services.application_move(
            user=member, application=fresh(application), to_step=to_step, now=NOW
        ),
    )

    assert str(error.message) == (
        f"An application cannot go from “{Step(start).label}” to “{Step(to_step).label}”."
    )


@pytest.mark.parametrize("to_step", ["published", ""])
def test_moving_to_a_step_that_does_not_exist_is_refused(to_step):
    application = application_at(Step.RECEIVED)
    member = committee_member()

    refused(
        "invalid_choice",
        lambda: services.application_move(
            user=member, application=fresh(application), to_step=to_step, now=NOW
        ),
    )


def test_moving_to_a_decision_decides():
    application = application_at(Step.CRITERIA_REVIEW)
    member = committee_member()
    watch = Watch()

    services.application_move(
        user=member,
        application=fresh(application),
        to_step=Step.DECLINED,
        note="No activity in the last year.",
        now=NOW,
    )

    application.refresh_from_db()
    assert (application.step, application.decision_reason) == (
        Step.DECLINED,
        "No activity in the last year.",
    )
    assert [entry[0] for entry in watch.history()] == [Kind.DECLINED]


def test_a_move_read_in_a_step_someone_already_left_is_a_conflict():
    application = application_at(Step.RECEIVED)
    first, second = committee_member(), committee_member()
    seen_by_second = fresh(application)
    services.application_move(
        user=first, application=fresh(application), to_step=Step.CRITERIA_REVIEW, now=NOW
    )

    refused(
        "conflict",
        lambda: services.application_move(
            user=second, application=seen_by_second, to_step=Step.CRITERIA_REVIEW, now=NOW
        ),
    )


# --- The interview -------------------------------------------------------------------------


def test_an_interview_is_private_and_both_people_get_its_time_in_their_language():
    application = application_at(Step.INTERVIEW, language="fr")
    member = committee_member(preferred_language="ar")
    watch = Watch()

    services.application_schedule_interview(
        user=member,
        application=fresh(application),
        at=LATER,
        meeting_url="https://meet.example.org/affcom",
        now=NOW,
    )

    application.refresh_from_db()
    assert (
        application.step,
        application.interview_at,
        application.interviewer_id,
        application.interview_url,
    ) == (Step.INTERVIEW, LATER, member.pk, "https://meet.example.org/affcom")
    assert watch.history() == [
        (Kind.INTERVIEW, member.pk, application.pk, "", "", "", LATER.isoformat())
    ]
    name = application.organization.name
    msgid = "Interview about the application of %(name)s"
    assert watch.emails() == [
        (member.email, subject_in("ar", msgid, name=name), "ar"),
        (application.applicant.email, subject_in("fr", msgid, name=name), "fr"),
    ]
    assert not HistoryEntry.objects.filter(application=application).public().exists()


def test_an_interview_in_the_past_is_refused():
    application = application_at(Step.INTERVIEW)
    member = committee_member()

    refused(
        "in_the_past",
        lambda: services.application_schedule_interview(
            user=member, application=fresh(application), at=NOW, now=NOW
        ),
    )


# --- Votes and recusals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "note", "private_note"),
    [("yes", "Strong plan.", "yes: Strong plan."), ("no", "", "no"), ("abstain", "", "abstain")],
)
def test_a_vote_is_counted_once_and_recorded_privately(choice, note, private_note):
    application = application_at(Step.VOTE)
    member = committee_member()
    watch = Watch()

    vote = services.application_vote(
        user=member, application=fresh(application), choice=choice, note=note, now=NOW
    )

    assert (vote.application_id, vote.member_id, vote.choice, vote.note) == (
        application.pk,
        member.pk,
        choice,
        note,
    )
    assert Application.objects.get(pk=application.pk).step == Step.VOTE
    assert watch.history() == [(Kind.VOTE, member.pk, application.pk, "", "", "", private_note)]
    assert watch.emails() == []


def test_a_second_vote_is_refused():
    application = application_at(Step.VOTE)
    member = committee_member()
    services.application_vote(user=member, application=fresh(application), choice="yes")

    refused(
        "already_voted",
        lambda: services.application_vote(user=member, application=fresh(application), choice="no"),
    )


def test_a_vote_that_is_not_yes_no_or_abstain_is_refused():
    application = application_at(Step.VOTE)

    refused(
        "invalid_choice",
        lambda: services.application_vote(
            user=committee_member(), application=fresh(application), choice="maybe"
        ),
    )


def test_a_vote_after_the_decision_is_refused():
    application = application_at(Step.VOTE)
    votes(application, "yes", "yes", "yes")
    services.application_decide(
        user=committee_member(), application=fresh(application), decision=Step.RECOGNIZED
    )

    refused(
        "decided",
        lambda: services.application_vote(
            user=committee_member(), application=fresh(application), choice="no"
        ),
    )


@pytest.mark.parametrize(
    "role", ["committee", "committee_applicant", "committee_representative", "committee_liaison"]
)
@pytest.mark.parametrize("step", OPEN_STEPS)
def test_a_committee_member_steps_aside_privately(step, role):
    application = application_at(step)
    member = person(role, application)
    watch = Watch()

    recusal = services.application_recuse(
        user=member, application=fresh(application), reason="I train its volunteers.", now=NOW
    )

    assert (recusal.application_id, recusal.member_id, recusal.reason) == (
        application.pk,
        member.pk,
        "I train its volunteers.",
    )
    assert watch.history() == [
        (Kind.RECUSAL, member.pk, application.pk, "", "", "", "I train its volunteers.")
    ]
    assert rules.is_recused(member, fresh(application))


@pytest.mark.parametrize(
    ("role", "step", "reason", "code"),
    [
        ("committee_recused", Step.VOTE, "Again.", "already_recused"),
        ("committee", Step.VOTE, "   ", "reason_missing"),
        ("committee", Step.RECOGNIZED, "Too late.", "decided"),
        ("committee", Step.DECLINED, "Too late.", "decided"),
        ("representative", Step.VOTE, "Not a member.", "forbidden"),
        ("other", Step.VOTE, "Not a member.", "forbidden"),
        ("anonymous", Step.VOTE, "Not a member.", "forbidden"),
    ],
)
def test_a_recusal_that_cannot_be_is_refused(role, step, reason, code):
    application = application_at(step)
    user = person(role, application)

    refused(
        code,
        lambda: services.application_recuse(
            user=user, application=fresh(application), reason=reason
        ),
    )


def test_a_member_who_voted_cannot_step_aside_afterwards():
    application = application_at(Step.VOTE)
    member = committee_member()
    services.application_vote(user=member, application=fresh(application), choice="yes")

    refused(
        "already_voted",
        lambda: services.application_recuse(
            user=member, application=fresh(application), reason="I forgot."
        ),
    )


# --- The vote's arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "quorum", "majority", "has_quorum", "passes"),
    [
        (2, 0, 0, 3, 50, False, False),  # no quorum, however unanimous
        (3, 0, 0, 3, 50, True, True),
        (1, 0, 2, 3, 50, True, True),  # abstentions count towards the quorum only
        (0, 0, 3, 3, 50, True, False),  # no yes at all
        (2, 2, 0, 3, 50, True, False),  # exactly half is not more than half
        (3, 2, 0, 3, 50, True, True),
        (2, 1, 0, 3, 66, True, True),  # two of three is more than 66 percent
        (2, 1, 0, 3, 67, True, False),
        (4, 2, 1, 7, 66, True, True),
        (1, 0, 0, 1, 99, True, True),
    ],
)
def test_the_tally_needs_a_quorum_and_more_than_the_majority(
    yes, no, abstain, quorum, majority, has_quorum, passes
):
    model = AffiliationModelFactory(quorum=quorum, majority_percent=majority)
    application = application_at(Step.VOTE, model=model)
    votes(application, *(["yes"] * yes + ["no"] * no + ["abstain"] * abstain))

    tally = services.vote_tally(application)

    assert (tally.yes, tally.no, tally.abstain, tally.cast) == (
        yes,
        no,
        abstain,
        yes + no + abstain,
    )
    assert (tally.has_quorum, tally.passes) == (has_quorum, passes)


@pytest.mark.parametrize(
    ("choices", "decision", "code"),
    [
        (["yes", "yes"], Step.RECOGNIZED, "vote_not_passed"),  # no quorum
        (["yes", "yes", "no", "no"], Step.RECOGNIZED, "vote_not_passed"),  # exactly half
        (["no", "no", "abstain"], Step.RECOGNIZED, "vote_not_passed"),
        (["no", "no"], Step.DECLINED, "vote_not_failed"),  # no quorum
        (["yes", "yes", "no"], Step.DECLINED, "vote_not_failed"),  # passed
    ],
)
def test_a_decision_the_vote_does_not_support_is_refused(choices, decision, code):
    application = application_at(Step.VOTE)
    votes(application, *choices)

    refused(
        code,
        lambda: services.application_decide(
            user=committee_member(),
            application=fresh(application),
            decision=decision,
            reason="Reasons.",
            now=NOW,
        ),
    )


def test_two_thirds_pass_where_the_model_asks_for_more_than_66_percent():
    model = AffiliationModelFactory(quorum=3, majority_percent=66)
    application = application_at(Step.VOTE, model=model)
    votes(application, "yes", "yes", "no")

    services.application_decide(
        user=committee_member(), application=fresh(application), decision=Step.RECOGNIZED, now=NOW
    )

    assert Application.objects.get(pk=application.pk).step == Step.RECOGNIZED


# --- Decisions ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_recognition_after_a_passing_vote_is_recorded_and_announced(language):
    model = user_group_model()
    application = application_at(Step.VOTE, model=model, language=language)
    votes(application, "yes", "yes", "no")
    member = committee_member()
    watch = Watch()

    services.application_decide(
        user=member,
        application=fresh(application),
        decision=Step.RECOGNIZED,
        reason="Welcome to the movement.",
        now=NOW,
    )

    application.refresh_from_db()
    organization = Organization.objects.get(pk=application.organization_id)
    assert (
        application.step,
        application.decided_at,
        application.decided_by_id,
        application.decision_reason,
        application.reapply_after,
    ) == (Step.RECOGNIZED, NOW, member.pk, "Welcome to the movement.", None)
    assert (
        organization.status,
        organization.status_since,
        organization.recognized_on,
        organization.provisional_until,
        organization.affiliation_model_id,
    ) == (Status.RECOGNIZED, NOW, NOW.date(), date(2027, 3, 10), model.pk)
    assert watch.history() == [
        (
            Kind.RECOGNIZED,
            member.pk,
            application.pk,
            Status.APPLYING,
            Status.RECOGNIZED,
            "Welcome to the movement.",
            "",
        )
    ]
    contact = application.applicant
    assert watch.emails() == [
        (
            contact.email,
            subject_in(language, "Recognition of %(name)s", name=organization.name),
            language,
        )
    ]
    with translation.override(language):
        page = reverse("organizations:detail", args=[organization.slug])
    assert page in OutgoingEmail.objects.get(to=contact.email).body


def test_the_decision_goes_to_the_applicant_when_there_is_no_contact_person():
    application = application_at(Step.CRITERIA_REVIEW, language="de")
    Organization.objects.filter(pk=application.organization_id).update(contact_person=None)
    watch = Watch()

    services.application_decide(
        user=committee_member(),
        application=fresh(application),
        decision=Step.DEFERRED,
        reason="Tell us more about your activities.",
        now=NOW,
    )

    name = application.organization.name
    assert watch.emails() == [
        (
            application.applicant.email,
            subject_in("de", "The application of %(name)s is deferred", name=name),
            "de",
        )
    ]


@pytest.mark.parametrize("step", OPEN_STEPS)
def test_deferral_keeps_the_organization_applying(step):
    application = application_at(step, language="ar")
    if step == Step.VOTE:
        votes(application, "yes", "no")
    member = committee_member()
    watch = Watch()

    services.application_decide(
        user=member,
        application=fresh(application),
        decision=Step.DEFERRED,
        reason="Tell us more about your activities.",
        now=NOW,
    )

    application.refresh_from_db()
    organization = Organization.objects.get(pk=application.organization_id)
    assert (application.step, application.reapply_after, organization.status) == (
        Step.DEFERRED,
        None,
        Status.APPLYING,
    )
    assert watch.history() == [
        (
            Kind.DEFERRED,
            member.pk,
            application.pk,
            Status.APPLYING,
            Status.APPLYING,
            "Tell us more about your activities.",
            "",
        )
    ]
    msgid = "The application of %(name)s is deferred"
    assert watch.emails() == [
        (application.applicant.email, subject_in("ar", msgid, name=organization.name), "ar")
    ]


@pytest.mark.parametrize("step", OPEN_STEPS)
def test_declining_sets_the_wait_before_applying_again(step):
    application = application_at(step, language="fr")
    if step == Step.VOTE:
        votes(application, "yes", "no", "no")
    member = committee_member()
    watch = Watch()

    services.application_decide(
        user=member,
        application=fresh(application),
        decision=Step.DECLINED,
        reason="The group has not met the criteria.",
        now=NOW,
    )

    application.refresh_from_db()
    organization = Organization.objects.get(pk=application.organization_id)
    assert (application.step, application.reapply_after) == (Step.DECLINED, date(2026, 9, 10))
    assert (organization.status, organization.status_since) == (Status.NOT_RECOGNIZED, NOW)
    assert watch.history() == [
        (
            Kind.DECLINED,
            member.pk,
            application.pk,
            Status.APPLYING,
            Status.NOT_RECOGNIZED,
            "The group has not met the criteria.",
            "",
        )
    ]
    msgid = "The application of %(name)s is declined"
    assert watch.emails() == [
        (application.applicant.email, subject_in("fr", msgid, name=organization.name), "fr")
    ]


@pytest.mark.parametrize("decision", [Step.DEFERRED, Step.DECLINED])
def test_deferring_or_declining_needs_reasons(decision):
    application = application_at(Step.CRITERIA_REVIEW)

    refused(
        "reason_missing",
        lambda: services.application_decide(
            user=committee_member(),
            application=fresh(application),
            decision=decision,
            reason="  ",
            now=NOW,
        ),
    )


@pytest.mark.parametrize("decision", ["approved", Step.VOTE, Step.WITHDRAWN])
def test_a_decision_that_does_not_exist_is_refused(decision):
    application = application_at(Step.VOTE)

    refused(
        "invalid_choice",
        lambda: services.application_decide(
            user=committee_member(),
            application=fresh(application),
            decision=decision,
            reason="Reasons.",
            now=NOW,
        ),
    )


def test_a_second_decision_is_refused():
    application = application_at(Step.VOTE)
    votes(application, "yes", "yes", "yes")
    seen_by_second = fresh(application)
    services.application_decide(
        user=committee_member(), application=fresh(application), decision=Step.RECOGNIZED
    )

    refused(
        "decided",
        lambda: services.application_decide(
            user=committee_member(),
            application=fresh(application),
            decision=Step.DEFERRED,
            reason="Reasons.",
        ),
    )
    refused(
        "conflict",
        lambda: services.application_decide(
            user=committee_member(),
            application=seen_by_second,
            decision=Step.DEFERRED,
            reason="Reasons.",
        ),
    )


# --- Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2026, 5, 20), 0, date(2026, 5, 20)),
        (date(2026, 1, 10), 60, date(2031, 1, 10)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert services.add_months(day, months) == expected


@pytest.mark.parametrize(
    ("decided", "provisional_until"),
    [
        (datetime(2025, 8, 31, 16, 0, tzinfo=UTC), date(2026, 2, 28)),
        (datetime(2027, 8, 31, 16, 0, tzinfo=UTC), date(2028, 2, 29)),
    ],
)
def test_a_provisional_period_ends_on_the_last_day_of_a_shorter_month(decided, provisional_until):
    model = AffiliationModelFactory(provisional_months=6)
    application = application_at(Step.VOTE, model=model)
    votes(application, "yes", "yes", "yes")

    services.application_decide(
        user=committee_member(),
        application=fresh(application),
        decision=Step.RECOGNIZED,
        now=decided,
    )

    organization = Organization.objects.get(pk=application.organization_id)
    assert (organization.recognized_on, organization.provisional_until) == (
        decided.date(),
        provisional_until,
    )


def test_a_model_without_a_provisional_period_recognizes_for_good():
    application = application_at(Step.VOTE, model=AffiliationModelFactory(provisional_months=0))
    votes(application, "yes", "yes", "yes")

    services.application_decide(
        user=committee_member(), application=fresh(application), decision=Step.RECOGNIZED, now=NOW
    )

    assert Organization.objects.get(pk=application.organization_id).provisional_until is None


def test_the_wait_after_a_refusal_ends_on_the_last_day_of_a_shorter_month():
    application = application_at(Step.RECEIVED, model=AffiliationModelFactory(reapply_months=6))

    services.application_decide(
        user=committee_member(),
        application=fresh(application),
        decision=Step.DECLINED,
        reason="Not yet active.",
        now=datetime(2027, 8, 31, 12, 0, tzinfo=UTC),
    )

    assert Application.objects.get(pk=application.pk).reapply_after == date(2028, 2, 29)


# --- Applying again ------------------------------------------------------------------------------


def apply_again(user, organization, model=None, now=NOW, letter=LETTER):
    return services.application_create(
        user=user,
        organization=fresh_organization(organization),
        affiliation_model=model or organization.affiliation_model,
        letter_of_intent=letter,
        language="en",
        now=now,
    )


def test_a_declined_organization_waits_before_applying_again():
    application = application_at(Step.RECEIVED)
    services.application_decide(
        user=committee_member(),
        application=fresh(application),
        decision=Step.DECLINED,
        reason="Not yet active.",
        now=NOW,
    )
    organization = application.organization
    representative = application.applicant

    error = refused(
        "reapply_wait",
        lambda: apply_again(
            representative, organization, now=datetime(2026, 9, 9, 23, 59, tzinfo=UTC)
        ),
    )
    assert str(error.message) == "This organization may apply again from Sep 10, 2026."

    watch = Watch()
    again = apply_again(representative, organization, now=datetime(2026, 9, 10, 0, 1, tzinfo=UTC))

    assert (again.step, again.applicant_id) == (Step.RECEIVED, representative.pk)
    assert [entry[:3] for entry in watch.history()] == [(Kind.APPLIED, representative.pk, again.pk)]
    assert organization.applications.count() == 2


def test_a_deferred_organization_applies_again_at_once():
    application = application_at(Step.INTERVIEW)
    services.application_decide(
        user=committee_member(),
        application=fresh(application),
        decision=Step.DEFERRED,
        reason="Hold elections first.",
        now=NOW,
    )

    again = apply_again(application.applicant, application.organization, now=NOW)

    assert again.step == Step.RECEIVED
    assert Organization.objects.get(pk=application.organization_id).status == Status.APPLYING


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (Status.RECOGNIZED, "already_recognized"),
        (Status.SUSPENDED, "organization_inactive"),
        (Status.DERECOGNIZED, "organization_inactive"),
        (Status.WITHDRAWN, "organization_inactive"),
    ],
)
def test_applying_again_under_the_same_model_is_refused_by_status(status, code):
    application = application_at(Step.RECOGNIZED)
    Organization.objects.filter(pk=application.organization_id).update(status=status)

    refused(code, lambda: apply_again(application.applicant, application.organization))


def test_a_second_open_application_is_refused():
    application = application_at(Step.CRITERIA_REVIEW)

    refused(
        "already_applying", lambda: apply_again(application.applicant, application.organization)
    )


@pytest.mark.parametrize("role", ["committee", "committee_liaison", "other", "anonymous"])
def test_only_those_who_act_for_an_organization_apply_for_it(role):
    application = application_at(Step.DEFERRED)
    user = person(role, application)

    refused("forbidden", lambda: apply_again(user, application.organization))


@pytest.mark.parametrize("role", ["representative", "contact"])
def test_those_who_act_for_an_organization_apply_for_it(role):
    application = application_at(Step.DEFERRED)
    user = person(role, application)

    assert apply_again(user, application.organization).applicant_id == user.pk


def test_an_empty_letter_of_intent_is_refused():
    application = application_at(Step.DEFERRED)

    refused(
        "letter_missing",
        lambda: apply_again(application.applicant, application.organization, letter="  \n "),
    )


def test_a_model_that_takes_no_applications_is_refused():
    application = application_at(Step.DEFERRED)
    closed = AffiliationModelFactory(accepts_applications=False)

    refused(
        "model_closed", lambda: apply_again(application.applicant, application.organization, closed)
    )


# --- A change of model -------------------------------------------------------------------------


def test_a_recognized_user_group_becomes_a_chapter_and_keeps_its_history():
    group_model, chapter = user_group_model(), chapter_model()
    representative = UserFactory(preferred_language="fr")
    organization = OrganizationFactory(
        affiliation_model=group_model,
        contact_person=representative,
        representatives=[representative],
        compliance_level=1,
    )
    earlier = history_entry(organization, kind=Kind.RECOGNIZED, public_note="Recognized.")

    error = refused(
        "requirements_missing", lambda: apply_again(representative, organization, chapter)
    )
    assert str(error.message) == (
        "A Chapter needs a legal entity, the name of the legal entity, and its registration "
        "number: the application is missing it."
    )

    Organization.objects.filter(pk=organization.pk).update(
        is_incorporated=True, legal_name="Wikimedians of Place e.V.", registration_number="VR 42"
    )
    application = apply_again(representative, organization, chapter)
    assert Organization.objects.get(pk=organization.pk).status == Status.RECOGNIZED

    member = committee_member()
    for to_step in (Step.CRITERIA_REVIEW, Step.INTERVIEW, Step.VOTE):
        services.application_move(
            user=member, application=fresh(application), to_step=to_step, now=NOW
        )
    votes(application, "yes", "yes", "yes")
    watch = Watch()
    services.application_decide(
        user=member, application=fresh(application), decision=Step.RECOGNIZED, now=NOW
    )

    organization.refresh_from_db()
    assert (
        organization.affiliation_model_id,
        organization.status,
        organization.recognized_on,
        organization.provisional_until,
        organization.compliance_level,
    ) == (chapter.pk, Status.RECOGNIZED, NOW.date(), None, 0)
    assert watch.history() == [
        (
            Kind.MODEL_CHANGED,
            member.pk,
            application.pk,
            "",
            "",
            "Now a Chapter, formerly a User group.",
            "",
        ),
        (Kind.RECOGNIZED, member.pk, application.pk, Status.RECOGNIZED, Status.RECOGNIZED, "", ""),
    ]
    assert HistoryEntry.objects.get(pk=earlier.pk).public_note == "Recognized."
    assert list(organization.history.order_by("pk").values_list("kind", flat=True)) == [
        Kind.RECOGNIZED,
        Kind.APPLIED,
        Kind.STEP,
        Kind.STEP,
        Kind.STEP,
        Kind.MODEL_CHANGED,
        Kind.RECOGNIZED,
    ]


def test_a_recognized_organization_that_withdraws_its_change_of_model_stays_recognized():
    representative = UserFactory()
    organization = OrganizationFactory(
        affiliation_model=user_group_model(), representatives=[representative]
    )
    application = apply_again(representative, organization, AffiliationModelFactory())
    watch = Watch()

    services.application_withdraw(user=representative, application=fresh(application), now=NOW)

    assert Application.objects.get(pk=application.pk).step == Step.WITHDRAWN
    assert Organization.objects.get(pk=organization.pk).status == Status.RECOGNIZED
    assert watch.history() == [
        (
            Kind.APPLICATION_WITHDRAWN,
            representative.pk,
            application.pk,
            "",
            "",
            "The application was withdrawn by the applicant.",
            "",
        )
    ]


# --- Withdrawing an application --------------------------------------------------------------

WITHDRAWERS = (
    "applicant",
    "representative",
    "contact",
    "committee_applicant",
    "committee_representative",
)


@pytest.mark.parametrize("role", WITHDRAWERS)
@pytest.mark.parametrize("step", OPEN_STEPS)
def test_the_applicant_side_withdraws_an_open_application(step, role):
    application = application_at(step)
    user = person(role, application)
    watch = Watch()

    services.application_withdraw(user=user, application=fresh(application), now=NOW)

    application.refresh_from_db()
    organization = Organization.objects.get(pk=application.organization_id)
    assert (application.step, application.decided_at, application.decided_by_id) == (
        Step.WITHDRAWN,
        NOW,
        user.pk,
    )
    assert (organization.status, organization.status_since) == (Status.NOT_RECOGNIZED, NOW)
    assert watch.history() == [
        (
            Kind.APPLICATION_WITHDRAWN,
            user.pk,
            application.pk,
            Status.APPLYING,
            Status.NOT_RECOGNIZED,
            "The application was withdrawn by the applicant.",
            "",
        )
    ]
    assert watch.emails() == []


@pytest.mark.parametrize("role", [*WITHDRAWERS, "committee", "committee_liaison", "other"])
@pytest.mark.parametrize("step", DECIDED_STEPS)
def test_a_decided_application_cannot_be_withdrawn(step, role):
    application = application_at(step)
    user = person(role, application)

    refused(
        "forbidden",
        lambda: services.application_withdraw(user=user, application=fresh(application), now=NOW),
    )


@pytest.mark.parametrize("role", ["committee", "committee_liaison", "other", "anonymous"])
@pytest.mark.parametrize("step", OPEN_STEPS)
def test_nobody_else_withdraws_an_application(step, role):
    application = application_at(step)
    user = person(role, application)

    refused(
        "forbidden",
        lambda: services.application_withdraw(user=user, application=fresh(application), now=NOW),
    )


# --- Applying -------------------------------------------------------------------------------


def apply(user, model=None, **fields):
    fields = {
        "name": "Wikimedians of Lagos",
        "code": "WUG-LAG",
        "region": "sub_saharan_africa",
        "countries": ["NG"],
        "mission": "Free knowledge in Yoruba and Igbo.",
        **fields,
    }
    return services.organization_apply(
        user=user,
        affiliation_model=model or user_group_model(),
        fields=fields,
        letter_of_intent=LETTER,
        language="en",
        now=NOW,
    )


def test_applying_creates_the_record_the_application_and_the_emails():
    applicant = UserFactory(preferred_language="fr")
    member_ar = committee_member(preferred_language="ar")
    member_en = committee_member(preferred_language="en")
    committee_member(is_active=False)
    model = user_group_model()
    watch = Watch()

    application = apply(applicant, model)

    organization = Organization.objects.get(name="Wikimedians of Lagos")
    assert (
        organization.code,
        organization.slug,
        organization.status,
        organization.status_since,
        organization.contact_person_id,
        organization.affiliation_model_id,
        organization.recognized_on,
    ) == ("WUG-LAG", "wikimedians-of-lagos", Status.APPLYING, NOW, applicant.pk, model.pk, None)
    assert list(organization.representatives.all()) == [applicant]
    assert (
        application.organization_id,
        application.affiliation_model_id,
        application.applicant_id,
        application.step,
        application.step_changed_at,
        application.acknowledged_at,
    ) == (organization.pk, model.pk, applicant.pk, Step.RECEIVED, NOW, NOW)
    assert watch.history() == [
        (
            Kind.APPLIED,
            applicant.pk,
            application.pk,
            "",
            "",
            "Applied to be recognized as a User group.",
            "",
        )
    ]
    name = "Wikimedians of Lagos"
    new = "New application: %(name)s"
    emails = watch.emails()
    assert emails[0] == (
        applicant.email,
        subject_in("fr", "We received the application of %(name)s", name=name),
        "fr",
    )
    assert sorted(emails[1:]) == sorted(
        [
            (member_ar.email, subject_in("ar", new, name=name), "ar"),
            (member_en.email, subject_in("en", new, name=name), "en"),
        ]
    )


def test_every_subject_writes_the_name_as_it_is():
    """Subjects are plain text: an apostrophe or an ampersand is not an HTML entity."""
    name = "Wikimedians of Côte d'Ivoire & Friends"
    applicant, member = UserFactory(), committee_member()
    watch = Watch()

    application = apply(applicant, name=name)
    services.application_move(
        user=member, application=fresh(application), to_step=Step.CRITERIA_REVIEW, now=NOW
    )
    services.application_move(
        user=member, application=fresh(application), to_step=Step.INTERVIEW, now=NOW
    )
    services.application_schedule_interview(
        user=member, application=fresh(application), at=LATER, now=NOW
    )
    services.application_decide(
        user=member,
        application=fresh(application),
        decision=Step.DEFERRED,
        reason="Hold elections first.",
        now=NOW,
    )

    assert [subject for _to, subject, _language in watch.emails()] == [
        f"We received the application of {name}",
        f"New application: {name}",
        f"Interview about the application of {name}",
        f"Interview about the application of {name}",
        f"The application of {name} is deferred",
    ]


def test_a_committee_member_who_applies_is_not_told_of_their_own_application():
    member = committee_member()
    other = committee_member()
    watch = Watch()

    apply(member)

    assert [email[0] for email in watch.emails()] == [member.email, other.email]


def test_applying_needs_an_account():
    refused("login_required", lambda: apply(AnonymousUser()))


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": "wikimedia deutschland"}, "duplicate_name"),
        ({"name": "  WIKIMEDIA Deutschland "}, "duplicate_name"),
        ({"code": "wmde"}, "duplicate_code"),
        ({"name": "Wikimedia Germany e.V."}, "duplicate_name"),  # its name in another language
        ({"name": "wikimedia germany E.V."}, "duplicate_name"),
    ],
)
def test_a_duplicate_name_or_code_is_refused(fields, code):
    existing = OrganizationFactory(name="Wikimedia Deutschland", code="WMDE")
    OrganizationName.objects.create(
        organization=existing, language="en", name="Wikimedia Germany e.V."
    )

    error = refused(code, lambda: apply(UserFactory(), **fields))

    assert (
        str(error.message)
        == {
            "duplicate_name": "An organization with this name is already in the registry.",
            "duplicate_code": "An organization with this short code is already in the registry.",
        }[code]
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite compares letters outside ASCII case-sensitively",
)
def test_a_duplicate_name_differing_in_the_case_of_letters_outside_ascii_is_refused():
    OrganizationFactory(name="Wikimedia Österreich", code="WMAT")

    refused("duplicate_name", lambda: apply(UserFactory(), name="WIKIMEDIA ÖSTERREICH"))


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({}, "a legal entity, the name of the legal entity, and its registration number"),
        ({"is_incorporated": True}, "the name of the legal entity and its registration number"),
        (
            {"is_incorporated": True, "legal_name": "Wikimedians of Lagos Ltd"},
            "its registration number",
        ),
        ({"legal_name": "Lagos Ltd", "registration_number": "RC 1"}, "a legal entity"),
    ],
)
def test_an_unincorporated_group_applying_as_a_chapter_is_told_what_is_missing(fields, missing):
    error = refused("requirements_missing", lambda: apply(UserFactory(), chapter_model(), **fields))

    assert str(error.message) == f"A Chapter needs {missing}: the application is missing it."


def test_a_chapter_with_its_legal_entity_applies():
    application = apply(
        UserFactory(),
        chapter_model(),
        is_incorporated=True,
        legal_name="Wikimedians of Lagos Ltd",
        registration_number="RC 1234",
    )

    assert application.step == Step.RECEIVED


def test_applying_under_a_model_that_takes_no_applications_creates_nothing():
    refused(
        "model_closed",
        lambda: apply(UserFactory(), AffiliationModelFactory(accepts_applications=False)),
    )


def test_a_refusal_speaks_the_language_of_the_person_refused():
    OrganizationFactory(name="Wikimedia Deutschland", code="WMDE")

    for language in ("fr", "ar"):
        with translation.override(language):
            error = refused(
                "duplicate_name", lambda: apply(UserFactory(), name="Wikimedia Deutschland")
            )
            expected = gettext("An organization with this name is already in the registry.")
            assert str(error.message) == expected


# --- The record ----------------------------------------------------------------------------


def test_a_representative_updates_the_record_and_its_history_names_the_fields():
    representative = UserFactory()
    organization = OrganizationFactory(representatives=[representative])
    watch = Watch()

    services.organization_update(
        user=representative,
        organization=fresh_organization(organization),
        fields={"website": "https://wikimedians.example.org", "member_count": 40},
        names={"fr": "Wikimédiens du Lieu"},
        now=NOW,
    )

    organization.refresh_from_db()
    assert (organization.website, organization.member_count) == (
        "https://wikimedians.example.org",
        40,
    )
    assert list(organization.names.values_list("language", "name")) == [
        ("fr", "Wikimédiens du Lieu")
    ]
    assert watch.history() == [
        (
            Kind.RECORD_UPDATED,
            representative.pk,
            None,
            "",
            "",
            "Changed: website and members.",
            "",
        )
    ]


@pytest.mark.parametrize(
    ("fields", "names", "code"),
    [
        ({"name": "WIKIMEDIA DEUTSCHLAND"}, None, "duplicate_name"),
        ({"code": "wmde"}, None, "duplicate_code"),
        ({"name": "Wikimedia Germany e.V."}, None, "duplicate_name"),
        ({}, {"de": "wikimedia deutschland"}, "duplicate_name"),
        ({}, {"fr": "Wikimedia Germany E.V."}, "duplicate_name"),
    ],
)
def test_a_record_cannot_take_another_organizations_name_or_code(fields, names, code):
    existing = OrganizationFactory(name="Wikimedia Deutschland", code="WMDE")
    OrganizationName.objects.create(
        organization=existing, language="en", name="Wikimedia Germany e.V."
    )
    representative = UserFactory()
    organization = OrganizationFactory(representatives=[representative])

    refused(
        code,
        lambda: services.organization_update(
            user=representative,
            organization=fresh_organization(organization),
            fields=fields,
            names=names,
        ),
    )


def test_a_record_keeps_its_own_name_in_any_case():
    representative = UserFactory()
    organization = OrganizationFactory(
        name="Wikimedians of Lagos", code="WUG-LAG", representatives=[representative]
    )

    services.organization_update(
        user=representative,
        organization=fresh_organization(organization),
        fields={"name": "Wikimedians of Lagos", "code": "wug-lag"},
        names={"en": "Wikimedians of Lagos"},
    )

    assert Organization.objects.get(pk=organization.pk).code == "wug-lag"


def test_a_recognized_chapter_cannot_drop_its_legal_entity():
    representative = UserFactory()
    organization = OrganizationFactory(
        affiliation_model=chapter_model(),
        is_incorporated=True,
        legal_name="Wikimedia Place e.V.",
        registration_number="VR 1",
        representatives=[representative],
    )

    refused(
        "requirements_missing",
        lambda: services.organization_update(
            user=representative,
            organization=fresh_organization(organization),
            fields={"registration_number": ""},
        ),
    )


@pytest.mark.parametrize("role", ["other", "anonymous"])
def test_nobody_else_updates_the_record(role):
    organization = OrganizationFactory()
    user = AnonymousUser() if role == "anonymous" else UserFactory()

    refused(
        "forbidden",
        lambda: services.organization_update(
            user=user, organization=fresh_organization(organization), fields={"website": ""}
        ),
    )


# --- Changes of status ----------------------------------------------------------------------

COMMITTEE_CHANGES = ("suspend", "reinstate", "derecognize")


def organization_in(status, *, language="en"):
    representative = UserFactory(preferred_language=language)
    return OrganizationFactory(
        status=status, contact_person=representative, representatives=[representative]
    )


def change_status(user, organization, change, reason="Two years without reports."):
    return services.organization_change_status(
        user=user,
        organization=fresh_organization(organization),
        change=change,
        public_reason=reason,
        private_note="Discussed at the March meeting.",
        now=NOW,
    )


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("change", COMMITTEE_CHANGES)
def test_the_committee_changes_a_status_as_the_transitions_allow(change, status):
    organization = organization_in(status, language="ar")
    member = committee_member()
    sources, target = rules.TRANSITIONS[change]

    if status not in sources:
        error = refused("transition_refused", lambda: change_status(member, organization, change))
        label = Status(status).label
        assert (
            str(error.message) == f"An organization that is “{label}” cannot be changed this way."
        )
        return

    watch = Watch()
    change_status(member, organization, change)

    organization.refresh_from_db()
    assert (organization.status, organization.status_since) == (target, NOW)
    if target == Status.DERECOGNIZED:
        assert organization.derecognized_on == NOW.date()
    assert watch.history() == [
        (
            services.CHANGE_KINDS[change],
            member.pk,
            None,
            status,
            target,
            "Two years without reports.",
            "Discussed at the March meeting.",
        )
    ]
    contact = organization.contact_person
    assert watch.emails() == [
        (
            contact.email,
            subject_in(
                "ar",
                "%(name)s: %(status)s",
                name=organization.name,
                status=Status(target).label,
            ),
            "ar",
        )
    ]


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("role", ["representative", "contact", "committee_representative"])
def test_an_organization_withdraws_itself_as_the_transitions_allow(role, status):
    application = application_at(Step.RECEIVED, status=status, language="fr")
    organization = application.organization
    user = person(role, application)
    if status != Status.APPLYING:
        Application.objects.filter(pk=application.pk).update(step=Step.DEFERRED)

    if status not in rules.TRANSITIONS["withdraw"][0]:
        refused("transition_refused", lambda: change_status(user, organization, "withdraw"))
        return

    watch = Watch()
    change_status(user, organization, "withdraw", reason="We merged with our chapter.")

    organization.refresh_from_db()
    application.refresh_from_db()
    assert organization.status == Status.WITHDRAWN
    assert application.step == (Step.WITHDRAWN if status == Status.APPLYING else Step.DEFERRED)
    assert watch.history() == [
        (
            Kind.WITHDRAWN,
            user.pk,
            None,
            status,
            Status.WITHDRAWN,
            "We merged with our chapter.",
            "Discussed at the March meeting.",
        )
    ]
    # Everyone who acts for it is told, in their language, except who did it.
    told = {
        application.applicant.email: "fr",
        organization.contact_person.email: organization.contact_person.preferred_language,
    }
    told.pop(user.email, None)
    expected = sorted(
        (
            email,
            subject_in(
                lang, "%(name)s: %(status)s", name=organization.name, status=Status.WITHDRAWN.label
            ),
            lang,
        )
        for email, lang in told.items()
    )
    assert sorted(watch.emails()) == expected


def test_withdrawing_from_the_movement_closes_the_open_application():
    application = application_at(Step.INTERVIEW)
    representative = application.applicant

    change_status(representative, application.organization, "withdraw", reason="We dissolved.")

    application.refresh_from_db()
    assert (application.step, application.decided_at, application.decided_by_id) == (
        Step.WITHDRAWN,
        NOW,
        representative.pk,
    )
    assert not Application.objects.open().filter(organization=application.organization).exists()


@pytest.mark.parametrize("change", COMMITTEE_CHANGES)
@pytest.mark.parametrize("role", ["representative", "contact", "other", "anonymous"])
def test_only_the_committee_suspends_reinstates_or_derecognizes(role, change):
    application = application_at(Step.RECOGNIZED)
    user = person(role, application)

    refused("forbidden", lambda: change_status(user, application.organization, change))


@pytest.mark.parametrize("change", COMMITTEE_CHANGES)
@pytest.mark.parametrize("role", ["committee_representative", "committee_liaison", "contact"])
def test_a_committee_member_tied_to_the_organization_takes_no_part_in_its_status(role, change):
    status = Status.SUSPENDED if change == "reinstate" else Status.RECOGNIZED
    application = application_at(Step.RECOGNIZED, status=status)
    if role == "contact":
        member = committee_member()
        Organization.objects.filter(pk=application.organization_id).update(contact_person=member)
    else:
        member = person(role, application)

    refused("recused", lambda: change_status(member, application.organization, change))


@pytest.mark.parametrize("role", ["committee", "committee_liaison", "other", "anonymous"])
def test_only_those_who_act_for_it_withdraw_an_organization(role):
    application = application_at(Step.RECOGNIZED)
    user = person(role, application)

    refused("forbidden", lambda: change_status(user, application.organization, "withdraw"))


@pytest.mark.parametrize("change", ["recognize", "decline", "delete", ""])
def test_a_change_of_status_that_does_not_exist_is_refused(change):
    organization = organization_in(Status.RECOGNIZED)

    refused("transition_refused", lambda: change_status(committee_member(), organization, change))


def test_a_change_of_status_needs_a_public_reason():
    organization = organization_in(Status.RECOGNIZED)

    refused(
        "reason_missing",
        lambda: change_status(committee_member(), organization, "suspend", reason=" "),
    )


def test_a_status_read_before_someone_else_changed_it_is_read_again():
    organization = organization_in(Status.RECOGNIZED)
    seen_by_second = fresh_organization(organization)
    change_status(committee_member(), organization, "suspend")

    # The second member's page still says "recognized": the database is asked again.
    refused(
        "transition_refused",
        lambda: services.organization_change_status(
            user=committee_member(),
            organization=seen_by_second,
            change="suspend",
            public_reason="Reasons.",
        ),
    )


def test_suspension_clears_what_the_compliance_schedule_proposed():
    organization = organization_in(Status.RECOGNIZED)
    Organization.objects.filter(pk=organization.pk).update(proposal="suspend")

    change_status(committee_member(), organization, "suspend")

    assert Organization.objects.get(pk=organization.pk).proposal == ""


# --- Proposals of the compliance schedule -----------------------------------------------------


def test_the_committee_dismisses_a_proposal():
    organization = organization_in(Status.RECOGNIZED)
    Organization.objects.filter(pk=organization.pk).update(proposal="derecognize")
    member = committee_member()
    watch = Watch()

    services.proposal_dismiss(
        user=member,
        organization=fresh_organization(organization),
        note="Their report arrived late but complete.",
        now=NOW,
    )

    assert Organization.objects.get(pk=organization.pk).proposal == ""
    assert watch.history() == [
        (
            Kind.PROPOSAL_DISMISSED,
            member.pk,
            None,
            "",
            "",
            "",
            "Their report arrived late but complete.",
        )
    ]
    assert watch.emails() == []


@pytest.mark.parametrize(
    ("role", "proposal", "note", "code"),
    [
        ("committee", "", "Nothing to dismiss.", "no_proposal"),
        ("committee", "suspend", "  ", "reason_missing"),
        ("committee_representative", "suspend", "Not for us.", "recused"),
        ("representative", "suspend", "Not for us.", "forbidden"),
        ("other", "suspend", "Not for us.", "forbidden"),
        ("anonymous", "suspend", "Not for us.", "forbidden"),
    ],
)
def test_a_dismissal_that_cannot_be_is_refused(role, proposal, note, code):
    application = application_at(Step.RECOGNIZED)
    Organization.objects.filter(pk=application.organization_id).update(proposal=proposal)
    user = person(role, application)

    refused(
        code,
        lambda: services.proposal_dismiss(
            user=user, organization=fresh_organization(application.organization), note=note
        ),
    )


# --- Comments -------------------------------------------------------------------------------


@pytest.mark.parametrize("step", Step.values)
def test_anyone_signed_in_comments_on_an_application(step):
    application = application_at(step)
    reader = UserFactory()

    comment = services.application_comment(
        user=reader, application=application, body="  Good luck from Accra!  "
    )

    assert (comment.application_id, comment.author_id, comment.body, comment.hidden_at) == (
        application.pk,
        reader.pk,
        "Good luck from Accra!",
        None,
    )


def test_a_comment_needs_an_account_and_words():
    application = application_at(Step.RECEIVED)

    refused(
        "login_required",
        lambda: services.application_comment(
            user=AnonymousUser(), application=application, body="Hello"
        ),
    )
    refused(
        "empty",
        lambda: services.application_comment(
            user=UserFactory(), application=application, body=" \n "
        ),
    )


def test_the_committee_hides_a_comment_once():
    application = application_at(Step.RECEIVED)
    comment = services.application_comment(user=UserFactory(), application=application, body="Spam")
    member = committee_member()

    services.application_comment_hide(user=member, comment=comment, now=NOW)

    comment.refresh_from_db()
    assert (comment.hidden_at, comment.hidden_by_id, comment.body) == (NOW, member.pk, "Spam")
    refused(
        "already_hidden",
        lambda: services.application_comment_hide(user=member, comment=comment, now=NOW),
    )


@pytest.mark.parametrize("role", ["representative", "other", "anonymous"])
def test_only_the_committee_hides_comments(role):
    application = application_at(Step.RECEIVED)
    comment = services.application_comment(user=UserFactory(), application=application, body="Spam")
    user = person(role, application)

    refused(
        "forbidden", lambda: services.application_comment_hide(user=user, comment=comment, now=NOW)
    )


# --- The history is append-only -----------------------------------------------------------


def test_a_history_entry_is_never_changed_or_deleted_through_django():
    organization = OrganizationFactory()
    entry = history_entry(organization, kind=Kind.RECOGNIZED, public_note="Recognized.")
    before = list(HistoryEntry.objects.values())

    entry.public_note = "Never recognized."
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        HistoryEntry.objects.update(public_note="Rewritten.")
    with pytest.raises(ValidationError):
        HistoryEntry.objects.filter(pk=entry.pk).update(kind=Kind.DECLINED)
    with pytest.raises(ValidationError), transaction.atomic():
        HistoryEntry.objects.bulk_update([entry], ["public_note"])
    with pytest.raises(ValidationError):
        HistoryEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(ValidationError):
        HistoryEntry.objects.all().delete()

    assert list(HistoryEntry.objects.values()) == before


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the trigger that refuses changes to the history exists on PostgreSQL only",
)
@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("UPDATE organizations_historyentry SET public_note = 'x' WHERE id = %s", "changed"),
        ("UPDATE organizations_historyentry SET at = now() WHERE id = %s", "changed"),
        ("UPDATE organizations_historyentry SET actor_id = %s WHERE id = %s", "changed"),
        ("DELETE FROM organizations_historyentry WHERE id = %s", "deleted"),
        ("DELETE FROM organizations_historyentry", "deleted"),
    ],
)
def test_the_database_refuses_raw_sql_that_changes_or_deletes_history(sql, message):
    actor, someone_else = UserFactory(), UserFactory()
    entry = history_entry(OrganizationFactory(), actor=actor, public_note="Recognized.")
    before = list(HistoryEntry.objects.values())
    parameters = [someone_else.pk, entry.pk][-sql.count("%s") :] if "%s" in sql else []

    with (
        pytest.raises(DatabaseError, match=f"history entries are never {message}"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, parameters)

    assert list(HistoryEntry.objects.values()) == before


def test_deleting_an_account_keeps_its_history_entries_without_an_actor():
    """On PostgreSQL the trigger lets exactly this change through: the actor set to NULL."""
    application = application_at(Step.VOTE)
    member = committee_member()
    services.application_vote(
        user=member, application=fresh(application), choice="yes", note="Good.", now=NOW
    )
    entry = HistoryEntry.objects.get(kind=Kind.VOTE)

    user_delete(user=member)

    kept = HistoryEntry.objects.get(pk=entry.pk)
    assert kept.actor_id is None
    assert (kept.kind, kept.private_note, kept.at) == (Kind.VOTE, "yes: Good.", entry.at)
    assert Vote.objects.get(application=application).member_id is None


# --- Refusals in the API ------------------------------------------------------------------------

REGISTRY_STATUS_OF_CODE = {
    "conflict": 409,
    "decided": 409,
    "already_applying": 409,
    "already_recognized": 409,
    "not_voting": 409,
    "recused": 403,
    "reapply_wait": 409,
    "duplicate_name": 409,
    "duplicate_code": 409,
    "transition_refused": 409,
    "vote_not_passed": 409,
    "vote_not_failed": 409,
    "organization_inactive": 409,
    "already_recused": 409,
    "model_closed": 409,
    "no_proposal": 409,
    "already_voted": 409,
    "already_hidden": 409,
    "forbidden": 403,
    "login_required": 401,
    "rate_limited": 429,
}
# Refusals of what was typed: 400 Bad Request.
BAD_REQUEST_CODES = {
    "invalid_choice",
    "reason_missing",
    "letter_missing",
    "requirements_missing",
    "in_the_past",
    "empty",
    "representative_missing",
}


@pytest.mark.parametrize(("code", "status"), [*REGISTRY_STATUS_OF_CODE.items()])
def test_a_refusal_of_the_registry_answers_with_its_http_status(code, status):
    assert STATUS_OF_CODE[code] == status
    assert Refused(ServiceError("Refused.", code=code)).status_code == status


@pytest.mark.parametrize("code", sorted(BAD_REQUEST_CODES))
def test_a_refusal_of_what_was_typed_is_a_bad_request(code):
    assert code not in STATUS_OF_CODE
    assert Refused(ServiceError("Refused.", code=code)).status_code == 400


def test_every_code_the_registry_refuses_with_has_its_status():
    """A new code in the services is either listed above with its status or a bad request."""
    source = Path(services.__file__).read_text()

    codes = set(re.findall(r'code="([a-z_]+)"', source))

    assert codes == set(REGISTRY_STATUS_OF_CODE) | BAD_REQUEST_CODES
