from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user, form, commit: bool = True):  # type: ignore[no-untyped-def]
        """New accounts start in the language the person was reading the site in."""
        user.preferred_language = translation.get_language() or "en"
        tz = getattr(request, "timezone_source", "") == "browser" and request.timezone_name  # type: ignore[attr-defined]
        if tz:
            user.timezone = tz
        return super().save_user(request, user, form, commit)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    pass
