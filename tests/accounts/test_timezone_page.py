"""Choosing a time zone by city or country, without script, on the time zone page and the
profile; the header says the zone's city in the viewer's language."""

import re

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def select(html: str) -> str:
    return re.search(r'<select name="timezone".*?</select>', html, re.S).group(0)


def tzline(html: str) -> str:
    return re.search(r'<p class="tzline">(.*?)</p>', html, re.S).group(1)


def test_the_page_lists_zones_by_region_named_in_the_viewers_language(client):
    response = client.get("/ru/timezone/")

    assert response.status_code == 200
    html = response.text
    assert '<optgroup label="Азия">' in html
    assert '<option value="Asia/Kolkata">Калькутта — Индия (GMT+05:30)</option>' in html
    assert '<option value="UTC" selected>' in html  # the zone times are shown in now
    assert "Asia/Calcutta" not in html


def test_search_without_script_keeps_the_matching_zones_first_one_chosen(client):
    response = client.get("/ru/timezone/", {"q": "индия", "next": "/ru/events/"})

    html = response.text
    assert select(html).count("<option") == 1
    assert '<option value="Asia/Kolkata" selected>Калькутта — Индия (GMT+05:30)</option>' in html
    assert '<input type="hidden" name="next" value="/ru/events/">' in html
    assert 'value="индия"' in html


def test_search_in_english_on_a_page_in_another_language(client):
    html = client.get("/ar/timezone/", {"q": "Sao Paulo"}).text

    assert '<option value="America/Sao_Paulo" selected>' in select(html)
    assert select(html).count("<option") == 1


def test_search_that_finds_nothing_says_so_and_keeps_every_zone(client):
    html = client.get("/en/timezone/", {"q": "Atlantis"}).text

    assert "No time zone matches “<bdi>Atlantis</bdi>”." in html
    assert select(html).count("<option") > 400


def test_search_text_is_escaped(client):
    html = client.get("/en/timezone/", {"q": "<script>x</script>"}).text

    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_search_count_is_plural(client):
    html = client.get("/en/timezone/", {"q": "argentina"}).text

    assert re.search(r"\d+ time zones match “<bdi>argentina</bdi>”: choose one below.", html)


def test_choosing_from_the_search_saves_the_zone(client):
    response = client.post("/en/timezone/", {"timezone": "Asia/Kolkata", "next": "/en/events/"})

    assert response.status_code == 302
    assert response.cookies["convene_tz"].value == "Asia/Kolkata"


def test_an_old_name_in_the_cookie_is_shown_as_its_city_in_the_header(client):
    client.cookies["convene_tz"] = "Asia/Calcutta"

    ru = client.get("/ru/timezone/").text
    ar = client.get("/ar/timezone/").text

    assert "Калькутта" in tzline(ru) and "Asia/" not in tzline(ru)
    assert "كالكتا" in tzline(ar) and "Asia/" not in tzline(ar)
    assert '<option value="Asia/Kolkata" selected>' in select(ru)


def test_header_in_english_names_the_city(client):
    client.cookies["convene_tz"] = "America/Argentina/Buenos_Aires"

    html = client.get("/en/events/").text

    assert "Times in Buenos Aires" in tzline(html)


def test_profile_shows_an_old_stored_name_as_its_zone_and_keeps_it(client):
    user = UserFactory(timezone="Asia/Calcutta")
    client.force_login(user)

    html = client.get("/en/me/").text

    assert '<option value="Asia/Kolkata" selected>Kolkata — India (GMT+05:30)</option>' in html
    assert '<option value="">Use my browser&#x27;s time zone</option>' in html


def test_profile_search_narrows_its_list(client):
    client.force_login(UserFactory(timezone=""))

    html = client.get("/en/me/", {"q": "lagos"}).text

    assert select(html).count("<option") == 2  # "Use my browser's time zone" and Lagos
    assert '<option value="Africa/Lagos" selected>Lagos — Nigeria (GMT+01:00)</option>' in html
    assert '<form method="get" action="/en/me/" class="zone-search" role="search"' in html
