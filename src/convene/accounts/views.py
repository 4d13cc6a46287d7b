"""Profile pages and the choice of time zone. Views parse and validate input and call one service."""

from __future__ import annotations

import json
from typing import Literal, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.core.forms import TimezoneForm, ZoneSelect
from convene.core.http import safe_next
from convene.core.timezones import zone_search

from . import selectors, services
from .forms import DeleteAccountForm, ProfileForm
from .models import User

SameSite = Literal["Lax", "Strict", "None"]


def _user(request: HttpRequest) -> User:
    """The signed-in person (every view here is behind `login_required`)."""
    return cast(User, request.user)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    search = _zone_search(request)
    form = ProfileForm.for_user(user, request.POST if request.method == "POST" else None)
    _narrow_zones(form, search)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        old_language = user.preferred_language
        try:
            services.user_update_profile(
                user=user,
                display_name=data["display_name"],
                preferred_language=data["preferred_language"],
                timezone_name=data["timezone"],
                languages_spoken=data["languages_spoken"],
                region=data["region"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return _after_profile_saved(
                request, user, language_changed=old_language != user.preferred_language
            )
    return render(
        request,
        "accounts/profile.html",
        {
            "title": _("Your profile"),
            "form": form,
            "zone_search": search,
            "api_token": selectors.api_token_get(user=user),
        },
        status=400 if form.errors else 200,
    )


def _after_profile_saved(
    request: HttpRequest, user: User, *, language_changed: bool
) -> HttpResponse:
    """Back to the profile, in the newly chosen language if it changed."""
    language = user.preferred_language
    with translation.override(language):
        messages.success(request, _("Your profile has been saved."))
    url = reverse("accounts:profile")
    if not language_changed:
        return redirect(url)
    response = HttpResponseRedirect(translate_url(url, language))
    # The same cookie Django's set_language view writes, so "/" opens in this language too.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=cast(SameSite, settings.LANGUAGE_COOKIE_SAMESITE),
    )
    return response


@never_cache
@login_required
@require_GET
def export_data(request: HttpRequest) -> HttpResponse:
    """Download your data: everything Convene keeps about you, as one JSON file."""
    data = services.user_export_data(user=_user(request))
    filename = f"convene-data-{timezone.now():%Y-%m-%d}.json"
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        services.user_delete(user=user)
        logout(request)
        messages.success(request, _("Your account has been deleted. Thank you for taking part."))
        return redirect("events:list")
    return render(
        request,
        "accounts/delete.html",
        {"title": _("Delete your account"), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    services.api_token_create(user=_user(request))
    messages.success(request, _("Your new API token is ready. Any earlier token no longer works."))
    return redirect(reverse("accounts:profile") + "#api-token")


@login_required
@require_POST
def api_token_revoke(request: HttpRequest) -> HttpResponse:
    if services.api_token_revoke(user=_user(request)):
        messages.success(request, _("Your API token has been revoked."))
    else:
        messages.info(request, _("You had no API token."))
    return redirect(reverse("accounts:profile") + "#api-token")


@require_http_methods(["GET", "POST"])
def timezone_choose(request: HttpRequest) -> HttpResponse:
    """Choose the zone times are shown in; works without JavaScript."""
    next_url = safe_next(request, "/")
    search = _zone_search(request)
    if request.method == "POST":
        form = TimezoneForm(request.POST)
        if form.is_valid():
            name = form.cleaned_data["timezone"]
            response = HttpResponseRedirect(next_url)
            response.set_cookie(
                settings.TIMEZONE_COOKIE_NAME,
                name,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                secure=settings.TIMEZONE_COOKIE_SECURE,
            )
            if request.user.is_authenticated:
                services.user_set_timezone(user=_user(request), timezone_name=name)
            return response
    else:
        form = TimezoneForm(initial={"timezone": getattr(request, "timezone_name", "UTC")})
        _narrow_zones(form, search)
    return render(
        request,
        "core/timezone.html",
        {"form": form, "next": next_url, "zone_search": search, "title": _("Time zone")},
        status=400 if form.errors else 200,
    )


def _zone_search(request: HttpRequest) -> dict[str, object]:
    """The time zone search of the page (`?q=`): what was typed and the zones it found."""
    query = " ".join(request.GET.get("q", "")[:100].split())
    return {"query": query, "matches": zone_search(query) if query else []}


def _narrow_zones(form: ProfileForm | TimezoneForm, search: dict[str, object]) -> None:
    """The time zone list keeps the zones found (the first one chosen); all of them if none
    was found."""
    matches = cast(list[str], search["matches"])
    if matches:
        cast(ZoneSelect, form.fields["timezone"].widget).query = cast(str, search["query"])
        if not form.is_bound:
            form.initial["timezone"] = matches[0]
