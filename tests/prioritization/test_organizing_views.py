"""The organizers' pages: who sees them (visitor, participant, round organizer, superuser),
their forms and every refusal shown on the page with nothing changed."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from convene.prioritization.models import Ballot, Cluster, Group, Item, ItemTranslation, Round
from tests.documents.factories import DocumentFactory, ProcessFactory
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory, chapter_model

from .factories import (
    NOW,
    BallotFactory,
    ClusterFactory,
    GroupFactory,
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


@pytest.fixture
def round_():
    round_ = RoundFactory(slug="global")
    items_for(round_, 3)
    ClusterFactory(round=round_, code="A")
    GroupFactory(round=round_, name="Community")
    return round_


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"prioritization:{name}", args=args)


PAGES = [
    ("edit", ("global",)),
    ("organize", ("global",)),
    ("items", ("global",)),
    ("item_edit", ("global", "initiative-1")),
    ("item_translate", ("global", "initiative-1", "fr")),
    ("clusters", ("global",)),
    ("cluster_edit", ("global", "A")),
    ("groups", ("global",)),
    ("import", ("global",)),
]
POSTS = [
    ("items_take_initiatives", ("global",)),
    ("item_delete", ("global", "initiative-1")),
    ("item_move", ("global", "initiative-1")),
    ("cluster_delete", ("global", "A")),
    ("group_add_organization", ("global",)),
]


def viewer(kind, round_):
    if kind == "participant":
        return UserFactory()
    if kind == "organizer":
        return organizer_of(round_)
    if kind == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    return None


@pytest.mark.parametrize(
    ("kind", "status"), [("participant", 403), ("organizer", 200), ("superuser", 200)]
)
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_only_the_rounds_organizers_see_its_organizers_pages(
    client, round_, name, args, kind, status
):
    client.force_login(viewer(kind, round_))
    assert client.get(url(name, *args)).status_code == status


@pytest.mark.parametrize(("name", "args"), [*PAGES, ("create", ())])
def test_a_visitor_is_asked_to_sign_in(client, round_, name, args):
    response = client.get(url(name, *args))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/") or "login" in response["Location"]


@pytest.mark.parametrize(("name", "args"), POSTS)
def test_a_participant_cannot_act_for_the_organizers(client, round_, name, args):
    client.force_login(UserFactory())
    assert client.post(url(name, *args)).status_code == 403
    assert (Item.objects.count(), Cluster.objects.count()) == (3, 1)


def test_the_organizer_of_another_round_is_refused(client, round_):
    client.force_login(organizer_of(RoundFactory()))
    assert client.get(url("organize", "global")).status_code == 403


def test_a_missing_round_item_or_cluster_is_not_found(client, round_):
    client.force_login(organizer_of(round_))
    for name, args in [
        ("organize", ("nope",)),
        ("item_edit", ("global", "nope")),
        ("cluster_edit", ("global", "Z")),
        ("item_translate", ("global", "initiative-1", "en")),
        ("item_translate", ("global", "initiative-1", "xx")),
    ]:
        assert client.get(url(name, *args)).status_code == 404


@pytest.mark.parametrize(
    ("kind", "status"), [("participant", 403), ("organizer", 403), ("superuser", 200)]
)
def test_only_organizers_of_prioritization_create_rounds(client, round_, kind, status):
    client.force_login(viewer(kind, round_))
    assert client.get(url("create")).status_code == status


# --- the round -----------------------------------------------------------------------------


def round_data(process, **changes):
    data = {
        "process": process.pk,
        "title": "Global conversations",
        "slug": "global-conversations",
        "question": "Which initiatives matter most?",
        "instructions": "Rank **up to five**.",
        "language": "en",
        "opens_at": "2020-11-21T09:00",
        "closes_at": "2020-11-22T18:00",
        "ballot_form": "ranked",
        "max_items": "5",
        "individual_track": "on",
        "bootstrap_top": "5",
        "organizer_emails": "",
    }
    data.update(changes)
    return data


def test_an_organizer_creates_a_round_with_times_in_their_time_zone(client):
    user = prioritization_organizer(timezone="Europe/Paris")
    other = UserFactory(email="other@example.org")
    client.force_login(user)
    process = ProcessFactory()
    response = client.post(url("create"), round_data(process, organizer_emails="Other@example.org"))
    assert response.status_code == 302
    assert response["Location"] == url("organize", "global-conversations")
    round_ = Round.objects.get()
    assert (round_.opens_at, round_.closes_at) == (
        datetime(2020, 11, 21, 8, tzinfo=UTC),
        datetime(2020, 11, 22, 17, tzinfo=UTC),
    )
    assert (round_.individual_track, round_.group_track) == (True, False)
    assert set(round_.organizers.all()) == {user, other}
    page = client.get(url("edit", "global-conversations")).content.decode()
    assert 'value="2020-11-21T09:00"' in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"closes_at": "2020-11-21T09:00"}, "closes_at", "A round closes after it opens."),
        ({"individual_track": ""}, None, "Choose who takes part: groups, individuals or both."),
        ({"slug": "global"}, "slug", "Another round has this short name; choose another."),
        (
            {"organizer_emails": "nobody@example.org"},
            "organizer_emails",
            "No account has the address nobody@example.org.",
        ),
        ({"max_items": "0"}, "max_items", "A ballot lists between 1 and 100 items."),
    ],
)
def test_a_bad_round_is_refused_on_the_form(client, round_, changes, field, message):
    client.force_login(prioritization_organizer())
    response = client.post(url("create"), round_data(ProcessFactory(), **changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert (
        errors[field or "__all__"] == [message] if field != "max_items" else message in str(errors)
    )
    assert Round.objects.count() == 1


def test_k_cannot_change_once_a_ballot_exists(client, round_):
    BallotFactory(round=round_, items=list(round_.items.all()[:1]))
    client.force_login(organizer_of(round_))
    data = round_data(round_.process, slug="global", max_items="3")
    response = client.post(url("edit", "global"), data)
    assert response.status_code == 400
    assert (
        response.context["form"]
        .errors["max_items"][0]
        .startswith("Ballots have been cast under this form and K")
    )
    assert Round.objects.get(pk=round_.pk).max_items == 5
    response = client.post(
        url("edit", "global"), round_data(round_.process, slug="global", title="New")
    )
    assert response.status_code == 302
    assert Round.objects.get(pk=round_.pk).title == "New"


def test_the_overview_counts_what_the_round_has(client, round_):
    BallotFactory(round=round_, items=list(round_.items.all()[:1]))
    BallotFactory(round=round_, items=list(round_.items.all()[:1]), external_id="x")
    client.force_login(organizer_of(round_))
    response = client.get(url("organize", "global"))
    overview = response.context["overview"]
    assert (overview.items, overview.clusters, overview.groups) == (3, 1, 1)
    assert (overview.group_ballots, overview.individual_ballots, overview.imported) == (0, 2, 1)
    assert "Ballots have been cast" in response.content.decode()


# --- items ---------------------------------------------------------------------------------


def test_the_organizer_takes_the_initiatives_then_adds_a_list(client, round_):
    document = DocumentFactory(process=round_.process, title="Recommendation 9")
    initiative_of(document, 40, identifier="initiative-40")
    client.force_login(organizer_of(round_))
    response = client.post(url("items_take_initiatives", "global"), follow=True)
    assert [m.message for m in response.context["messages"]] == [
        "1 initiative is added as an item."
    ]
    response = client.post(url("items_take_initiatives", "global"), follow=True)
    assert [m.message for m in response.context["messages"]] == [
        "Every initiative of the process is already an item."
    ]
    response = client.post(url("items", "global"), {"lines": "x-1 | X\ny-2 | Y | H | D"})
    assert response.status_code == 302
    assert list(Item.objects.values_list("identifier", flat=True)) == [
        "initiative-1",
        "initiative-2",
        "initiative-3",
        "initiative-40",
        "x-1",
        "y-2",
    ]


def test_a_list_with_bad_lines_shows_each_and_adds_nothing(client, round_):
    client.force_login(organizer_of(round_))
    response = client.post(url("items", "global"), {"lines": "ok | OK\ninitiative-1 | Taken\nbad"})
    assert response.status_code == 400
    assert response.context["form"].errors["lines"] == [
        "Line 2: “initiative-1” is already an item of this round.",
        "Line 3: give at least an identifier and a title, separated by “|”.",
    ]
    assert Item.objects.count() == 3


def test_an_item_is_edited_moved_and_removed_unless_a_ballot_lists_it(client, round_):
    client.force_login(organizer_of(round_))
    first = Item.objects.get(identifier="initiative-1")
    data = {"identifier": "first", "title": "First", "heading": "H", "description": "D"}
    assert client.post(url("item_edit", "global", "initiative-1"), data).status_code == 302
    assert client.post(url("item_move", "global", "first"), {"to": "down"}).status_code == 302
    assert list(Item.objects.values_list("identifier", flat=True)) == [
        "initiative-2",
        "first",
        "initiative-3",
    ]
    BallotFactory(round=round_, items=[first])
    response = client.post(url("item_edit", "global", "first"), {**data, "title": "Again"})
    assert response.status_code == 400
    assert response.context["form"].errors["__all__"] == [
        "A ballot lists “first”: it can no longer change or be removed."
    ]
    response = client.post(url("item_delete", "global", "first"), follow=True)
    assert [m.message for m in response.context["messages"]] == [
        "A ballot lists “first”: it can no longer change or be removed."
    ]
    assert client.post(url("item_delete", "global", "initiative-3")).status_code == 302
    assert list(Item.objects.values_list("identifier", flat=True)) == ["initiative-2", "first"]
    page = client.get(url("items", "global")).content.decode()
    assert "on a ballot" in page


def test_an_item_is_translated_and_shown_outdated_when_its_source_changes(client, round_):
    client.force_login(organizer_of(round_))
    response = client.get(url("item_translate", "global", "initiative-1", "fr"))
    assert response.context["state"] == "missing"
    data = {"title": "Initiative une", "description": "Ce qu'elle fait."}
    assert (
        client.post(url("item_translate", "global", "initiative-1", "fr"), data).status_code == 302
    )
    assert ItemTranslation.objects.get().title == "Initiative une"
    assert (
        client.get(url("item_translate", "global", "initiative-1", "fr")).context["state"]
        == "current"
    )
    Item.objects.filter(identifier="initiative-1").update(title="Changed")
    response = client.get(url("item_translate", "global", "initiative-1", "fr"))
    assert response.context["state"] == "outdated"
    assert "This translation was made from an older text" in response.content.decode()
    items_page = client.get(url("items", "global")).content.decode()
    assert "(outdated)" in items_page


# --- clusters ------------------------------------------------------------------------------


def test_clusters_are_made_changed_and_removed(client, round_):
    client.force_login(organizer_of(round_))
    data = {"code": "B", "name": "Skills", "items": ["initiative-1", "initiative-2"]}
    assert client.post(url("clusters", "global"), data).status_code == 302
    b = Cluster.objects.get(code="B")
    assert list(b.items.values_list("identifier", flat=True)) == ["initiative-1", "initiative-2"]
    # Another cluster does not offer B's items.
    form = client.get(url("cluster_edit", "global", "A")).context["form"]
    assert [value for value, _label in form.fields["items"].choices] == ["initiative-3"]
    response = client.post(url("clusters", "global"), {"code": "A", "name": "Twice"})
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == ["Another cluster has the code A."]
    data = {"code": "B", "name": "Skills", "items": ["initiative-2"]}
    assert client.post(url("cluster_edit", "global", "B"), data).status_code == 302
    assert list(b.items.values_list("identifier", flat=True)) == ["initiative-2"]
    assert client.post(url("cluster_delete", "global", "B")).status_code == 302
    assert list(Cluster.objects.values_list("code", flat=True)) == ["A"]


def test_an_item_of_another_cluster_is_refused(client, round_):
    Item.objects.filter(identifier="initiative-1").update(cluster=Cluster.objects.get())
    client.force_login(organizer_of(round_))
    response = client.post(
        url("clusters", "global"), {"code": "B", "name": "B", "items": ["initiative-1"]}
    )
    assert response.status_code == 400
    assert "Select a valid choice. initiative-1 is not one of the available choices." in str(
        response.context["form"].errors["items"]
    )
    assert Cluster.objects.count() == 1


# --- groups --------------------------------------------------------------------------------


def test_groups_are_added_and_removed(client, round_):
    UserFactory(email="rep@example.org")
    organization = OrganizationFactory(
        name="Wikimedia Deutschland", affiliation_model=chapter_model(), status="recognized"
    )
    client.force_login(organizer_of(round_))
    data = {
        "name": "Wikimedians of Nepal",
        "region": "asia_pacific",
        "language": "ne",
        "representative_emails": "rep@example.org",
    }
    assert client.post(url("groups", "global"), data).status_code == 302
    nepal = Group.objects.get(name="Wikimedians of Nepal")
    assert ([u.email for u in nepal.representatives.all()], nepal.language) == (
        ["rep@example.org"],
        "ne",
    )
    response = client.post(url("groups", "global"), {**data, "representative_emails": ""})
    assert response.status_code == 400
    assert response.context["community_form"].errors["name"] == [
        "This round already has a group named “Wikimedians of Nepal”."
    ]
    response = client.post(
        url("group_add_organization", "global"), {"organization": organization.pk}
    )
    assert response.status_code == 302
    assert Group.objects.get(organization=organization).kind == "organization"
    BallotFactory(round=round_, track="group", group=nepal, items=list(round_.items.all()[:1]))
    response = client.post(url("group_remove", "global", nepal.pk), follow=True)
    assert [m.message for m in response.context["messages"]][-1:] == [
        "Wikimedians of Nepal has submitted its priorities: it can no longer be removed."
    ]
    community = Group.objects.get(name="Community")
    assert client.post(url("group_remove", "global", community.pk)).status_code == 302
    assert sorted(Group.objects.values_list("name", flat=True)) == [
        "Wikimedia Deutschland",
        "Wikimedians of Nepal",
    ]


# --- import --------------------------------------------------------------------------------


def upload(content, name="ballots.csv"):
    return {"file": SimpleUploadedFile(name, content, content_type="text/csv")}


def test_an_import_with_a_bad_row_shows_the_report_and_a_good_one_imports(client, round_):
    client.force_login(organizer_of(round_))
    bad = b"ballot,group,region,rank_1,rank_2\np-1,,europe,initiative-1,initiative-9\n"
    response = client.post(url("import", "global"), upload(bad))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported: 1 problem to fix." in page
    assert "“initiative-9” is not one of this round&#x27;s items." in page
    assert Ballot.objects.count() == 0
    good = b"ballot,group,region,rank_1,rank_2\np-1,,europe,initiative-1,initiative-2\n"
    response = client.post(url("import", "global"), upload(good), follow=True)
    assert [m.message for m in response.context["messages"]] == ["1 ballot is imported."]
    assert Ballot.objects.get().external_id == "p-1"


def test_the_import_page_refuses_a_file_too_large(client, round_, monkeypatch):
    from convene.prioritization import imports
    from convene.prioritization.forms import organizing

    monkeypatch.setattr(organizing, "MAX_BYTES", 10)
    monkeypatch.setattr(imports, "MAX_BYTES", 10)
    client.force_login(organizer_of(round_))
    response = client.post(url("import", "global"), upload(b"ballot,group,region,rank_1\n"))
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is larger than 0 MB; split it into smaller files."
    ]


def test_the_import_report_speaks_arabic(client, round_):
    client.force_login(organizer_of(round_))
    bad = b"ballot,group,region,rank_1\np-1,,europe,nope\n"
    response = client.post(url("import", "global", language="ar"), upload(bad))
    assert response.status_code == 400
    with translation.override("ar"):
        expected = translation.gettext("“%(item)s” is not one of this round's items.") % {
            "item": "nope"
        }
    assert response.context["report"].problems[0].message == expected


def test_a_long_import_report_shows_its_first_problems_and_counts_the_rest(client, round_):
    client.force_login(organizer_of(round_))
    rows = "".join(f"p-{n},,,nope,\n" for n in range(203))
    response = client.post(
        url("import", "global"), upload(f"ballot,group,region,rank_1,rank_2\n{rows}".encode())
    )
    assert response.status_code == 400
    assert len(response.context["shown_problems"]) == 200
    page = response.content.decode()
    assert "Nothing was imported: 203 problems to fix." in page
    assert "3 more problems are not shown: fix these and import the file again to see them." in page


def test_the_organizer_names_a_groups_representatives(client, round_):
    group = Group.objects.get(name="Community")
    first = UserFactory(email="first@example.org")
    second = UserFactory(email="second@example.org")
    group.representatives.add(first)
    address = url("group_edit", "global", group.pk)
    client.force_login(UserFactory())
    assert client.get(address).status_code == 403
    client.force_login(organizer_of(round_))
    response = client.get(address)
    assert response.context["form"]["representative_emails"].value() == "first@example.org"
    response = client.post(
        address, {"representative_emails": "second@example.org\nnobody@example.org"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["representative_emails"] == [
        "No account has the address nobody@example.org."
    ]
    response = client.post(address, {"representative_emails": "SECOND@example.org"})
    assert response.status_code == 302
    assert list(group.representatives.all()) == [second]
    assert client.get(url("group_edit", "global", 0)).status_code == 404
    assert first.pk != second.pk


def test_a_time_the_clocks_skip_is_refused(client):
    client.force_login(prioritization_organizer(timezone="Europe/Paris"))
    data = round_data(ProcessFactory(), opens_at="2021-03-28T02:30", closes_at="2021-04-01T10:00")
    response = client.post(url("create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["opens_at"] == [
        "2021-03-28 02:30 does not exist in Europe/Paris (the clocks change then). Choose another time."
    ]
    assert Round.objects.count() == 0
