"""Pages of strategy documents. Views parse input, check rules, call services or selectors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from convene.core.cache import cache_anonymous_page
from convene.core.errors import ServiceError

from . import machine_translation, rendering, rules, selectors, services
from .blocks import split_blocks
from .diff import paragraph_diff
from .forms import InitiativeForm, TranslationForm, VersionForm
from .models import Document, DocumentVersion, Initiative, Paragraph, Process

CONTENT_LANGUAGE_NAMES = dict(settings.INTERPRETATION_LANGUAGES)


def explained_403(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A refusal (PermissionDenied) shown as a page that says why, with status 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            return _refused(request, str(error) or _("You may not do this."), status=403)

    return wrapper


def _refused(
    request: HttpRequest, message: Any, *, status: int, document: Document | None = None
) -> HttpResponse:
    return render(
        request,
        "documents/refused.html",
        {"title": _("This cannot be done"), "message": message, "document": document},
        status=status,
    )


def _form_errors_from(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _document_or_404(process_slug: str, document_slug: str) -> Document:
    return get_object_or_404(
        Document.objects.select_related("process"), process__slug=process_slug, slug=document_slug
    )


def _version_or_404(request: HttpRequest, document: Document, number: int) -> DocumentVersion:
    version = document.versions.filter(number=number).first()
    if version is None or not rules.can_view_version(request.user, version):
        raise Http404(_("No such version."))
    version.document = document
    return version


def reading_language(request: HttpRequest) -> str:
    """The language to read content in: ?lang=, else the interface language."""
    wanted = request.GET.get("lang") or translation.get_language() or "en"
    return wanted if wanted in CONTENT_LANGUAGE_NAMES else "en"


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
    item = _document_or_404(process, document)
    latest = selectors.latest_published(document=item)
    if latest is None:
        if rules.can_author(request.user, item):
            draft = item.versions.order_by("-number").first()
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
    item = _document_or_404(process, document)
    version = _version_or_404(request, item, number)
    language = reading_language(request)
    reading = selectors.version_reading(version=version, language=language)
    comment_counts = selectors.paragraph_comment_counts(version=version)
    versions = selectors.published_versions(document=item)
    source_language_name = str(CONTENT_LANGUAGE_NAMES.get(version.source_language, ""))
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
            "language_name": CONTENT_LANGUAGE_NAMES.get(language, language),
            "source_language_name": source_language_name,
            "content_languages": settings.INTERPRETATION_LANGUAGES,
            "fallbacks": sum(1 for row in reading if row.is_fallback),
            "initiatives": list(item.initiatives.all()),
            "can_author": rules.can_author(request.user, item),
            "can_translate": rules.can_translate(request.user)
            and language != version.source_language
            and version.is_published,
            "is_following": request.user.is_authenticated
            and item.followers.filter(pk=request.user.pk).exists(),
            "feedback_state": version.feedback_state(),
        },
    )


def version_diff(request: HttpRequest, process: str, document: str) -> HttpResponse:
    item = _document_or_404(process, document)
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
    rows = paragraph_diff(
        list(old.paragraphs.order_by("position").values_list("anchor", "text")),
        list(new.paragraphs.order_by("position").values_list("anchor", "text")),
    )
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
    item = _document_or_404(process, document)
    follow = request.POST.get("follow") == "1"
    services.document_follow(document=item, user=request.user, follow=follow)
    if follow:
        messages.success(request, _("You will get an email when a new version is published."))
    else:
        messages.success(request, _("You no longer follow this document."))
    return redirect("documents:document", process, document)


# --- authoring: the working group writes and publishes iterations ----------------------


def _authored_document(request: HttpRequest, process: str, document: str) -> Document:
    item = _document_or_404(process, document)
    if not rules.can_author(request.user, item):
        raise PermissionDenied(
            _("Only the authors of this document (its working group) can write its versions.")
        )
    return item


def _any_version_or_404(document: Document, number: int) -> DocumentVersion:
    version = get_object_or_404(DocumentVersion, document=document, number=number)
    version.document = document
    return version


@login_required
@explained_403
@require_http_methods(["GET", "POST"])
def version_new(request: HttpRequest, process: str, document: str) -> HttpResponse:
    item = _authored_document(request, process, document)
    draft = item.versions.filter(published_at__isnull=True).order_by("-number").first()
    if draft is not None:
        messages.info(
            request,
            _("Iteration %(number)s is already being drafted: continue it here.")
            % {"number": draft.number},
        )
        return redirect("documents:version_edit", process, document, draft.number)
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
                document=item, author=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors_from(form, error)
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
        return _refused(
            request,
            _("A published version cannot be edited; write a new one."),
            status=400,
            document=item,
        )
    saved_body = version.body  # the preview shows what is saved, not what failed to save
    form = VersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_save_draft(
                document=item,
                author=request.user,
                version=DocumentVersion.objects.get(pk=version.pk),
                **form.cleaned_data,
            )
        except ServiceError as error:
            return _refused(request, error.message, status=400, document=item)
        except ValidationError as error:
            _form_errors_from(form, error)
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
        services.version_publish(version=version)
    except ServiceError as error:
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
            services.initiative_save(document=item, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
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
        services.initiative_delete(initiative=initiative)
        messages.success(request, _("The initiative was removed."))
        return redirect("documents:initiatives", process, document)
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_save(
                document=item,
                initiative=Initiative.objects.get(pk=initiative.pk),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
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


# --- translating: translators bring every paragraph into every language ----------------


def _check_translator(request: HttpRequest) -> None:
    if not rules.can_translate(request.user):
        raise PermissionDenied(
            _(
                "Only translators can use these pages. Ask an administrator for the "
                "permission to translate documents."
            )
        )


def _language_name_or_404(language: str) -> str:
    if language not in CONTENT_LANGUAGE_NAMES:
        raise Http404(_("No such language."))
    return str(CONTENT_LANGUAGE_NAMES[language])


def _translated_version_or_404(process: str, document: str) -> tuple[Document, DocumentVersion]:
    item = _document_or_404(process, document)
    version = selectors.latest_published(document=item)
    if version is None:
        raise Http404(_("This document has no published version yet."))
    version.document = item
    return item, version


@login_required
@explained_403
def translate_languages(request: HttpRequest) -> HttpResponse:
    _check_translator(request)
    languages = []
    overview = selectors.translation_overview(
        languages=[code for code, _name in settings.INTERPRETATION_LANGUAGES]
    )
    for code, name in settings.INTERPRETATION_LANGUAGES:
        progress = overview[code]
        total = sum(p.total for p in progress)
        up_to_date = sum(p.up_to_date for p in progress)
        outdated = sum(p.outdated for p in progress)
        languages.append(
            {
                "code": code,
                "name": name,
                "documents": len(progress),
                "total": total,
                "up_to_date": up_to_date,
                "outdated": outdated,
                "missing": total - up_to_date - outdated,
                "percent": round(100 * up_to_date / total) if total else 100,
            }
        )
    return render(
        request,
        "documents/translate_languages.html",
        {"title": _("Translate documents"), "languages": languages},
    )


@login_required
@explained_403
def translate_language(request: HttpRequest, language: str) -> HttpResponse:
    _check_translator(request)
    name = _language_name_or_404(language)
    return render(
        request,
        "documents/translate_language.html",
        {
            "title": _("Translating into %(language)s") % {"language": name},
            "language": language,
            "language_name": name,
            "progress": selectors.translation_progress(language=language),
        },
    )


@dataclass
class WorkRow:
    """A paragraph on a translator's page: the source, what exists in the language, a form."""

    paragraph: Paragraph
    state: str  # "missing", "outdated" or "done" (kept on the page after it was translated)
    translation: str  # the existing (possibly outdated) translation, or ""
    is_machine: bool
    form: TranslationForm
    can_suggest: bool  # a machine translation may be asked for


def _work_rows(
    *,
    version: DocumentVersion,
    language: str,
    language_name: str,
    keep: str = "",
    bound: TranslationForm | None = None,
) -> list[WorkRow]:
    """The missing and outdated paragraphs, and the paragraph `keep` (just translated)."""
    items = [
        (row["reading"], row["state"])
        for row in selectors.translation_worklist(version=version, language=language)
    ]
    if keep and keep not in {reading.paragraph.anchor for reading, _state in items}:
        done = [
            (reading, "done")
            for reading in selectors.version_reading(version=version, language=language)
            if reading.paragraph.anchor == keep and not reading.is_fallback
        ]
        items = sorted(items + done, key=lambda item: item[0].paragraph.position)
    machine = machine_translation.get_backend() is not None
    rows = []
    for reading, state in items:
        paragraph = reading.paragraph
        translation_text = "" if reading.is_fallback else reading.text
        form = bound if bound is not None and keep == paragraph.anchor else None
        if form is None:
            form = TranslationForm(
                initial={"text": translation_text, "source": paragraph.fingerprint},
                language=language,
                language_name=language_name,
                anchor=paragraph.anchor,
            )
        rows.append(
            WorkRow(
                paragraph=paragraph,
                state=state,
                translation=translation_text,
                is_machine=reading.is_machine,
                form=form,
                can_suggest=machine
                and (state == "missing" or (state == "outdated" and reading.is_machine)),
            )
        )
    return rows


def _translate_document_page(
    request: HttpRequest,
    *,
    language: str,
    language_name: str,
    document: Document,
    version: DocumentVersion,
    keep: str = "",
    bound: TranslationForm | None = None,
) -> HttpResponse:
    rows = _work_rows(
        version=version, language=language, language_name=language_name, keep=keep, bound=bound
    )
    return render(
        request,
        "documents/translate_document.html",
        {
            "title": _("Translating %(document)s into %(language)s")
            % {"document": document.title, "language": language_name},
            "process": document.process,
            "document": document,
            "version": version,
            "language": language,
            "language_name": language_name,
            "source_language_name": CONTENT_LANGUAGE_NAMES.get(version.source_language),
            "rows": rows,
            "to_do": sum(1 for row in rows if row.state != "done"),
        },
        status=400 if bound is not None else 200,
    )


def _back_to_paragraph(language: str, process: str, document: str, anchor: str) -> HttpResponse:
    url = reverse("translate:document", args=[language, process, document])
    return redirect(f"{url}?paragraph={anchor}#{anchor}")


@login_required
@explained_403
def translate_document(
    request: HttpRequest, language: str, process: str, document: str
) -> HttpResponse:
    _check_translator(request)
    name = _language_name_or_404(language)
    item, version = _translated_version_or_404(process, document)
    return _translate_document_page(
        request,
        language=language,
        language_name=name,
        document=item,
        version=version,
        keep=request.GET.get("paragraph", ""),
    )


@login_required
@explained_403
@require_POST
def translate_save(
    request: HttpRequest, language: str, process: str, document: str, anchor: str
) -> HttpResponse:
    _check_translator(request)
    name = _language_name_or_404(language)
    item, version = _translated_version_or_404(process, document)
    paragraph = get_object_or_404(Paragraph, version=version, anchor=anchor)
    shown_source = request.POST.get("source", "")
    data = request.POST.copy()
    data["source"] = paragraph.fingerprint  # saving again confirms the text as it is now
    form = TranslationForm(data, language=language, language_name=name, anchor=anchor)
    if form.is_valid():
        if shown_source != paragraph.fingerprint:
            form.add_error(
                "text",
                _(
                    "The original paragraph changed while you were translating. Compare your "
                    "translation with the new original, then save it again."
                ),
            )
        else:
            try:
                services.translation_save(
                    paragraph=paragraph,
                    language=language,
                    text=form.cleaned_data["text"],
                    translator=request.user,
                )
            except ServiceError as error:
                form.add_error("text", str(error.message))
            else:
                messages.success(request, _("The translation is saved."))
                return _back_to_paragraph(language, process, document, anchor)
    return _translate_document_page(
        request,
        language=language,
        language_name=name,
        document=item,
        version=version,
        keep=anchor,
        bound=form,
    )


@login_required
@explained_403
@require_POST
def translate_machine(
    request: HttpRequest, language: str, process: str, document: str, anchor: str
) -> HttpResponse:
    if machine_translation.get_backend() is None:
        raise Http404(_("Machine translation is not available."))
    _check_translator(request)
    _language_name_or_404(language)
    _item, version = _translated_version_or_404(process, document)
    paragraph = get_object_or_404(Paragraph, version=version, anchor=anchor)
    try:
        filled = services.translation_machine_fill(paragraph=paragraph, language=language)
    except machine_translation.MachineTranslationError:
        messages.error(
            request,
            _(
                "The machine translation service did not answer. Nothing was changed: try "
                "again later, or translate this paragraph yourself."
            ),
        )
    else:
        if filled is None:
            messages.info(
                request,
                _(
                    "Nothing was changed: a machine translation only fills a paragraph that "
                    "has no translation by a person and no up-to-date machine translation."
                ),
            )
        else:
            messages.success(
                request,
                _(
                    "A machine translation was filled in. It is shown as machine translation "
                    "until a translator reviews it and saves it."
                ),
            )
    return _back_to_paragraph(language, process, document, anchor)
