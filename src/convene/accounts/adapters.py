from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest
from django.utils import translation

from convene.core import ratelimit

from .models import User


def _start_in_readers_language(request: HttpRequest, user: User) -> None:
    """A new account speaks the language the person was reading the site in, and keeps the
    time zone their browser reported."""
    user.preferred_language = translation.get_language() or "en"
    if getattr(request, "timezone_source", "") == "browser":
        user.timezone = request.timezone_name  # type: ignore[attr-defined]


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """The same address as the rest of Convene sees, trusted proxies included."""
        return ratelimit.client_address(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Count the attempt against the address, and as a failure against the account (and
        the account from this address) until it succeeds. Failures for one account never
        refuse another."""
        address = ratelimit.client_address(request)
        account = str(credentials.get("email") or credentials.get("username") or "")
        self._failure_hits = ratelimit.Hits()
        try:
            ratelimit.consume(action="login", address=address)
            self._failure_hits = ratelimit.consume(
                action="login_failed", account=account, address=address
            )
        except ratelimit.RateLimited as refused:
            raise self.validation_error("too_many_login_attempts") from refused

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        user = super().authenticate(request, **credentials)
        if user is not None:
            ratelimit.refund(getattr(self, "_failure_hits", ratelimit.Hits()))
        return user

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> Any:
        _start_in_readers_language(request, user)
        return super().save_user(request, user, form, commit)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> Any:
        """Someone arriving with their Wikimedia account is shown by their username (they may
        change it in their profile)."""
        user = super().populate_user(request, sociallogin, data)
        if not user.display_name and data.get("username"):
            user.display_name = str(data["username"])[:80]
        _start_in_readers_language(request, user)
        return user
