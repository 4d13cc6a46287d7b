"""The report: hidden until published (but from its organizers), written and published by
them, translated with the outdated rule, with its figures, chart and map of the groups that
took part; exported as wikitext for Meta."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from convene.core.text import text_fingerprint
from convene.prioritization.models import Ballot, Group, ReportTranslation
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory

from .factories import NOW, BallotFactory, GroupFactory, RoundFactory, items_for
from .test_results_pages import (
    AFTER,
    COUNTED,
    count_data,
    counted,
    grow,
    organizer_of,
    without_tokens,
)

pytestmark = pytest.mark.django_db

NARRATIVE = "Nearly **50 communities** shared their priorities.\n\n## What stands out\n\nSafety."


def url(name, round_, *args, language="en"):
    with translation.override(language):
        return reverse(f"prioritization:{name}", args=[round_.slug, *args])


@pytest.fixture
def round_():
    round_ = RoundFactory(slug="global-2020", title="Global priorities 2020")
    items_for(round_, 3)
    return round_


def published(round_, text=NARRATIVE):
    round_.report = text
    round_.report_published_at = COUNTED
    round_.save()
    return round_


# --- visibility and publishing ---------------------------------------------------------------


@pytest.mark.parametrize("viewer", ["anonymous", "participant"])
def test_an_unpublished_report_is_not_found_but_says_why(client, round_, viewer):
    round_.report = NARRATIVE
    round_.save()
    if viewer == "participant":
        client.force_login(UserFactory())

    response = client.get(url("report", round_))

    html = response.content.decode()
    assert response.status_code == 404
    assert "The organizers have not published the report yet." in html
    assert "50 communities" not in html
    assert client.get(url("report_wikitext", round_)).status_code == 404


def test_organizers_read_their_unpublished_report(client, round_):
    round_.report = NARRATIVE
    round_.save()
    client.force_login(organizer_of(round_))

    html = client.get(url("report", round_)).content.decode()

    assert "Not published: only the organizers can read this report." in html
    assert "<strong>50 communities</strong>" in html
    assert f'href="{url("report_edit", round_)}"' in html


def test_an_organizer_writes_publishes_and_unpublishes_the_report(client, round_):
    organizer = organizer_of(round_)
    client.force_login(organizer)

    with time_machine.travel(AFTER, tick=False):
        response = client.post(
            url("report_edit", round_), {"report": NARRATIVE, "published": "on"}, follow=True
        )
    round_.refresh_from_db()
    assert response.redirect_chain == [(url("report_edit", round_), 302)]
    assert "The report is saved and published." in response.content.decode()
    assert round_.report == NARRATIVE
    assert round_.report_published_at == AFTER

    client.logout()
    html = client.get(url("report", round_)).content.decode()
    assert "<strong>50 communities</strong>" in html
    assert "<h2>What stands out</h2>" in html

    client.force_login(organizer)
    response = client.post(url("report_edit", round_), {"report": NARRATIVE}, follow=True)
    round_.refresh_from_db()
    assert round_.report_published_at is None
    assert "The report is saved; only organizers can read it." in response.content.decode()
    client.logout()
    assert client.get(url("report", round_)).status_code == 404


def test_publishing_again_keeps_the_first_publication_time(client, round_):
    published(round_)
    client.force_login(organizer_of(round_))

    with time_machine.travel(AFTER, tick=False):
        client.post(url("report_edit", round_), {"report": "Changed.", "published": "on"})

    round_.refresh_from_db()
    assert (round_.report, round_.report_published_at) == ("Changed.", COUNTED)


def test_an_empty_report_is_not_published(client, round_):
    client.force_login(organizer_of(round_))

    response = client.post(url("report_edit", round_), {"report": "  ", "published": "on"})

    assert response.status_code == 400
    assert "Write the report before publishing it." in response.content.decode()
    round_.refresh_from_db()
    assert round_.report_published_at is None


def test_only_organizers_write_or_translate_the_report(client, round_):
    assert client.get(url("report_edit", round_)).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(url("report_edit", round_)).status_code == 403
    assert client.post(url("report_edit", round_), {"report": "x"}).status_code == 403
    assert client.get(url("report_translate", round_, "fr")).status_code == 403
    round_.refresh_from_db()
    assert round_.report == ""


# --- translations ----------------------------------------------------------------------------


def test_a_reader_gets_the_translation_made_from_the_current_text(client, round_):
    published(round_)
    ReportTranslation.objects.create(
        round=round_,
        language="fr",
        report="Près de **50 communautés** ont partagé leurs priorités.",
        source_fingerprint=text_fingerprint(NARRATIVE),
    )

    html = client.get(url("report", round_, language="fr")).content.decode()

    assert '<article class="report" lang="fr" dir="auto">' in html
    assert "<strong>50 communautés</strong>" in html
    assert "50 communities" not in html


def test_an_outdated_translation_gives_way_to_the_source_with_a_note(client, round_):
    published(round_)
    ReportTranslation.objects.create(
        round=round_,
        language="fr",
        report="Ancien texte.",
        source_fingerprint=text_fingerprint("An older report."),
    )

    html = client.get(url("report", round_, language="fr")).content.decode()

    assert '<article class="report" lang="en" dir="auto">' in html
    assert "<strong>50 communities</strong>" in html
    assert "Ancien texte." not in html
    assert 'class="flag warn" lang="fr"' in html


def test_a_missing_translation_gives_the_source_with_a_note(client, round_):
    published(round_)

    with translation.override("en"):
        html = client.get(url("report", round_, language="de")).content.decode()

    assert '<article class="report" lang="en" dir="auto">' in html
    assert '<p class="flag" lang="de">' in html


def test_an_organizer_translates_the_report(client, round_):
    published(round_)
    organizer = organizer_of(round_)
    client.force_login(organizer)

    page = client.get(url("report_translate", round_, "ar")).content.decode()
    assert f'value="{text_fingerprint(NARRATIVE)}"' in page
    assert 'lang="ar"' in page
    response = client.post(
        url("report_translate", round_, "ar"),
        {"report": "شاركت **خمسون جماعة** أولوياتها.", "source": text_fingerprint(NARRATIVE)},
    )

    assert response.status_code == 302
    saved = ReportTranslation.objects.get(round=round_, language="ar")
    assert (saved.source_fingerprint, saved.translated_by) == (
        text_fingerprint(NARRATIVE),
        organizer,
    )
    client.logout()
    html = client.get(url("report", round_, language="ar")).content.decode()
    assert "<strong>خمسون جماعة</strong>" in html


def test_a_translation_of_a_text_changed_meanwhile_is_refused(client, round_):
    published(round_)
    client.force_login(organizer_of(round_))

    response = client.post(
        url("report_translate", round_, "fr"),
        {"report": "Traduit.", "source": text_fingerprint("What the translator read.")},
    )

    assert response.status_code == 400
    assert "The report changed while you were translating it." in response.content.decode()
    assert not ReportTranslation.objects.exists()


def test_the_edit_page_lists_every_translation_with_its_state(client, round_):
    published(round_)
    ReportTranslation.objects.create(
        round=round_,
        language="fr",
        report="À jour.",
        source_fingerprint=text_fingerprint(NARRATIVE),
    )
    ReportTranslation.objects.create(
        round=round_, language="es", report="Viejo.", source_fingerprint="old"
    )
    client.force_login(organizer_of(round_))

    html = client.get(url("report_edit", round_)).content.decode()

    table = html.split('aria-labelledby="translations"', 1)[1].split("</table>", 1)[0]
    states = dict(
        re.findall(
            r'report/translate/([a-z-]+)/">[^<]+</a></td>\s*<td><span class="badge (\w+)"', table
        )
    )
    assert states == {
        "ar": "err",
        "zh-hans": "err",
        "fr": "ok",
        "de": "err",
        "hi": "err",
        "id": "err",
        "pt-br": "err",
        "ru": "err",
        "es": "warn",
    }


def test_the_rounds_own_language_or_an_unknown_one_is_not_translated(client, round_):
    client.force_login(organizer_of(round_))

    assert client.get(url("report_translate", round_, "en")).status_code == 404
    assert client.get(url("report_translate", round_, "tlh")).status_code == 404


# --- figures, chart and map -------------------------------------------------------------------


def groups_that_took_part(round_):
    de = OrganizationFactory(name="Wikimedia Deutschland", countries=["DE", "AT"])
    fr = OrganizationFactory(name="Wikimédia France", countries=["FR"])
    quiet = OrganizationFactory(name="Not taking part", countries=["BR"])
    groups = [
        GroupFactory(
            round=round_,
            kind=Group.Kind.ORGANIZATION,
            organization=organization,
            name=organization.name,
            category="chapter",
        )
        for organization in (de, fr, quiet)
    ]
    groups.append(GroupFactory(round=round_, name="Arabic Wikipedia community", region="mena"))
    groups.append(GroupFactory(round=round_, name="Yoruba Wikipedia", region="sub_saharan_africa"))
    for group in groups[:2] + groups[3:]:
        BallotFactory(round=round_, track=Ballot.Track.GROUP, group=group, items=[])


def test_the_report_shows_the_top_items_clusters_and_the_groups_that_took_part(client, round_):
    published(round_)
    counted(round_)
    groups_that_took_part(round_)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("report", round_)).content.decode()

    assert "The first items under Schulze (All ballots)" in html
    top = html.split('id="top-items"', 1)[1].split("</table>", 1)[0]
    assert [
        re.sub(r"<[^>]+>", "", cell)
        for cell in re.findall(r"<td[^>]*>.*?</td>", top.split("<tbody>")[1])
    ] == [
        "1", "Initiative 1", "7", "3", "93.4%",
        "2", "Initiative 2", "5", "4", "71.2%",
        "3", "Initiative 3", "2", "2", "35.4%",
    ]  # fmt: skip
    assert len(re.findall(r'<rect class="chart-bar"', html)) == 3
    assert '<a href="#top-items">The same numbers as a table</a>' in html
    assert "A. Movement Charter" in html
    # The map colours the countries of the organizations that cast a ballot.
    svg = re.search(r'<svg class="map" id="groups-map".*?</svg>', html, flags=re.S).group(0)
    titles = re.findall(r"<title>([^<]+)</title>", svg)
    assert sorted(titles) == [
        "Austria: 1 participating organization",
        "France: 1 participating organization",
        "Germany: 1 participating organization",
    ]
    regions = html.split('aria-labelledby="regions"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<th scope="row">([^<]+)</th><td class="num">(\d+)</td>', regions) == [
        ("Sub-Saharan Africa", "1"),
        ("Europe", "2"),
        ("Middle East and North Africa", "1"),
    ]
    assert '<dt>Sub-Saharan Africa</dt><dd dir="auto">Yoruba Wikipedia</dd>' in html
    assert (
        '<dt>Middle East and North Africa</dt><dd dir="auto">Arabic Wikipedia community</dd>'
        in html
    )


def test_before_the_close_the_report_keeps_the_figures_hidden(client, round_):
    published(round_)
    counted(round_)

    with time_machine.travel(NOW, tick=False):
        html = client.get(url("report", round_)).content.decode()

    assert "<strong>50 communities</strong>" in html
    assert "The results are shown after the close." in html
    assert 'id="top-items"' not in html
    with time_machine.travel(NOW, tick=False):
        assert client.get(url("report_wikitext", round_)).status_code == 404


# --- wikitext ---------------------------------------------------------------------------------


def test_the_wikitext_for_meta(client, round_):
    published(round_, "Nearly **50 communities** took part.")
    count = counted(round_)
    data = count_data()
    data["tracks"] = {"group": data["tracks"]["group"]}
    data["clusters"] = {"group": data["clusters"]["group"]}
    count.data = data
    count.ballots = 2
    count.save()
    item = round_.items.get(identifier="initiative-3")
    item.title = "Safety | security [[x]]"
    item.save()

    with time_machine.travel(AFTER, tick=False):
        response = client.get(url("report_wikitext", round_))

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "== Global priorities 2020 ==\n"
        "Counted at 2020-11-23T01:30:00Z: 2 ballots.\n"
        "\n"
        "=== Report ===\n"
        "Nearly **50 communities** took part.\n"
        "\n"
        "=== Groups: 2 ballots ===\n"
        '{| class="wikitable sortable"\n'
        "! Place !! Item !! Approval !! Borda !! Copeland !! Schulze !! Ranked pairs"
        " !! Kemeny-Young !! In the top 2\n"
        "|-\n"
        "| 1 || Initiative 1 || 2 || 3 || 2 || 1 || 1 || 1 || 100.0%\n"
        "|-\n"
        "| 2 || Initiative 2 || 1 || 1 || 0.5 || 2 || 2 || 2 || 50.0%\n"
        "|-\n"
        "| 2 || <nowiki>Safety | security [[x]]</nowiki> || 1 || 1 || 0.5 || 2 || 2 || 2"
        " || 50.0%\n"
        "|}\n"
        "\n"
        '{| class="wikitable"\n'
        "! Cluster !! Items !! Ballots listing one of its items !! Borda !! Best place (Schulze)\n"
        "|-\n"
        "| A. Movement Charter || Initiative 1 and <nowiki>Safety | security [[x]]</nowiki>"
        " || 4 || 9 || 1\n"
        "|-\n"
        "| B. Safety || Initiative 2 || 4 || 5 || 2\n"
        "|}\n"
    )


# --- queries ----------------------------------------------------------------------------------

# Queries on a first reading of a count, and once its figures are kept. The round with its
# count (without its data), the report's translation (not in the round's language), the
# items, the clusters, the groups that took part; on a first reading, the count's data.
# Signed in: the session, the user, the header's moderation link, the round's organizers,
# the permissions (theirs, their groups'). The wikitext keeps nothing: it reads the data.
QUERIES = {
    ("report", "anonymous", "en"): (5, 4),
    ("report", "anonymous", "fr"): (6, 5),
    ("report", "participant", "en"): (11, 10),
    ("report_wikitext", "anonymous", "en"): (4, 4),
}


@pytest.mark.parametrize(("page", "viewer", "language"), list(QUERIES))
def test_the_report_takes_as_many_queries_with_3_or_30_items_and_ballots(
    client, round_, django_assert_num_queries, page, viewer, language
):
    published(round_)
    counted(round_)
    groups_that_took_part(round_)
    if viewer == "participant":
        client.force_login(UserFactory())
    address = url(page, round_, language=language)
    first, kept = QUERIES[page, viewer, language]
    with time_machine.travel(AFTER, tick=False):
        for number in (3, 27):
            grow(round_, number)
            with django_assert_num_queries(first):
                response = client.get(address)
            assert response.status_code == 200
            with django_assert_num_queries(kept):
                assert without_tokens(client.get(address)) == without_tokens(response)


def test_the_narrative_is_markdown_without_raw_html(client, round_):
    published(round_, "A <script>alert(1)</script> [link](javascript:alert(1)) and **bold**.")

    html = client.get(url("report", round_)).content.decode()

    assert "<script>alert" not in html
    assert 'href="javascript' not in html
    assert "<strong>bold</strong>" in html
