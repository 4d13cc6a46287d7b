"""Time zones: conversions across daylight-saving changes, and how moments are written."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from convene.core.forms import aware_in_zone, naive_in_zone
from convene.core.timezones import (
    all_timezones,
    format_moment,
    format_offset,
    get_zone,
    is_valid_timezone,
)


def test_same_paris_wall_clock_time_is_another_utc_time_after_dst_ends():
    # Viral Open Space: 18:00 Paris on 20 September 2020 (summer time) and after 25 October (winter).
    summer = aware_in_zone(datetime(2020, 9, 20, 18, 0), "Europe/Paris")
    winter = aware_in_zone(datetime(2020, 11, 1, 18, 0), "Europe/Paris")

    assert summer.astimezone(UTC) == datetime(2020, 9, 20, 16, 0, tzinfo=UTC)
    assert winter.astimezone(UTC) == datetime(2020, 11, 1, 17, 0, tzinfo=UTC)


def test_viewer_in_a_zone_without_dst_sees_the_shift():
    summer = datetime(2020, 9, 20, 16, 0, tzinfo=UTC)
    winter = datetime(2020, 11, 1, 17, 0, tzinfo=UTC)
    jakarta = get_zone("Asia/Jakarta")

    with translation.override("en"):
        assert format_moment(summer, jakarta) == "Sun, Sep 20, 2020, 23:00"
        assert format_moment(winter, jakarta) == "Mon, Nov 2, 2020, 00:00"
        assert format_offset(summer, get_zone("Europe/Paris")) == "GMT+02:00"
        assert format_offset(winter, get_zone("Europe/Paris")) == "GMT+01:00"


def test_time_skipped_by_spring_forward_is_refused():
    with pytest.raises(ValidationError) as error:
        aware_in_zone(datetime(2021, 3, 28, 2, 30), "Europe/Paris")
    assert error.value.code == "nonexistent_time"


def test_ambiguous_time_when_clocks_go_back_takes_the_first():
    # 02:30 happens twice in Paris on 25 October 2020; the first is still summer time.
    aware = aware_in_zone(datetime(2020, 10, 25, 2, 30), "Europe/Paris")
    assert aware.astimezone(UTC) == datetime(2020, 10, 25, 0, 30, tzinfo=UTC)


def test_round_trip_for_the_edit_form():
    moment = datetime(2030, 3, 10, 7, 0, tzinfo=UTC)  # after the US change, before the EU one
    assert naive_in_zone(moment, "America/New_York") == "2030-03-10T03:00"
    assert naive_in_zone(moment, "Europe/Paris") == "2030-03-10T08:00"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Sat, Nov 21, 2020, 15:00"),
        ("fr", "sam. 21 nov. 2020, 15:00"),
        ("de", "Sa., 21. Nov. 2020, 15:00"),
        ("ar", "السبت، 21 نوفمبر 2020، 15:00"),
        ("zh-hans", "2020年11月21日周六 15:00"),
    ],
)
def test_moments_are_written_the_way_each_language_writes_them(language, expected):
    with translation.override(language):
        assert (
            format_moment(datetime(2020, 11, 21, 14, 0, tzinfo=UTC), get_zone("Europe/Paris"))
            == expected
        )


def test_known_and_unknown_zones():
    assert is_valid_timezone("America/Sao_Paulo") is True
    assert is_valid_timezone("Asia/Calcutta") is True  # legacy alias, sent by some browsers
    assert is_valid_timezone("Mars/Olympus") is False
    assert is_valid_timezone("") is False
    assert get_zone("Mars/Olympus").key == "UTC"
    assert "Europe/Paris" in all_timezones()
    assert all_timezones()[-1] == "UTC"


def test_old_zone_names_are_shown_by_their_current_name(client):
    from convene.core.timezones import canonical_timezone

    assert canonical_timezone("Asia/Calcutta") == "Asia/Kolkata"
    assert canonical_timezone("Europe/Kiev") == "Europe/Kyiv"
    assert canonical_timezone("Europe/Paris") == "Europe/Paris"
