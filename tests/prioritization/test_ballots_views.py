"""The ballot page and the group submission pages: plain form posts (no JavaScript), what
each role sees and may do, and what a refused or mistyped form answers."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from convene.prioritization.models import Ballot, Group
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory

from .factories import CLOSES, NOW, GroupFactory, RoundFactory, items_for

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


def url(name, *args):
    with translation.override("en"):
        return reverse(f"prioritization:{name}", args=args)


def text(response):
    return response.content.decode()


def identifiers(ballot):
    items = dict(ballot.round.items.values_list("pk", "identifier"))
    return [items[pk] for pk in ballot.item_ids]


# --- A person's ballot ---------------------------------------------------------------------------


def test_a_visitor_is_asked_to_log_in(client, round_):
    response = client.get(url("ballot", "global"))

    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


def test_the_ballot_is_a_select_per_item_under_its_heading(client, round_):
    client.force_login(UserFactory())

    response = client.get(url("ballot", "global"))

    assert response.status_code == 200
    page = text(response)
    assert page.count("<select") == 6
    assert '<select name="item-initiative-1"' in page
    assert "<legend" in page and "Recommendation 1" in page
    assert '<option value="3">3</option>' in page
    assert '<option value="4">' not in page
    assert "Rank up to 3 items, your first choice first." in page
    assert 'src="/static/prioritization/ballot.js" defer' in page
    assert "<script>" not in page


def test_a_person_casts_and_then_changes_their_ballot_without_javascript(client, round_):
    voter = UserFactory()
    client.force_login(voter)

    response = client.post(
        url("ballot", "global"), {"item-initiative-4": "2", "item-initiative-6": "1"}
    )

    assert response.status_code == 302
    assert response.url == url("ballot", "global")
    ballot = Ballot.objects.get(voter=voter)
    assert identifiers(ballot) == ["initiative-6", "initiative-4"]
    page = text(client.get(url("ballot", "global")))
    assert "Your ballot is saved. You can change it until the round closes." in page
    assert '<option value="1" selected>1</option>' in page  # initiative-6 shows its rank

    response = client.post(url("ballot", "global"), {"item-initiative-1": "1"})

    assert response.status_code == 302
    ballot.refresh_from_db()
    assert (identifiers(ballot), ballot.version) == (["initiative-1"], 2)


def test_a_mistyped_ballot_comes_back_with_the_message_and_nothing_saved(client, round_):
    client.force_login(UserFactory())

    response = client.post(
        url("ballot", "global"), {"item-initiative-4": "1", "item-initiative-5": "1"}
    )

    assert response.status_code == 400
    page = text(response)
    assert "Rank 1 is given to Initiative 4 and Initiative 5: give each rank once." in page
    assert 'href="#id_item-initiative-4"' in page  # the error summary links to the control
    assert Ballot.objects.count() == 0


def test_an_empty_ballot_is_refused(client, round_):
    client.force_login(UserFactory())

    response = client.post(url("ballot", "global"), {})

    assert response.status_code == 400
    assert "Choose at least one item." in text(response)


def test_after_the_close_the_ballot_is_shown_read_only(client, round_):
    voter = UserFactory()
    client.force_login(voter)
    client.post(url("ballot", "global"), {"item-initiative-2": "1", "item-initiative-3": "2"})

    with time_machine.travel(CLOSES + timedelta(hours=1), tick=False):
        page = text(client.get(url("ballot", "global")))
        refused = client.post(url("ballot", "global"), {"item-initiative-1": "1"})

    assert "<select" not in page
    assert "This round has closed; ballots can no longer change." in page
    assert page.index("Initiative 2") < page.index("Initiative 3")
    assert refused.status_code == 409
    assert identifiers(Ballot.objects.get()) == ["initiative-2", "initiative-3"]


def test_before_the_opening_the_page_says_when(client):
    round_ = RoundFactory(
        slug="later", opens_at=NOW + timedelta(days=1), closes_at=NOW + timedelta(days=2)
    )
    items_for(round_, 2)
    client.force_login(UserFactory())

    page = text(client.get(url("ballot", "later")))

    assert "<select" not in page
    assert "Ballots open on" in page


def test_a_person_who_may_not_vote_sees_why(client):
    RoundFactory(slug="groups", individual_track=False)
    client.force_login(UserFactory())

    page = client.get(url("ballot", "groups"))
    post = client.post(url("ballot", "groups"), {"item-initiative-1": "1"})

    assert "This round takes ballots from groups only." in text(page)
    assert "<select" not in text(page)
    assert post.status_code == 403
    assert Ballot.objects.count() == 0


def test_a_person_not_registered_for_the_event_sees_why(client):
    from tests.events.factories import EventFactory

    round_ = RoundFactory(slug="gc", individuals_event=EventFactory())
    items_for(round_, 2)
    client.force_login(UserFactory())

    page = text(client.get(url("ballot", "gc")))

    assert "This round takes ballots from the confirmed registrants of its event only." in page
    assert "<select" not in page


def test_the_choose_form_is_a_checkbox_per_item(client):
    round_ = RoundFactory(slug="choose", ballot_form="choose", max_items=2)
    items_for(round_, 4)
    voter = UserFactory()
    client.force_login(voter)

    page = text(client.get(url("ballot", "choose")))
    response = client.post(
        url("ballot", "choose"), {"item-initiative-3": "on", "item-initiative-1": "on"}
    )
    too_many = client.post(
        url("ballot", "choose"),
        {"item-initiative-1": "on", "item-initiative-2": "on", "item-initiative-3": "on"},
    )

    assert page.count('type="checkbox"') == 4
    assert "data-ranked" not in page
    assert response.status_code == 302
    assert too_many.status_code == 400
    assert "A ballot lists at most 2 items." in text(too_many)
    assert identifiers(Ballot.objects.get(voter=voter)) == ["initiative-1", "initiative-3"]


def test_too_many_saves_are_refused_with_429(client, round_, settings):
    settings.CONVENE_RATE_LIMITS = {"ballot": "1/1h/account"}
    client.force_login(UserFactory())
    client.post(url("ballot", "global"), {"item-initiative-1": "1"})

    response = client.post(url("ballot", "global"), {"item-initiative-2": "1"})

    assert response.status_code == 429
    assert "You have done this many times in a short while." in text(response)


def test_an_unknown_round_is_404(client):
    client.force_login(UserFactory())

    assert client.get(url("ballot", "nope")).status_code == 404
    assert client.get(url("round", "nope")).status_code == 404
    assert client.get(url("group", "nope", 1)).status_code == 404


# --- A group's submission ----------------------------------------------------------------------


def submission(**extra):
    return {
        "priority_1": "initiative-5",
        "reason_1": "Our readers need it.",
        "priority_2": "initiative-2",
        "participants": "23",
        "discussion_place": "Village pump",
        "discussion_when": "2-16 November",
        "notes_url": "https://meta.example.org/notes",
        "missing": "Offline access.",
        **extra,
    }


def test_only_representatives_open_a_groups_form(client, round_):
    group = GroupFactory(round=round_, representatives=[UserFactory()])
    client.force_login(UserFactory())

    assert client.get(url("group_submit", "global", group.pk)).status_code == 403
    assert client.post(url("group_submit", "global", group.pk), submission()).status_code == 403
    assert Ballot.objects.count() == 0


def test_a_visitor_is_asked_to_log_in_to_submit(client, round_):
    group = GroupFactory(round=round_)

    response = client.get(url("group_submit", "global", group.pk))

    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


def test_a_representative_submits_and_the_submission_is_public(client, round_):
    person = UserFactory(display_name="Chidi Okafor")
    group = GroupFactory(round=round_, name="Igbo Wikimedians", representatives=[person])
    client.force_login(person)

    form = text(client.get(url("group_submit", "global", group.pk)))
    response = client.post(url("group_submit", "global", group.pk), submission())

    assert '<select name="priority_1"' in form
    assert '<optgroup label="Recommendation 1">' in form
    assert response.status_code == 302
    assert response.url == url("group", "global", group.pk)
    ballot = Ballot.objects.get(group=group)
    assert identifiers(ballot) == ["initiative-5", "initiative-2"]
    assert ballot.reasons == {"initiative-5": "Our readers need it."}

    client.logout()
    page = text(client.get(url("group", "global", group.pk)))
    assert "Our readers need it." in page
    assert "Village pump" in page and "2-16 November" in page and "Offline access." in page
    assert 'href="https://meta.example.org/notes"' in page
    assert "Chidi Okafor" not in page


def test_the_form_comes_back_filled_and_earlier_versions_are_listed(client, round_):
    person = UserFactory(display_name="Chidi Okafor")
    group = GroupFactory(round=round_, representatives=[person])
    client.force_login(person)
    client.post(url("group_submit", "global", group.pk), submission())

    form = text(client.get(url("group_submit", "global", group.pk)))
    client.post(url("group_submit", "global", group.pk), submission(priority_2="", missing=""))

    assert '<option value="initiative-5" selected>' in form
    assert 'value="Our readers need it."' in form
    page = text(client.get(url("group", "global", group.pk)))
    assert "Version 2, saved on" in page
    assert "Version 1, saved on" in page
    assert "Chidi Okafor" not in page


def test_a_mistyped_submission_comes_back_with_the_message(client, round_):
    person = UserFactory()
    group = GroupFactory(round=round_, representatives=[person])
    client.force_login(person)

    response = client.post(
        url("group_submit", "global", group.pk), submission(priority_2="initiative-5")
    )

    assert response.status_code == 400
    assert "This item is already priority 1; choose each item once." in text(response)
    assert 'value="Village pump"' in text(response)
    assert Ballot.objects.count() == 0


def test_after_the_close_a_groups_form_is_read_only(client, round_):
    person = UserFactory()
    group = GroupFactory(round=round_, representatives=[person])
    client.force_login(person)
    client.post(url("group_submit", "global", group.pk), submission())

    with time_machine.travel(CLOSES, tick=False):
        page = text(client.get(url("group_submit", "global", group.pk)))
        refused = client.post(url("group_submit", "global", group.pk), submission(priority_1=""))

    assert "<select" not in page
    assert "This round has closed; ballots can no longer change." in page
    assert refused.status_code == 409
    assert Ballot.objects.get().version == 1


def test_a_group_without_a_submission_says_so(client, round_):
    group = GroupFactory(round=round_)

    page = text(client.get(url("group", "global", group.pk)))

    assert "This group has not submitted its priorities yet." in page


def test_a_group_of_another_round_is_404(client, round_):
    other = GroupFactory()

    assert client.get(url("group", "global", other.pk)).status_code == 404


# --- Organizations of the registry -----------------------------------------------------------------


def test_a_registry_representative_submits_for_their_organization(client, round_):
    person = UserFactory()
    organization = OrganizationFactory(
        name="Wikimedia Deutschland", slug="wmde", representatives=[person]
    )
    client.force_login(person)

    form = client.get(url("organization_submit", "global", "wmde"))
    assert form.status_code == 200
    assert Group.objects.count() == 0  # showing the form makes no group

    response = client.post(url("organization_submit", "global", "wmde"), submission())

    group = Group.objects.get(organization=organization)
    assert response.status_code == 302
    assert response.url == url("group", "global", group.pk)
    assert Ballot.objects.get().group == group
    # Once it has a group, the organization's address leads to the group's form.
    again = client.get(url("organization_submit", "global", "wmde"))
    assert again.status_code == 302
    assert again.url == url("group_submit", "global", group.pk)


def test_someone_else_may_not_submit_for_an_organization(client, round_):
    OrganizationFactory(slug="wmde", representatives=[UserFactory()])
    client.force_login(UserFactory())

    assert client.get(url("organization_submit", "global", "wmde")).status_code == 403
    response = client.post(url("organization_submit", "global", "wmde"), submission())

    assert response.status_code == 403
    assert Group.objects.count() == 0


@pytest.mark.parametrize("case", ["not recognized", "round names its groups", "unknown"])
def test_an_organization_that_takes_no_part_is_404(client, round_, case):
    person = UserFactory()
    OrganizationFactory(
        slug="wmde",
        representatives=[person],
        status="suspended" if case == "not recognized" else "recognized",
    )
    if case == "round names its groups":
        round_.registry_groups = False
        round_.save()
    client.force_login(person)

    slug = "nope" if case == "unknown" else "wmde"
    assert client.get(url("organization_submit", "global", slug)).status_code == 404


# --- Organizers ----------------------------------------------------------------------------------


def test_an_organizer_votes_as_a_person_but_does_not_submit_for_groups(client, round_):
    from .factories import organizer_of

    organizer = organizer_of(round_)
    group = GroupFactory(round=round_, representatives=[UserFactory()])
    client.force_login(organizer)

    assert client.post(url("ballot", "global"), {"item-initiative-1": "1"}).status_code == 302
    assert client.get(url("group_submit", "global", group.pk)).status_code == 403
    assert client.post(url("group_submit", "global", group.pk), submission()).status_code == 403
    assert list(Ballot.objects.values_list("track", flat=True)) == ["individual"]


def test_after_the_close_the_round_page_links_ones_ballot_and_groups_submissions(client, round_):
    person = UserFactory()
    group = GroupFactory(round=round_, name="Hausa Wikipedians", representatives=[person])
    client.force_login(person)
    client.post(url("ballot", "global"), {"item-initiative-1": "1"})
    client.post(url("group_submit", "global", group.pk), submission())

    with time_machine.travel(CLOSES + timedelta(days=1), tick=False):
        page = text(client.get(url("round", "global")))

    assert "See your ballot" in page
    assert "Cast your ballot" not in page
    assert f'href="{url("group", "global", group.pk)}"' in page
    assert f'href="{url("group_submit", "global", group.pk)}"' not in page


def test_after_the_close_a_person_who_could_not_vote_is_told_it_closed(client):
    from tests.events.factories import EventFactory

    RoundFactory(slug="gc", individuals_event=EventFactory(), closes_at=NOW - timedelta(hours=1))
    client.force_login(UserFactory())

    page = text(client.get(url("ballot", "gc")))
    post = client.post(url("ballot", "gc"), {"item-initiative-1": "1"})

    assert "This round has closed; ballots can no longer change." in page
    assert "confirmed registrants" not in page
    assert post.status_code == 409
