"""The ways to join the movement: every model of affiliation with its rules, each model's
page, and the committee's pages to add, edit and translate them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_http_methods

from convene.accounts.users import signed_in
from convene.core import languages
from convene.core.cache import cache_anonymous_page
from convene.core.errors import ServiceError
from convene.core.lists import joined_text

from .. import rules, selectors_ways, services_ways, translations
from ..forms.ways import AffiliationModelForm, AffiliationModelTranslationForm
from ..models import AffiliationModel

# The characteristics written in Markdown (lists of rights and duties); the others are
# plain text, their line breaks kept.
MARKDOWN = ("minimum_rights", "minimum_duties")


def _months(count: int) -> str:
    return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}


def _show(*affiliation_models: AffiliationModel) -> None:
    """Their text in the reader's language (`model.shown`), in one query."""
    translations.attach_shown(affiliation_models, language=translation.get_language() or "en")


def _model_or_404(slug: str) -> AffiliationModel:
    affiliation_model = selectors_ways.affiliation_model_get(slug=slug)
    if affiliation_model is None:
        raise Http404(_("No such model of affiliation."))
    return affiliation_model


def _check_committee(request: HttpRequest) -> None:
    if not rules.is_committee(request.user):
        raise PermissionDenied(
            _("Only the affiliations committee can change the models of affiliation.")
        )


def _fact(label: str, value: str, shown: translations.ShownText | None = None) -> dict[str, Any]:
    """A label and its value; `shown` when the value is the committee's text (it carries
    its language and may be an outdated translation)."""
    return {"label": label, "value": value, "shown": shown}


def rule_facts(affiliation_model: AffiliationModel) -> list[dict[str, Any]]:
    """The main rules of a model as plain facts: what the ways-to-join page lists."""
    model = affiliation_model
    reports = [
        str(getattr(model._meta.get_field(name), "verbose_name", name))
        for name in ("requires_activity_report", "requires_financial_statement")
        if getattr(model, name)
    ]
    facts = [
        _fact(
            _("Legal entity"),
            pgettext("legal entity", "Required")
            if model.requires_incorporation
            else pgettext("legal entity", "Not required"),
        ),
        _fact(
            _("Reports owed"),
            capfirst(joined_text(reports)) if reports else pgettext("reports owed", "None"),
        ),
    ]
    if reports:
        facts.append(
            _fact(
                _("Reports due"),
                ngettext(
                    "Within %(count)d month after the fiscal year ends",
                    "Within %(count)d months after the fiscal year ends",
                    model.report_months,
                )
                % {"count": model.report_months},
            )
        )
    facts.append(
        _fact(
            _("Provisional period"),
            _months(model.provisional_months)
            if model.provisional_months
            else _("None: recognition is not provisional"),
        )
    )
    recognized_by: translations.ShownText = model.shown.recognized_by  # type: ignore[attr-defined]
    if recognized_by.text.strip():
        facts.append(_fact(_("Recognized by"), recognized_by.text, recognized_by))
    facts.append(
        _fact(
            _("Applications"),
            pgettext("applications", "Open")
            if model.accepts_applications
            else _("Not accepted at present"),
        )
    )
    return facts


def _decision_facts(affiliation_model: AffiliationModel) -> list[dict[str, Any]]:
    """How the committee decides on an application, and the wait after a refusal."""
    model = affiliation_model
    return [
        _fact(translations.field_label("quorum"), str(model.quorum)),
        _fact(
            translations.field_label("majority_percent"),
            _("%(percent)d%%") % {"percent": model.majority_percent},
        ),
        _fact(
            _("Wait before applying again after a refusal"),
            _months(model.reapply_months)
            if model.reapply_months
            else pgettext("waiting period", "None"),
        ),
    ]


def _characteristics(affiliation_model: AffiliationModel) -> list[dict[str, Any]]:
    """Each defining characteristic the committee wrote, in the reader's language."""
    shown: translations.Shown = affiliation_model.shown  # type: ignore[attr-defined]
    return [
        {
            "name": name,
            "label": translations.field_label(name),
            "shown": getattr(shown, name),
            "markdown": name in MARKDOWN,
        }
        for name in AffiliationModel.CHARACTERISTICS
        if getattr(shown, name).text.strip()
    ]


# --- what everyone reads ---------------------------------------------------------------------


@cache_anonymous_page
def ways(request: HttpRequest) -> HttpResponse:
    affiliation_models = selectors_ways.affiliation_model_list()
    _show(*affiliation_models)
    return render(
        request,
        "organizations/ways.html",
        {
            "title": _("Ways to join the movement"),
            "rows": [{"model": item, "facts": rule_facts(item)} for item in affiliation_models],
            "is_committee": rules.is_committee(request.user),
        },
    )


@cache_anonymous_page
def model_detail(request: HttpRequest, slug: str) -> HttpResponse:
    affiliation_model = _model_or_404(slug)
    _show(affiliation_model)
    return render(
        request,
        "organizations/model_detail.html",
        {
            "title": translations.shown_text(affiliation_model, "name"),
            "model": affiliation_model,
            "facts": rule_facts(affiliation_model),
            "decision_facts": _decision_facts(affiliation_model),
            "characteristics": _characteristics(affiliation_model),
            "is_committee": rules.is_committee(request.user),
        },
    )


# --- the committee's pages ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def model_create(request: HttpRequest) -> HttpResponse:
    _check_committee(request)
    form = AffiliationModelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            affiliation_model = services_ways.affiliation_model_create(
                user=signed_in(request), fields=form.model_fields()
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The model of affiliation was added. It is on the ways-to-join page now."),
            )
            return redirect("organizations:model", slug=affiliation_model.slug)
    return render(
        request,
        "organizations/model_form.html",
        {"title": _("New model of affiliation"), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def model_edit(request: HttpRequest, slug: str) -> HttpResponse:
    _check_committee(request)
    affiliation_model = _model_or_404(slug)
    # The form fills its own copy: the page keeps the saved name and address.
    form = AffiliationModelForm(
        request.POST or None, instance=AffiliationModel.objects.get(pk=affiliation_model.pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            affiliation_model = services_ways.affiliation_model_update(
                user=signed_in(request),
                affiliation_model=affiliation_model,
                fields=form.model_fields(),
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The model of affiliation was saved."))
            return redirect("organizations:model", slug=affiliation_model.slug)
    return render(
        request,
        "organizations/model_form.html",
        {
            "title": _("Edit %(model)s") % {"model": affiliation_model.name},
            "form": form,
            "model": affiliation_model,
        },
        status=400 if form.errors else 200,
    )


@login_required
def model_translations(request: HttpRequest, slug: str) -> HttpResponse:
    _check_committee(request)
    affiliation_model = _model_or_404(slug)
    codes = translations.translatable_languages(affiliation_model)
    rows = translations.progress(affiliation_model=affiliation_model, codes=codes)
    return render(
        request,
        "organizations/model_translations.html",
        {
            "title": _("Translations of %(model)s") % {"model": affiliation_model.name},
            "model": affiliation_model,
            "source_language_name": languages.language_name(affiliation_model.language),
            "rows": [{**row, "name": languages.language_name(row["language"])} for row in rows],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def model_translate(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    _check_committee(request)
    affiliation_model = _model_or_404(slug)
    if language not in translations.translatable_languages(affiliation_model):
        raise Http404(_("No such language."))
    language_name = languages.language_name(language)
    rows = translations.worklist(affiliation_model=affiliation_model, language=language)
    form = AffiliationModelTranslationForm(request.POST or None, rows=rows, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            services_ways.affiliation_model_translation_save(
                user=signed_in(request),
                affiliation_model=affiliation_model,
                language=language,
                texts=form.texts(),
                seen=form.seen(),
                confirmed=form.confirmed(),
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect("organizations:model_translate", slug=slug, language=language)
    return render(
        request,
        "organizations/model_translate.html",
        {
            "title": _("Translating %(model)s into %(language)s")
            % {"model": affiliation_model.name, "language": language_name},
            "model": affiliation_model,
            "language": language,
            "language_name": language_name,
            "source_language_name": languages.language_name(affiliation_model.language),
            "to_do": sum(1 for row in rows if row.state != "done"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
