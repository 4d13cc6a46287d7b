"""The organizers' pages of a round: its settings, items and their translations, clusters,
groups, the import of ballots gathered elsewhere, and an overview leading to each."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from convene.accounts.users import signed_in
from convene.core import languages
from convene.core.errors import ServiceError

from .. import imports, rules
from .. import selectors_organizing as selectors
from .. import services_organizing as services
from ..forms.organizing import (
    ClusterForm,
    CommunityForm,
    ImportForm,
    ItemForm,
    ItemLinesForm,
    ItemTranslationForm,
    OrganizationGroupForm,
    RepresentativesForm,
    RoundForm,
)
from ..models import Item, Round

# The import's report lists this many problems at most; the rest are counted.
PROBLEMS_SHOWN = 200


def _organized(request: HttpRequest, slug: str) -> Round:
    """The round, if the signed-in reader organizes it (404 if there is none, 403 if not)."""
    round_ = selectors.round_for_organizing(slug)
    if round_ is None:
        raise Http404(_("No such round."))
    if not rules.can_organize(request.user, round_):
        raise PermissionDenied(_("Only the organizers of this round can change it."))
    return round_


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], *, bad: bool = False
) -> HttpResponse:
    return render(request, f"prioritization/{template}", context, status=400 if bad else 200)


# --- the round -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_round(request.user):
        raise PermissionDenied(_("Only organizers of prioritization can create a round."))
    form = RoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(user=signed_in(request), terms=form.terms())
        except ServiceError as error:
            form.add_refusal(error)
        else:
            messages.success(request, _("The round is created. Now give it its items."))
            return redirect("prioritization:organize", slug=round_.slug)
    return _page(
        request,
        "organize_round_form.html",
        {"title": _("New round of prioritization"), "form": form},
        bad=bool(form.errors),
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _organized(request, slug)
    form = RoundForm(request.POST if request.method == "POST" else None, instance=round_)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_update(
                user=signed_in(request), round_=round_, terms=form.terms()
            )
        except ServiceError as error:
            form.add_refusal(error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("prioritization:organize", slug=round_.slug)
    return _page(
        request,
        "organize_round_form.html",
        {
            "title": _("Settings of “%(round)s”") % {"round": round_.title},
            "round": round_,
            "form": form,
        },
        bad=bool(form.errors),
    )


@login_required
def organize(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _organized(request, slug)
    return _page(
        request,
        "organize_overview.html",
        {
            "title": _("Organizing “%(round)s”") % {"round": round_.title},
            "round": round_,
            "state": rules.round_state(round_),
            "overview": selectors.round_overview(round_),
        },
    )


# --- items ---------------------------------------------------------------------------------


def _items_page(request: HttpRequest, round_: Round, form: ItemLinesForm) -> HttpResponse:
    items = selectors.round_items(round_)
    return _page(
        request,
        "organize_items.html",
        {
            "title": _("Items of “%(round)s”") % {"round": round_.title},
            "round": round_,
            "items": items,
            "form": form,
            "listed": sum(1 for item in items if getattr(item, "listed", False)),
        },
        bad=bool(form.errors),
    )


@login_required
@require_http_methods(["GET", "POST"])
def items(request: HttpRequest, slug: str) -> HttpResponse:
    """The items, and the form to add a list of them."""
    round_ = _organized(request, slug)
    taken: set[str] = set()
    if request.method == "POST":
        taken = set(Item.objects.filter(round=round_).values_list("identifier", flat=True))
    form = ItemLinesForm(request.POST if request.method == "POST" else None, taken=taken)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.items_add(
                user=signed_in(request), round_=round_, text=form.cleaned_data["lines"]
            )
        except ServiceError as error:
            form.add_error("lines", error.message)
        else:
            messages.success(
                request,
                ngettext("%(count)d item is added.", "%(count)d items are added.", len(added))
                % {"count": len(added)},
            )
            return redirect("prioritization:items", slug=round_.slug)
    return _items_page(request, round_, form)


@login_required
@require_POST
def items_take_initiatives(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _organized(request, slug)
    added = services.items_take_initiatives(user=signed_in(request), round_=round_)
    if added:
        messages.success(
            request,
            ngettext(
                "%(count)d initiative is added as an item.",
                "%(count)d initiatives are added as items.",
                len(added),
            )
            % {"count": len(added)},
        )
    else:
        messages.info(request, _("Every initiative of the process is already an item."))
    return redirect("prioritization:items", slug=round_.slug)


def _item(request: HttpRequest, slug: str, identifier: str) -> tuple[Round, Item]:
    round_ = _organized(request, slug)
    item = selectors.item_of_round(round_, identifier)
    if item is None:
        raise Http404(_("No such item."))
    return round_, item


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, slug: str, identifier: str) -> HttpResponse:
    round_, item = _item(request, slug, identifier)
    form = ItemForm(request.POST if request.method == "POST" else None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_update(
                user=signed_in(request),
                item=item,
                identifier=data["identifier"],
                title=data["title"],
                heading=data["heading"],
                description=data["description"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The item is saved."))
            return redirect("prioritization:items", slug=round_.slug)
    return _page(
        request,
        "organize_item_form.html",
        {
            "title": _("Item “%(item)s”") % {"item": item.identifier},
            "round": round_,
            "item": item,
            "form": form,
            "languages": [
                (code, languages.language_name(code))
                for code in languages.CONTENT
                if code != round_.language
            ],
        },
        bad=bool(form.errors),
    )


@login_required
@require_POST
def item_delete(request: HttpRequest, slug: str, identifier: str) -> HttpResponse:
    round_, item = _item(request, slug, identifier)
    try:
        services.item_delete(user=signed_in(request), item=item)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The item is removed."))
    return redirect("prioritization:items", slug=round_.slug)


@login_required
@require_POST
def item_move(request: HttpRequest, slug: str, identifier: str) -> HttpResponse:
    round_, item = _item(request, slug, identifier)
    services.item_move(user=signed_in(request), item=item, up=request.POST.get("to") == "up")
    return redirect(reverse("prioritization:items", args=[round_.slug]) + f"#item-{item.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def item_translate(request: HttpRequest, slug: str, identifier: str, language: str) -> HttpResponse:
    round_, item = _item(request, slug, identifier)
    if language not in languages.CONTENT or language == round_.language:
        raise Http404(_("No such language."))
    translation = item.translations.filter(language=language).first()
    current = services.item_source_fingerprint(item)
    initial = (
        {"title": translation.title, "description": translation.description} if translation else {}
    )
    form = ItemTranslationForm(
        request.POST if request.method == "POST" else None, initial=initial, language=language
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_translation_save(
                user=signed_in(request),
                item=item,
                language=language,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect("prioritization:item_edit", slug=round_.slug, identifier=identifier)
    if translation is None:
        state = "missing"
    elif translation.source_fingerprint != current:
        state = "outdated"
    else:
        state = "current"
    name = languages.language_name(language)
    return _page(
        request,
        "organize_item_translate.html",
        {
            "title": _("“%(item)s” in %(language)s") % {"item": item.identifier, "language": name},
            "round": round_,
            "item": item,
            "language": language,
            "language_name": name,
            "source_language_name": languages.language_name(round_.language),
            "state": state,
            "form": form,
        },
        bad=bool(form.errors),
    )


# --- clusters ------------------------------------------------------------------------------


def _cluster_form(request: HttpRequest, round_: Round, cluster: Any, bound: bool) -> ClusterForm:
    initial = {}
    if cluster is not None:
        initial = {
            "code": cluster.code,
            "name": cluster.name,
            "items": list(cluster.items.values_list("identifier", flat=True)),
        }
    return ClusterForm(
        request.POST if bound else None,
        initial=initial,
        items=selectors.item_choices(round_),
        cluster=cluster,
    )


def _cluster_saved(request: HttpRequest, round_: Round, form: ClusterForm, cluster: Any) -> bool:
    if not form.is_valid():
        return False
    try:
        services.cluster_save(
            user=signed_in(request),
            round_=round_,
            cluster=cluster,
            code=form.cleaned_data["code"],
            name=form.cleaned_data["name"],
            identifiers=form.cleaned_data["items"],
        )
    except ServiceError as error:
        form.add_error(
            "code"
            if error.code.startswith("cluster_code") or error.code.endswith("code")
            else None,
            error.message,
        )
        return False
    messages.success(request, _("The cluster is saved."))
    return True


@login_required
@require_http_methods(["GET", "POST"])
def clusters(request: HttpRequest, slug: str) -> HttpResponse:
    """The clusters, and the form for a new one."""
    round_ = _organized(request, slug)
    form = _cluster_form(request, round_, None, request.method == "POST")
    if request.method == "POST" and _cluster_saved(request, round_, form, None):
        return redirect("prioritization:clusters", slug=round_.slug)
    return _page(
        request,
        "organize_clusters.html",
        {
            "title": _("Clusters of “%(round)s”") % {"round": round_.title},
            "round": round_,
            "clusters": selectors.round_clusters(round_),
            "form": form,
        },
        bad=bool(form.errors),
    )


@login_required
@require_http_methods(["GET", "POST"])
def cluster_edit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    round_ = _organized(request, slug)
    cluster = selectors.cluster_of_round(round_, code)
    if cluster is None:
        raise Http404(_("No such cluster."))
    form = _cluster_form(request, round_, cluster, request.method == "POST")
    if request.method == "POST" and _cluster_saved(request, round_, form, cluster):
        return redirect("prioritization:clusters", slug=round_.slug)
    return _page(
        request,
        "organize_cluster_form.html",
        {
            "title": _("Cluster %(code)s") % {"code": cluster.code},
            "round": round_,
            "cluster": cluster,
            "form": form,
        },
        bad=bool(form.errors),
    )


@login_required
@require_POST
def cluster_delete(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    round_ = _organized(request, slug)
    cluster = selectors.cluster_of_round(round_, code)
    if cluster is None:
        raise Http404(_("No such cluster."))
    services.cluster_delete(user=signed_in(request), cluster=cluster)
    messages.success(request, _("The cluster is removed; its items stay."))
    return redirect("prioritization:clusters", slug=round_.slug)


# --- groups --------------------------------------------------------------------------------


def _groups_page(
    request: HttpRequest,
    round_: Round,
    community_form: CommunityForm,
    organization_form: OrganizationGroupForm,
) -> HttpResponse:
    return _page(
        request,
        "organize_groups.html",
        {
            "title": _("Groups of “%(round)s”") % {"round": round_.title},
            "round": round_,
            "groups": selectors.round_groups(round_),
            "community_form": community_form,
            "organization_form": organization_form,
        },
        bad=bool(community_form.errors or organization_form.errors),
    )


@login_required
@require_http_methods(["GET", "POST"])
def groups(request: HttpRequest, slug: str) -> HttpResponse:
    """The groups, and the form to add a named community."""
    round_ = _organized(request, slug)
    form = CommunityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.group_community_add(
                user=signed_in(request),
                round_=round_,
                name=data["name"],
                region=data["region"],
                language=data["language"],
                representatives=data["representative_emails"],
            )
        except ServiceError as error:
            form.add_error("name" if error.code == "group_name_taken" else None, error.message)
        else:
            messages.success(request, _("The community is added."))
            return redirect("prioritization:groups", slug=round_.slug)
    organization_form = OrganizationGroupForm(choices=selectors.organizations_to_add(round_))
    return _groups_page(request, round_, form, organization_form)


@login_required
@require_POST
def group_add_organization(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _organized(request, slug)
    form = OrganizationGroupForm(request.POST, choices=selectors.organizations_to_add(round_))
    if form.is_valid():
        try:
            services.group_organization_add(
                user=signed_in(request),
                round_=round_,
                organization=form.cleaned_data["organization"],
            )
        except ServiceError as error:
            form.add_error("organization", error.message)
        else:
            messages.success(request, _("The organization is added."))
            return redirect("prioritization:groups", slug=round_.slug)
    return _groups_page(request, round_, CommunityForm(), form)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Who submits a group's priorities."""
    round_ = _organized(request, slug)
    group = selectors.group_of_round(round_, pk)
    if group is None:
        raise Http404(_("No such group."))
    emails = "\n".join(user.email for user in group.representatives.all())
    form = RepresentativesForm(
        request.POST if request.method == "POST" else None,
        initial={"representative_emails": emails},
    )
    if request.method == "POST" and form.is_valid():
        services.group_representatives_set(
            user=signed_in(request),
            group=group,
            representatives=form.cleaned_data["representative_emails"],
        )
        messages.success(request, _("The group's representatives are saved."))
        return redirect("prioritization:groups", slug=round_.slug)
    return _page(
        request,
        "organize_group_form.html",
        {"title": group.name, "round": round_, "group": group, "form": form},
        bad=bool(form.errors),
    )


@login_required
@require_POST
def group_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = _organized(request, slug)
    group = selectors.group_of_round(round_, pk)
    if group is None:
        raise Http404(_("No such group."))
    try:
        services.group_remove(user=signed_in(request), group=group)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The group is removed."))
    return redirect("prioritization:groups", slug=round_.slug)


# --- import --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def ballots_import(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _organized(request, slug)
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = imports.ballots_import(
            round_=round_, data=form.cleaned_data["file"], user=signed_in(request)
        )
        if report.ok:
            messages.success(
                request,
                ngettext(
                    "%(count)d ballot is imported.",
                    "%(count)d ballots are imported.",
                    report.imported,
                )
                % {"count": report.imported},
            )
            return redirect("prioritization:organize", slug=round_.slug)
    return _page(
        request,
        "import.html",
        {
            "title": _("Import ballots into “%(round)s”") % {"round": round_.title},
            "round": round_,
            "form": form,
            "report": report,
            "shown_problems": report.problems[:PROBLEMS_SHOWN] if report else [],
            "hidden_problems": max(0, len(report.problems) - PROBLEMS_SHOWN) if report else 0,
        },
        bad=bool(form.errors) or (report is not None and not report.ok),
    )
