"""Casting ballots and saving group submissions: every refusal leaves nothing changed, every
saved state is kept as a version, and an organization of the registry gets its group on its
first submission."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from convene.core.errors import ServiceError
from convene.events.models import Registration
from convene.prioritization import services
from convene.prioritization.models import Ballot, BallotVersion, Group
from convene.prioritization.services import Discussion
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory, chapter_model

from .factories import CLOSES, NOW, OPENS, GroupFactory, RoundFactory, items_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def round_():
    round_ = RoundFactory(slug="global", max_items=3)
    items_for(round_, 6)
    return round_


def cast(round_, voter, identifiers, **kwargs):
    return services.ballot_cast(round_=round_, voter=voter, identifiers=identifiers, **kwargs)


def refused(call, *args, **kwargs):
    with pytest.raises(ServiceError) as error:
        call(*args, **kwargs)
    return error.value.code, str(error.value.message)


def test_a_ballot_is_cast_in_order_and_kept_as_its_first_version(round_):
    voter = UserFactory()

    ballot = cast(round_, voter, ["initiative-4", "initiative-1"])

    ballot.refresh_from_db()
    assert ballot.track == "individual"
    assert ballot.voter == voter
    assert ballot.size == 2
    assert [round_.items.get(pk=pk).identifier for pk in ballot.item_ids] == [
        "initiative-4",
        "initiative-1",
    ]
    assert ballot.version == 1
    assert [(v.number, v.item_ids, v.saved_by) for v in ballot.versions.all()] == [
        (1, ballot.item_ids, voter)
    ]


def test_changing_a_ballot_keeps_one_ballot_and_every_version(round_):
    voter = UserFactory()
    first = cast(round_, voter, ["initiative-4", "initiative-1"])

    second = cast(round_, voter, ["initiative-2"])

    assert second.pk == first.pk
    assert Ballot.objects.count() == 1
    assert second.version == 2
    versions = list(BallotVersion.objects.filter(ballot=first).order_by("number"))
    assert [(v.number, len(v.item_ids)) for v in versions] == [(1, 2), (2, 1)]


@pytest.mark.parametrize(
    ("identifiers", "code", "message"),
    [
        ([], "empty_ballot", "Choose at least one item."),
        (
            ["initiative-1", "initiative-2", "initiative-3", "initiative-4"],
            "too_many_items",
            "A ballot lists at most 3 items.",
        ),
        (
            ["initiative-1", "initiative-1"],
            "repeated_item",
            "“initiative-1” is listed twice; list each item once.",
        ),
        (
            ["initiative-1", "initiative-99"],
            "unknown_item",
            "“initiative-99” is not one of this round's items.",
        ),
    ],
)
def test_a_bad_ballot_is_refused_and_the_earlier_one_stays(round_, identifiers, code, message):
    voter = UserFactory()
    cast(round_, voter, ["initiative-5"])

    assert refused(cast, round_, voter, identifiers) == (code, message)

    ballot = Ballot.objects.get()
    assert ballot.version == 1
    assert [round_.items.get(pk=pk).identifier for pk in ballot.item_ids] == ["initiative-5"]
    assert BallotVersion.objects.count() == 1


def test_an_item_of_another_round_is_unknown(round_):
    other = RoundFactory()
    items_for(other, 8)

    assert refused(cast, round_, UserFactory(), ["initiative-7"])[0] == "unknown_item"
    assert Ballot.objects.count() == 0


@pytest.mark.parametrize(
    ("opens", "closes", "code", "message"),
    [
        (
            NOW + timedelta(days=1),
            NOW + timedelta(days=2),
            "not_yet_open",
            "This round is not open yet.",
        ),
        (OPENS, NOW, "closed", "This round has closed; ballots can no longer change."),
        (
            OPENS,
            NOW - timedelta(seconds=1),
            "closed",
            "This round has closed; ballots can no longer change.",
        ),
    ],
)
def test_no_ballot_outside_the_round(opens, closes, code, message):
    round_ = RoundFactory(opens_at=opens, closes_at=closes)
    items_for(round_, 3)

    assert refused(cast, round_, UserFactory(), ["initiative-1"]) == (code, message)
    assert Ballot.objects.count() == 0


def test_a_ballot_cast_before_the_close_is_read_only_after_it(round_):
    voter = UserFactory()
    cast(round_, voter, ["initiative-1"])

    with time_machine.travel(CLOSES, tick=False):
        assert refused(cast, round_, voter, ["initiative-2"])[0] == "closed"

    assert Ballot.objects.get().version == 1


def test_a_groups_only_round_takes_no_individual_ballot():
    round_ = RoundFactory(individual_track=False)
    items_for(round_, 3)

    assert refused(cast, round_, UserFactory(), ["initiative-1"]) == (
        "forbidden",
        "This round takes ballots from groups only.",
    )


def registrant(event, status=Registration.Status.CONFIRMED):
    user = UserFactory()
    Registration.objects.create(
        session=SessionFactory(event=event),
        user=user,
        status=status,
        code_of_conduct_accepted_at=timezone.now(),
    )
    return user


def test_only_confirmed_registrants_of_the_event_vote_when_the_round_says_so():
    event = EventFactory()
    round_ = RoundFactory(individuals_event=event)
    items_for(round_, 3)
    confirmed = registrant(event)
    waitlisted = registrant(event, Registration.Status.WAITLISTED)
    of_another_event = registrant(EventFactory())

    cast(round_, confirmed, ["initiative-1"])
    for person in (waitlisted, of_another_event, UserFactory()):
        assert refused(cast, round_, person, ["initiative-1"]) == (
            "forbidden",
            "This round takes ballots from the confirmed registrants of its event only.",
        )
    assert list(Ballot.objects.values_list("voter", flat=True)) == [confirmed.pk]


# --- Groups ----------------------------------------------------------------------------------


def submit(group, user, identifiers, reasons=None, discussion=None, **kwargs):
    return services.group_submission_save(
        group=group,
        user=user,
        identifiers=identifiers,
        reasons=reasons or {},
        discussion=discussion or Discussion(),
        **kwargs,
    )


def test_a_representative_submits_for_the_group_with_reasons_and_discussion(round_):
    person = UserFactory()
    group = GroupFactory(round=round_, representatives=[person], region="south_asia")
    event = EventFactory()

    ballot = submit(
        group,
        person,
        ["initiative-3", "initiative-1"],
        reasons={"initiative-3": "  Most urgent. ", "initiative-1": "", "initiative-6": "unlisted"},
        discussion=Discussion(
            participants=14,
            place="Village pump",
            when="2-16 November",
            notes_url="https://meta.example.org/notes",
            event=event,
            missing="Offline access.",
        ),
    )

    ballot.refresh_from_db()
    assert ballot.track == "group"
    assert ballot.group == group
    assert ballot.region == "south_asia"
    assert ballot.reasons == {"initiative-3": "Most urgent."}
    assert (ballot.participants, ballot.discussion_place, ballot.discussion_when) == (
        14,
        "Village pump",
        "2-16 November",
    )
    assert ballot.notes_url == "https://meta.example.org/notes"
    assert ballot.event == event
    assert ballot.missing == "Offline access."
    assert ballot.submitted_by == person
    version = ballot.versions.get()
    assert version.details["reasons"] == {"initiative-3": "Most urgent."}
    assert version.details["participants"] == 14


def test_a_group_changes_its_submission_and_keeps_the_earlier_one(round_):
    first, second = UserFactory(), UserFactory()
    group = GroupFactory(round=round_, representatives=[first, second])
    submit(group, first, ["initiative-3"], discussion=Discussion(missing="A"))

    ballot = submit(group, second, ["initiative-2", "initiative-3"])

    assert Ballot.objects.count() == 1
    assert ballot.version == 2
    versions = list(ballot.versions.order_by("number"))
    assert [(v.number, v.saved_by, v.details["missing"]) for v in versions] == [
        (1, first, "A"),
        (2, second, ""),
    ]


def test_only_representatives_submit_for_a_group(round_):
    group = GroupFactory(round=round_, name="Wikimedians of Lagos")
    outsider = UserFactory()

    assert refused(submit, group, outsider, ["initiative-1"]) == (
        "forbidden",
        "Only the representatives of Wikimedians of Lagos submit its priorities.",
    )
    assert Ballot.objects.count() == 0


def test_an_individuals_only_round_takes_no_group_submission():
    round_ = RoundFactory(group_track=False)
    items_for(round_, 2)
    person = UserFactory()
    group = GroupFactory(round=round_, representatives=[person])

    assert refused(submit, group, person, ["initiative-1"]) == (
        "forbidden",
        "This round takes ballots from individuals only.",
    )


@pytest.mark.parametrize(
    ("identifiers", "code"),
    [
        ([], "empty_ballot"),
        (["initiative-1", "initiative-1"], "repeated_item"),
        (["initiative-1", "initiative-2", "initiative-3", "initiative-4"], "too_many_items"),
        (["nope"], "unknown_item"),
    ],
)
def test_a_bad_group_submission_changes_nothing(round_, identifiers, code):
    person = UserFactory()
    group = GroupFactory(round=round_, representatives=[person])
    submit(group, person, ["initiative-2"], discussion=Discussion(missing="kept"))

    assert (
        refused(submit, group, person, identifiers, discussion=Discussion(missing="new"))[0] == code
    )

    ballot = Ballot.objects.get()
    assert (ballot.version, ballot.missing) == (1, "kept")
    assert BallotVersion.objects.count() == 1


def test_a_group_submission_after_the_close_is_refused(round_):
    person = UserFactory()
    group = GroupFactory(round=round_, representatives=[person])

    with time_machine.travel(CLOSES + timedelta(minutes=1), tick=False):
        assert refused(submit, group, person, ["initiative-2"])[0] == "closed"
    assert Ballot.objects.count() == 0


# --- Organizations of the registry ------------------------------------------------------------


def test_an_organization_gets_its_group_from_the_registry(round_):
    organization = OrganizationFactory(
        name="Wikimedia Deutschland",
        affiliation_model=chapter_model(),
        region="europe",
        working_languages=["de", "en"],
    )

    group = services.group_for_organization(round_=round_, organization=organization)

    assert (group.kind, group.organization, group.name, group.region) == (
        "organization",
        organization,
        "Wikimedia Deutschland",
        "europe",
    )
    assert (group.category, group.language) == ("chapter", "de")
    assert services.group_for_organization(round_=round_, organization=organization) == group
    assert Group.objects.count() == 1


def test_an_organization_without_working_languages_has_none(round_):
    organization = OrganizationFactory(working_languages=[])

    group = services.group_for_organization(round_=round_, organization=organization)

    assert group.language == ""


def test_an_organization_not_recognized_takes_no_part(round_):
    organization = OrganizationFactory(status="suspended")

    assert refused(services.group_for_organization, round_=round_, organization=organization) == (
        "forbidden",
        "Only organizations the registry recognizes take part.",
    )


def test_no_organization_group_when_the_round_names_its_groups_itself():
    round_ = RoundFactory(registry_groups=False)

    code, _message = refused(
        services.group_for_organization, round_=round_, organization=OrganizationFactory()
    )

    assert code == "forbidden"
    assert Group.objects.count() == 0


def test_an_organization_whose_name_a_community_has_is_refused(round_):
    GroupFactory(round=round_, name="Wikimedians of Place X")
    organization = OrganizationFactory(name="Wikimedians of Place X")

    code, message = refused(
        services.group_for_organization, round_=round_, organization=organization
    )

    assert code == "duplicate_name"
    assert message == "A group named “Wikimedians of Place X” already takes part in this round."


def test_a_registry_representative_submits_for_their_organization(round_):
    person = UserFactory()
    organization = OrganizationFactory(representatives=[person])

    ballot = services.organization_submission_save(
        round_=round_,
        organization=organization,
        user=person,
        identifiers=["initiative-2"],
        reasons={},
        discussion=Discussion(),
    )

    assert ballot.group.organization == organization
    assert ballot.submitted_by == person


def test_a_refused_first_submission_leaves_no_group(round_):
    organization = OrganizationFactory(representatives=[UserFactory()])

    code, _message = refused(
        services.organization_submission_save,
        round_=round_,
        organization=organization,
        user=UserFactory(),
        identifiers=["initiative-2"],
        reasons={},
        discussion=Discussion(),
    )

    assert code == "forbidden"
    assert Group.objects.count() == 0
    assert Ballot.objects.count() == 0


# --- Limits --------------------------------------------------------------------------------------


def test_ballot_saves_are_limited_per_person_and_a_refusal_is_not_counted(round_, settings):
    settings.CONVENE_RATE_LIMITS = {"ballot": "2/1h/account"}
    voter = UserFactory()
    cast(round_, voter, ["initiative-1"], address="192.0.2.1")
    refused(cast, round_, voter, ["nope"], address="192.0.2.1")  # refused: not counted
    cast(round_, voter, ["initiative-2"], address="192.0.2.1")

    code, message = refused(cast, round_, voter, ["initiative-3"], address="192.0.2.1")

    assert code == "rate_limited"
    assert message.startswith("You have done this many times in a short while.")
    assert Ballot.objects.get().version == 2
    cast(round_, UserFactory(), ["initiative-3"], address="192.0.2.1")  # others still vote
