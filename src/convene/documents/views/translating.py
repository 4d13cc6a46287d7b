"""Translating: translators bring every paragraph into every language."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convene.accounts.users import signed_in
from convene.core import languages, machine_translation
from convene.core.errors import ServiceError
from convene.events import rules as event_rules
from convene.events import translations as event_translations

from .. import rules, selectors, services
from ..forms import TranslationForm
from ..models import Document, DocumentVersion, Paragraph
from ._common import document_or_404, explained_403


def _check_translator(request: HttpRequest) -> None:
    if not rules.can_translate(request.user):
        raise PermissionDenied(
            _(
                "Only translators can use these pages. Ask an administrator for the "
                "permission to translate documents."
            )
        )


def _check_any_translator(request: HttpRequest) -> None:
    """The overview pages: for translators of documents or of events."""
    if not (rules.can_translate(request.user) or event_rules.can_translate_content(request.user)):
        raise PermissionDenied(
            _(
                "Only translators can use these pages. Ask an administrator for the "
                "permission to translate documents."
            )
        )


def _language_name_or_404(language: str) -> str:
    if language not in languages.CONTENT:
        raise Http404(_("No such language."))
    return languages.language_name(language)


def _translated_version_or_404(process: str, document: str) -> tuple[Document, DocumentVersion]:
    item = document_or_404(process, document)
    version = selectors.latest_published(document=item)
    if version is None:
        raise Http404(_("This document has no published version yet."))
    version.document = item
    return item, version


@login_required
@explained_403
def translate_languages(request: HttpRequest) -> HttpResponse:
    _check_any_translator(request)
    events = event_translations.progress_overview(languages=languages.CONTENT)
    return render(
        request,
        "documents/translate_languages.html",
        {
            "title": _("Translate documents"),
            "languages": selectors.translation_summary(),
            "events": [
                {
                    "code": code,
                    "name": languages.language_name(code),
                    "events": len(events[code]),
                    "total": sum(row["total"] for row in events[code]),
                    "up_to_date": sum(row["up_to_date"] for row in events[code]),
                    "outdated": sum(row["outdated"] for row in events[code]),
                    "missing": sum(row["missing"] for row in events[code]),
                }
                for code in languages.CONTENT
            ],
        },
    )


@login_required
@explained_403
def translate_language(request: HttpRequest, language: str) -> HttpResponse:
    _check_any_translator(request)
    name = _language_name_or_404(language)
    return render(
        request,
        "documents/translate_language.html",
        {
            "title": _("Translating into %(language)s") % {"language": name},
            "language": language,
            "language_name": name,
            "progress": selectors.translation_progress(language=language),
            "events": event_translations.progress_overview(languages=[language])[language],
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
    """The translator's list, each paragraph with its form (`bound` for the paragraph `keep`)."""
    machine = machine_translation.get_backend() is not None
    rows = []
    for item in selectors.translation_worklist(version=version, language=language, keep=keep):
        paragraph = item.paragraph
        form = bound if bound is not None and keep == paragraph.anchor else None
        if form is None:
            form = TranslationForm(
                initial={"text": item.translation, "source": paragraph.fingerprint},
                language=language,
                language_name=language_name,
                anchor=paragraph.anchor,
            )
        rows.append(
            WorkRow(
                paragraph=paragraph,
                state=item.state,
                translation=item.translation,
                is_machine=item.reading.is_machine,
                form=form,
                can_suggest=machine and item.machine_may_fill,
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
            "source_language_name": languages.language_name(version.source_language),
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
        try:
            services.translation_save(
                paragraph=paragraph,
                language=language,
                text=form.cleaned_data["text"],
                translator=signed_in(request),
                source_fingerprint=shown_source,
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
