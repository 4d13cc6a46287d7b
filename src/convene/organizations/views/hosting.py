"""The page where an event's organizers name the organizations hosting it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from convene.accounts.users import signed_in
from convene.core.errors import ServiceError
from convene.core.markup import bdi
from convene.events import rules as event_rules
from convene.events import selectors as event_selectors

from .. import hosting
from ..forms.hosting import HostsForm


@login_required
@require_http_methods(["GET", "POST"])
def event_hosts(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = event_selectors.event_get(slug=event_slug)
    if event is None:
        raise Http404(_("No such event."))
    if not event_rules.can_manage_event(request.user, event):
        raise PermissionDenied(_("Only the organizers of this event can name its hosts."))
    choices = hosting.hosting_choices(user=request.user, event=event)
    by_id = {organization.pk: organization for organization in choices.nameable}
    form = HostsForm(
        request.POST or None,
        initial={"organizations": sorted(choices.chosen)},
        choices=[(pk, hosting.shown_name(organization)) for pk, organization in by_id.items()],
    )
    if request.method == "POST" and form.is_valid():
        try:
            hosting.event_hosts_set(
                user=signed_in(request),
                event=event,
                organizations=[by_id[pk] for pk in form.cleaned_data["organizations"]],
            )
        except ServiceError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The event's hosts were saved."))
            return redirect("events:detail", slug=event.slug)
    return render(
        request,
        "organizations/event_hosts.html",
        {
            "title": _("Hosting organizations"),
            "event": event,
            "form": form,
            "regions": {
                pk: organization.get_region_display() for pk, organization in by_id.items()
            },
            "others": [bdi(hosting.shown_name(organization)) for organization in choices.others],
        },
        status=400 if form.errors else 200,
    )
