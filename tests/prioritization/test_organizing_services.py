"""The organizers' services: the round, its items and translations, clusters and groups,
each refusal with its message and nothing changed."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from convene.core.errors import ServiceError
from convene.documents.models import Initiative
from convene.prioritization import services_organizing as services
from convene.prioritization.models import Ballot, Cluster, Group, Item, ItemTranslation, Round
from tests.documents.factories import DocumentFactory, ProcessFactory
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory, chapter_model

from .factories import (
    CLOSES,
    NOW,
    OPENS,
    BallotFactory,
    ClusterFactory,
    GroupFactory,
    ItemFactory,
    RoundFactory,
    initiative_of,
    items_for,
    organizer_of,
    prioritization_organizer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def terms(process, **changes):
    values = {
        "process": process,
        "title": "Global priorities 2021",
        "slug": "global-2021",
        "question": "Which initiatives matter most?",
        "opens_at": OPENS,
        "closes_at": CLOSES,
    }
    values.update(changes)
    return services.RoundTerms(**values)


def refused(expected_code, call, /, **kwargs):
    with pytest.raises(ServiceError) as caught:
        call(**kwargs)
    assert caught.value.code == expected_code
    return str(caught.value.message)


# --- the round -----------------------------------------------------------------------------


def test_an_organizer_creates_a_round_and_organizes_it_with_those_named():
    user, other = prioritization_organizer(), UserFactory()
    process = ProcessFactory()
    round_ = services.round_create(
        user=user, terms=terms(process, max_items=3, organizers=[other], individual_track=True)
    )
    round_.refresh_from_db()
    assert (round_.slug, round_.max_items, round_.individual_track) == ("global-2021", 3, True)
    assert set(round_.organizers.all()) == {user, other}


def test_creating_a_round_enqueues_its_count_at_the_close(django_capture_on_commit_callbacks):
    from tests.tasks_backend import DeferringImmediateBackend

    with django_capture_on_commit_callbacks(execute=True):
        round_ = services.round_create(
            user=prioritization_organizer(), terms=terms(ProcessFactory())
        )
    assert [
        (task.name, task.run_after, kwargs)
        for task, _args, kwargs in DeferringImmediateBackend.deferred
    ] == [("round_count_task", CLOSES, {"round_id": round_.pk})]


def test_only_organizers_of_prioritization_create_a_round():
    message = refused(
        "forbidden", services.round_create, user=UserFactory(), terms=terms(ProcessFactory())
    )
    assert message == "Only organizers of prioritization can create a round."
    assert Round.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "code", "message"),
    [
        (
            {"closes_at": OPENS},
            "closes_before_opening",
            "A round closes after it opens.",
        ),
        ({"max_items": 0}, "k_out_of_range", "A ballot lists between 1 and 100 items."),
        ({"max_items": 101}, "k_out_of_range", "A ballot lists between 1 and 100 items."),
        (
            {"group_track": False, "individual_track": False},
            "no_track",
            "Choose who takes part: groups, individuals or both.",
        ),
        ({"title": "A\x00B"}, "null_character", "Null characters are not allowed."),
    ],
)
def test_a_round_with_bad_terms_is_refused(changes, code, message):
    assert (
        refused(
            code,
            services.round_create,
            user=prioritization_organizer(),
            terms=terms(ProcessFactory(), **changes),
        )
        == message
    )
    assert Round.objects.count() == 0


def test_a_short_name_the_pages_use_is_refused():
    message = refused(
        "slug_taken",
        services.round_create,
        user=prioritization_organizer(),
        terms=terms(ProcessFactory(), slug="new"),
    )
    assert message == "This short name is kept for the site's own pages; choose another."


def test_a_taken_short_name_is_refused():
    RoundFactory(slug="global-2021")
    message = refused(
        "slug_taken",
        services.round_create,
        user=prioritization_organizer(),
        terms=terms(ProcessFactory()),
    )
    assert message == "Another round has this short name; choose another."


def test_the_round_organizer_changes_the_round_but_not_k_once_a_ballot_exists():
    round_ = RoundFactory(max_items=5)
    user = organizer_of(round_)
    services.round_update(
        user=user, round_=round_, terms=terms(round_.process, slug=round_.slug, max_items=4)
    )
    assert Round.objects.get().max_items == 4
    BallotFactory(round=round_, items=items_for(round_, 1))
    for change in ({"max_items": 3}, {"ballot_form": Round.BallotForm.CHOOSE}):
        message = refused(
            "ballots_exist",
            services.round_update,
            user=user,
            round_=round_,
            terms=terms(round_.process, slug=round_.slug, **change),
        )
        assert message.startswith("Ballots have been cast under this form and K")
    round_.refresh_from_db()
    assert (round_.max_items, round_.ballot_form) == (4, "ranked")
    # Other changes stay possible.
    services.round_update(
        user=user,
        round_=round_,
        terms=terms(round_.process, slug=round_.slug, max_items=4, title="Renamed"),
    )
    assert Round.objects.get().title == "Renamed"


def test_someone_else_cannot_change_a_round():
    round_ = RoundFactory()
    other_round = RoundFactory()
    message = refused(
        "forbidden",
        services.round_update,
        user=organizer_of(other_round),
        round_=round_,
        terms=terms(round_.process, slug=round_.slug, title="Mine"),
    )
    assert message == "Only the organizers of this round can change it."


# --- items ---------------------------------------------------------------------------------


def test_taking_the_initiatives_adds_the_missing_ones_in_document_then_number_order():
    process = ProcessFactory()
    second = DocumentFactory(process=process, title="Recommendation 2", position=2)
    first = DocumentFactory(process=process, title="Recommendation 1", position=1)
    initiative_of(second, 1, identifier="initiative-3")
    initiative_of(first, 2, identifier="initiative-2")
    initiative_of(first, 1, identifier="initiative-1")
    initiative_of(DocumentFactory(), 9, identifier="elsewhere")  # of another process
    round_ = RoundFactory(process=process)
    user = organizer_of(round_)
    added = services.items_take_initiatives(user=user, round_=round_)
    rows = list(Item.objects.values_list("identifier", "heading", "position"))
    assert rows == [
        ("initiative-1", "Recommendation 1", 0),
        ("initiative-2", "Recommendation 1", 1),
        ("initiative-3", "Recommendation 2", 2),
    ]
    assert len(added) == 3
    Item.objects.filter(identifier="initiative-2").update(title="Kept as the organizers wrote it")
    initiative_of(second, 2, identifier="initiative-4")
    assert [
        item.identifier for item in services.items_take_initiatives(user=user, round_=round_)
    ] == ["initiative-4"]
    assert services.items_take_initiatives(user=user, round_=round_) == []
    assert Item.objects.get(identifier="initiative-2").title == "Kept as the organizers wrote it"
    assert Item.objects.get(identifier="initiative-4").position == 3
    assert Item.objects.get(identifier="initiative-1").initiative == Initiative.objects.get(
        identifier="initiative-1"
    )


def test_a_list_of_items_is_added_whole():
    round_ = RoundFactory()
    ItemFactory(round=round_, identifier="old", position=0)
    added = services.items_add(
        user=organizer_of(round_),
        round_=round_,
        text="a-1 | First | Heading A | Its text\n\n  b-2|Second  \n",
    )
    assert [(i.identifier, i.title, i.heading, i.description, i.position) for i in added] == [
        ("a-1", "First", "Heading A", "Its text", 1),
        ("b-2", "Second", "", "", 2),
    ]


def test_a_list_with_bad_lines_names_each_and_adds_nothing():
    round_ = RoundFactory()
    ItemFactory(round=round_, identifier="old")
    text = "\n".join(
        [
            "good | Good",
            "no title",
            "bad id! | Bad",
            "old | Taken",
            "good | Again",
            "long | " + "x" * 201,
        ]
    )
    message = refused(
        "invalid_items", services.items_add, user=organizer_of(round_), round_=round_, text=text
    )
    assert message == (
        "Line 2: give at least an identifier and a title, separated by “|”. "
        "Line 3: “bad id!” is not an identifier: use letters, digits and hyphens only "
        "(e.g. initiative-22), at most 60. "
        "Line 4: “old” is already an item of this round. "
        "Line 5: “good” is already on line 1. "
        "Line 6: a title or heading has at most 200 characters."
    )
    assert list(Item.objects.values_list("identifier", flat=True)) == ["old"]


def test_an_empty_list_is_refused():
    round_ = RoundFactory()
    message = refused(
        "invalid_items", services.items_add, user=organizer_of(round_), round_=round_, text="\n "
    )
    assert message == "Write at least one item."


def test_an_item_no_ballot_lists_changes_and_goes_but_a_listed_one_does_not():
    round_ = RoundFactory()
    user = organizer_of(round_)
    free, listed, once_listed = items_for(round_, 3)
    ballot = BallotFactory(round=round_, items=[listed])
    from convene.prioritization.models import BallotVersion, pack_ranking

    BallotVersion.objects.create(ballot=ballot, number=1, ranking=pack_ranking([once_listed.pk]))
    services.item_update(
        user=user, item=free, identifier="free", title="Free", heading="H", description="D"
    )
    assert Item.objects.get(pk=free.pk).identifier == "free"
    for item in (listed, once_listed):
        message = refused(
            "item_listed",
            services.item_update,
            user=user,
            item=item,
            identifier="x",
            title="X",
            heading="",
            description="",
        )
        assert (
            message == f"A ballot lists “{item.identifier}”: it can no longer change or be removed."
        )
        refused("item_listed", services.item_delete, user=user, item=item)
    services.item_delete(user=user, item=free)
    assert list(Item.objects.values_list("identifier", flat=True)) == [
        "initiative-2",
        "initiative-3",
    ]


def test_an_item_cannot_take_another_items_identifier_or_a_bad_one():
    round_ = RoundFactory()
    user = organizer_of(round_)
    first, _second = items_for(round_, 2)
    fields = {"title": "T", "heading": "", "description": ""}
    assert (
        refused(
            "identifier_taken",
            services.item_update,
            user=user,
            item=first,
            identifier="initiative-2",
            **fields,
        )
        == "“initiative-2” is already an item of this round."
    )
    refused("invalid", services.item_update, user=user, item=first, identifier="a b", **fields)


def test_items_move_up_and_down():
    round_ = RoundFactory()
    user = organizer_of(round_)
    first, _second, third = items_for(round_, 3)
    services.item_move(user=user, item=third, up=True)
    assert list(Item.objects.values_list("identifier", flat=True)) == [
        "initiative-1",
        "initiative-3",
        "initiative-2",
    ]
    services.item_move(user=user, item=first, up=True)  # already first: stays
    services.item_move(user=user, item=first, up=False)
    assert list(Item.objects.values_list("identifier", "position")) == [
        ("initiative-3", 0),
        ("initiative-1", 1),
        ("initiative-2", 2),
    ]


def test_a_translation_keeps_its_source_and_an_empty_title_removes_it():
    round_ = RoundFactory(language="en")
    user = organizer_of(round_)
    item = ItemFactory(round=round_, title="Skills", description="Learning")
    translation = services.item_translation_save(
        user=user, item=item, language="fr", title="Compétences", description="Apprendre"
    )
    assert translation.source_fingerprint == services.item_source_fingerprint(item)
    item.title = "Skills and leadership"
    assert translation.source_fingerprint != services.item_source_fingerprint(item)
    assert (
        services.item_translation_save(
            user=user, item=item, language="fr", title=" ", description=""
        )
        is None
    )
    assert ItemTranslation.objects.count() == 0
    for language in ("en", "xx"):
        assert (
            refused(
                "invalid",
                services.item_translation_save,
                user=user,
                item=item,
                language=language,
                title="T",
                description="",
            )
            == "Choose another language to translate into."
        )


# --- clusters ------------------------------------------------------------------------------


def test_a_cluster_gathers_items_and_an_item_stays_in_one_cluster():
    round_ = RoundFactory()
    user = organizer_of(round_)
    items_for(round_, 4)
    a = services.cluster_save(
        user=user,
        round_=round_,
        code="a",
        name="Governance",
        identifiers=["initiative-1", "initiative-2"],
    )
    assert a.code == "A"
    assert list(a.items.values_list("identifier", flat=True)) == ["initiative-1", "initiative-2"]
    message = refused(
        "item_in_another_cluster",
        services.cluster_save,
        user=user,
        round_=round_,
        code="B",
        name="Skills",
        identifiers=["initiative-2", "initiative-3"],
    )
    assert message == (
        "initiative-2 is already in another cluster; an item belongs to one cluster only."
    )
    assert Cluster.objects.count() == 1
    # Changing A: its items may stay, be dropped and others added.
    services.cluster_save(
        user=user,
        round_=round_,
        cluster=a,
        code="A",
        name="Governance and charter",
        identifiers=["initiative-2", "initiative-4"],
    )
    assert dict(Item.objects.values_list("identifier", "cluster__code")) == {
        "initiative-1": None,
        "initiative-2": "A",
        "initiative-3": None,
        "initiative-4": "A",
    }
    services.cluster_delete(user=user, cluster=a)
    assert Item.objects.count() == 4
    assert Item.objects.filter(cluster__isnull=False).count() == 0


@pytest.mark.parametrize(
    ("code", "name", "identifiers", "error", "message"),
    [
        ("A", "Taken", [], "cluster_code_taken", "Another cluster has the code A."),
        (
            "A B",
            "Bad",
            [],
            "invalid_cluster_code",
            "A code is one to ten letters or digits, e.g. A.",
        ),
        ("C", " ", [], "invalid", "Give the cluster a name."),
        (
            "C",
            "Unknown",
            ["nope", "never"],
            "unknown_item",
            "nope and never are not items of this round.",
        ),
    ],
)
def test_a_bad_cluster_is_refused(code, name, identifiers, error, message):
    round_ = RoundFactory()
    ClusterFactory(round=round_, code="A")
    assert (
        refused(
            error,
            services.cluster_save,
            user=organizer_of(round_),
            round_=round_,
            code=code,
            name=name,
            identifiers=identifiers,
        )
        == message
    )
    assert Cluster.objects.count() == 1


# --- groups --------------------------------------------------------------------------------


def test_a_community_is_added_with_its_representatives():
    round_ = RoundFactory()
    person = UserFactory(email="Amina@Example.org")
    group = services.group_community_add(
        user=organizer_of(round_),
        round_=round_,
        name="Wikimedia Community of Ghana",
        region="sub_saharan_africa",
        language="en",
        representatives=services.users_by_email(["amina@example.org"]),
    )
    assert (group.kind, group.category, group.region) == (
        "community",
        "community",
        "sub_saharan_africa",
    )
    assert list(group.representatives.all()) == [person]


def test_unknown_addresses_are_named():
    UserFactory(email="known@example.org")
    with pytest.raises(ServiceError) as caught:
        services.users_by_email(["known@example.org", "a@example.org", "b@example.org"])
    assert caught.value.message == "No account has the addresses a@example.org and b@example.org."


@pytest.mark.parametrize(
    ("name", "region", "code", "message"),
    [
        ("Taken", "europe", "group_name_taken", "This round already has a group named “Taken”."),
        ("taken", "europe", "group_name_taken", "This round already has a group named “taken”."),
        (" ", "europe", "invalid", "Give the community a name."),
        ("New", "atlantis", "invalid_region", "Choose the community's region."),
    ],
)
def test_a_bad_community_is_refused(name, region, code, message):
    round_ = RoundFactory()
    GroupFactory(round=round_, name="Taken")
    assert (
        refused(
            code,
            services.group_community_add,
            user=organizer_of(round_),
            round_=round_,
            name=name,
            region=region,
        )
        == message
    )
    assert Group.objects.count() == 1


def test_a_recognized_organization_is_added_once_and_others_not():
    round_ = RoundFactory()
    user = organizer_of(round_)
    organization = OrganizationFactory(
        name="Wikimedia Deutschland",
        affiliation_model=chapter_model(),
        status="recognized",
        region="europe",
    )
    group = services.group_organization_add(user=user, round_=round_, organization=organization)
    assert (group.kind, group.name, group.category, group.region) == (
        "organization",
        "Wikimedia Deutschland",
        organization.affiliation_model.slug,
        "europe",
    )
    assert (
        refused(
            "group_exists",
            services.group_organization_add,
            user=user,
            round_=round_,
            organization=organization,
        )
        == "Wikimedia Deutschland already takes part in this round."
    )
    applying = OrganizationFactory(status="applying")
    assert (
        refused(
            "not_recognized",
            services.group_organization_add,
            user=user,
            round_=round_,
            organization=applying,
        )
        == "Only recognized organizations take part as groups."
    )


def test_a_group_without_a_ballot_is_removed_but_not_one_that_submitted():
    round_ = RoundFactory()
    user = organizer_of(round_)
    quiet, submitted = GroupFactory(round=round_), GroupFactory(round=round_, name="Voiced")
    BallotFactory(
        round=round_, track=Ballot.Track.GROUP, group=submitted, items=items_for(round_, 1)
    )
    services.group_remove(user=user, group=quiet)
    assert (
        refused("group_has_ballot", services.group_remove, user=user, group=submitted)
        == "Voiced has submitted its priorities: it can no longer be removed."
    )
    assert list(Group.objects.values_list("name", flat=True)) == ["Voiced"]


@pytest.mark.parametrize(
    "call",
    [
        lambda user, round_: services.items_take_initiatives(user=user, round_=round_),
        lambda user, round_: services.items_add(user=user, round_=round_, text="a | A"),
        lambda user, round_: services.cluster_save(
            user=user, round_=round_, code="A", name="A", identifiers=[]
        ),
        lambda user, round_: services.group_community_add(
            user=user, round_=round_, name="C", region="europe"
        ),
        lambda user, round_: services.group_remove(user=user, group=GroupFactory(round=round_)),
        lambda user, round_: services.item_delete(user=user, item=ItemFactory(round=round_)),
    ],
)
def test_only_the_rounds_organizers_change_it(call):
    round_ = RoundFactory()
    representative = UserFactory()
    with pytest.raises(ServiceError) as caught:
        call(representative, round_)
    assert caught.value.code == "forbidden"


def test_the_permission_organizes_every_round():
    round_ = RoundFactory(closes_at=datetime(2020, 11, 23, tzinfo=UTC) + timedelta(days=1))
    assert services.items_add(user=prioritization_organizer(), round_=round_, text="a | A")


def test_the_databases_refusal_of_a_round_becomes_a_message():
    """The checks come first; were one missed, the database's constraint still refuses."""
    round_ = Round(
        process=ProcessFactory(), slug="x", title="X", question="Q", opens_at=OPENS, closes_at=OPENS
    )
    with pytest.raises(ServiceError) as caught:
        services._round_saved(round_, created=True)
    assert (caught.value.code, caught.value.message) == (
        "invalid",
        "The round could not be saved: check its times, K and tracks.",
    )
    assert Round.objects.count() == 0
