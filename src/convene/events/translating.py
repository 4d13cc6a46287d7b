"""Translators' pages for events: every field organizers wrote, into every content language."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from convene.accounts.users import signed_in
from convene.core import languages, machine_translation
from convene.core.errors import ServiceError

from . import rules, selectors, translations
from .forms import ContentTranslationForm
from .models import Event, RegistrationQuestion, Session

NOT_A_TRANSLATOR = gettext_lazy(
    "Only translators can use these pages. Ask an administrator for the permission to "
    "translate events."
)


def _event_or_404(request: HttpRequest, slug: str) -> Event:
    event = selectors.event_get(slug=slug)
    if event is None or not rules.can_view_event(request.user, event):
        raise Http404(_("No such event."))
    return event


def _check_translator(request: HttpRequest) -> None:
    if not rules.can_translate_content(request.user):
        raise PermissionDenied(str(NOT_A_TRANSLATOR))


def _language_name_or_404(event: Event, language: str) -> str:
    if language not in languages.CONTENT or language == event.language:
        raise Http404(_("No such language."))
    return languages.language_name(language)


def _owner_or_404(event: Event, kind: str, pk: int, field: str) -> translations.Owner:
    owner: translations.Owner
    if kind == "event" and pk == event.pk:
        owner = event
    elif kind == "session":
        owner = get_object_or_404(Session, event=event, pk=pk)
        owner.event = event
    elif kind == "question":
        owner = get_object_or_404(RegistrationQuestion, event=event, pk=pk)
        owner.event = event
    else:
        raise Http404(_("No such field."))
    if field not in translations.fields_of(owner):
        raise Http404(_("No such field."))
    return owner


@login_required
def event_translations(request: HttpRequest, slug: str) -> HttpResponse:
    """How much of the event is translated into each language: for translators and organizers."""
    event = _event_or_404(request, slug)
    can_translate = rules.can_translate_content(request.user)
    if not (can_translate or rules.can_manage_event(request.user, event)):
        raise PermissionDenied(str(NOT_A_TRANSLATOR))
    codes = [code for code in languages.CONTENT if code != event.language]
    progress = translations.event_progress(event=event, languages=codes)
    return render(
        request,
        "events/translate_event.html",
        {
            "title": _("Translations of %(event)s") % {"event": event.title},
            "event": event,
            "source_language_name": languages.language_name(event.language),
            "rows": [
                {"code": code, "name": languages.language_name(code), **progress[code]}
                for code in codes
            ],
            "can_translate": can_translate,
        },
    )


@dataclass
class WorkRow:
    """A field on the translator's page: the source, where its translation stands, a form."""

    item: translations.WorkField
    label: str
    form: ContentTranslationForm
    can_suggest: bool


@dataclass
class WorkGroup:
    """The fields of one object: the event, a session or a question."""

    heading: str
    rows: list[WorkRow]


def _field_label(owner: translations.Owner, field: str) -> str:
    return str(capfirst(owner._meta.get_field(field).verbose_name))  # type: ignore[union-attr]


def _heading(owner: translations.Owner, number: int) -> str:
    if isinstance(owner, Event):
        return _("The event")
    if isinstance(owner, Session):
        return _("Session: %(title)s") % {"title": owner.title}
    return _("Registration question %(number)d") % {"number": number}


def _work_groups(
    *,
    event: Event,
    language: str,
    language_name: str,
    keep: str = "",
    bound: ContentTranslationForm | None = None,
) -> list[WorkGroup]:
    machine = machine_translation.get_backend() is not None
    groups: list[WorkGroup] = []
    last: object = None
    questions = 0
    for item in translations.worklist(event=event, language=language):
        if item.owner is not last:
            last = item.owner
            questions += isinstance(item.owner, RegistrationQuestion)
            groups.append(WorkGroup(heading=_heading(item.owner, questions), rows=[]))
        form = bound if bound is not None and keep == item.anchor else None
        if form is None:
            form = ContentTranslationForm(
                initial={
                    "text": item.translation.text if item.translation else "",
                    "source": item.digest,
                },
                language=language,
                language_name=language_name,
                anchor=item.anchor,
            )
        groups[-1].rows.append(
            WorkRow(
                item=item,
                label=_field_label(item.owner, item.field),
                form=form,
                can_suggest=machine and item.machine_may_fill,
            )
        )
    return groups


def _translate_page(
    request: HttpRequest,
    *,
    event: Event,
    language: str,
    language_name: str,
    keep: str = "",
    bound: ContentTranslationForm | None = None,
) -> HttpResponse:
    groups = _work_groups(
        event=event, language=language, language_name=language_name, keep=keep, bound=bound
    )
    return render(
        request,
        "events/translate_fields.html",
        {
            "title": _("Translating %(event)s into %(language)s")
            % {"event": event.title, "language": language_name},
            "event": event,
            "language": language,
            "language_name": language_name,
            "source_language_name": languages.language_name(event.language),
            "groups": groups,
            "to_do": sum(1 for group in groups for row in group.rows if row.item.state != "done"),
        },
        status=400 if bound is not None else 200,
    )


@login_required
def event_translate(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    _check_translator(request)
    event = _event_or_404(request, slug)
    name = _language_name_or_404(event, language)
    return _translate_page(request, event=event, language=language, language_name=name)


def _back_to_field(event: Event, language: str, anchor: str) -> HttpResponse:
    url = reverse("events:translate", args=[event.slug, language])
    return redirect(f"{url}#{anchor}")


@login_required
@require_POST
def event_translate_save(
    request: HttpRequest, slug: str, language: str, kind: str, pk: int, field: str
) -> HttpResponse:
    _check_translator(request)
    event = _event_or_404(request, slug)
    name = _language_name_or_404(event, language)
    owner = _owner_or_404(event, kind, pk, field)
    anchor = translations.anchor(owner, field)
    shown_digest = request.POST.get("source", "")
    data = request.POST.copy()
    data["source"] = translations.source_digest(owner, field)  # saving again confirms the source
    form = ContentTranslationForm(data, language=language, language_name=name, anchor=anchor)
    if form.is_valid():
        try:
            translations.content_translation_save(
                owner=owner,
                field=field,
                language=language,
                text=form.cleaned_data["text"],
                translator=signed_in(request),
                shown_digest=shown_digest,
            )
        except ServiceError as error:
            form.add_error("text", str(error.message))
        else:
            messages.success(request, _("The translation is saved."))
            return _back_to_field(event, language, anchor)
    return _translate_page(
        request, event=event, language=language, language_name=name, keep=anchor, bound=form
    )


@login_required
@require_POST
def event_translate_machine(
    request: HttpRequest, slug: str, language: str, kind: str, pk: int, field: str
) -> HttpResponse:
    if machine_translation.get_backend() is None:
        raise Http404(_("Machine translation is not available."))
    _check_translator(request)
    event = _event_or_404(request, slug)
    _language_name_or_404(event, language)
    owner = _owner_or_404(event, kind, pk, field)
    anchor = translations.anchor(owner, field)
    try:
        filled = translations.content_translation_machine_fill(
            owner=owner, field=field, language=language
        )
    except machine_translation.MachineTranslationError:
        messages.error(
            request,
            _(
                "The machine translation service did not answer. Nothing was changed: try "
                "again later, or translate this field yourself."
            ),
        )
    else:
        if filled is None:
            messages.info(
                request,
                _(
                    "Nothing was changed: a machine translation only fills a field that has "
                    "no translation by a person and no up-to-date machine translation."
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
    return _back_to_field(event, language, anchor)
