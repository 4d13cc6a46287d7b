"""The raw data page and who may download what: the ballots and the results only once the
results are visible (after the close, while open if the round says so, organizers at any
time); the items, the group submissions, the round and the Data Package always."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

from .factories import NOW, RoundFactory
from .test_data_files import AFTER, FILES, small_round, stored_count

pytestmark = pytest.mark.django_db

PUBLIC = {"items.csv", "groups.csv", "round.json", "datapackage.json"}
HIDDEN = {"ballots.csv", "results.json"}


def page_url(slug="gc-2020", lang="en"):
    with translation.override(lang):
        return reverse("prioritization:data", args=[slug])


def file_url(filename, slug="gc-2020"):
    with translation.override("en"):
        return reverse("prioritization:download", args=[slug, filename])


def sign_in(client, round_, people, role):
    if role == "participant":
        client.force_login(UserFactory())
    elif role == "voter":
        client.force_login(people["voter"])
    elif role == "representative":
        client.force_login(people["representative"])
    elif role == "organizer":
        organizer = UserFactory()
        round_.organizers.add(organizer)
        client.force_login(organizer)


def statuses(client):
    return {filename: client.get(file_url(filename)).status_code for filename in FILES}


def test_the_addresses_end_with_the_file_names():
    assert page_url() == "/en/prioritization/gc-2020/data/"
    assert file_url("ballots.csv") == "/en/prioritization/gc-2020/data/ballots.csv"
    assert file_url("datapackage.json") == "/en/prioritization/gc-2020/data/datapackage.json"


@pytest.mark.parametrize("role", ["visitor", "participant", "voter", "representative"])
def test_while_open_only_the_public_files_are_downloadable(client, role):
    round_, people = small_round()
    stored_count(round_)
    sign_in(client, round_, people, role)

    with time_machine.travel(NOW, tick=False):
        found = statuses(client)

    assert found == {filename: 200 if filename in PUBLIC else 403 for filename in FILES}


def test_organizers_download_everything_while_open(client):
    round_, people = small_round()
    stored_count(round_)
    sign_in(client, round_, people, "organizer")

    with time_machine.travel(NOW, tick=False):
        assert statuses(client) == dict.fromkeys(FILES, 200)


@pytest.mark.parametrize("role", ["visitor", "participant", "organizer"])
def test_after_the_close_everyone_downloads_everything(client, role):
    round_, people = small_round()
    stored_count(round_)
    sign_in(client, round_, people, role)

    with time_machine.travel(AFTER, tick=False):
        assert statuses(client) == dict.fromkeys(FILES, 200)


def test_a_round_showing_results_while_open_publishes_them_at_once(client):
    round_, _people = small_round()
    round_.results_before_close = True
    round_.save(update_fields=["results_before_close"])
    stored_count(round_)

    with time_machine.travel(NOW, tick=False):
        assert statuses(client) == dict.fromkeys(FILES, 200)


def test_the_page_describes_every_file_and_links_the_public_ones_while_open(client):
    small_round()

    with time_machine.travel(NOW, tick=False):
        response = client.get(page_url())

    assert response.status_code == 200
    html = response.content.decode()
    for filename in FILES:
        assert f"<code>{filename}</code>" in html
        link = f'href="{file_url(filename)}"'
        assert (link in html) == (filename in PUBLIC), filename
    assert "Individual ballots and the results are published when the round closes" in html
    # the columns of each table, rank_1 … rank_K for K = 3
    for column in ("identifier", "ballot", "rank_1 … rank_3", "participants", "reason"):
        assert f"<code>{column}</code>" in html
    assert "Groups: 2 ballots · Individuals: 2 ballots" in html
    assert "Not yet" in html  # not counted


def test_the_page_after_the_close_links_every_file(client):
    round_, _people = small_round()
    stored_count(round_)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(page_url()).content.decode()

    for filename in FILES:
        assert f'href="{file_url(filename)}"' in html
    assert "published when the round closes" not in html


def test_the_page_after_the_close_says_when_there_is_no_count_yet(client):
    small_round()

    with time_machine.travel(AFTER, tick=False):
        html = client.get(page_url()).content.decode()

    assert f'href="{file_url("ballots.csv")}"' in html
    assert f'href="{file_url("results.json")}"' not in html
    assert "Not counted yet" in html


def test_the_page_of_an_unknown_round_is_not_found(client):
    assert client.get(page_url("nothing")).status_code == 404


def test_the_page_speaks_arabic(client):
    RoundFactory(slug="gc-2020", title="المحادثات العالمية")

    with time_machine.travel(NOW, tick=False):
        response = client.get(page_url(lang="ar"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "المحادثات العالمية" in html


def test_a_hidden_file_is_refused_on_the_site_s_page(client):
    small_round()

    with time_machine.travel(NOW, tick=False):
        response = client.get(file_url("ballots.csv"))

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
