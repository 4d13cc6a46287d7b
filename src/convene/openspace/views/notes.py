"""A topic's notes (written, translated, their history) and actions, and the harvest of an
open space with its downloads. Every step is a plain link or form post: no JavaScript
needed. Notes are never lost: a save always keeps the text as a new version, and a writer
whose save came after someone else's is told, with the comparison one link away."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.users import signed_in
from convene.core import languages
from convene.core.errors import ServiceError
from convene.core.http import acted, safe_next

from .. import exports, rules, selectors_notes, services
from ..forms_notes import ActionForm, NotesForm
from ..models import OpenSpace, Topic


def _viewable(request: HttpRequest, slug: str) -> OpenSpace:
    open_space = selectors_notes.open_space_of(slug=slug)
    if not rules.can_view(request.user, open_space):
        raise Http404(_("No such open space."))
    return open_space


def _topic(request: HttpRequest, slug: str, topic_id: int) -> Topic:
    return selectors_notes.topic_of(open_space=_viewable(request, slug), topic_id=topic_id)


def _language_or_404(language: str) -> str:
    if language not in languages.CONTENT:
        raise Http404(_("No such language."))
    return language


def topic_url(topic: Topic) -> str:
    """The topic's own page, where its notes panel is; its notes' history until it has one."""
    slug = topic.open_space.event.slug
    try:
        return reverse("openspace:topic", args=[slug, topic.pk])
    except NoReverseMatch:
        return reverse(
            "openspace:notes_history",
            args=[slug, topic.pk, selectors_notes.reader_language()],
        )


def _back(request: HttpRequest, topic: Topic) -> str:
    return safe_next(request, topic_url(topic))


# --- notes -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notes_edit(request: HttpRequest, slug: str, topic_id: int, language: str) -> HttpResponse:
    """Write the notes in `language`: from its latest version, or a first one (a translation
    when the notes exist in another language). A save that comes after someone else's is
    kept all the same, as the next version, and the writer is told."""
    topic = _topic(request, slug, topic_id)
    language = _language_or_404(language)
    user = signed_in(request)
    latest = selectors_notes.notes_latest(topic=topic, language=language)
    if request.method == "GET" and not rules.can_write_notes(user, topic):
        raise PermissionDenied(
            _("The convener, the people at the topic and the organizers write its notes.")
        )
    form = NotesForm(
        request.POST if request.method == "POST" else None,
        initial={"body": latest.body if latest else "", "based_on": latest.number if latest else 0},
        language=language,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.notes_save(
                topic=topic,
                author=user,
                language=language,
                body=form.cleaned_data["body"],
                based_on=form.cleaned_data["based_on"] or None,
            )
        except ServiceError as error:
            form.add_error("body", error.message)
        else:
            number = saved.version.number
            if not saved.someone_saved_in_between:
                messages.success(
                    request, _("The notes are saved as version %(number)s.") % {"number": number}
                )
                return redirect(_back(request, topic))
            history = reverse("openspace:notes_history", args=[slug, topic.pk, language])
            compare = f"{history}#version-{number}"
            messages.warning(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _(
                        "Your text is kept as version %(number)s. Someone else saved version "
                        "%(other)s while you were writing: compare the two and bring together "
                        "what each of you wrote."
                    )
                    % {"number": number, "other": number - 1},
                    compare,
                    _("Compare version %(other)s with yours") % {"other": number - 1},
                ),
            )
            return redirect(compare)
    written = selectors_notes.notes_languages(topic=topic)
    # Writing a translation: the notes as first written, to translate from.
    source = (
        selectors_notes.notes_latest(topic=topic, language=written[0])
        if latest is None and written and written[0] != language
        else None
    )
    name = languages.language_name(language)
    return render(
        request,
        "openspace/notes_edit.html",
        {
            "title": _("Notes in %(language)s: %(topic)s") % {"language": name, "topic": topic},
            "topic": topic,
            "slug": slug,
            "form": form,
            "language": language,
            "language_name": name,
            "latest": latest,
            "source": source,
            "source_language_name": languages.language_name(source.language) if source else "",
            "next": safe_next(request, ""),
            "back": _back(request, topic),
            "written": [(code, languages.language_name(code)) for code in written],
            "other_languages": [
                (code, label)
                for code, label in languages.sorted_choices(languages.CONTENT)
                if code != language
            ],
        },
        status=400 if form.errors else 200,
    )


@require_GET
def notes_history(request: HttpRequest, slug: str, topic_id: int, language: str) -> HttpResponse:
    """The notes in `language` as they are now, then every version with who saved it, when,
    and the words changed since the one before."""
    topic = _topic(request, slug, topic_id)
    language = _language_or_404(language)
    entries = selectors_notes.notes_history(topic=topic, language=language)
    written = selectors_notes.notes_languages(topic=topic)
    name = languages.language_name(language)
    return render(
        request,
        "openspace/notes_history.html",
        {
            "title": _("Notes in %(language)s: %(topic)s") % {"language": name, "topic": topic},
            "topic": topic,
            "slug": slug,
            "language": language,
            "language_name": name,
            "entries": entries,
            "latest": entries[0].version if entries else None,
            "back": topic_url(topic),
            "can_write": rules.can_write_notes(request.user, topic),
            "written": [
                (code, languages.language_name(code)) for code in written if code != language
            ],
        },
    )


# --- actions ---------------------------------------------------------------------------


@login_required
@require_POST
def action_new(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    """Add an action to a topic; a refused one comes back in its form, as typed."""
    topic = _topic(request, slug, topic_id)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.action_create(
                topic=topic,
                user=signed_in(request),
                what=form.cleaned_data["what"],
                who=form.cleaned_data["who"],
                due_on=form.cleaned_data["due_on"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The action is added."))
            return redirect(_back(request, topic))
    return render(
        request,
        "openspace/action_form.html",
        {
            "title": _("Add an action: %(topic)s") % {"topic": topic},
            "topic": topic,
            "slug": slug,
            "form": form,
            "next": safe_next(request, ""),
            "back": _back(request, topic),
        },
        status=400,
    )


@login_required
@require_POST
def action_take(request: HttpRequest, slug: str, topic_id: int, action_id: int) -> HttpResponse:
    """Take an action on (`take=1`) or let it go (`take=0`)."""
    topic = _topic(request, slug, topic_id)
    action = selectors_notes.action_of(topic=topic, action_id=action_id)
    take = request.POST.get("take", "1") != "0"
    return acted(
        request,
        lambda: services.action_take(action=action, user=signed_in(request), take=take),
        _("You took this action on.") if take else _("You let this action go."),
        _back(request, topic),
    )


@login_required
@require_POST
def action_done(request: HttpRequest, slug: str, topic_id: int, action_id: int) -> HttpResponse:
    """Mark an action done (`done=1`) or not done after all (`done=0`)."""
    topic = _topic(request, slug, topic_id)
    action = selectors_notes.action_of(topic=topic, action_id=action_id)
    done = request.POST.get("done", "1") != "0"
    return acted(
        request,
        lambda: services.action_done(action=action, user=signed_in(request), done=done),
        _("The action is marked done.") if done else _("The action is open again."),
        _back(request, topic),
    )


# --- the harvest -----------------------------------------------------------------------


def _harvest(request: HttpRequest, slug: str) -> selectors_notes.Harvest:
    return selectors_notes.harvest_of(
        open_space=_viewable(request, slug),
        user=request.user,
        language=request.GET.get("language", ""),
        now=timezone.now(),
    )


def _publish_refusal(harvest: selectors_notes.Harvest) -> str:
    if harvest.closes_at is None:
        return _("The open space has no time slots yet: the harvest is published after them.")
    return _("The harvest can be published once the last time slot is over.")


@require_GET
def harvest(request: HttpRequest, slug: str) -> HttpResponse:
    """Every topic held, by slot and room, with its notes and actions; then the topics
    proposed but not held. Everyone reads it once published; the organizers before."""
    shown = _harvest(request, slug)
    event = shown.open_space.event
    return render(
        request,
        "openspace/harvest.html",
        {
            "title": _("Harvest: %(event)s") % {"event": event.title},
            "harvest": shown,
            "event": event,
            "slug": slug,
            "organizer": rules.can_organize(request.user, shown.open_space),
            "publish_refusal": "" if shown.can_publish else _publish_refusal(shown),
            "interface_language": translation.get_language(),
        },
    )


@login_required
@require_POST
def harvest_publish(request: HttpRequest, slug: str) -> HttpResponse:
    open_space = _viewable(request, slug)
    return acted(
        request,
        lambda: services.harvest_publish(open_space=open_space, user=signed_in(request)),
        _("The harvest is published: everyone can read and download it."),
        reverse("openspace:harvest", args=[slug]),
    )


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _suffix(shown: selectors_notes.Harvest, request: HttpRequest) -> str:
    return f"-{shown.language}" if request.GET.get("language") else ""


@require_GET
def harvest_markdown(request: HttpRequest, slug: str) -> HttpResponse:
    shown = _harvest(request, slug)
    return _download(
        exports.harvest_markdown(shown),
        "text/markdown",
        f"{slug}-harvest{_suffix(shown, request)}.md",
    )


@require_GET
def harvest_wikitext(request: HttpRequest, slug: str) -> HttpResponse:
    shown = _harvest(request, slug)
    return _download(
        exports.harvest_wikitext(shown),
        "text/plain",
        f"{slug}-harvest{_suffix(shown, request)}.wiki",
    )
