"""The results page: hidden until the close but for the number of ballots, then every
method side by side from a hand-made count, the method switch, the tracks, the results by
region, kind and cluster, the counting rules; the organizers' "count again now"."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from convene.prioritization.models import Ballot, Count
from tests.factories import UserFactory

from .factories import NOW, BallotFactory, ClusterFactory, GroupFactory, RoundFactory, items_for

pytestmark = pytest.mark.django_db

AFTER = datetime(2020, 11, 24, 9, tzinfo=UTC)
COUNTED = datetime(2020, 11, 23, 1, 30, tzinfo=UTC)


def tally(
    *,
    ballots: int,
    approval: list[int],
    borda: list[int],
    copeland: list[float],
    schulze: list[list[int]],
    kemeny: list[list[int]] | None = None,
    shares: list[float] | None = None,
    ids: list[str] | None = None,
) -> dict:
    """One track's TALLY over items initiative-1 … initiative-n (tiers as item numbers)."""
    ids = ids or [f"initiative-{n}" for n in range(1, len(approval) + 1)]

    def named(tiers):
        return [[ids[n - 1] for n in tier] for tier in tiers]

    def tiers_of(scores):
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        tiers: list[list[int]] = []
        for i in order:
            if tiers and scores[tiers[-1][0] - 1] == scores[i]:
                tiers[-1].append(i + 1)
            else:
                tiers.append([i + 1])
        return named(tiers)

    methods = ["schulze", "ranked_pairs", "kemeny", "copeland", "borda", "approval"]
    if kemeny is None:
        methods.remove("kemeny")
    return {
        "ballots": ballots,
        "support": [[0] * len(ids) for _ in ids],
        "approval": dict(zip(ids, approval, strict=True)),
        "borda": dict(zip(ids, borda, strict=True)),
        "copeland": dict(zip(ids, copeland, strict=True)),
        "schulze": named(schulze),
        "ranked_pairs": named(schulze),
        "kemeny": named(kemeny) if kemeny is not None else None,
        "kemeny_status": "optimal" if kemeny is not None else "time_limit",
        "orders": {
            "approval": tiers_of(approval),
            "borda": tiers_of(borda),
            "copeland": tiers_of(copeland),
        },
        "agreement": {
            a: {b: (1.0 if a == b else (0.33 if "approval" in (a, b) else 1.0)) for b in methods}
            for a in methods
        },
        "stability": {
            "top": 2,
            "resamples": 1000,
            "shares": dict(zip(ids, shares or [0.934, 0.712, 0.354][: len(ids)], strict=True)),
        },
    }


def brief(ballots, approval, borda, schulze):
    ids = [f"initiative-{n}" for n in range(1, len(approval) + 1)]
    return {
        "ballots": ballots,
        "approval": dict(zip(ids, approval, strict=True)),
        "borda": dict(zip(ids, borda, strict=True)),
        "schulze": [[ids[n - 1] for n in tier] for tier in schulze],
    }


def count_data(*, kemeny=True, clusters=True) -> dict:
    """A count of 5 ballots (2 of groups, 3 of individuals) over 3 items. Schulze: 1, 2, 3;
    approval puts initiative-2 first."""
    all_ = tally(
        ballots=5,
        approval=[3, 4, 2],
        borda=[7, 5, 2],
        copeland=[2.0, 1.0, 0.0],
        schulze=[[1], [2], [3]],
        kemeny=[[1], [2], [3]] if kemeny else None,
    )
    group = tally(
        ballots=2,
        approval=[2, 1, 1],
        borda=[3, 1, 1],
        copeland=[2.0, 0.5, 0.5],
        schulze=[[1], [2, 3]],
        kemeny=[[1], [2, 3]] if kemeny else None,
        shares=[1.0, 0.5, 0.5],
    )
    individual = tally(
        ballots=3,
        approval=[1, 3, 1],
        borda=[2, 5, 1],
        copeland=[1.0, 2.0, 0.0],
        schulze=[[2], [1], [3]],
        kemeny=[[2], [1], [3]] if kemeny else None,
    )
    data = {
        "format": 1,
        "items": ["initiative-1", "initiative-2", "initiative-3"],
        "ballot_form": "ranked",
        "max_items": 5,
        "seed": 20201123,
        "tracks": {"group": group, "individual": individual, "all": all_},
        "by_region": {
            "group": {
                "europe": brief(1, [1, 0, 1], [2, 0, 1], [[1], [3], [2]]),
                "mena": brief(1, [1, 1, 0], [1, 1, 0], [[1, 2], [3]]),
            }
        },
        "by_kind": {"group": {"community": brief(2, [2, 1, 1], [3, 1, 1], [[1], [2, 3]])}},
        "clusters": {},
    }
    if clusters:
        data["clusters"] = {
            track: {
                "A": {
                    "name": "Movement Charter",
                    "items": ["initiative-1", "initiative-3"],
                    "approval": 4,
                    "borda": 9,
                    "best_tier": 0,
                },
                "B": {
                    "name": "Safety",
                    "items": ["initiative-2"],
                    "approval": 4,
                    "borda": 5,
                    "best_tier": 1,
                },
            }
            for track in ("group", "individual", "all")
        }
    return data


@pytest.fixture
def round_():
    round_ = RoundFactory(slug="global-2020", title="Global priorities 2020")
    items_for(round_, 3)
    return round_


def counted(round_, **options) -> Count:
    a = ClusterFactory(round=round_, code="A", name="Movement Charter", position=1)
    b = ClusterFactory(round=round_, code="B", name="Safety", position=2)
    round_.items.filter(identifier__in=["initiative-1", "initiative-3"]).update(cluster=a)
    round_.items.filter(identifier="initiative-2").update(cluster=b)
    return Count.objects.create(
        round=round_, counted_at=COUNTED, ballots=5, data=count_data(**options)
    )


def url(name, round_, *, query="", language="en"):
    with translation.override(language):
        return reverse(f"prioritization:{name}", args=[round_.slug]) + query


def table_rows(html: str, table_id: str = "results") -> list[list[str]]:
    """The text of each body row's cells of the table `table_id`."""
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
        rows.append([" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells])
    return rows


def without_tokens(response) -> str:
    """A page without its CSRF tokens, which differ at each request of a signed-in reader."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def organizer_of(round_):
    person = UserFactory()
    round_.organizers.add(person)
    return person


# --- hidden until the close ------------------------------------------------------------------


@pytest.mark.parametrize("viewer", ["anonymous", "participant"])
def test_before_the_close_the_results_are_hidden_but_the_ballots_are_counted(
    client, round_, viewer
):
    counted(round_)
    for _number in range(2):
        BallotFactory(
            round=round_, track=Ballot.Track.GROUP, group=GroupFactory(round=round_), items=[]
        )
    BallotFactory(round=round_, voter=UserFactory())
    if viewer == "participant":
        client.force_login(UserFactory())

    with time_machine.travel(NOW, tick=False):
        response = client.get(url("results", round_))

    html = response.content.decode()
    assert response.status_code == 200
    assert "The results are shown after the close." in html
    assert '<p id="ballots">2 group ballots and 1 individual ballot</p>' in html
    assert 'id="results"' not in html
    assert "<svg" not in html
    assert "Count again now" not in html


def test_an_organizer_sees_the_results_before_the_close_and_may_count_again(client, round_):
    counted(round_)
    client.force_login(organizer_of(round_))

    with time_machine.travel(NOW, tick=False):
        html = client.get(url("results", round_)).content.decode()

    assert "The results are shown after the close." not in html
    assert table_rows(html)[0][:2] == ["1", "Initiative 1 initiative-1"]
    assert f'action="{url("count", round_)}"' in html
    assert "Count again now" in html


def test_a_round_may_show_its_results_while_open(client, round_):
    round_.results_before_close = True
    round_.save()
    counted(round_)

    with time_machine.travel(NOW, tick=False):
        html = client.get(url("results", round_)).content.decode()

    assert 'id="results"' in html
    assert "Count again now" not in html


def test_after_the_close_everyone_sees_every_method_side_by_side(client, round_):
    counted(round_)

    with time_machine.travel(AFTER, tick=False):
        response = client.get(url("results", round_))

    html = response.content.decode()
    assert response.status_code == 200
    # The ballots as counted, "all" first; the time of the count.
    assert '<p id="ballots">2 group ballots and 3 individual ballots</p>' in html
    assert '<time datetime="2020-11-23T01:30:00Z">' in html
    assert "All ballots: 5 ballots" in html
    assert table_rows(html) == [
        ["1", "Initiative 1 initiative-1", "3", "7", "2", "1", "1", "1", "93.4%"],
        ["2", "Initiative 2 initiative-2", "4", "5", "1", "2", "2", "2", "71.2%"],
        ["3", "Initiative 3 initiative-3", "2", "2", "0", "3", "3", "3", "35.4%"],
    ]
    assert '<th scope="col" class="num">In the top 2</th>' in html
    # The tracks as links, the current one marked.
    assert html.count('aria-current="page"') == 1
    assert f'href="{url("results", round_)}?track=group&amp;method=schulze"' in html


def test_the_method_switch_orders_the_items_without_script(client, round_):
    counted(round_)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("results", round_, query="?method=approval")).content.decode()

    assert [row[:3] for row in table_rows(html)] == [
        ["1", "Initiative 2 initiative-2", "4"],
        ["2", "Initiative 1 initiative-1", "3"],
        ["3", "Initiative 3 initiative-3", "2"],
    ]
    current = re.findall(r'<a href="([^"]+)" aria-current="true">([^<]+)</a>', html)
    assert current == [
        (
            "/en/prioritization/global-2020/results/?track=all&amp;method=approval#results-table",
            "Approval",
        )
    ]
    # An approval order draws approval bars.
    assert "Ballots listing each item (All ballots)" in html


def test_an_unknown_method_or_track_falls_back_to_the_defaults(client, round_):
    counted(round_)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(
            url("results", round_, query="?method=dice&track=nobody")
        ).content.decode()

    assert [row[1] for row in table_rows(html)] == [
        "Initiative 1 initiative-1",
        "Initiative 2 initiative-2",
        "Initiative 3 initiative-3",
    ]
    assert "All ballots: 5 ballots" in html


def test_a_track_shows_its_own_ballots_regions_kinds_and_clusters(client, round_):
    counted(round_)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("results", round_, query="?track=group")).content.decode()

    assert "Groups: 2 ballots" in html
    # Tied items share a place and the next place is skipped.
    assert table_rows(html) == [
        ["1", "Initiative 1 initiative-1", "2", "3", "2", "1", "1", "1", "100.0%"],
        ["2", "Initiative 2 initiative-2", "1", "1", "0.5", "2", "2", "2", "50.0%"],
        ["2", "Initiative 3 initiative-3", "1", "1", "0.5", "2", "2", "2", "50.0%"],
    ]
    region_table = html.split('aria-labelledby="by-region">', 1)[1].split("</table>", 1)[0]
    assert " ".join(re.sub(r"<[^>]+>", " ", region_table).split()) == (
        "Region Ballots First under Schulze Listed most often "
        "Europe 1 1. Initiative 1 2. Initiative 3 3. Initiative 2 "
        "Initiative 1 (1) Initiative 3 (1) "
        "Middle East and North Africa 1 1. Initiative 1 1. Initiative 2 3. Initiative 3 "
        "Initiative 1 (1) Initiative 2 (1)"
    )
    assert "By kind of group" in html
    kind_table = html.split('aria-labelledby="by-kind"', 1)[1].split("</table>", 1)[0]
    assert "Communities" in kind_table
    cluster_rows = table_rows(
        html.replace(
            'aria-labelledby="clusters"><table>',
            'aria-labelledby="clusters"><table id="cluster-table">',
        ),
        "cluster-table",
    )
    assert cluster_rows == [
        ["A. Movement Charter", "Initiative 1 Initiative 3", "4", "9", "1"],
        ["B. Safety", "Initiative 2", "4", "5", "2"],
    ]


def test_kemeny_not_computed_is_said_in_each_row_and_its_order_falls_back(client, round_):
    counted(round_, kemeny=False)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("results", round_, query="?method=kemeny")).content.decode()

    assert [row[7] for row in table_rows(html)] == ["not computed"] * 3
    assert (
        "Kemeny-Young is not computed for these ballots: its exact order could not be proven "
        "within the time limit."
    ) in html
    assert (
        "Kemeny-Young was not computed for these ballots: the items are in the order of Schulze."
        in html
    )
    assert table_rows(html)[0][1] == "Initiative 1 initiative-1"


def test_the_agreement_between_methods_is_a_table(client, round_):
    counted(round_)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("results", round_)).content.decode()

    table = html.split('aria-labelledby="agreement"', 1)[1].split("</table>", 1)[0]
    header = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert header == ["Schulze", "Ranked pairs", "Kemeny-Young", "Copeland", "Borda", "Approval"]
    assert (
        '<tr><th scope="row">Approval</th>'
        + '<td class="num">0.33</td>' * 5
        + '<td class="num">1.00</td></tr>'
        in table
    )


def test_numbers_are_written_in_the_readers_language(client, round_):
    counted(round_)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("results", round_, language="fr")).content.decode()

    assert '<td class="num">93,4\u00a0%</td>' in html
    assert table_rows(html)[1][4] == "1"


def test_titles_are_shown_in_the_readers_language_when_translated(client, round_):
    from convene.prioritization.models import ItemTranslation

    counted(round_)
    item = round_.items.get(identifier="initiative-2")
    ItemTranslation.objects.create(item=item, language="ar", title="المبادرة الثانية")

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("results", round_, language="ar")).content.decode()

    assert '<span lang="ar" dir="auto">المبادرة الثانية</span>' in html
    assert '<span lang="en" dir="auto">Initiative 1</span>' in html


def test_the_counting_rules_are_written_on_the_page(client, round_):
    counted(round_)

    with time_machine.travel(AFTER, tick=False):
        html = " ".join(client.get(url("results", round_)).content.decode().split())

    assert (
        "The items a ballot does not rank tie with one another, below every item it ranks." in html
    )
    assert "with replacement, 1000 times (NumPy's random generator with seed 20201123)" in html
    assert "among the first 2 (ties at the edge included)" in html


def test_the_chart_draws_the_borda_scores_with_the_table_beside(client, round_):
    counted(round_)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("results", round_)).content.decode()

    svg = re.search(r"<svg class=\"chart\".*?</svg>", html, flags=re.S).group(0)
    assert 'role="img"' in svg
    assert '<title id="chart-all-title">Borda score of each item (All ballots)</title>' in svg
    assert re.findall(r'<rect class="chart-bar" x="0.00%" y="\d+" width="([\d.]+)%"', svg) == [
        "78.00",
        "55.71",
        "22.29",
    ]
    assert '<a href="#results">The same numbers as a table</a>' in html


def test_a_round_never_counted_says_so(client, round_):
    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("results", round_)).content.decode()

    assert "The ballots have not been counted yet." in html
    assert '<p id="ballots">0 group ballots and 0 individual ballots</p>' in html


def test_an_unknown_round_is_not_found(client):
    assert client.get("/en/prioritization/nothing-here/results/").status_code == 404


# --- count again ----------------------------------------------------------------------------


def test_an_organizer_counts_again_with_a_post(client, round_):
    items = list(round_.items.order_by("position"))
    BallotFactory(round=round_, voter=UserFactory(), items=[items[1], items[0]])
    BallotFactory(round=round_, voter=UserFactory(), items=[items[1]])
    client.force_login(organizer_of(round_))

    with time_machine.travel(NOW, tick=False):
        response = client.post(url("count", round_), follow=True)

    assert response.redirect_chain == [(url("results", round_), 302)]
    assert "Counted again: 2 ballots." in response.content.decode()
    count = Count.objects.get(round=round_)
    assert count.ballots == 2
    assert count.data["tracks"]["all"]["schulze"][0] == ["initiative-2"]
    assert table_rows(response.content.decode())[0][1] == "Initiative 2 initiative-2"


def test_counting_again_is_for_organizers_and_by_post_only(client, round_):
    with time_machine.travel(NOW, tick=False):
        anonymous = client.post(url("count", round_))
        client.force_login(UserFactory())
        participant = client.post(url("count", round_))
        client.force_login(organizer_of(round_))
        by_get = client.get(url("count", round_))

    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert participant.status_code == 403
    assert by_get.status_code == 405
    assert not Count.objects.filter(round=round_).exists()


# --- queries ----------------------------------------------------------------------------------


def grow(round_, number):
    """`number` more items, groups and ballots, and a count that names them."""
    from convene.prioritization.models import Item

    start = round_.items.count()
    new = [
        Item.objects.create(
            round=round_, identifier=f"initiative-{n}", title=f"Initiative {n}", position=n
        )
        for n in range(start + 1, start + number + 1)
    ]
    for item in new:
        group = GroupFactory(round=round_)
        BallotFactory(round=round_, track=Ballot.Track.GROUP, group=group, items=[item])
        BallotFactory(round=round_, voter=UserFactory(), items=[item])
    ids = list(round_.items.order_by("position").values_list("identifier", flat=True))
    n = len(ids)
    count = Count.objects.get(round=round_)
    data = count_data()
    for track in ("group", "individual", "all"):
        data["tracks"][track] = tally(
            ballots=n,
            approval=list(range(n, 0, -1)),
            borda=list(range(n, 0, -1)),
            copeland=[float(x) for x in range(n, 0, -1)],
            schulze=[[i] for i in range(1, n + 1)],
            kemeny=[[i] for i in range(1, n + 1)],
            shares=[0.5] * n,
            ids=ids,
        )
    data["items"] = ids
    count.data = data
    count.ballots = 2 * n
    count.save()


# page, viewer: queries on a first reading of a count, and once its tables are kept
# (`views.results._piece`). Anonymous: the round with its count (without its data), its
# items, its clusters, the models of affiliation (the kinds' names); on a first reading the
# count's data. Signed in: the session, the user, the header's moderation link, the round's
# organizers and the permission (rules.can_organize: the user's permissions and their
# groups').
QUERIES = {
    ("results", "anonymous", ""): (5, 4),
    ("results", "anonymous", "?track=all&method=borda"): (5, 4),
    ("results", "participant", ""): (11, 10),
    ("results", "organizer", ""): (9, 8),
}


@pytest.mark.parametrize(("page", "viewer", "query"), list(QUERIES))
def test_the_results_page_takes_as_many_queries_with_3_or_30_items_and_ballots(
    client, round_, django_assert_num_queries, page, viewer, query
):
    counted(round_)
    if viewer == "participant":
        client.force_login(UserFactory())
    elif viewer == "organizer":
        client.force_login(organizer_of(round_))
    address = url(page, round_, query=query or "?track=group")
    first, kept = QUERIES[page, viewer, query]
    with time_machine.travel(AFTER, tick=False):
        for number in (3, 27):
            grow(round_, number)
            with django_assert_num_queries(first):
                response = client.get(address)
            assert response.status_code == 200
            with django_assert_num_queries(kept):
                assert without_tokens(client.get(address)) == without_tokens(response)


def test_hidden_results_take_as_many_queries_with_3_or_30_ballots(
    client, round_, django_assert_num_queries
):
    """The round with its count, and the ballots counted by track."""
    counted(round_)
    with time_machine.travel(NOW, tick=False):
        for number in (3, 27):
            grow(round_, number)
            with django_assert_num_queries(2):
                response = client.get(url("results", round_))
            assert "The results are shown after the close." in response.content.decode()


# --- weight -----------------------------------------------------------------------------------


def test_the_pages_stay_small_with_45_items_and_the_map(client, round_):
    """A first visit is under 60 KB on the wire with the stylesheet and script: the pages'
    HTML, compressed, stays well under it with 45 items, every region and the map."""
    import gzip

    from tests.organizations.factories import OrganizationFactory

    counted(round_)
    grow(round_, 42)
    count = Count.objects.get(round=round_)
    ids = count.data["items"]
    regions = ["europe", "mena", "asia_pacific", "north_america", "sub_saharan_africa",
               "south_latin_america", "international"]  # fmt: skip
    count.data["by_region"] = {
        "group": {
            region: brief(10, list(range(45)), list(range(45)), [[n] for n in range(1, 46)])
            for region in regions
        }
    }
    count.data["clusters"] = {
        "all": {
            code: {"name": f"Cluster {code}", "items": ids[i * 5 : i * 5 + 5], "approval": 9,
                   "borda": 99, "best_tier": i}
            for i, code in enumerate("ABCDEFGH")
        }
    }  # fmt: skip
    count.save()
    for code in ["DE", "FR", "NG", "IN", "BR", "US", "EG", "ID", "AR", "KE"]:
        organization = OrganizationFactory(countries=[code])
        group = GroupFactory(
            round=round_, kind="organization", organization=organization, name=organization.name
        )
        BallotFactory(round=round_, track=Ballot.Track.GROUP, group=group, items=[])
    round_.report = "A report of a few paragraphs. " * 60
    round_.report_published_at = COUNTED
    round_.save()

    with time_machine.travel(AFTER, tick=False):
        sizes = {
            name: len(gzip.compress(client.get(url(name, round_)).content))
            for name in ("results", "report")
        }
    assert sizes["results"] < 15_000
    assert sizes["report"] < 30_000


def test_the_kept_tables_change_with_a_new_count_or_a_renamed_item(client, round_):
    count = counted(round_)

    with time_machine.travel(AFTER, tick=False):
        first = client.get(url("results", round_)).content.decode()
        again = client.get(url("results", round_)).content.decode()
        item = round_.items.get(identifier="initiative-1")
        item.title = "Movement Charter"
        item.save()
        renamed = client.get(url("results", round_)).content.decode()
        count.data = count_data(kemeny=False)
        count.counted_at = AFTER
        count.save()
        recounted = client.get(url("results", round_)).content.decode()

    assert first == again
    assert table_rows(renamed)[0][1] == "Movement Charter initiative-1"
    assert [row[7] for row in table_rows(recounted)] == ["not computed"] * 3


def test_a_round_of_chosen_items_draws_approval_and_says_its_rule(client, round_):
    round_.ballot_form = "choose"
    round_.save()
    counted(round_)

    with time_machine.travel(AFTER, tick=False):
        html = " ".join(client.get(url("results", round_)).content.decode().split())

    assert "Ballots listing each item (All ballots)" in html
    assert "Each bar is the number of ballots that list the item." in html
    assert "A ballot chooses up to 5 items, without order." in html
    assert "The items a ballot chooses tie with one another" in html


def test_in_arabic_the_chart_grows_from_the_right_and_titles_keep_their_direction(client, round_):
    from convene.prioritization.models import ItemTranslation

    counted(round_)
    ItemTranslation.objects.create(
        item=round_.items.get(identifier="initiative-1"), language="ar", title="ميثاق الحركة"
    )

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("results", round_, language="ar")).content.decode()

    svg = re.search(r'<svg class="chart".*?</svg>', html, flags=re.S).group(0)
    assert re.findall(r'<rect class="chart-bar" x="([\d.]+)%"', svg) == ["22.00", "44.29", "77.71"]
    assert (
        '<text class="chart-label" x="100%" y="16" font-size="14" fill="currentColor" '
        'direction="rtl" unicode-bidi="isolate" text-anchor="start" lang="ar">'
        '<tspan x="100%" dy="0">ميثاق الحركة</tspan></text>'
    ) in svg
    assert (
        'direction="ltr" unicode-bidi="isolate" text-anchor="end" lang="en"><tspan x="100%" dy="0">Initiative 2'
        in svg
    )


def test_peoples_text_is_escaped_on_the_results_page(client, round_):
    counted(round_)
    round_.items.filter(identifier="initiative-1").update(title="<script>alert(1)</script>")
    round_.title = "<b>Round</b>"
    round_.save()

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("results", round_)).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Round</b>" not in html


def test_the_time_of_the_count_follows_each_readers_zone_around_the_kept_tables(client, round_):
    from django.conf import settings

    counted(round_)
    pages = {}
    with time_machine.travel(AFTER, tick=False):
        for zone in ("UTC", "Asia/Tokyo"):
            client.cookies[settings.TIMEZONE_COOKIE_NAME] = zone
            pages[zone] = client.get(url("results", round_)).content.decode()

    assert "01:30" in pages["UTC"].split('<time datetime="2020-11-23T01:30:00Z">')[1][:60]
    assert "10:30" in pages["Asia/Tokyo"].split('<time datetime="2020-11-23T01:30:00Z">')[1][:60]
    assert table_rows(pages["UTC"]) == table_rows(pages["Asia/Tokyo"])


def test_large_numbers_are_grouped_as_the_readers_language_groups_them(client, round_):
    count = counted(round_)
    count.data["clusters"]["all"]["A"]["borda"] = 1234567
    count.data["by_region"]["group"]["europe"]["ballots"] = 12000
    count.save()

    with time_machine.travel(AFTER, tick=False):
        english = client.get(url("results", round_)).content.decode()
        german = client.get(url("results", round_, query="?track=group", language="de")).content
        german = german.decode()

    assert '<td class="num">1,234,567</td>' in english
    assert '<td class="num">12.000</td>' in german
