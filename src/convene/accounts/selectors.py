"""Reads about accounts."""

from __future__ import annotations

from rest_framework.authtoken.models import Token

from .models import User


def api_token_get(*, user: User) -> Token | None:
    return Token.objects.filter(user=user).first()
