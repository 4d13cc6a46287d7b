"""Who pages, rules and services act for: a signed-in person, or anyone at all."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from rest_framework.request import Request

from .models import User

Viewer: TypeAlias = User | AnonymousUser
"""Anyone reading a page: a signed-in person or an anonymous visitor."""


def signed_in(request: HttpRequest | Request) -> User:
    """The person behind a request to a view that requires signing in (`@login_required`,
    or the API's `IsAuthenticated`); refused (403) should one come through without."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
