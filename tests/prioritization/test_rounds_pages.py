"""The list of rounds and a round's page: what everyone reads (dates, tracks, counts of
ballots, items in the reader's language, the groups that have submitted) and the call to
action each viewer gets."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from convene.prioritization.models import ItemTranslation
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory

from .factories import NOW, BallotFactory, GroupFactory, ItemFactory, RoundFactory, items_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"prioritization:{name}", args=args)


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def section(page, start, end):
    return page[page.index(start) : page.index(end)]


def test_the_list_shows_rounds_by_state_with_their_ballots(client):
    open_round = RoundFactory(title="Global priorities 2021")
    items = items_for(open_round, 2)
    group = GroupFactory(round=open_round)
    BallotFactory(round=open_round, track="group", group=group, items=items)
    for _number in range(3):
        BallotFactory(round=open_round, items=items[:1])
    RoundFactory(
        title="Next year",
        opens_at=NOW + timedelta(days=30),
        closes_at=NOW + timedelta(days=40),
        group_track=False,
    )
    RoundFactory(
        title="Last year", opens_at=NOW - timedelta(days=400), closes_at=NOW - timedelta(days=300)
    )

    page = text(client.get(url("list")))

    assert page.index("Open now") < page.index("Global priorities 2021") < page.index("Upcoming")
    assert page.index("Upcoming") < page.index("Next year") < page.index("Closed")
    assert page.index("Closed") < page.index("Last year")
    current = section(page, "Global priorities 2021", "Upcoming")
    assert "1 group submission" in current
    assert "3 individual ballots" in current
    upcoming = section(page, "Next year", "Closed")
    assert "group submission" not in upcoming
    assert "0 individual ballots" in upcoming
    assert '<time datetime="2020-11-23T00:00:00Z">' in current


def test_the_list_without_rounds_says_so(client):
    assert "No round yet." in text(client.get(url("list")))


def test_the_round_page_shows_the_question_instructions_rules_and_counts(client):
    round_ = RoundFactory(
        slug="global",
        instructions="Rank **what matters**.",
        max_items=5,
        individuals_event=EventFactory(title="Global Conversations"),
    )
    items = items_for(round_, 3)
    BallotFactory(round=round_, items=items)

    page = text(client.get(url("round", "global")))

    assert "Which initiatives are most important to coordinate globally in 2021?" in page
    assert "<strong>what matters</strong>" in page
    assert "Rank up to 5 items, your first choice first." in page
    assert "Individuals: the confirmed registrants of <bdi>Global Conversations</bdi>" in page
    assert "0 group submissions" in page
    assert "1 individual ballot" in page
    assert "The 3 items" in page
    assert "Log in to cast your ballot" in page
    assert "No group has submitted yet." in page


def reversible(name, *args):
    try:
        return url(name, *args)
    except NoReverseMatch:  # built by another part of the app
        return None


def test_a_closed_round_links_its_results_report_and_data(client):
    RoundFactory(
        slug="global",
        opens_at=NOW - timedelta(days=40),
        closes_at=NOW - timedelta(days=1),
        report_published_at=NOW - timedelta(hours=1),
    )

    page = text(client.get(url("round", "global")))

    for name in ("results", "report", "data"):
        address = reversible(name, "global")
        if address:
            assert f'href="{address}"' in page
    assert "The results are shown once the round closes" not in page


def test_an_open_round_hides_its_results_but_counts_its_ballots(client):
    RoundFactory(slug="global")

    page = text(client.get(url("round", "global")))

    assert "The results are shown once the round closes" in page
    if address := reversible("results", "global"):
        assert f'href="{address}"' not in page
    assert "0 individual ballots" in page


def test_items_are_grouped_by_heading_with_their_text_a_tap_away(client):
    round_ = RoundFactory(slug="global")
    ItemFactory(round=round_, identifier="initiative-1", title="Charter", heading="Governance")
    ItemFactory(round=round_, identifier="initiative-2", title="Hubs", heading="Capacity")
    ItemFactory(round=round_, identifier="initiative-3", title="Council", heading="Governance")

    page = text(client.get(url("round", "global")))

    items = section(page, 'id="items"', "</main>")
    assert items.index("Governance") < items.index("Charter") < items.index("Council")
    assert items.index("Council") < items.index("Capacity") < items.index("Hubs")
    assert "<details><summary>" in items
    assert "What the initiative does." in items


def test_items_are_read_in_the_readers_language_when_translated(client):
    round_ = RoundFactory(slug="global")
    first, _second, third = items_for(round_, 3)
    ItemTranslation.objects.create(
        item=first, language="fr", title="Charte du mouvement", description="Ce que fait la charte."
    )
    ItemTranslation.objects.create(item=third, language="fr", title="Conseil mondial")

    page = text(client.get(url("round", "global", language="fr")))

    assert '<span dir="auto" lang="fr">Charte du mouvement</span>' in page
    assert "Ce que fait la charte." in page
    assert '<span dir="auto" lang="en">Initiative 2</span>' in page  # not translated: the source
    start = page.index("Conseil mondial")
    third = page[start : page.index("</li>", start)]
    assert '<span dir="auto" lang="fr">Conseil mondial</span>' in page
    assert (
        '<div class="item-description" dir="auto" lang="en"><p>What the initiative does.' in third
    )


def test_a_participant_is_invited_to_cast_then_to_change_their_ballot(client):
    round_ = RoundFactory(slug="global")
    items = items_for(round_, 2)
    voter = UserFactory()
    client.force_login(voter)

    assert "Cast your ballot" in text(client.get(url("round", "global")))
    BallotFactory(round=round_, voter=voter, items=items)
    page = text(client.get(url("round", "global")))

    assert "Change your ballot" in page
    assert "Your ballot is saved" in page


def test_a_person_who_may_not_vote_is_told_why(client):
    RoundFactory(slug="gc", individuals_event=EventFactory())
    client.force_login(UserFactory())

    page = text(client.get(url("round", "gc")))

    assert "This round takes ballots from the confirmed registrants of its event only." in page
    assert "Cast your ballot" not in page


def test_a_representative_sees_the_groups_they_act_for(client):
    round_ = RoundFactory(slug="global")
    items = items_for(round_, 2)
    person = UserFactory()
    community = GroupFactory(round=round_, name="Hausa Wikipedians", representatives=[person])
    submitted = GroupFactory(round=round_, name="Art+Feminism", representatives=[person])
    BallotFactory(round=round_, track="group", group=submitted, items=items)
    organization = OrganizationFactory(
        name="Wikimedia Deutschland", slug="wmde", representatives=[person]
    )
    OrganizationFactory(name="Not mine", representatives=[UserFactory()])
    OrganizationFactory(name="Suspended one", status="suspended", representatives=[person])
    client.force_login(person)

    page = text(client.get(url("round", "global")))

    acting = section(page, "Groups you act for", "</section>")
    assert f'href="{url("group_submit", "global", community.pk)}"' in acting
    assert "Submit the priorities of <bdi>Hausa Wikipedians</bdi>" in acting
    assert "Change the priorities of <bdi>Art+Feminism</bdi>" in acting
    assert f'href="{url("organization_submit", "global", organization.slug)}"' in acting
    assert "Submit the priorities of <bdi>Wikimedia Deutschland</bdi>" in acting
    assert "Not mine" not in acting
    assert "Suspended one" not in acting
    groups = section(page, 'id="groups"', 'id="items"')
    assert f'href="{url("group", "global", submitted.pk)}"' in groups
    assert "Hausa Wikipedians" not in groups


def test_an_organizations_group_is_listed_once(client):
    round_ = RoundFactory(slug="global")
    person = UserFactory()
    organization = OrganizationFactory(name="Wikimedia Deutschland", representatives=[person])
    group = GroupFactory(
        round=round_, kind="organization", organization=organization, name="Wikimedia Deutschland"
    )
    client.force_login(person)

    acting = section(text(client.get(url("round", "global"))), "Groups you act for", "</section>")

    assert acting.count("Wikimedia Deutschland") == 1
    assert f'href="{url("group_submit", "global", group.pk)}"' in acting


def test_a_round_of_named_communities_lists_no_organization(client):
    RoundFactory(slug="global", registry_groups=False)
    person = UserFactory()
    OrganizationFactory(name="Wikimedia Deutschland", representatives=[person])
    client.force_login(person)

    page = text(client.get(url("round", "global")))

    assert "Wikimedia Deutschland" not in page
    assert "A group's priorities are submitted by its representatives" in page


def test_the_round_page_in_arabic_is_right_to_left(client):
    RoundFactory(slug="global")

    page = text(client.get(url("round", "global", language="ar")))

    assert '<html lang="ar" dir="rtl">' in page


def test_organizers_find_their_pages_from_the_list_and_the_round(client):
    from .factories import organizer_of, prioritization_organizer

    round_ = RoundFactory()
    organize = f'href="{url("organize", round_.slug)}"'
    create = f'href="{url("create")}"'

    client.force_login(UserFactory())
    assert create not in text(client.get(url("list")))
    assert organize not in text(client.get(url("round", round_.slug)))

    client.force_login(organizer_of(round_))  # this round's own organizer
    assert create not in text(client.get(url("list")))
    assert organize in text(client.get(url("round", round_.slug)))

    client.force_login(prioritization_organizer())  # organizes every round
    assert create in text(client.get(url("list")))
    assert organize in text(client.get(url("round", round_.slug)))
