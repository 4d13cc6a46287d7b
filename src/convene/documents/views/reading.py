"""Reading: processes, documents, iterations in the reader's language, what changed, following."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convene.accounts.users import signed_in
from convene.core import languages
from convene.core.cache import cache_anonymous_page

from .. import rendering, rules, selectors, services
from ..models import Document, DocumentVersion, Process
from ._common import document_or_404


def _version_or_404(request: HttpRequest, document: Document, number: int) -> DocumentVersion:
    version = document.versions.with_feedback_end().filter(number=number).first()
    if version is None or not rules.can_view_version(request.user, version):
        raise Http404(_("No such version."))
    version.document = document
    return version


def reading_language(request: HttpRequest) -> str:
    """The language to read content in: ?lang=, else the interface language."""
    wanted = request.GET.get("lang") or translation.get_language() or "en"
    return wanted if wanted in languages.CONTENT else "en"


def process_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "documents/process_list.html",
        {"title": _("Strategy processes"), "processes": list(selectors.process_list())},
    )


def process_detail(request: HttpRequest, process: str) -> HttpResponse:
    item = get_object_or_404(Process, slug=process)
    phases, current, upcoming = selectors.process_phases(process=item)
    return render(
        request,
        "documents/process_detail.html",
        {
            "title": item.title,
            "process": item,
            "phases": phases,
            "current_phase": current,
            "next_phase": upcoming,
            "documents": selectors.process_documents(process=item),
            "can_create": rules.can_create_document(request.user),
        },
    )


def document_detail(request: HttpRequest, process: str, document: str) -> HttpResponse:
    item = document_or_404(process, document)
    latest = selectors.latest_published(document=item)
    if latest is None:
        if rules.can_author(request.user, item):
            draft = selectors.current_draft(document=item)
            if draft is not None:
                return redirect("documents:version_edit", process, document, draft.number)
            return redirect("documents:version_new", process, document)
        raise Http404(_("This document has no published version yet."))
    target = f"{request.path}v{latest.number}/"
    if request.GET.urlencode():
        target += "?" + request.GET.urlencode()
    return redirect(target)


@cache_anonymous_page
def version_detail(request: HttpRequest, process: str, document: str, number: int) -> HttpResponse:
    item = document_or_404(process, document)
    version = _version_or_404(request, item, number)
    language = reading_language(request)
    reading = selectors.version_reading(version=version, language=language)
    comment_counts = selectors.paragraph_comment_counts(version=version)
    versions = selectors.published_versions(document=item)
    source_language_name = languages.language_name(version.source_language)
    return render(
        request,
        "documents/version_detail.html",
        {
            "article_html": rendering.article_html(
                version=version,
                reading=reading,
                comment_counts=comment_counts,
                source_language_name=source_language_name,
                lang_query=request.GET.get("lang", ""),
            ),
            "title": f"{version.title} ({version.number})",
            "process": item.process,
            "document": item,
            "version": version,
            "versions": versions,
            "latest": versions[-1] if versions else None,
            "language": language,
            "language_name": languages.language_name(language),
            "source_language_name": source_language_name,
            "content_languages": languages.choices(languages.CONTENT),
            "fallbacks": sum(1 for row in reading if row.is_fallback),
            "initiatives": list(item.initiatives.all()),
            "can_author": rules.can_author(request.user, item),
            "can_translate": rules.can_translate(request.user)
            and language != version.source_language
            and version.is_published,
            "is_following": selectors.is_following(document=item, user=request.user),
            "feedback_state": rules.feedback_state(version),
        },
    )


def version_diff(request: HttpRequest, process: str, document: str) -> HttpResponse:
    item = document_or_404(process, document)
    versions = selectors.published_versions(document=item)
    if len(versions) < 2:
        raise Http404(_("There is only one version: nothing to compare."))
    numbers = [v.number for v in versions]
    try:
        old_number = int(request.GET.get("from", numbers[-2]))
        new_number = int(request.GET.get("to", numbers[-1]))
    except ValueError as exc:
        raise Http404(_("No such version.")) from exc
    by_number = {v.number: v for v in versions}
    if old_number not in by_number or new_number not in by_number:
        raise Http404(_("No such version."))
    old, new = by_number[old_number], by_number[new_number]
    rows = selectors.version_comparison(old=old, new=new)
    return render(
        request,
        "documents/diff.html",
        {
            "title": _("What changed"),
            "process": item.process,
            "document": item,
            "versions": versions,
            "old": old,
            "new": new,
            "rows": rows,
            "counts": {
                change: sum(1 for row in rows if row.change == change)
                for change in ("changed", "added", "removed")
            },
        },
    )


@login_required
@require_POST
def document_follow(request: HttpRequest, process: str, document: str) -> HttpResponse:
    item = document_or_404(process, document)
    follow = request.POST.get("follow") == "1"
    services.document_follow(document=item, user=signed_in(request), follow=follow)
    if follow:
        messages.success(request, _("You will get an email when a new version is published."))
    else:
        messages.success(request, _("You no longer follow this document."))
    return redirect("documents:document", process, document)
