"""The demo prioritization: the communities' priorities before the Global Conversations of 2020,
the vote at the conversations with its clusters A to H in the order of the real outcome, a
round open now to try, their reports, and loading and resetting that work."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from convene.accounts.models import User
from convene.core.text import text_fingerprint
from convene.demo import documents, events
from convene.demo import organizations as demo_registry
from convene.demo import prioritization as demo_prioritization
from convene.demo.prioritization import texts
from convene.documents.models import Initiative
from convene.events.models import Registration
from convene.organizations.models import Region
from convene.prioritization import rules
from convene.prioritization.models import (
    Ballot,
    BallotVersion,
    Cluster,
    Count,
    Group,
    Item,
    ItemTranslation,
    ReportTranslation,
    Round,
)
from convene.prioritization.services_organizing import item_source_fingerprint

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
COMMUNITIES = "community-priorities-2020"
CONVERSATIONS = "global-conversations-2020-vote"
OPEN = "try-prioritization-sample"
CLUSTERS = {
    "A": ["initiative-22", "initiative-23", "initiative-24"],
    "B": ["initiative-9", "initiative-11"],
    "C": ["initiative-31", "initiative-32", "initiative-33"],
    "D": ["initiative-25"],
    "E": ["initiative-2"],
    "F": ["initiative-3"],
    "G": ["initiative-8"],
    "H": ["initiative-36", "initiative-37", "initiative-38"],
}


def load(now=NOW):
    """The demo people, events, documents and registry, then the rounds; what they logged."""
    lines: list[str] = []
    with time_machine.travel(now, tick=False):
        events.demo_load(now=now, log=lambda line: None)
        documents.load(stdout=StringIO())
        demo_registry.load(now=now, log=lambda line: None)
        demo_prioritization.load(now=now, log=lines.append)
    return "\n".join(lines)


def round_(slug):
    return Round.objects.select_related("individuals_event", "process").get(slug=slug)


def person(key):
    return User.objects.get(email=f"{key}@example.org")


def counts():
    tables = (Round, Cluster, Item, ItemTranslation, Group, Ballot, BallotVersion, Count,
              ReportTranslation)  # fmt: skip
    return {table.__name__: table.objects.count() for table in tables}


# --- The rounds ---------------------------------------------------------------------------


def test_three_rounds_two_closed_in_2020_and_one_open_now():
    load()

    rounds = {each.slug: each for each in Round.objects.select_related("individuals_event")}
    assert set(rounds) == {COMMUNITIES, CONVERSATIONS, OPEN}
    assert {slug: rules.round_state(each, NOW) for slug, each in rounds.items()} == {
        COMMUNITIES: "closed",
        CONVERSATIONS: "closed",
        OPEN: "open",
    }
    communities, conversations, open_ = rounds[COMMUNITIES], rounds[CONVERSATIONS], rounds[OPEN]
    assert communities.title == "Priorities from communities and affiliates, 2020"
    assert (communities.opens_at.date().isoformat(), communities.closes_at.date().isoformat()) == (
        "2020-09-07",
        "2020-11-08",
    )
    assert (communities.group_track, communities.individual_track) == (True, False)
    assert conversations.title == (
        "Global Conversations: which initiatives need global coordination in 2021"
    )
    assert (conversations.opens_at, conversations.closes_at) == (
        datetime(2020, 11, 21, 13, tzinfo=UTC),
        datetime(2020, 11, 23, tzinfo=UTC),
    )
    assert (conversations.group_track, conversations.individual_track) == (False, True)
    assert conversations.individuals_event.slug == "global-conversations-2020"
    assert open_.opens_at < NOW - timedelta(days=2) and open_.closes_at > NOW + timedelta(days=13)
    assert (open_.group_track, open_.individual_track, open_.individuals_event) == (
        True,
        True,
        None,
    )
    assert not open_.results_before_close
    organizer = User.objects.get(email=events.ORGANIZER_EMAIL)
    for each in rounds.values():
        assert each.process.slug == "movement-strategy-2018-20"
        assert (each.ballot_form, each.max_items) == ("ranked", 5)
        assert list(each.organizers.all()) == [organizer]
        assert rules.can_organize(organizer, each)


def test_the_items_are_the_initiatives_by_recommendation_in_clusters_a_to_h():
    load()

    initiatives = {i.identifier: i for i in Initiative.objects.all()}
    assert len(initiatives) == 21
    for slug in (COMMUNITIES, CONVERSATIONS, OPEN):
        items = list(Item.objects.filter(round__slug=slug).select_related("initiative"))
        assert [item.identifier for item in items] == sorted(initiatives, key=lambda i: int(i[11:]))
        for item in items:
            initiative = initiatives[item.identifier]
            assert item.initiative == initiative
            assert (item.title, item.description) == (initiative.title, initiative.description)
    items = {item.identifier: item for item in Item.objects.filter(round__slug=CONVERSATIONS)}
    assert items["initiative-22"].heading == "Recommendation 4: Ensure Equity in Decision-making"
    assert items["initiative-1"].heading == (
        "Recommendation 1: Increase the Sustainability of Our Movement"
    )
    for slug in (COMMUNITIES, CONVERSATIONS):
        clusters = Cluster.objects.filter(round__slug=slug).order_by("position")
        assert {
            cluster.code: sorted(
                cluster.items.values_list("identifier", flat=True), key=lambda i: int(i[11:])
            )
            for cluster in clusters
        } == CLUSTERS
        assert [cluster.code for cluster in clusters] == list("ABCDEFGH")
        assert clusters[0].name == "Movement Charter, Interim Global Council and Global Council"
    assert not Cluster.objects.filter(round__slug=OPEN).exists()


def test_the_items_read_in_french_spanish_and_arabic():
    load()

    translations = ItemTranslation.objects.select_related("item")
    assert Counter(t.language for t in translations) == {"fr": 63, "es": 63, "ar": 63}
    assert all(t.source_fingerprint == item_source_fingerprint(t.item) for t in translations)
    charter = {
        t.language: (t.title, t.description)
        for t in translations.filter(
            item__round__slug=CONVERSATIONS, item__identifier="initiative-22"
        )
    }
    assert charter == {
        "fr": (
            "Charte du mouvement",
            "Recommandation 4 : Garantir l'équité dans la prise de décision.",
        ),
        "es": (
            "Carta del Movimiento",
            "Recomendación 4: Asegurar la equidad en la toma de decisiones.",
        ),
        "ar": ("ميثاق الحركة", "التوصية 4: ضمان الإنصاف في صنع القرار."),
    }


# --- Round 1: communities and affiliates ------------------------------------------------------


def test_fifty_sample_groups_over_the_seven_regions_each_with_a_submission():
    load()

    groups = list(Group.objects.filter(round__slug=COMMUNITIES).select_related("organization"))
    assert len(groups) == 50
    assert {group.region for group in groups} == set(Region.values)
    assert all(group.name.endswith("(sample)") for group in groups)
    assert Counter(group.kind for group in groups) == {"community": 41, "organization": 9}
    organizations = [group for group in groups if group.kind == "organization"]
    assert all(
        group.organization.is_sample and group.organization.status == "recognized"
        for group in organizations
    )
    assert Counter(group.category for group in organizations) == {
        "chapter": 3,
        "user-group": 5,
        "thematic-organization": 1,
    }
    assert {group.category for group in groups if group.kind == "community"} == {"community"}
    hindi = next(group for group in groups if group.name == "Hindi Wikipedia community (sample)")
    assert (hindi.region, hindi.language) == ("asia_pacific", "hi")
    assert list(hindi.representatives.all()) == [person("kaveri")]

    ballots = list(Ballot.objects.filter(round__slug=COMMUNITIES).select_related("group"))
    assert len(ballots) == 50 and {b.track for b in ballots} == {"group"}
    assert {b.group_id for b in ballots} == {group.pk for group in groups}
    identifiers = dict(Item.objects.filter(round__slug=COMMUNITIES).values_list("pk", "identifier"))
    communities = round_(COMMUNITIES)
    for ballot in ballots:
        listed = [identifiers[pk] for pk in ballot.item_ids]
        assert 3 <= ballot.size == len(listed) <= 5
        assert set(ballot.reasons) == set(listed)
        assert ballot.participants and ballot.discussion_place and ballot.discussion_when
        assert ballot.region == ballot.group.region
        assert communities.opens_at <= ballot.created_at <= ballot.updated_at
        assert ballot.updated_at <= communities.closes_at
    assert sum(bool(b.notes_url) for b in ballots) >= 10
    assert all(b.notes_url.startswith("https://notes.example.org/") for b in ballots if b.notes_url)
    assert sum(bool(b.missing) for b in ballots) >= 8
    # The registry's representatives submitted for their organizations.
    kenya = next(b for b in ballots if b.group.name == "Wikimedia Kenya (sample)")
    assert kenya.submitted_by == person("harmattan")
    assert rules.represents(person("harmattan"), kenya.group)


def test_africa_mena_and_eseap_favoured_recommendations_1_2_and_6():
    load()

    eseap = {"Indonesian", "Chinese", "Thai", "Vietnamese", "Tagalog", "Korean", "Yogyakarta"}
    recommendation = {
        item.pk: int(item.heading.split(":")[0].removeprefix("Recommendation "))
        for item in Item.objects.filter(round__slug=COMMUNITIES)
    }
    listing: dict[bool, Counter[int]] = {True: Counter(), False: Counter()}
    groups: Counter[bool] = Counter()
    for ballot in Ballot.objects.filter(round__slug=COMMUNITIES).select_related("group"):
        south = ballot.group.region in ("sub_saharan_africa", "mena") or any(
            word in ballot.group.name for word in eseap
        )
        groups[south] += 1
        listing[south].update({recommendation[pk] for pk in ballot.item_ids})
    assert groups == {True: 23, False: 27}
    for rec in (1, 2, 6):
        assert listing[True][rec] / groups[True] > listing[False][rec] / groups[False], rec


def test_two_groups_changed_their_submission_and_kept_the_earlier_versions():
    load()

    changed = Ballot.objects.filter(round__slug=COMMUNITIES, version__gt=1).select_related("group")
    assert sorted(b.group.name for b in changed) == [
        "Hindi Wikipedia community (sample)",
        "Wikimedia Kenya (sample)",
    ]
    for ballot in changed:
        versions = list(ballot.versions.order_by("number"))
        assert [v.number for v in versions] == [1, 2, 3] and ballot.version == 3
        assert versions[-1].item_ids == ballot.item_ids
        assert len({tuple(v.item_ids) for v in versions}) == 3
        assert [v.saved_at for v in versions] == sorted({v.saved_at for v in versions})
        assert (
            versions[-1].saved_at == ballot.updated_at and versions[0].saved_at == ballot.created_at
        )
        participants = [v.details["participants"] for v in versions]
        assert participants == sorted(participants) and participants[-1] == ballot.participants
        assert {v.saved_by for v in versions} == {ballot.submitted_by}
    others = BallotVersion.objects.filter(ballot__round__slug=COMMUNITIES).exclude(
        ballot__in=changed
    )
    assert others.count() == 48 and set(others.values_list("number", flat=True)) == {1}


# --- Round 2: the Global Conversations -------------------------------------------------------


def test_close_to_250_participants_voted_at_the_global_conversations():
    load()
    conversations = round_(CONVERSATIONS)

    ballots = list(Ballot.objects.filter(round=conversations).select_related("voter"))
    assert len(ballots) == 247
    assert {b.track for b in ballots} == {"individual"}
    cast = [b for b in ballots if b.voter is not None]
    imported = [b for b in ballots if b.voter is None]
    assert sorted(b.voter.email.split("@")[0] for b in cast) == [
        "harmattan", "kaveri", "komodo", "nile", "taiga", "zhujian",
    ]  # fmt: skip
    registrants = set(
        Registration.objects.filter(
            session__event=conversations.individuals_event, status="confirmed"
        ).values_list("user_id", flat=True)
    )
    assert {b.voter_id for b in cast} <= registrants
    assert all(rules.may_vote_individually(b.voter, conversations) for b in cast)
    assert sorted(b.external_id for b in imported) == [f"sample-{n:04d}" for n in range(1, 242)]
    assert all(b.submitted_by.email == events.ORGANIZER_EMAIL for b in imported)
    assert {b.region for b in ballots} == set(Region.values)
    assert all(conversations.opens_at <= b.created_at < conversations.closes_at for b in ballots)
    assert BallotVersion.objects.filter(ballot__round=conversations).count() == 247


def test_the_count_puts_the_clusters_in_the_order_a_to_h():
    load()
    conversations = round_(CONVERSATIONS)

    count = Count.objects.get(round=conversations)
    assert count.ballots == 247
    assert count.counted_at == conversations.closes_at
    assert list(count.data["tracks"]) == ["individual"]
    clusters = count.data["clusters"]["individual"]
    by_approval = sorted(clusters, key=lambda code: -clusters[code]["approval"])
    by_borda = sorted(clusters, key=lambda code: -clusters[code]["borda"])
    by_best_item = sorted(clusters, key=lambda code: clusters[code]["best_tier"])
    assert by_approval == by_borda == by_best_item == list("ABCDEFGH")
    assert len({clusters[code]["approval"] for code in clusters}) == 8
    assert len({clusters[code]["best_tier"] for code in clusters}) == 8
    tally = count.data["tracks"]["individual"]
    assert tally["schulze"][0] == ["initiative-22"]
    clustered = {identifier for identifiers in CLUSTERS.values() for identifier in identifiers}
    approval = tally["approval"]
    assert min(approval[i] for i in clustered) > max(
        approval[i] for i in approval if i not in clustered
    )
    assert sum(each["ballots"] for each in count.data["by_region"]["individual"].values()) == 247


def test_the_communities_round_is_counted_by_region_and_kind_of_group():
    load()

    count = Count.objects.get(round__slug=COMMUNITIES)
    assert count.ballots == 50
    assert set(count.data["by_region"]["group"]) == set(Region.values)
    assert {kind: brief["ballots"] for kind, brief in count.data["by_kind"]["group"].items()} == {
        "community": 41,
        "chapter": 3,
        "user-group": 5,
        "thematic-organization": 1,
    }


# --- Reports -------------------------------------------------------------------------------------


def test_the_reports_are_published_with_translations_one_outdated():
    load()
    communities, conversations = round_(COMMUNITIES), round_(CONVERSATIONS)

    assert communities.report_published_at == datetime(2020, 11, 13, 15, tzinfo=UTC)
    assert conversations.report_published_at == datetime(2020, 11, 26, 16, tzinfo=UTC)
    assert rules.report_visible(AnonymousUser(), communities)
    assert rules.report_visible(AnonymousUser(), conversations)
    assert "favoured recommendations **1**" in communities.report
    assert "sample data" in communities.report and "sample data" in conversations.report
    for code in "ABCDEFGH":
        assert f"- **{code}.**" in conversations.report
    assert "**5 and 6 December 2020:**" in conversations.report
    assert "151 people" in conversations.report and "90 the call on hubs" in conversations.report
    current = text_fingerprint
    translations = {
        (t.round.slug, t.language): t.source_fingerprint == current(t.round.report)
        for t in ReportTranslation.objects.select_related("round")
    }
    assert translations == {
        (COMMUNITIES, "fr"): True,
        (COMMUNITIES, "es"): False,
        (CONVERSATIONS, "es"): True,
        (CONVERSATIONS, "ar"): True,
    }
    assert ReportTranslation.objects.get(round=communities, language="fr").report == (
        texts.COMMUNITIES_REPORT_FR
    )
    assert round_(OPEN).report_published_at is None


# --- Round 3: open now ----------------------------------------------------------------------------


def test_the_open_round_has_a_ballot_a_submission_and_hides_its_results():
    load()
    open_ = round_(OPEN)
    lavande, harmattan, nile = person("lavande"), person("harmattan"), person("nile")
    organizer = User.objects.get(email=events.ORGANIZER_EMAIL)

    groups = {group.name: group for group in Group.objects.filter(round=open_)}
    assert len(groups) == 13
    ballot = Ballot.objects.get(round=open_, voter=lavande)
    assert (ballot.track, ballot.size, ballot.version) == ("individual", 5, 1)
    kenya = Ballot.objects.get(round=open_, group=groups["Wikimedia Kenya (sample)"])
    assert kenya.submitted_by == harmattan and kenya.participants == 17
    assert Ballot.objects.filter(round=open_).count() == 20
    assert Ballot.objects.filter(round=open_, track="group").count() == 1
    assert rules.can_vote(lavande, open_, NOW) and rules.can_vote(nile, open_, NOW)
    cairo = groups["Wikimedia user group of Cairo (sample)"]
    assert rules.can_submit_for(nile, cairo, NOW)
    assert rules.can_submit_for(person("kaveri"), groups["Hindi Wikipedia community (sample)"], NOW)
    assert not rules.can_submit_for(lavande, cairo, NOW)
    assert not rules.results_visible(AnonymousUser(), open_, NOW)
    assert not rules.results_visible(lavande, open_, NOW)
    assert rules.results_visible(organizer, open_, NOW)
    assert Count.objects.get(round=open_).ballots == 20


# --- Loading and resetting ------------------------------------------------------------------------


def test_loading_twice_changes_nothing():
    first = load()
    before = counts()

    second = load()

    assert first == (
        "prioritization: rounds added: community-priorities-2020 (50 ballots), "
        "global-conversations-2020-vote (247 ballots), try-prioritization-sample (20 ballots)"
    )
    assert second == "prioritization: its 3 demo rounds are in place, left as they are"
    assert counts() == before
    assert before["Round"] == 3 and before["Ballot"] == 317


def test_without_the_demo_accounts_the_rounds_wait():
    lines: list[str] = []

    demo_prioritization.load(now=NOW, log=lines.append)

    assert lines == ["prioritization: rounds skipped, the demo accounts are missing"]
    assert not Round.objects.exists()


def test_without_the_strategy_process_the_rounds_wait():
    lines: list[str] = []
    with time_machine.travel(NOW, tick=False):
        events.demo_load(now=NOW, log=lambda line: None)

        demo_prioritization.load(now=NOW, log=lines.append)

    assert lines == [
        "prioritization: rounds skipped, the process movement-strategy-2018-20 or some of its "
        "initiatives are missing"
    ]
    assert not Round.objects.exists()


def test_the_reset_removes_the_rounds_and_loads_them_again():
    call_command("load_demo", stdout=StringIO())
    before = set(Round.objects.values_list("pk", flat=True))
    rows = counts()

    out = StringIO()
    call_command("load_demo", "--reset", stdout=out)

    assert "removing 3 demo prioritization rounds" in out.getvalue()
    assert before.isdisjoint(Round.objects.values_list("pk", flat=True))
    assert counts() == rows
