"""The ballot's and the group submission's forms: what they take, and what they say when
something is wrong, next to the control at fault, in the reader's language."""

import pytest

from convene.prioritization.forms.ballots import BallotForm, GroupSubmissionForm
from convene.prioritization.selectors_ballots import by_heading, items_shown
from tests.events.factories import EventFactory

from .factories import ItemFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    round_ = RoundFactory(max_items=3)
    for number in range(1, 7):
        ItemFactory(
            round=round_,
            identifier=f"initiative-{number}",
            title=f"Initiative {number}",
            heading=f"Recommendation {(number + 1) // 2}",
            position=number,
        )
    return round_


def ballot_form(round_, data):
    items = items_shown(round_=round_, language="en")
    return BallotForm(data, round_=round_, headings=by_heading(items))


def test_the_ranked_form_has_a_rank_per_item_grouped_by_heading(round_):
    form = ballot_form(round_, None)

    rows = form.rows()
    assert [heading.name for heading, _fields in rows] == [
        "Recommendation 1",
        "Recommendation 2",
        "Recommendation 3",
    ]
    assert [item.identifier for item, _field in rows[0][1]] == ["initiative-1", "initiative-2"]
    assert list(form.fields["item-initiative-1"].choices) == [
        ("", "—"),
        (1, "1"),
        (2, "2"),
        (3, "3"),
    ]


def test_ranks_give_the_order(round_):
    form = ballot_form(
        round_, {"item-initiative-5": "1", "item-initiative-2": "3", "item-initiative-1": ""}
    )

    assert form.is_valid(), form.errors
    assert form.identifiers == ["initiative-5", "initiative-2"]


def test_a_rank_given_twice_is_shown_on_each_item(round_):
    form = ballot_form(round_, {"item-initiative-5": "1", "item-initiative-2": "1"})

    assert not form.is_valid()
    message = "Rank 1 is given to Initiative 2 and Initiative 5: give each rank once."
    assert form.errors == {"item-initiative-2": [message], "item-initiative-5": [message]}


def test_an_empty_ballot_is_refused(round_):
    form = ballot_form(round_, {"item-initiative-1": ""})

    assert not form.is_valid()
    assert form.non_field_errors() == ["Choose at least one item."]


def test_a_rank_beyond_k_is_not_a_choice(round_):
    form = ballot_form(round_, {"item-initiative-1": "4"})

    assert not form.is_valid()
    assert form.errors["item-initiative-1"] == [
        "Select a valid choice. 4 is not one of the available choices."
    ]


def test_the_choose_form_takes_up_to_k_ticks():
    round_ = RoundFactory(ballot_form="choose", max_items=2)
    for number in range(1, 5):
        ItemFactory(round=round_, identifier=f"initiative-{number}", position=number)

    good = ballot_form(round_, {"item-initiative-3": "on", "item-initiative-1": "on"})
    too_many = ballot_form(
        round_, {"item-initiative-3": "on", "item-initiative-1": "on", "item-initiative-2": "on"}
    )

    assert good.is_valid()
    assert good.identifiers == ["initiative-1", "initiative-3"]
    assert not too_many.is_valid()
    assert too_many.non_field_errors() == ["A ballot lists at most 2 items."]


# --- A group's submission ------------------------------------------------------------------------


def group_form(round_, data):
    items = items_shown(round_=round_, language="en")
    return GroupSubmissionForm(data, round_=round_, headings=by_heading(items))


def test_a_group_lists_its_priorities_in_order_with_reasons(round_):
    event = EventFactory()
    form = group_form(
        round_,
        {
            "priority_1": "initiative-4",
            "reason_1": " Most urgent ",
            "priority_2": "",
            "priority_3": "initiative-2",
            "participants": "12",
            "discussion_place": "Village pump",
            "notes_url": "meta.example.org/notes",
            "event": str(event.pk),
            "missing": "Offline access",
        },
    )

    assert form.is_valid(), form.errors
    assert form.identifiers == ["initiative-4", "initiative-2"]
    assert form.reasons == {"initiative-4": "Most urgent"}
    assert form.cleaned_data["notes_url"] == "https://meta.example.org/notes"
    assert form.cleaned_data["event"] == event
    # The items are offered under their headings.
    assert form.fields["priority_1"].choices[1] == (
        "Recommendation 1",
        [("initiative-1", "Initiative 1"), ("initiative-2", "Initiative 2")],
    )


def test_an_item_listed_twice_is_shown_where_it_repeats(round_):
    form = group_form(round_, {"priority_1": "initiative-4", "priority_2": "initiative-4"})

    assert not form.is_valid()
    assert form.errors == {
        "priority_2": ["This item is already priority 1; choose each item once."]
    }


def test_a_reason_without_an_item_is_refused(round_):
    form = group_form(round_, {"priority_1": "initiative-4", "reason_2": "Why?"})

    assert not form.is_valid()
    assert form.errors == {"priority_2": ["Choose the item this reason is for."]}


def test_a_group_lists_at_least_one_item(round_):
    form = group_form(round_, {"participants": "3"})

    assert not form.is_valid()
    assert form.non_field_errors() == ["Choose at least one item."]


def test_an_unpublished_event_is_not_offered(round_):
    draft = EventFactory(is_published=False)

    form = group_form(round_, {"priority_1": "initiative-1", "event": str(draft.pk)})

    assert not form.is_valid()
    assert list(form.errors) == ["event"]
