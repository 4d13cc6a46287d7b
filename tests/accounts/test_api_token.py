from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def test_profile_offers_to_create_a_token(user_client):
    html = user_client.get("/en/me/").content.decode()

    assert "You have no API token." in html
    assert 'action="/en/me/token/create/"' in html
    assert 'action="/en/me/token/revoke/"' not in html


def test_create_shows_the_token_on_the_profile(user_client, user):
    response = user_client.post("/en/me/token/create/")

    assert response.status_code == 302
    assert response["Location"] == "/en/me/#api-token"
    token = Token.objects.get(user=user)
    html = user_client.get("/en/me/").content.decode()
    assert f'value="{token.key}"' in html
    assert '<label for="api-token-key">Your API token</label>' in html
    assert 'action="/en/me/token/revoke/"' in html


def test_regenerate_replaces_the_token(user_client, user):
    user_client.post("/en/me/token/create/")
    first = Token.objects.get(user=user).key

    user_client.post("/en/me/token/create/")

    assert list(Token.objects.filter(user=user).values_list("key", flat=True)) != [first]
    assert Token.objects.filter(user=user).count() == 1


def test_revoke_deletes_the_token(user_client, user):
    user_client.post("/en/me/token/create/")

    response = user_client.post("/en/me/token/revoke/")

    assert response.status_code == 302
    assert not Token.objects.filter(user=user).exists()
    page = user_client.get("/en/me/")
    assert [str(m) for m in page.context["messages"]] == [
        "Your new API token is ready. Any earlier token no longer works.",
        "Your API token has been revoked.",
    ]


@pytest.mark.parametrize("path", ["/en/me/token/create/", "/en/me/token/revoke/"])
def test_token_changes_need_post(user_client, user, path):
    assert user_client.get(path).status_code == 405
    assert not Token.objects.filter(user=user).exists()


@pytest.mark.parametrize("path", ["/en/me/token/create/", "/en/me/token/revoke/"])
def test_token_changes_need_login(client, path):
    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
