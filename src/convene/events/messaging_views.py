"""Organizers' pages for writing to registrants: write (with translations), preview, send,
and the copies of what was sent. Every step is a plain form post: no JavaScript needed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from convene.accounts.users import signed_in
from convene.core import languages
from convene.core.errors import ServiceError
from convene.core.lists import joined_text
from convene.core.timezones import format_moment

from . import messaging, rules, selectors
from .models import Event, LocationType, Message, Registration, Session

TEXT_ATTRS = {"dir": "auto"}


class MessageForm(forms.Form):
    """Whom to write to, what, and optional translations: `translation_count` fieldsets of
    (language, subject, message), one more each time "Add a translation" is pressed."""

    scope = forms.ChoiceField(label=gettext_lazy("To the registrants of"), required=False)
    statuses = forms.MultipleChoiceField(
        label=gettext_lazy("Registrations"),
        choices=Registration.Status.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Choose at least one kind of registration to write to.")
        },
    )
    interpretation_language = forms.ChoiceField(
        label=gettext_lazy("Only those needing interpretation into"), required=False
    )
    need = forms.ChoiceField(label=gettext_lazy("Only those who asked for"), required=False)
    language = forms.ChoiceField(
        label=gettext_lazy("Written in"), choices=languages.choices(languages.CONTENT)
    )
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=messaging.SUBJECT_MAX,
        widget=forms.TextInput(attrs=TEXT_ATTRS),
    )
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=messaging.BODY_MAX,
        help_text=gettext_lazy("Plain text. Each person is greeted by name above it."),
        widget=forms.Textarea(attrs={"rows": 10, **TEXT_ATTRS}),
    )
    translation_count = forms.IntegerField(
        min_value=0, max_value=len(languages.CONTENT) - 1, initial=0, widget=forms.HiddenInput
    )

    def __init__(
        self,
        *args: Any,
        event: Event,
        sessions: list[Session],
        translations: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            translations = _count(self.data.get("translation_count"))
        self.translations = translations
        self.initial.setdefault("language", event.language)
        self.initial.setdefault("statuses", [Registration.Status.CONFIRMED])
        self.initial["translation_count"] = translations
        zone = timezone.get_current_timezone()
        self._choices(
            "scope",
            [("", _("The whole event"))]
            + [
                (str(s.pk), f"{s.title} · {format_moment(s.starts_at, zone, 'yMMMEd')}")
                for s in sessions
            ],
        )
        offered = {code for s in sessions for code in (s.interpretation_languages or [])}
        interpretation = [code for code in languages.CONTENT if code in offered]
        if interpretation:
            self._choices(
                "interpretation_language",
                [("", _("Everyone")), *languages.choices(interpretation)],
            )
        else:
            del self.fields["interpretation_language"]
        has_hybrid = any(s.location_type == LocationType.HYBRID for s in sessions)
        self._choices("need", messaging.event_needs_choices(has_hybrid=has_hybrid))
        for index in range(translations):
            self.fields[f"t{index}_language"] = forms.ChoiceField(
                label=_("Language"),
                required=False,
                choices=[("", "—"), *languages.choices(languages.CONTENT)],
            )
            self.fields[f"t{index}_subject"] = forms.CharField(
                label=_("Subject"),
                required=False,
                max_length=messaging.SUBJECT_MAX,
                widget=forms.TextInput(attrs=TEXT_ATTRS),
            )
            self.fields[f"t{index}_body"] = forms.CharField(
                label=_("Message"),
                required=False,
                max_length=messaging.BODY_MAX,
                widget=forms.Textarea(attrs={"rows": 8, **TEXT_ATTRS}),
            )

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def translation_fieldsets(self) -> list[dict[str, Any]]:
        return [
            {
                "number": index + 1,
                "language": self[f"t{index}_language"],
                "subject": self[f"t{index}_subject"],
                "body": self[f"t{index}_body"],
            }
            for index in range(self.translations)
        ]

    def clean_body(self) -> str:
        return str(self.cleaned_data["body"]).replace("\r\n", "\n")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        source = cleaned.get("language")
        translations: dict[str, dict[str, str]] = {}
        for index in range(self.translations):
            code = cleaned.get(f"t{index}_language") or ""
            subject = cleaned.get(f"t{index}_subject") or ""
            body = (cleaned.get(f"t{index}_body") or "").replace("\r\n", "\n")
            if not (code or subject or body):
                continue  # an empty fieldset is left out
            if not code:
                self.add_error(f"t{index}_language", _("Choose the language of this translation."))
            elif code == source:
                self.add_error(
                    f"t{index}_language",
                    _("A translation cannot be in the language the message is written in."),
                )
            elif code in translations:
                self.add_error(f"t{index}_language", _("This language already has a translation."))
            if not subject or not body:
                self.add_error(
                    f"t{index}_subject" if not subject else f"t{index}_body",
                    _("Each translation needs a subject and a message."),
                )
            if code:
                translations[code] = {"subject": subject, "body": body}
        cleaned["translations"] = translations
        return cleaned

    def initial_from(self, data: QueryDict) -> dict[str, Any]:
        """What was posted, as the initial values of a new, unvalidated form."""
        return {
            name: data.getlist(name)
            if isinstance(field, forms.MultipleChoiceField)
            else data.get(name, "")
            for name, field in self.fields.items()
            if name != "translation_count"
        }


def _count(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return min(max(number, 0), len(languages.CONTENT) - 1)


def _messaging_event(request: HttpRequest, slug: str) -> Event:
    event = selectors.event_get(slug=slug)
    if event is None:
        raise Http404(_("No such event."))
    if not rules.can_message_registrants(request.user, event):
        raise PermissionDenied(_("Only the organizers of this event can do this."))
    return event


def _audience(form: MessageForm, sessions: list[Session]) -> dict[str, Any]:
    data = form.cleaned_data
    by_id = {str(s.pk): s for s in sessions}
    return {
        "session": by_id.get(data["scope"]),
        "statuses": data["statuses"],
        "interpretation_language": data.get("interpretation_language") or "",
        "need": data.get("need") or "",
    }


def _form_page(request: HttpRequest, event: Event, form: MessageForm, status: int) -> HttpResponse:
    return render(
        request,
        "events/message_form.html",
        {
            "title": _("Write to registrants"),
            "event": event,
            "form": form,
            "next_translation": form.translations + 1,
            "can_add_translation": form.translations < len(languages.CONTENT) - 1,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_new(request: HttpRequest, slug: str) -> HttpResponse:
    event = _messaging_event(request, slug)
    sessions = selectors.event_sessions(event=event)
    if request.method == "GET":
        wanted = request.GET.get("session", "")
        scope = wanted if any(str(s.pk) == wanted for s in sessions) else ""
        return _form_page(
            request,
            event,
            MessageForm(event=event, sessions=sessions, initial={"scope": scope}),
            200,
        )
    action = request.POST.get("action", "preview")
    if action in ("add_translation", "edit"):
        posted = MessageForm(request.POST, event=event, sessions=sessions)
        extra = (
            1
            if action == "add_translation" and posted.translations < len(languages.CONTENT) - 1
            else 0
        )
        form = MessageForm(
            event=event,
            sessions=sessions,
            translations=posted.translations + extra,
            initial=posted.initial_from(request.POST),
        )
        return _form_page(request, event, form, 200)
    form = MessageForm(request.POST, event=event, sessions=sessions)
    if not form.is_valid():
        return _form_page(request, event, form, 400)
    audience = _audience(form, sessions)
    data = form.cleaned_data
    if action == "send":
        try:
            message = messaging.message_send(
                event=event,
                author=signed_in(request),
                language=data["language"],
                subject=data["subject"],
                body=data["body"],
                translations=data["translations"],
                **audience,
            )
        except ServiceError as error:
            form.add_error(None, str(error.message))
            return _form_page(request, event, form, 400)
        messages.success(
            request,
            ngettext(
                "Your message was sent to %(count)s person.",
                "Your message was sent to %(count)s people.",
                message.recipient_count,
            )
            % {"count": message.recipient_count},
        )
        return redirect("events:message", slug=event.slug, message_id=message.pk)
    count = messaging.message_recipient_count(event=event, **audience)
    if not count:
        form.add_error(None, _("Nobody matches these filters: the message was not sent."))
        return _form_page(request, event, form, 400)
    preview = Message(
        event=event,
        language=data["language"],
        subject=data["subject"],
        body=data["body"],
        translations=data["translations"],
        statuses=data["statuses"],
        interpretation_language=audience["interpretation_language"],
        need=audience["need"],
        recipient_count=count,
    )
    preview.session = audience["session"]
    return render(
        request,
        "events/message_preview.html",
        {
            "title": _("Check and send your message"),
            "event": event,
            "form": form,
            "message": preview,
            "texts": messaging.message_texts(preview),
            "filters": _filters(preview),
        },
    )


def _filters(message: Message) -> list[tuple[str, str]]:
    """(what, chosen) lines describing whom a message is for, in the reader's language."""
    statuses = dict(Registration.Status.choices)
    needs = dict(messaging.event_needs_choices(has_hybrid=True))
    lines = [
        (
            _("To the registrants of"),
            message.session.title if message.session else _("The whole event"),
        ),
        (
            _("Registrations"),
            joined_text(statuses.get(status, status) for status in message.statuses),
        ),
    ]
    if message.interpretation_language:
        lines.append(
            (
                _("Only those needing interpretation into"),
                languages.language_name(message.interpretation_language),
            )
        )
    if message.need:
        lines.append((_("Only those who asked for"), str(needs.get(message.need, message.need))))
    return lines


@login_required
def message_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = _messaging_event(request, slug)
    return render(
        request,
        "events/message_list.html",
        {
            "title": _("Messages to registrants"),
            "event": event,
            "sent": messaging.event_messages(event=event),
        },
    )


@login_required
def message_detail(request: HttpRequest, slug: str, message_id: int) -> HttpResponse:
    event = _messaging_event(request, slug)
    message = messaging.message_get(event=event, message_id=message_id)
    if message is None:
        raise Http404(_("No such message."))
    return render(
        request,
        "events/message_detail.html",
        {
            "title": message.subject,
            "event": event,
            "message": message,
            "texts": messaging.message_texts(message),
            "filters": _filters(message),
        },
    )
