from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress

from convene.accounts.models import User

pytestmark = pytest.mark.django_db

WIKIMEDIA_BUTTON = "Log in with your Wikimedia account"


@pytest.fixture
def mediawiki(settings):
    settings.MEDIAWIKI_CLIENT_ID = "x"
    settings.SOCIALACCOUNT_PROVIDERS = {"mediawiki": {"APPS": [{"client_id": "x", "secret": "y"}]}}


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("page", ["login", "signup", "password/reset"])
def test_entrance_pages_render_in_our_layout(client, language, page):
    response = client.get(f"/{language}/accounts/{page}/")

    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert "convene/convene.css" in html
    assert 'class="skip"' in html


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("page", ["logout", "email", "password/change"])
def test_manage_pages_render_in_our_layout(user_client, language, page):
    response = user_client.get(f"/{language}/accounts/{page}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert f'href="/{language}/me/"' in html


def test_login_form_fields_have_labels(client):
    html = client.get("/en/accounts/login/").content.decode()

    assert '<label for="id_login">' in html
    assert '<label for="id_password">' in html
    assert '<label for="id_remember">' in html
    assert '<button class="" type="submit">' not in html


def test_signup_creates_an_account_in_the_language_of_the_page(client):
    response = client.post(
        "/fr/accounts/signup/",
        {
            "email": "nouvelle@example.org",
            "password1": "une phrase de passe assez longue",
            "password2": "une phrase de passe assez longue",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@example.org")
    assert user.preferred_language == "fr"
    assert user.check_password("une phrase de passe assez longue")
    assert EmailAddress.objects.filter(user=user, email="nouvelle@example.org").exists()


def test_login_with_email_and_password(client, user):
    response = client.post(
        "/en/accounts/login/", {"login": "amina@example.org", "password": "convene-demo-pass"}
    )

    assert response.status_code == 302
    assert client.get("/en/me/").status_code == 200


def test_wikimedia_login_is_hidden_by_default(client):
    html = client.get("/en/accounts/login/").content.decode()

    assert WIKIMEDIA_BUTTON not in html
    assert "/accounts/mediawiki/login/" not in html


def test_wikimedia_login_is_hidden_without_client_id_even_with_an_app(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"mediawiki": {"APPS": [{"client_id": "x", "secret": "y"}]}}

    html = client.get("/en/accounts/login/").content.decode()

    assert WIKIMEDIA_BUTTON not in html


def test_wikimedia_login_is_offered_when_configured(client, mediawiki):
    html = client.get("/en/accounts/login/?next=/en/events/").content.decode()

    url = "/en/accounts/mediawiki/login/?process=login&amp;next=%2Fen%2Fevents%2F"
    assert f'<a class="button" href="{url}">{WIKIMEDIA_BUTTON}</a>' in html
    assert html.count("/accounts/mediawiki/login/") == 1


def test_wikimedia_signup_is_offered_when_configured(client, mediawiki):
    html = client.get("/en/accounts/signup/").content.decode()

    assert "Sign up with your Wikimedia account" in html


def test_wikimedia_login_page_renders(client, mediawiki):
    response = client.get("/en/accounts/mediawiki/login/?process=login")

    assert response.status_code == 200
