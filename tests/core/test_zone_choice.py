"""The time zone list: current zones only, by region, named in the viewer's language, with a
search that needs no script; old names kept as the zone they name today."""

from datetime import UTC, datetime

import pytest
from django import forms
from django.utils import translation

from convene.core import timezones
from convene.core.forms import TimezoneField, ZoneSelect
from convene.core.timezones import (
    canonical_timezone,
    get_zone,
    zone_choices,
    zone_city,
    zone_label,
    zone_search,
)


def options(choices):
    """(value, label) of every option, inside groups or not."""
    found = []
    for value, label in choices:
        found += [(value, label)] if isinstance(label, str) else list(label)
    return dict(found)


def test_only_current_zones_are_offered_never_old_names_or_aliases():
    with translation.override("en"):
        offered = options(zone_choices())

    assert "Asia/Kolkata" in offered and "Europe/Kyiv" in offered and "UTC" in offered
    for old in ("Asia/Calcutta", "Europe/Kiev", "US/Eastern", "America/Buenos_Aires", "GMT"):
        assert old not in offered
    assert not [name for name in offered if name.startswith(("Etc/", "SystemV/", "posix/"))]
    assert 400 < len(offered) < 430  # zone.tab's zones, not the ~600 names of the database


def test_zones_are_grouped_by_region_named_in_the_language():
    with translation.override("ar"):
        choices = zone_choices()

    assert [group for group, _options in choices] == [
        "UTC",
        "أفريقيا",
        "الأمريكتان",
        "أنتاركتيكا",
        "آسيا",
        "أوروبا",
        "أوقيانوسيا",
    ]
    asia = dict(choices)["آسيا"]
    assert ("Asia/Kolkata", "كالكتا — الهند (غرينتش+05:30)") in asia


@pytest.mark.parametrize(
    ("language", "kolkata", "moscow"),
    [
        ("en", "Kolkata — India (GMT+05:30)", "Moscow — Russia (GMT+03:00)"),
        ("ru", "Калькутта — Индия (GMT+05:30)", "Москва — Россия (GMT+03:00)"),
        ("fr", "Calcutta — Inde (UTC+05:30)", "Moscou — Russie (UTC+03:00)"),
    ],
)
def test_each_zone_is_named_by_city_country_and_offset(language, kolkata, moscow):
    with translation.override(language):
        offered = options(zone_choices())

    assert (offered["Asia/Kolkata"], offered["Europe/Moscow"]) == (kolkata, moscow)


def test_a_city_state_is_not_named_twice():
    with translation.override("en"):
        assert options(zone_choices())["Asia/Singapore"] == "Singapore (GMT+08:00)"


def test_zones_are_sorted_by_country_then_city_within_a_region():
    with translation.override("en"):
        americas = dict(zone_choices())["Americas"]

    values = [value for value, _label in americas]
    assert values.index("America/Argentina/Buenos_Aires") < values.index("America/Sao_Paulo")
    assert values.index("America/Chicago") < values.index("America/New_York")  # both US
    assert values.index("America/Sao_Paulo") < values.index("America/Toronto")  # Brazil, Canada


def test_russian_names_never_claim_summer_time():
    # Babel gives Russian the daylight region format ("…, летнее время") for every zone.
    with translation.override("ru"):
        labels = [
            zone_label(get_zone(name))
            for name in ("Asia/Kolkata", "Europe/Moscow", "America/New_York")
        ]
        offered = options(zone_choices())

    assert labels == ["Индия", "Москва", "Нью-Йорк"]
    assert not [label for label in offered.values() if "летнее" in label]


def test_other_languages_keep_cldrs_location_format():
    with translation.override("en"):
        assert zone_label(get_zone("Europe/Paris")) == "France Time"
        assert zone_label(get_zone("America/New_York")) == "New York Time"
    with translation.override("ar"):
        assert zone_label(get_zone("Asia/Kolkata")) == "توقيت الهند"


@pytest.mark.parametrize(
    ("language", "city"),
    [("ru", "Калькутта"), ("ar", "كالكتا"), ("zh-hans", "加尔各答"), ("en", "Kolkata")],
)
def test_the_city_of_a_zone_in_the_language_old_name_included(language, city):
    with translation.override(language):
        assert zone_city("Asia/Kolkata") == city
        assert zone_city("Asia/Calcutta") == city
        assert zone_city("UTC") == "UTC"
        assert zone_city("Mars/Olympus") == "UTC"


def test_old_names_are_read_as_the_zone_they_name_today():
    assert canonical_timezone("Asia/Calcutta") == "Asia/Kolkata"
    assert canonical_timezone("US/Eastern") == "America/New_York"
    assert canonical_timezone("Asia/Rangoon") == "Asia/Yangon"
    assert canonical_timezone("Etc/UTC") == "UTC"
    assert canonical_timezone("Europe/Oslo") == "Europe/Oslo"  # Norway's own entry is kept
    assert canonical_timezone("Etc/GMT+5") == "Etc/GMT+5"  # valid, not in the list, kept


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("en", "kolkata", "Asia/Kolkata"),
        ("en", "KOLKATA", "Asia/Kolkata"),
        ("en", "sao paulo", "America/Sao_Paulo"),  # no accent typed
        ("pt-br", "São Paulo", "America/Sao_Paulo"),
        ("ru", "Индия", "Asia/Kolkata"),  # the country in the viewer's language
        ("ru", "india", "Asia/Kolkata"),  # and in English
        ("ar", "موسكو", "Europe/Moscow"),
        ("zh-hans", "加尔各答", "Asia/Kolkata"),
        ("fr", "new-york", "America/New_York"),
    ],
)
def test_search_by_city_or_country_in_the_language_or_english(language, typed, expected):
    with translation.override(language):
        assert expected in zone_search(typed)


def test_search_in_another_language_than_the_viewers_finds_nothing():
    with translation.override("en"):
        assert zone_search("Индия") == []
        assert zone_search("   ") == []


def test_search_keeps_the_found_zones_and_the_current_choice(time_machine):
    time_machine.move_to(datetime(2030, 12, 1, 12, tzinfo=UTC))
    with translation.override("en"):
        choices = zone_choices(query="kolkata", keep="Europe/Paris")

    assert choices == [
        ("Asia", [("Asia/Kolkata", "Kolkata — India (GMT+05:30)")]),
        ("Europe", [("Europe/Paris", "Paris — France (GMT+01:00)")]),
    ]


def test_the_list_is_built_once_per_language_and_day():
    timezones._grouped_choices.cache_clear()
    with translation.override("de"):
        first = zone_choices()
        second = zone_choices()
    info = timezones._grouped_choices.cache_info()

    assert first == second
    assert (info.misses, info.hits) == (1, 1)


def test_offsets_are_those_of_the_day(time_machine):
    time_machine.move_to(datetime(2030, 7, 1, 12, tzinfo=UTC))
    with translation.override("en"):
        summer = options(zone_choices())["America/New_York"]
    time_machine.move_to(datetime(2030, 12, 1, 12, tzinfo=UTC))
    with translation.override("en"):
        winter = options(zone_choices())["America/New_York"]

    assert (summer, winter) == (
        "New York — United States (GMT-04:00)",
        "New York — United States (GMT-05:00)",
    )


class Form(forms.Form):
    timezone = TimezoneField(required=False, widget=ZoneSelect(blank_label="Browser's"))


def test_an_old_name_already_stored_is_shown_selected_as_its_zone():
    with translation.override("en"):
        html = str(Form(initial={"timezone": "Asia/Calcutta"})["timezone"])

    assert '<option value="Asia/Kolkata" selected>Kolkata — India (GMT+05:30)</option>' in html
    assert "Asia/Calcutta" not in html
    assert '<option value="">Browser&#x27;s</option>' in html
    assert '<optgroup label="Asia">' in html
    assert "maxlength" not in html


def test_a_valid_zone_outside_the_list_stays_chosen():
    with translation.override("en"):
        html = str(Form(initial={"timezone": "Etc/GMT+5"})["timezone"])

    assert '<option value="Etc/GMT+5" selected>Etc/GMT+5</option>' in html


def test_an_old_name_sent_by_the_form_is_kept_as_the_current_one():
    form = Form({"timezone": "Asia/Calcutta"})

    assert form.is_valid()
    assert form.cleaned_data["timezone"] == "Asia/Kolkata"
