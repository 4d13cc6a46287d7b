"""Authoring: the working group writes drafts, publishes iterations and keeps initiatives."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from convene.accounts.users import signed_in
from convene.core.errors import ServiceError

from .. import rules, selectors, services
from ..blocks import split_blocks
from ..forms import InitiativeForm, VersionForm
from ..models import Document, DocumentVersion, Initiative
from ._common import document_or_404, explained_403, form_errors_from, refused


def _authored_document(request: HttpRequest, process: str, document: str) -> Document:
    item = document_or_404(process, document)
    if not rules.can_author(request.user, item):
        raise PermissionDenied(services.NOT_AUTHOR)
    return item


def _any_version_or_404(document: Document, number: int) -> DocumentVersion:
    version = get_object_or_404(DocumentVersion, document=document, number=number)
    version.document = document
    return version


def _version_fields(form: VersionForm) -> services.VersionFields:
    data = form.cleaned_data
    return services.VersionFields(
        title=data["title"],
        change_summary=data["change_summary"],
        source_language=data["source_language"],
        body=data["body"],
        feedback_opens_at=data["feedback_opens_at"],
        feedback_closes_at=data["feedback_closes_at"],
        guiding_questions=data["guiding_questions"],
    )


def _continue_draft(
    request: HttpRequest, process: str, document: str, draft: DocumentVersion
) -> HttpResponse:
    messages.info(
        request,
        _("Iteration %(number)s is already being drafted: continue it here.")
        % {"number": draft.number},
    )
    return redirect("documents:version_edit", process, document, draft.number)


@login_required
@explained_403
@require_http_methods(["GET", "POST"])
def version_new(request: HttpRequest, process: str, document: str) -> HttpResponse:
    item = _authored_document(request, process, document)
    draft = selectors.current_draft(document=item)
    if draft is not None:
        return _continue_draft(request, process, document, draft)
    latest = selectors.latest_published(document=item)
    initial = {"title": item.title}
    if latest is not None:  # authors edit the latest text rather than retype it
        initial = {
            "title": latest.title,
            "source_language": latest.source_language,
            "body": latest.body,
            "guiding_questions": latest.guiding_questions,
        }
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_save_draft(
                document=item, author=signed_in(request), **_version_fields(form)
            )
        except ServiceError as error:
            if error.code != "draft_exists":
                raise
            draft = selectors.current_draft(document=item)  # begun meanwhile
            if draft is None:
                raise
            return _continue_draft(request, process, document, draft)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(
                request, _("The draft is saved. Check the preview; publish it when it is ready.")
            )
            return redirect("documents:version_edit", process, document, version.number)
    return render(
        request,
        "documents/version_form.html",
        {
            "title": _("New version of %(document)s") % {"document": item.title},
            "process": item.process,
            "document": item,
            "form": form,
            "latest": latest,
        },
        status=400 if form.errors else 200,
    )


@login_required
@explained_403
@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, process: str, document: str, number: int) -> HttpResponse:
    item = _authored_document(request, process, document)
    version = _any_version_or_404(item, number)
    if version.is_published:
        return refused(request, services.PUBLISHED_NOT_EDITABLE, status=400, document=item)
    saved_body = version.body  # the preview shows what is saved, not what failed to save
    form = VersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_save_draft(
                document=item,
                author=signed_in(request),
                version=DocumentVersion.objects.get(pk=version.pk),
                **_version_fields(form),
            )
        except ServiceError as error:
            if error.code == "forbidden":
                raise
            return refused(request, error.message, status=400, document=item)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect(
                reverse("documents:version_edit", args=[process, document, number]) + "#preview"
            )
    return render(
        request,
        "documents/version_form.html",
        {
            "title": _("Draft of iteration %(number)s") % {"number": version.number},
            "process": item.process,
            "document": item,
            "version": version,
            "form": form,
            "preview": split_blocks(saved_body),
        },
        status=400 if form.errors else 200,
    )


@login_required
@explained_403
@require_POST
def version_publish(request: HttpRequest, process: str, document: str, number: int) -> HttpResponse:
    item = _authored_document(request, process, document)
    version = _any_version_or_404(item, number)
    try:
        services.version_publish(version=version, by=signed_in(request))
    except ServiceError as error:
        if error.code == "forbidden":
            raise
        messages.error(request, str(error.message))
        if error.code == "already_published":
            return redirect("documents:version", process, document, number)
        return redirect("documents:version_edit", process, document, number)
    messages.success(request, _("Iteration %(number)s is published.") % {"number": version.number})
    return redirect("documents:version", process, document, number)


# --- initiatives ----------------------------------------------------------------------


@login_required
@explained_403
@require_http_methods(["GET", "POST"])
def initiative_list(request: HttpRequest, process: str, document: str) -> HttpResponse:
    item = _authored_document(request, process, document)
    initiatives = list(item.initiatives.all())
    form = InitiativeForm(
        request.POST or None,
        instance=Initiative(document=item),
        initial={"number": max((i.number for i in initiatives), default=0) + 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_save(document=item, by=signed_in(request), **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The initiative was added."))
            return redirect("documents:initiatives", process, document)
    return render(
        request,
        "documents/initiatives.html",
        {
            "title": _("Initiatives of %(document)s") % {"document": item.title},
            "process": item.process,
            "document": item,
            "initiatives": initiatives,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@explained_403
@require_http_methods(["GET", "POST"])
def initiative_edit(
    request: HttpRequest, process: str, document: str, initiative_id: int
) -> HttpResponse:
    item = _authored_document(request, process, document)
    initiative = get_object_or_404(Initiative, document=item, pk=initiative_id)
    if request.method == "POST" and "delete" in request.POST:
        services.initiative_delete(initiative=initiative, by=signed_in(request))
        messages.success(request, _("The initiative was removed."))
        return redirect("documents:initiatives", process, document)
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_save(
                document=item,
                by=signed_in(request),
                initiative=Initiative.objects.get(pk=initiative.pk),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The initiative was saved."))
            return redirect("documents:initiatives", process, document)
    return render(
        request,
        "documents/initiative_form.html",
        {
            "title": _("Edit initiative"),
            "process": item.process,
            "document": item,
            "initiative": initiative,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
