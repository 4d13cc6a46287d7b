"""Open space: passing the invitation to any event on, reading a moment in one's own time
zone, and writing to an event's organizers without seeing their addresses.

The invitation is written in the language the sender chooses among the interface
languages (the interface sentences and the event's translated texts alike), with each
session's time in UTC and a link to read it in one's own zone. Every page works without
JavaScript; `openspace-invitation.js` only adds buttons that copy the text and the link.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from convene.accounts.users import signed_in
from convene.core.api import STATUS_OF_CODE
from convene.core.cache import cache_anonymous_page
from convene.core.errors import ServiceError
from convene.core.forms import TimezoneForm
from convene.core.ratelimit import client_address
from convene.core.timezones import UTC, format_moment, get_zone, utc_text, zone_city, zone_label
from convene.events.models import Event, Session
from convene.events.translations import shown_text

from .. import selectors_invitation, services_invitation
from ..forms_invitation import (
    ContactForm,
    InvitationLanguageForm,
    moment_address,
    moment_parse,
)
from ..selectors_invitation import MOVEMENT_ZONES, Invitation


def _language() -> str:
    return translation.get_language() or "en"


def _event_or_404(request: HttpRequest, slug: str) -> Event:
    event = selectors_invitation.visible_event(slug=slug, viewer=request.user)
    if event is None:
        raise Http404(_("No such event."))
    return event


def _reader_title(event: Event, invitation: Invitation) -> str:
    """The event's title in the reader's language (the invitation's when they are the same)."""
    if invitation.language == _language():
        return shown_text(event, "title")
    shown = getattr(event, "shown", None)
    title = selectors_invitation.event_title(event=event, language=_language())
    event.shown = shown  # type: ignore[attr-defined]  # the invitation keeps its language
    return title


def _link(url: str) -> SafeString:
    return format_html('<a href="{0}">{0}</a>', url)


def _session_row(request: HttpRequest, event: Event, session: Session) -> dict[str, Any]:
    """A session's time in UTC, to the minute, and the link to read it in one's own zone."""
    same_day = session.starts_at.astimezone(UTC).date() == session.ends_at.astimezone(UTC).date()
    local_time_url = (
        request.build_absolute_uri(
            reverse("openspace:local_time", args=[moment_address(session.starts_at)])
        )
        + "?"
        + urlencode({"event": event.slug})
    )
    return {
        "session": session,
        "start": format_moment(session.starts_at, UTC),
        "end": format_moment(session.ends_at, UTC, "Hm" if same_day else "yMMMEdHm"),
        "start_utc": utc_text(session.starts_at),
        "end_utc": utc_text(session.ends_at),
        "local_time_url": local_time_url,
        "local_time_link": _link(local_time_url),
    }


def _invitation_context(request: HttpRequest, invitation: Invitation) -> dict[str, Any]:
    """The links and times an invitation gives, in its language (to be called under
    `translation.override(invitation.language)`)."""
    event = invitation.event
    register_url = request.build_absolute_uri(reverse("events:detail", args=[event.slug]))
    return {
        "event": event,
        "sessions": [_session_row(request, event, session) for session in invitation.sessions],
        "register_url": register_url,
        "register_link": _link(register_url),
        "code_of_conduct_url": event.code_of_conduct_url,
        "code_of_conduct_link": _link(event.code_of_conduct_url),
    }


@cache_anonymous_page
@require_GET
def invitation(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_or_404(request, slug)
    reader_language = _language()
    form = InvitationLanguageForm(
        request.GET if "language" in request.GET else None,
        initial={"language": reader_language},
    )
    chosen = form.cleaned_data["language"] if form.is_valid() else reader_language
    invitation_ = selectors_invitation.invitation_get(event=event, language=chosen)
    title = _reader_title(event, invitation_)
    with translation.override(chosen):
        context = _invitation_context(request, invitation_)
        # Plain text, to be escaped where the page shows it (render_to_string marks it safe).
        text = str.__add__(render_to_string("openspace/invitation_text.html", context), "")
        preview = render_to_string("openspace/invitation_preview.html", context)
        subject = _("Invitation: %(event)s") % {"event": shown_text(event, "title")}
        page_url = request.build_absolute_uri(reverse("openspace:invitation", args=[event.slug]))
        bidi = translation.get_language_bidi()
    mailto = "mailto:?" + urlencode({"subject": subject, "body": text}, quote_via=quote)
    return render(
        request,
        "openspace/invitation.html",
        {
            "title": _("Pass the invitation on"),
            "event": event,
            "event_title": title,
            "form": form,
            "chosen": chosen,
            "chosen_dir": "rtl" if bidi else "ltr",
            "text": text,
            "preview": preview,
            "mailto": mailto,
            "page_url": page_url,
        },
        status=400 if form.errors else 200,
    )


@cache_anonymous_page
@require_GET
def local_time(request: HttpRequest, moment: str) -> HttpResponse:
    when = moment_parse(moment)
    if when is None:
        raise Http404(_("No such moment."))
    zone_name = getattr(request, "timezone_name", "UTC")
    form = TimezoneForm(
        request.GET if "timezone" in request.GET else None, initial={"timezone": zone_name}
    )
    if form.is_valid():
        zone_name = form.cleaned_data["timezone"]
    zone = get_zone(zone_name)
    event = None
    event_title = ""
    slug = request.GET.get("event", "")
    if slug:
        event = selectors_invitation.visible_event(slug=slug[:80], viewer=request.user)
        if event is not None:
            event_title = selectors_invitation.event_title(event=event, language=_language())
    return render(
        request,
        "openspace/local_time.html",
        {
            "title": _("See your local time"),
            "moment": when,
            "local": when.astimezone(zone),
            "zone_name": zone_name,
            "zone_city": zone_city(zone_name),
            "zone_label": zone_label(zone),
            "form": form,
            "zones": selectors_invitation.moment_in_zones(moment=when, zones=MOVEMENT_ZONES),
            "event": event,
            "event_title": event_title,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_or_404(request, slug)
    sender = signed_in(request)
    title = selectors_invitation.event_title(event=event, language=_language())
    form = ContactForm(
        request.POST or None, sender_email=sender.email, sender_name=str(sender.public_name)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services_invitation.event_organizers_contact(
                    event=event,
                    sender=sender,
                    subject=data["subject"],
                    message=data["message"],
                    share_address=data["share_address"],
                    address=client_address(request),
                )
            except ServiceError as error:
                form.add_error(None, ValidationError(str(error.message), code=error.code))
                status = STATUS_OF_CODE.get(error.code, 400)
            else:
                if data["share_address"]:
                    messages.success(
                        request,
                        _("Your message was sent to the organizers; they can reply to you."),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Your message was sent to the organizers. They see your name but "
                            "not your address: they cannot answer you by email."
                        ),
                    )
                return redirect("openspace:invitation", slug=event.slug)
        else:
            status = 400
    return render(
        request,
        "openspace/contact.html",
        {
            "title": _("Write to the organizers"),
            "event": event,
            "event_title": title,
            "form": form,
            "sender": sender,
        },
        status=status,
    )
