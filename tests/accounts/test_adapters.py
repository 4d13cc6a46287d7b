from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.utils import translation

from convene.accounts.adapters import SocialAccountAdapter
from convene.accounts.models import User


def populate(rf, data, *, cookie_timezone=None):
    request = rf.get("/es/accounts/mediawiki/login/callback/")
    request.timezone_source = "browser" if cookie_timezone else "default"
    request.timezone_name = cookie_timezone or "UTC"
    sociallogin = SocialLogin(user=User(), account=SocialAccount(provider="mediawiki"))
    with translation.override("es"):
        return SocialAccountAdapter(request).populate_user(request, sociallogin, data)


def test_wikimedia_newcomer_is_shown_by_their_username_in_the_page_language(rf):
    user = populate(
        rf,
        {"username": "Ejemplo Wiki", "email": "ejemplo@example.org"},
        cookie_timezone="America/Bogota",
    )

    assert (user.display_name, user.email, user.preferred_language, user.timezone) == (
        "Ejemplo Wiki",
        "ejemplo@example.org",
        "es",
        "America/Bogota",
    )


@pytest.mark.parametrize("data", [{}, {"username": ""}])
def test_wikimedia_newcomer_without_username_keeps_an_empty_display_name(rf, data):
    user = populate(rf, data)

    assert (user.display_name, user.timezone) == ("", "")
