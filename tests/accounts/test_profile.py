from __future__ import annotations

import pytest
from django.conf import settings

from convene.accounts.models import User

pytestmark = pytest.mark.django_db


def profile_data(**overrides):
    data = {
        "display_name": "Amina",
        "preferred_language": "en",
        "timezone": "",
        "languages_spoken": [],
        "region": "",
    }
    data.update(overrides)
    return data


def test_profile_asks_anonymous_visitors_to_log_in(client):
    response = client.get("/en/me/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/me/"


def test_profile_shows_the_form_filled_in(user_client, user, django_assert_num_queries):
    user.timezone = "Africa/Lagos"
    user.languages_spoken = ["fr"]
    user.save()

    # session, user, API token, the organizations they represent, whether they moderate (the
    # header's link)
    with django_assert_num_queries(5):
        response = user_client.get("/en/me/")

    assert response.status_code == 200
    assert response.context["form"].initial == {
        "display_name": "Amina",
        "preferred_language": "en",
        "timezone": "Africa/Lagos",
        "languages_spoken": ["fr"],
        "region": "",
    }
    html = response.content.decode()
    assert '<option value="Africa/Lagos" selected>Lagos — Nigeria (GMT+01:00)</option>' in html
    assert 'value="Amina"' in html
    assert 'dir="auto"' in html


def test_profile_edit_saves_every_field(user_client, user):
    response = user_client.post(
        "/en/me/",
        profile_data(
            display_name="  Wiki Bee ",
            timezone="America/Sao_Paulo",
            languages_spoken=["pt-br", "ar"],
            region="latin-america",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/me/"
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language, user.timezone) == (
        "Wiki Bee",
        "en",
        "America/Sao_Paulo",
    )
    # Kept in the order of the list of languages.
    assert user.languages_spoken == ["ar", "pt-br"]
    assert user.region == "latin-america"
    page = user_client.get("/en/me/")
    assert [str(m) for m in page.context["messages"]] == ["Your profile has been saved."]


def test_empty_time_zone_means_the_browsers(user_client, user):
    user.timezone = "Asia/Jakarta"
    user.save()

    user_client.post("/en/me/", profile_data(timezone=""))

    user.refresh_from_db()
    assert user.timezone == ""


def test_invalid_time_zone_shows_the_error_and_changes_nothing(user_client, user):
    before = User.objects.values().get(pk=user.pk)

    response = user_client.post(
        "/en/me/", profile_data(display_name="Changed", timezone="Mars/Olympus_Mons")
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "timezone": [
            "“Mars/Olympus_Mons” is not a time zone we know. "
            "Choose one from the list, e.g. Europe/Paris."
        ]
    }
    assert "Mars/Olympus_Mons” is not a time zone we know" in response.content.decode()
    assert User.objects.values().get(pk=user.pk) == before


def test_unknown_spoken_language_is_refused(user_client, user):
    response = user_client.post("/en/me/", profile_data(languages_spoken=["tlh"]))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["languages_spoken"]
    user.refresh_from_db()
    assert user.languages_spoken == []


def test_any_language_can_be_spoken_not_only_the_interface_ones(user_client, user):
    response = user_client.post("/en/me/", profile_data(languages_spoken=["yo", "sw", "fr"]))

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.languages_spoken == ["fr", "sw", "yo"]


def test_spoken_languages_are_named_and_sorted_in_the_readers_language(user_client, user):
    user.languages_spoken = ["sw"]
    user.save()

    html = user_client.get("/de/me/").content.decode()

    assert 'value="sw" id="id_languages_spoken_' in html
    assert html.index(">Französisch</label>") < html.index(">Suaheli</label>")
    assert html.index(">Englisch</label>") < html.index(">Französisch</label>")
    assert ">Swahili</label>" not in html


def test_changing_the_language_redirects_to_the_profile_in_that_language(user_client, user):
    response = user_client.post("/en/me/", profile_data(preferred_language="ar"))

    assert response.status_code == 302
    assert response["Location"] == "/ar/me/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    user.refresh_from_db()
    assert user.preferred_language == "ar"
    page = user_client.get("/ar/me/")
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.content.decode()


def test_profile_renders_in_arabic(user_client):
    response = user_client.get("/ar/me/")

    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
