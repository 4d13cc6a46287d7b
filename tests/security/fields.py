"""The registry of fields that one person writes and another reads.

Each `Field` says how a payload is submitted (`write`: through the site's own form, with
Django's test client signed in as the role that may write it) and which pages show it to
someone else (`pages`: who reads, and the address, built from the `World` of the test).
To cover a new field, add one entry to `FIELDS`; the corpus test picks it up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Permission
from django.forms import BaseForm
from django.http import HttpResponse
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from convene.discussion import services as discussion
from convene.documents.models import Paragraph
from convene.events import services as events
from convene.events.forms import EventForm, SessionForm
from convene.events.models import LightningTalk, RegistrationQuestion
from convene.qanda import services as qanda
from tests.documents.factories import DocumentFactory
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

Reader = str  # "visitor", "participant" (signed in, not the writer) or "staff"


@dataclass(frozen=True)
class Page:
    reader: Reader
    url: Callable[[World], str]
    whole: bool = True  # shows the whole text, so it must be there, as typed


@dataclass(frozen=True)
class Field:
    name: str
    write: Callable[[World, str], HttpResponse]
    pages: tuple[Page, ...]
    plain: bool = True  # plain text (as opposed to Markdown turned into sanitized HTML)
    max_length: int | None = None  # longer payloads are refused, not stored
    many: bool = False  # `write` gets several payloads joined by SEPARATOR, each stored apart


SEPARATOR = " ~ "


def code(field_index: int, payload_index: int) -> int:
    """The number a payload carries in `alert(...)`: which field, which payload."""
    return 10_000 + field_index * 100 + payload_index


def decode(number: int) -> tuple[int, int]:
    return divmod(number - 10_000, 100)


# --- the world each round writes into ---------------------------------------------------


@dataclass
class World:
    """An event with an upcoming and a live session, a published document open to feedback,
    the people who write and read, all with harmless content; fields then carry payloads."""

    staff: Any = None  # organizer, host, author, translator, moderator (a superuser)
    writer: Any = None  # a participant who writes
    reader: Any = None  # another participant, who reads
    ids: dict[str, Any] = field(default_factory=dict)
    _clients: dict[int, Client] = field(default_factory=dict)

    @classmethod
    def build(cls) -> World:
        world = cls(
            staff=UserFactory(display_name="Staff", is_superuser=True, is_staff=True),
            writer=UserFactory(display_name="Writer"),
            reader=UserFactory(display_name="Reader"),
        )
        world.reader.user_permissions.add(  # a moderator too, to report and read
            Permission.objects.get(codename="change_comment", content_type__app_label="discussion")
        )
        now = timezone.now().replace(microsecond=0)
        world.event = EventFactory(slug="secure", title="Safe event", organizers=[world.staff])
        world.upcoming = SessionFactory(event=world.event, title="Upcoming session")
        world.live = SessionFactory(
            event=world.event,
            title="Live session",
            starts_at=now - timedelta(minutes=10),
            ends_at=now + timedelta(hours=2),
        )
        world.setup_question = RegistrationQuestion.objects.create(
            event=world.event, label="Your community", kind="short_text", position=0
        )
        world.long_question = RegistrationQuestion.objects.create(
            event=world.event, label="Your hopes", kind="long_text", position=1
        )
        world.document = DocumentFactory(
            slug="doc", process__slug="proc", title="Advocacy", authors=[world.staff]
        )
        world.version_number = world.publish({})
        world.paragraph = Paragraph.objects.filter(
            version__document=world.document, version__number=1, kind="paragraph"
        ).first()
        with TestCase.captureOnCommitCallbacks(execute=True):
            world.comment = discussion.comment_create(
                version=world.paragraph.version,
                author=world.reader,
                body="A harmless comment to reply to and report.",
                language="en",
            )
            world.hidden = discussion.comment_create(
                version=world.paragraph.version,
                author=world.reader,
                body="A comment moderators will hide.",
                language="en",
            )
        world.question = qanda.question_ask(
            session=world.live,
            author=world.reader,
            text="Harmless?",
            language="en",
            is_anonymous=False,
        )
        world.hidden_question = qanda.question_ask(
            session=world.live,
            author=world.reader,
            text="Hide me?",
            language="en",
            is_anonymous=False,
        )
        return world

    def client(self, user: Any) -> Client:
        if user.pk not in self._clients:
            client = Client()
            client.force_login(user)
            self._clients[user.pk] = client
        return self._clients[user.pk]

    def post(self, user: Any, url: str, data: dict[str, Any]) -> HttpResponse:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return self.client(user).post(url, data)

    def speaker(self) -> Any:
        """A new participant registered for the upcoming session (to propose one talk)."""
        user = UserFactory()
        events.registration_create(
            session=self.upcoming,
            user=user,
            needs=events.Needs(**self.attendance()),
            accepted_code_of_conduct=True,
        )
        return user

    def attendance(self) -> dict[str, str]:
        """How a registrant takes part, asked once the upcoming session is hybrid (after its
        venue was written): online."""
        self.upcoming.refresh_from_db()
        return {"attendance": "online"} if self.upcoming.location_type == "hybrid" else {}

    def publish(self, changes: dict[str, str]) -> int:
        """A new iteration of the document through the authoring form, then published."""
        data = {
            "title": "Advocacy",
            "change_summary": "Harmless summary.",
            "source_language": "en",
            "body": "# Advocacy\n\nA first paragraph.\n\nA second paragraph.",
            "feedback_opens_at": "",
            "feedback_closes_at": (timezone.now() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
            "guiding_questions": "Is this clear?",
            **changes,
        }
        response = self.post(self.staff, self.doc_url("documents:version_new"), data)
        self.ids["last_response"] = response
        if response.status_code != 302:
            return 0
        number = int(response.url.rstrip("/").split("/")[-2].lstrip("v"))
        self.post(self.staff, self.doc_url("documents:version_publish", number), {})
        return number

    # Addresses -------------------------------------------------------------------------

    def event_url(self, name: str, session: Any = None, *more: Any) -> str:
        args = [self.event.slug] + ([session.pk] if session is not None else []) + list(more)
        return reverse(name, args=args)

    def doc_url(self, name: str, *more: Any) -> str:
        return reverse(name, args=["proc", "doc", *more])

    def qanda_url(self, name: str = "qanda:page", *more: Any) -> str:
        return reverse(name, args=[self.event.slug, self.live.pk, *more])


def form_data(form: BaseForm, **changes: Any) -> dict[str, Any]:
    """What the browser would send back for `form` as shown, with `changes`."""
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    data.update(changes)
    return data


# --- how each field is written ----------------------------------------------------------


def edit_event(name: str) -> Callable[[World, str], HttpResponse]:
    def write(world: World, payload: str) -> HttpResponse:
        world.event.refresh_from_db()
        data = form_data(EventForm(instance=world.event), **{name: payload})
        return world.post(world.staff, world.event_url("events:edit"), data)

    return write


def edit_session(name: str, **extra: Any) -> Callable[[World, str], HttpResponse]:
    def write(world: World, payload: str) -> HttpResponse:
        world.upcoming.refresh_from_db()
        form = SessionForm(instance=world.upcoming, event=world.event)
        data = form_data(form, **{name: payload, **extra})
        return world.post(world.staff, world.event_url("events:session_edit", world.upcoming), data)

    return write


def add_question(**fields: str) -> Callable[[World, str], HttpResponse]:
    def write(world: World, payload: str) -> HttpResponse:
        data = {"label": "A question", "kind": "short_text", "position": "5", "choices_text": ""}
        data.update({name: value.replace("PAYLOAD", payload) for name, value in fields.items()})
        return world.post(world.staff, world.event_url("events:questions"), data)

    return write


def register_answering(world: World, payload: str) -> HttpResponse:
    data = {
        f"q_{world.setup_question.pk}": payload,
        f"q_{world.long_question.pk}": payload,
        "accessibility_needs": payload,
        "accept_code_of_conduct": "on",
    }
    data.update(world.attendance())
    return world.post(world.writer, world.event_url("events:register", world.upcoming), data)


def propose_talk(name: str) -> Callable[[World, str], HttpResponse]:
    def write(world: World, payload: str) -> HttpResponse:
        data = {"title": "A talk", "abstract": "About hubs.", "language": "en"}
        data.update({"duration_minutes": "5", name: payload})
        speaker = world.speaker()
        response = world.post(speaker, world.event_url("events:talk_propose", world.upcoming), data)
        talk = LightningTalk.objects.filter(speaker=speaker).first()
        if talk is not None:  # the organizers accept it, so visitors see it
            world.post(
                world.staff,
                world.event_url("events:talk_decide", world.upcoming, talk.pk),
                {"action": "accept"},
            )
        return response

    return write


def set_display_names(world: World, payloads: str) -> HttpResponse:
    """Each name is a different person's, who then comments, asks and registers."""
    from convene.accounts.forms import ProfileForm

    response = HttpResponse(status=302)
    for name in payloads.split(SEPARATOR):
        person = UserFactory()
        data = form_data(ProfileForm.for_user(person), display_name=name)
        answer = world.post(person, reverse("accounts:profile"), data)
        if answer.status_code != 302:
            response = answer
        feedback = world.doc_url("discussion:feedback", 1)
        world.post(person, feedback, {"language": "en", "body": "Signed comment."})
        world.post(person, world.qanda_url(), {"text": "Signed question?", "language": "en"})
        data = {"accept_code_of_conduct": "on", f"q_{world.setup_question.pk}": "Signed"}
        data.update(world.attendance())
        world.post(person, world.event_url("events:register", world.upcoming), data)
    return response


def comment(stance: str = "") -> Callable[[World, str], HttpResponse]:
    def write(world: World, payload: str) -> HttpResponse:
        data = {"language": "en", "body": payload, "stance": stance, "paragraph": ""}
        return world.post(UserFactory(), world.doc_url("discussion:feedback", 1), data)

    return write


def reply(world: World, payload: str) -> HttpResponse:
    url = reverse("discussion:reply", args=[world.comment.pk])
    return world.post(UserFactory(), url, {"language": "en", "body": payload})


def report(world: World, payload: str) -> HttpResponse:
    url = reverse("discussion:report", args=[world.comment.pk])
    return world.post(UserFactory(), url, {"reason": payload})


def hide_comment(world: World, payload: str) -> HttpResponse:
    url = reverse("discussion:hide", args=[world.hidden.pk])
    return world.post(world.staff, url, {"reason": payload})


def ask(world: World, payload: str) -> HttpResponse:
    return world.post(UserFactory(), world.qanda_url(), {"text": payload, "language": "en"})


def answer(world: World, payload: str) -> HttpResponse:
    url = world.qanda_url("qanda:answer", world.question.pk)
    return world.post(world.staff, url, {"text": payload})


def hide_question(world: World, payload: str) -> HttpResponse:
    url = world.qanda_url("qanda:hide", world.hidden_question.pk)
    return world.post(world.staff, url, {"reason": payload})


def iteration(name: str, template: str = "PAYLOAD") -> Callable[[World, str], HttpResponse]:
    def write(world: World, payload: str) -> HttpResponse:
        number = world.publish({name: template.replace("PAYLOAD", payload)})
        world.ids[name] = number or 1
        return world.ids["last_response"]

    return write


def add_initiative(name: str) -> Callable[[World, str], HttpResponse]:
    def write(world: World, payload: str) -> HttpResponse:
        number = world.ids.setdefault("initiatives", 0) + 1
        world.ids["initiatives"] = number
        data = {"number": str(number), "identifier": f"initiative-{number}"}
        data.update({"title": "An initiative", "description": "Harmless.", name: payload})
        return world.post(world.staff, world.doc_url("documents:initiatives"), data)

    return write


def translate(world: World, payload: str) -> HttpResponse:
    paragraph = (
        Paragraph.objects.filter(
            version__document=world.document,
            version__published_at__isnull=False,
            kind="paragraph",
        )
        .order_by("-version__number", "position")
        .first()
    )
    assert paragraph is not None
    world.ids["translation"] = paragraph.version.number
    url = reverse("translate:save", args=["fr", "proc", "doc", paragraph.anchor])
    data = {"text": payload, "source": paragraph.fingerprint}
    return world.post(world.staff, url, data)


# --- pages ------------------------------------------------------------------------------


def events_list(world: World) -> str:
    return reverse("events:list")


def event_page(world: World) -> str:
    return world.event_url("events:detail")


def session_page(world: World) -> str:
    return world.event_url("events:session", world.upcoming)


def register_page(world: World) -> str:
    return world.event_url("events:register", world.upcoming)


def manage_page(world: World) -> str:
    return world.event_url("events:manage", world.upcoming)


def feedback_page(world: World) -> str:
    return world.doc_url("discussion:feedback", 1)


def version_page(key: str) -> Callable[[World], str]:
    return lambda world: world.doc_url("documents:version", world.ids.get(key, 1))


def feedback_of(key: str) -> Callable[[World], str]:
    return lambda world: world.doc_url("discussion:feedback", world.ids.get(key, 1))


def qanda_page(world: World) -> str:
    return world.qanda_url()


def moderation_page(world: World) -> str:
    return reverse("discussion:moderation")


def moderation_log(world: World) -> str:
    return reverse("discussion:moderation_log")


def french_version(world: World) -> str:
    from django.utils import translation

    with translation.override("fr"):
        return world.doc_url("documents:version", world.ids.get("translation", 1))


def translate_page(world: World) -> str:
    return reverse("translate:document", args=["fr", "proc", "doc"])


def translate_session_title(world: World, payload: str) -> HttpResponse:
    from convene.events.translations import source_digest

    world.upcoming.refresh_from_db()
    url = reverse(
        "events:translate_save",
        args=[world.event.slug, "fr", "session", world.upcoming.pk, "title"],
    )
    return world.post(
        world.staff, url, {"text": payload, "source": source_digest(world.upcoming, "title")}
    )


def french_session_page(world: World) -> str:
    from django.utils import translation

    with translation.override("fr"):
        return world.event_url("events:session", world.upcoming)


def translate_event_page(world: World) -> str:
    return reverse("events:translate", args=[world.event.slug, "fr"])


def write_message(name: str) -> Callable[[World, str], HttpResponse]:
    """An organizer writes to the event's confirmed registrants (one registers first)."""

    def write(world: World, payload: str) -> HttpResponse:
        if "registrant" not in world.ids:
            world.ids["registrant"] = world.speaker()
        data = {
            "scope": "",
            "statuses": ["confirmed"],
            "need": "",
            "language": "en",
            "subject": "A subject",
            "body": "A harmless message.",
            "translation_count": "0",
            "action": "send",
            name: payload,
        }
        response = world.post(world.staff, world.event_url("events:message_new"), data)
        if response.status_code == 302:
            world.ids[f"message {name}"] = int(response.url.rstrip("/").split("/")[-1])
        return response

    return write


def messages_page(world: World) -> str:
    return world.event_url("events:messages")


def message_page(name: str) -> Callable[[World], str]:
    return lambda world: world.event_url(
        "events:message", None, world.ids.get(f"message {name}", 0)
    )


def affiliation_model(world: World) -> Any:
    """The model of affiliation the committee (the staff, a superuser) edits and translates."""
    from convene.organizations.models import AffiliationModel

    if "affiliation model" not in world.ids:
        world.ids["affiliation model"] = AffiliationModel.objects.create(
            slug="secure-model", name="Safe model", summary="Harmless.", mission="Harmless."
        ).pk
    return AffiliationModel.objects.get(pk=world.ids["affiliation model"])


def edit_affiliation_model(name: str) -> Callable[[World, str], HttpResponse]:
    def write(world: World, payload: str) -> HttpResponse:
        from convene.organizations.forms.ways import AffiliationModelForm

        model = affiliation_model(world)
        data = form_data(AffiliationModelForm(instance=model), **{name: payload})
        return world.post(world.staff, reverse("organizations:model_edit", args=[model.slug]), data)

    return write


def translate_affiliation_model_summary(world: World, payload: str) -> HttpResponse:
    from convene.core.text import text_fingerprint

    model = affiliation_model(world)
    url = reverse("organizations:model_translate", args=[model.slug, "fr"])
    data = {"text_summary": payload, "seen_summary": text_fingerprint(model.summary)}
    return world.post(world.staff, url, data)


def ways_page(language: str = "en") -> Callable[[World], str]:
    def url(world: World) -> str:
        from django.utils import translation

        with translation.override(language):
            return reverse("organizations:ways")

    return url


def affiliation_model_page(world: World) -> str:
    return reverse("organizations:model", args=[affiliation_model(world).slug])


def affiliation_model_translate_page(world: World) -> str:
    return reverse("organizations:model_translate", args=[affiliation_model(world).slug, "fr"])


V, P, S = "visitor", "participant", "staff"

FIELDS: list[Field] = [
    Field(
        "event title",
        edit_event("title"),
        (Page(V, events_list), Page(V, event_page), Page(V, session_page)),
        max_length=200,
    ),
    Field(
        "event summary",
        edit_event("summary"),
        (Page(V, events_list), Page(V, event_page)),
        max_length=300,
    ),
    Field("event description", edit_event("description"), (Page(V, event_page),), plain=False),
    Field(
        "session title",
        edit_session("title"),
        (Page(V, event_page), Page(V, session_page), Page(P, register_page)),
        max_length=200,
    ),
    # A session's agenda is a grouping key, shown on no page (only in the organizers' form):
    # readers see the other sessions of the same agenda by their titles.
    Field(
        "session description",
        edit_session("description"),
        (Page(V, session_page),),
        plain=False,
    ),
    Field(
        "session venue",
        edit_session("venue", location_type="hybrid"),
        (Page(V, session_page),),
        max_length=200,
    ),
    Field(
        "registration question label",
        add_question(label="PAYLOAD"),
        (Page(P, register_page), Page(S, manage_page)),
        max_length=300,
    ),
    Field(
        "registration question help text",
        add_question(help_text="PAYLOAD"),
        (Page(P, register_page),),
        max_length=300,
    ),
    Field(
        "registration question choices",
        add_question(kind="single_choice", choices_text="PAYLOAD\nAnother choice"),
        (Page(P, register_page),),
    ),
    Field(
        "registration answers and accessibility needs",
        register_answering,
        (Page(S, manage_page),),
        max_length=200,  # the short answer's
    ),
    Field(
        "lightning talk title",
        propose_talk("title"),
        (Page(V, session_page), Page(S, manage_page)),
        max_length=150,
    ),
    Field(
        "lightning talk abstract",
        propose_talk("abstract"),
        (Page(V, session_page), Page(S, manage_page)),
        max_length=1500,
    ),
    Field(
        "display name",
        set_display_names,
        (Page(V, feedback_page), Page(V, qanda_page), Page(S, manage_page)),
        max_length=80,
        many=True,
    ),
    Field(
        "comment body",
        comment(),
        (Page(V, feedback_page), Page(S, moderation_page, whole=False)),
        max_length=5000,
    ),
    Field("reply body", reply, (Page(V, feedback_page),), max_length=5000),
    Field("report reason", report, (Page(S, moderation_page),), max_length=500),
    Field(
        "moderator's hide reason",
        hide_comment,
        (Page(V, feedback_page), Page(S, moderation_log)),
        max_length=300,
    ),
    Field("live question", ask, (Page(P, qanda_page),), max_length=1000),
    Field("host's answer", answer, (Page(V, qanda_page),), max_length=5000),
    Field("host's hide reason", hide_question, (Page(V, qanda_page),), max_length=300),
    Field(
        "iteration title",
        iteration("title"),
        (Page(V, version_page("title")),),
        max_length=200,
    ),
    Field(
        "iteration text",
        iteration("body", "# Heading PAYLOAD\n\nPAYLOAD\n\n- PAYLOAD"),
        (Page(V, version_page("body")), Page(V, feedback_of("body"))),
        plain=False,
    ),
    Field(
        "iteration change summary",
        iteration("change_summary"),
        (Page(V, version_page("change_summary")),),
        plain=False,
    ),
    Field(
        "iteration guiding questions",
        iteration("guiding_questions"),
        (Page(P, feedback_of("guiding_questions")),),
    ),
    Field(
        "initiative title",
        add_initiative("title"),
        (Page(V, version_page("body")),),
        max_length=200,
    ),
    Field(
        "initiative description",
        add_initiative("description"),
        (Page(V, version_page("body")),),
    ),
    Field(
        "paragraph translation",
        translate,
        (Page(V, french_version), Page(S, translate_page, whole=False)),
        plain=False,  # Markdown, like the paragraph it translates
    ),
    Field(
        "message to registrants: subject",
        write_message("subject"),
        (Page(S, messages_page), Page(S, message_page("subject"))),
        max_length=200,
    ),
    Field(
        "message to registrants: body",
        write_message("body"),
        (Page(S, message_page("body")),),
        max_length=10000,
    ),
    Field(
        "session title translation",
        translate_session_title,
        (Page(V, french_session_page), Page(S, translate_event_page)),
        max_length=200,
    ),
    Field(
        "model of affiliation name",
        edit_affiliation_model("name"),
        (Page(V, ways_page()), Page(V, affiliation_model_page)),
        max_length=120,
    ),
    Field(
        "model of affiliation summary",
        edit_affiliation_model("summary"),
        (Page(V, ways_page()), Page(V, affiliation_model_page)),
        max_length=300,
    ),
    Field(
        "model of affiliation characteristic",
        edit_affiliation_model("recognized_by"),
        (Page(V, ways_page()), Page(V, affiliation_model_page)),
        max_length=10000,
    ),
    Field(
        "model of affiliation rights (Markdown)",
        edit_affiliation_model("minimum_rights"),
        (Page(V, affiliation_model_page),),
        plain=False,
        max_length=10000,
    ),
    Field(
        "model of affiliation summary translation",
        translate_affiliation_model_summary,
        (Page(V, ways_page("fr")), Page(S, affiliation_model_translate_page)),
        max_length=300,
    ),
]


# --- partnerships of the registry ---------------------------------------------------------------


def record_partnership(name: str) -> Callable[[World, str], HttpResponse]:
    """The committee (staff, a superuser) records a public partnership of an organization of
    the registry with a party outside it."""

    def write(world: World, payload: str) -> HttpResponse:
        from tests.organizations.factories import OrganizationFactory

        if "partnership organization" not in world.ids:
            world.ids["partnership organization"] = OrganizationFactory(slug="secure-chapter")
        organization = world.ids["partnership organization"]
        data = {
            "title": "A partnership",
            "scope": "Harmless.",
            "outside_parties": "A library",
            "starts_on": "2025-01-01",
            "is_public": "on",
            name: payload,
        }
        url = reverse("organizations:partnership_new", args=[organization.slug])
        response = world.post(world.staff, url, data)
        if response.status_code == 302:
            world.ids[f"partnership {name}"] = int(response.url.rstrip("/").split("/")[-1])
        return response

    return write


def partnerships_page(world: World) -> str:
    return reverse("organizations:partnerships")


def partnership_page(name: str) -> Callable[[World], str]:
    return lambda world: reverse(
        "organizations:partnership", args=[world.ids.get(f"partnership {name}", 0)]
    )


FIELDS += [
    Field(
        "partnership title",
        record_partnership("title"),
        (Page(V, partnerships_page), Page(V, partnership_page("title"))),
        max_length=200,
    ),
    Field(
        "partnership scope",
        record_partnership("scope"),
        (Page(V, partnership_page("scope")),),
        plain=False,
        max_length=10000,
    ),
    Field(
        "partnership party outside the registry",
        record_partnership("outside_parties"),
        (Page(V, partnerships_page), Page(V, partnership_page("outside_parties"))),
        max_length=200,
    ),
]


# --- yearly reports of the registry --------------------------------------------------------------


def _report_group(world: World, **fields: Any) -> Any:
    """A new user group recognized in 2024, so it owes its 2024 activity report: a year takes
    one standing report of each kind, so each write gets a group of its own."""
    from datetime import date

    from tests.organizations.factories import OrganizationFactory, user_group_model

    return OrganizationFactory(
        affiliation_model=user_group_model(), recognized_on=date(2024, 2, 1), **fields
    )


def submit_report(world: World, payload: str) -> HttpResponse:
    """The writer submits, as its representative, the report a group owes."""
    group = _report_group(world, representatives=[world.writer])
    data = {"kind": "activity", "period": "2024-12-31", "language": "en", "body": payload}
    response = world.post(
        world.writer, reverse("organizations:report_new", args=[group.slug]), data
    )
    if response.status_code == 302:
        world.ids["report body"] = response.url
    return response


def return_report(world: World, payload: str) -> HttpResponse:
    """The committee (staff, a superuser) returns a submitted report with its note."""
    from datetime import date

    from tests.organizations.factories import ReportFactory

    group = _report_group(world)
    report = ReportFactory(
        organization=group,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        due_on=date(2025, 4, 30),
    )
    url = reverse("organizations:report_review", args=[group.slug, report.pk])
    response = world.post(world.staff, url, {"decision": "return", "note": payload})
    if response.status_code == 302:
        world.ids["report note"] = reverse("organizations:report", args=[group.slug, report.pk])
    return response


def report_page(name: str) -> Callable[[World], str]:
    return lambda world: world.ids.get(f"report {name}", reverse("organizations:reporting"))


FIELDS += [
    Field(
        "report (Markdown)",
        submit_report,
        (Page(V, report_page("body")),),
        plain=False,
        max_length=50000,
    ),
    Field(
        "committee's note on a report",
        return_report,
        (Page(V, report_page("note")),),
        max_length=5000,
    ),
]


# --- applications of the registry ----------------------------------------------------------------


def _applying(world: World, step: str = "received") -> Any:
    """A new application of a new group at `step` (applied by the writer), for one write."""
    from tests.organizations.factories import ApplicationFactory, OrganizationFactory

    world.ids["applications"] = world.ids.get("applications", 0) + 1
    number = world.ids["applications"]
    organization = OrganizationFactory(
        name=f"Secure applicant {number}",
        code=f"SEC-APP-{number}",
        slug=f"secure-applicant-{number}",
        status="applying",
        recognized_on=None,
        representatives=[world.writer],
        contact_person=world.writer,
    )
    return ApplicationFactory(
        organization=organization,
        affiliation_model=organization.affiliation_model,
        applicant=world.writer,
        step=step,
    )


def apply(name: str) -> Callable[[World, str], HttpResponse]:
    """The writer applies for a new group through the application form, `name` carrying the
    payload."""

    def write(world: World, payload: str) -> HttpResponse:
        from tests.organizations.factories import user_group_model

        user_group_model()
        world.ids["applications"] = world.ids.get("applications", 0) + 1
        number = world.ids["applications"]
        data = {
            "affiliation_model": "user-group",
            "name": f"Secure group {number}",
            "code": f"SEC-{number}",
            "region": "europe",
            "fiscal_year_start_month": "1",
            "letter_of_intent": "Harmless.",
            "language": "en",
            name: payload,
        }
        response = world.post(world.writer, reverse("organizations:apply"), data)
        if response.status_code == 302:
            world.ids[f"application {name}"] = response.url
        return response

    return write


def comment_on_application(world: World, payload: str) -> HttpResponse:
    application = _applying(world)
    url = reverse("organizations:application_comment", args=[application.pk])
    response = world.post(UserFactory(), url, {"comment-body": payload})
    world.ids["application comment"] = reverse("organizations:application", args=[application.pk])
    return response


def defer_application(world: World, payload: str) -> HttpResponse:
    """The committee (staff, a superuser) defers an application with its public reasons."""
    application = _applying(world, "criteria_review")
    url = reverse("organizations:application_decide", args=[application.pk])
    data = {"decide-decision": "deferred", "decide-reason": payload}
    response = world.post(world.staff, url, data)
    world.ids["application reasons"] = reverse("organizations:application", args=[application.pk])
    return response


def vote_on_application(world: World, payload: str) -> HttpResponse:
    """The committee (staff, a superuser) votes with a note only the committee reads."""
    application = _applying(world, "vote")
    url = reverse("organizations:application_vote", args=[application.pk])
    response = world.post(world.staff, url, {"vote-choice": "yes", "vote-note": payload})
    world.ids["application vote"] = reverse("organizations:application", args=[application.pk])
    return response


def suspend_organization(world: World, payload: str) -> HttpResponse:
    """The committee (staff, a superuser) suspends a group with its public reason."""
    from tests.organizations.factories import OrganizationFactory

    world.ids["suspended"] = world.ids.get("suspended", 0) + 1
    organization = OrganizationFactory(slug=f"secure-suspended-{world.ids['suspended']}")
    url = reverse("organizations:status_change", args=[organization.slug, "suspend"])
    response = world.post(world.staff, url, {"public_reason": payload})
    world.ids["suspension reason"] = reverse("organizations:detail", args=[organization.slug])
    return response


def application_page(name: str) -> Callable[[World], str]:
    return lambda world: world.ids.get(f"application {name}", reverse("organizations:applications"))


FIELDS += [
    Field(
        "letter of intent (Markdown)",
        apply("letter_of_intent"),
        (Page(V, application_page("letter_of_intent")),),
        plain=False,
        max_length=20000,
    ),
    Field(
        "applicant's mission (Markdown)",
        apply("mission"),
        (Page(V, application_page("mission")),),
        plain=False,
        max_length=5000,
    ),
    Field(
        "comment on an application",
        comment_on_application,
        (Page(V, application_page("comment")),),
        max_length=5000,
    ),
    Field(
        "committee's reasons for a decision",
        defer_application,
        (Page(V, application_page("reasons")),),
        max_length=5000,
    ),
    Field(
        "committee member's note on a vote",
        vote_on_application,
        (Page(S, application_page("vote")),),
        max_length=2000,
    ),
    Field(
        "public reason of a change of status",
        suspend_organization,
        (Page(V, lambda world: world.ids.get("suspension reason", "/")),),
        max_length=5000,
    ),
]


# --- group submissions of prioritization -----------------------------------------------------------


def submit_priorities(name: str) -> Callable[[World, str], HttpResponse]:
    """The writer, representative of a new community, submits its priorities through the
    group submission form, `name` carrying the payload; a visitor reads the group's page."""

    def write(world: World, payload: str) -> HttpResponse:
        from tests.prioritization.factories import GroupFactory, RoundFactory, items_for

        if "prioritization round" not in world.ids:
            now = timezone.now()
            round_ = RoundFactory(
                slug="secure-round",
                opens_at=now - timedelta(days=1),
                closes_at=now + timedelta(days=1),
            )
            items_for(round_, 3)
            world.ids["prioritization round"] = round_
        round_ = world.ids["prioritization round"]
        group = GroupFactory(round=round_, representatives=[world.writer])
        data = {"priority_1": "initiative-2", "reason_1": "Harmless.", name: payload}
        url = reverse("prioritization:group_submit", args=[round_.slug, group.pk])
        response = world.post(world.writer, url, data)
        if response.status_code == 302:
            world.ids[f"group {name}"] = response.url
        return response

    return write


def group_page(name: str) -> Callable[[World], str]:
    return lambda world: world.ids.get(f"group {name}", "/")


FIELDS += [
    Field(
        "a group's reason for a priority",
        submit_priorities("reason_1"),
        (Page(V, group_page("reason_1")),),
        max_length=500,
    ),
    Field(
        "where a group discussed",
        submit_priorities("discussion_place"),
        (Page(V, group_page("discussion_place")),),
        max_length=200,
    ),
    Field(
        "when a group discussed",
        submit_priorities("discussion_when"),
        (Page(V, group_page("discussion_when")),),
        max_length=200,
    ),
    Field(
        "what a group thinks is missing",
        submit_priorities("missing"),
        (Page(V, group_page("missing")),),
        max_length=5000,
    ),
]


# --- what the organizers of prioritization write -------------------------------------------------
#
# Each field gets a round of its own (open now, results shown before the close, two items), so
# that one field's write never changes what another's pages show; the staff (a superuser, so
# an organizer of every round) writes through the organizers' forms. The results page and the
# report show a round's figures (tables, the bar chart, the map of the groups) from its stored
# count only, so their addresses come from `counted_url`, which counts the round first.


def organized_round(world: World, key: str, **fields: Any) -> Any:
    """The round of `key` (made at the first call), with its items initiative-1 and
    initiative-2."""
    from tests.prioritization.factories import RoundFactory, items_for

    rounds = world.ids.setdefault("organized rounds", {})
    if key not in rounds:
        now = timezone.now()
        round_ = RoundFactory(
            slug=f"secure-{key}",
            title="Safe round",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=1),
            results_before_close=True,
            **fields,
        )
        items_for(round_, 2)
        rounds[key] = round_
    return rounds[key]


def round_url(name: str, key: str, language: str = "en") -> Callable[[World], str]:
    """The address of page `name` of the round of `key`, in `language`."""

    def url(world: World) -> str:
        from django.utils import translation

        with translation.override(language):
            return reverse(name, args=[organized_round(world, key).slug])

    return url


def counted_url(name: str, key: str, language: str = "en") -> Callable[[World], str]:
    """The address of page `name` (the results or the report) of the round of `key`, after
    counting the round once: a ballot of a person for every item and one of a community for
    the first, and a published report. The side effect is on purpose: the results and the
    report's figures (item titles, cluster names, the chart and the map) show only what the
    stored count holds, and the test asks for a page's address only after the field was
    written, so the count made here carries the payload."""

    def url(world: World) -> str:
        from django.utils import translation

        from convene.prioritization.models import Ballot, Group, Item, Round
        from convene.prioritization.results import round_count
        from tests.prioritization.factories import BallotFactory, GroupFactory

        round_ = organized_round(world, key)
        counted = world.ids.setdefault("counted rounds", set())
        if key not in counted:
            items = list(Item.objects.filter(round=round_).order_by("pk"))
            group = Group.objects.filter(round=round_).first() or GroupFactory(round=round_)
            BallotFactory(round=round_, items=items)
            BallotFactory(round=round_, track=Ballot.Track.GROUP, group=group, items=items[:1])
            Round.objects.filter(pk=round_.pk, report_published_at=None).update(
                report="A harmless report.", report_published_at=timezone.now()
            )
            round_.refresh_from_db()
            round_count(round_)
            counted.add(key)
        with translation.override(language):
            return reverse(name, args=[round_.slug])

    return url


def rounds_page(world: World) -> str:
    return reverse("prioritization:list")


def edit_round(name: str) -> Callable[[World, str], HttpResponse]:
    """The staff changes the round's settings, `name` carrying the payload."""

    def write(world: World, payload: str) -> HttpResponse:
        from convene.prioritization.forms.organizing import RoundForm

        round_ = organized_round(world, f"round-{name}")
        round_.refresh_from_db()
        data = form_data(RoundForm(instance=round_), **{name: payload})
        return world.post(world.staff, reverse("prioritization:edit", args=[round_.slug]), data)

    return write


def edit_item(name: str) -> Callable[[World, str], HttpResponse]:
    """The staff changes the round's first item, `name` carrying the payload."""

    def write(world: World, payload: str) -> HttpResponse:
        from convene.prioritization.forms.organizing import ItemForm
        from convene.prioritization.models import Item

        round_ = organized_round(world, f"item-{name}")
        item = Item.objects.get(round=round_, identifier="initiative-1")
        data = form_data(ItemForm(instance=item), **{name: payload})
        url = reverse("prioritization:item_edit", args=[round_.slug, item.identifier])
        return world.post(world.staff, url, data)

    return write


def translate_item(name: str) -> Callable[[World, str], HttpResponse]:
    """The staff translates the first item into French, `name` carrying the payload."""

    def write(world: World, payload: str) -> HttpResponse:
        round_ = organized_round(world, f"item-translation-{name}")
        data = {"title": "Une initiative", "description": "Sans danger.", name: payload}
        url = reverse("prioritization:item_translate", args=[round_.slug, "initiative-1", "fr"])
        return world.post(world.staff, url, data)

    return write


def add_cluster(world: World, payload: str) -> HttpResponse:
    """The staff puts the first item into a new cluster named with the payload."""
    round_ = organized_round(world, "cluster")
    data = {"code": "A", "name": payload, "items": ["initiative-1"]}
    return world.post(world.staff, reverse("prioritization:clusters", args=[round_.slug]), data)


def add_community(world: World, payload: str) -> HttpResponse:
    """The staff adds a community named with the payload, which the reader represents."""
    from convene.prioritization.models import Group

    round_ = organized_round(world, "community")
    data = {
        "name": payload,
        "region": "europe",
        "language": "",
        "representative_emails": world.reader.email,
    }
    url = reverse("prioritization:groups", args=[round_.slug])
    response = world.post(world.staff, url, data)
    group = Group.objects.filter(round=round_).order_by("-pk").first()
    if response.status_code == 302 and group is not None:
        world.ids["community"] = reverse("prioritization:group", args=[round_.slug, group.pk])
    return response


def write_round_report(world: World, payload: str) -> HttpResponse:
    """The staff writes the round's report and publishes it."""
    round_ = organized_round(world, "report")
    url = reverse("prioritization:report_edit", args=[round_.slug])
    return world.post(world.staff, url, {"report": payload, "published": "on"})


def translate_round_report(world: World, payload: str) -> HttpResponse:
    """The staff translates the round's published report into French."""
    from convene.core.text import text_fingerprint

    round_ = organized_round(
        world,
        "report-translation",
        report="A harmless report.",
        report_published_at=timezone.now(),
    )
    url = reverse("prioritization:report_translate", args=[round_.slug, "fr"])
    data = {"report": payload, "source": text_fingerprint(round_.report)}
    return world.post(world.staff, url, data)


FIELDS += [
    Field(
        "round title",
        edit_round("title"),
        (
            Page(V, rounds_page),
            Page(V, round_url("prioritization:round", "round-title")),
            Page(P, round_url("prioritization:ballot", "round-title")),
            Page(V, counted_url("prioritization:results", "round-title")),
            Page(V, counted_url("prioritization:report", "round-title")),
            Page(V, round_url("prioritization:data", "round-title")),
        ),
        max_length=200,
    ),
    Field(
        "round guiding question",
        edit_round("question"),
        (
            Page(V, round_url("prioritization:round", "round-question")),
            Page(P, round_url("prioritization:ballot", "round-question")),
            Page(V, counted_url("prioritization:results", "round-question")),
            Page(V, round_url("prioritization:data", "round-question")),
        ),
        max_length=300,
    ),
    Field(
        "round instructions (Markdown)",
        edit_round("instructions"),
        (Page(V, round_url("prioritization:round", "round-instructions")),),
        plain=False,
    ),
    Field(
        "item title",
        edit_item("title"),
        (
            Page(V, round_url("prioritization:round", "item-title")),
            Page(P, round_url("prioritization:ballot", "item-title")),
            Page(V, counted_url("prioritization:results", "item-title")),
            Page(V, counted_url("prioritization:report", "item-title")),
            # in Arabic the chart's bars grow from the right
            Page(V, counted_url("prioritization:results", "item-title", "ar")),
            Page(V, counted_url("prioritization:report", "item-title", "ar")),
        ),
        max_length=200,
    ),
    Field(
        "item heading",
        edit_item("heading"),
        (
            Page(V, round_url("prioritization:round", "item-heading")),
            Page(P, round_url("prioritization:ballot", "item-heading")),
        ),
        max_length=200,
    ),
    Field(
        "item description (Markdown)",
        edit_item("description"),
        (
            Page(V, round_url("prioritization:round", "item-description")),
            Page(P, round_url("prioritization:ballot", "item-description")),
        ),
        plain=False,
    ),
    Field(
        "item title translation",
        translate_item("title"),
        (
            Page(V, round_url("prioritization:round", "item-translation-title", "fr")),
            Page(P, round_url("prioritization:ballot", "item-translation-title", "fr")),
            Page(V, counted_url("prioritization:results", "item-translation-title", "fr")),
            Page(V, counted_url("prioritization:report", "item-translation-title", "fr")),
        ),
        max_length=200,
    ),
    Field(
        "item description translation (Markdown)",
        translate_item("description"),
        (
            Page(V, round_url("prioritization:round", "item-translation-description", "fr")),
            Page(P, round_url("prioritization:ballot", "item-translation-description", "fr")),
        ),
        plain=False,
    ),
    Field(
        "cluster name",
        add_cluster,
        (
            Page(S, round_url("prioritization:clusters", "cluster")),
            Page(V, counted_url("prioritization:results", "cluster")),
            Page(V, counted_url("prioritization:report", "cluster")),
        ),
        max_length=200,
    ),
    Field(
        "community's name",
        add_community,
        (
            Page(V, lambda world: world.ids.get("community", "/")),
            Page(P, round_url("prioritization:round", "community")),
            Page(V, counted_url("prioritization:report", "community")),
        ),
        max_length=200,
    ),
    Field(
        "round report (Markdown)",
        write_round_report,
        (Page(V, counted_url("prioritization:report", "report")),),
        plain=False,
        max_length=100_000,
    ),
    Field(
        "round report translation (Markdown)",
        translate_round_report,
        (Page(V, counted_url("prioritization:report", "report-translation", "fr")),),
        plain=False,
        max_length=100_000,
    ),
]


# --- open space: topics, notes, actions, rooms, co-hosts ---------------------------------------
#
# Each field gets an open space of its own (published, the staff one of its organizers, two time
# slots tomorrow and two rooms, the reader a confirmed registrant), so that one field's write
# never changes what another's pages show. A topic's convener is a new confirmed registrant of
# that open space. The harvest is read by visitors once published: its address comes from
# `harvest_url`, which publishes it first (the field was written by then; the open space is
# then over, as after its last slot).


def open_space_of(world: World, key: str) -> Any:
    """The open space of `key` (made at the first call)."""
    from tests.openspace.factories import OpenSpaceFactory, RoomFactory, SlotFactory, participant

    spaces = world.ids.setdefault("open spaces", {})
    if key not in spaces:
        start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=1)
        event = EventFactory(
            slug=f"secure-os-{key}", title="Safe open space", organizers=[world.staff]
        )
        space = OpenSpaceFactory(event=event)
        for n in range(2):
            SlotFactory(open_space=space, starts_at=start + timedelta(hours=n))
        for n in range(2):
            RoomFactory(open_space=space, name=f"Room {n + 1}", position=n)
        participant(space, world.reader)
        spaces[key] = space
    return spaces[key]


def convener_of(world: World, key: str) -> Any:
    """A confirmed registrant of the open space of `key`, who convenes its topics."""
    from tests.openspace.factories import participant

    people = world.ids.setdefault("conveners", {})
    if key not in people:
        people[key] = participant(open_space_of(world, key))
    return people[key]


def free_place(world: World, key: str) -> str:
    """The first slot and room of the open space of `key`, as the place form names them."""
    space = open_space_of(world, key)
    slot = space.slots.order_by("starts_at").first()
    room = space.rooms.order_by("position", "pk").first()
    return f"{slot.pk}-{room.pk}"


def os_url(name: str, key: str, language: str = "en") -> Callable[[World], str]:
    """The address of open-space page `name` (the grid, the setup) of the open space of `key`,
    in `language`."""

    def url(world: World) -> str:
        from django.utils import translation

        with translation.override(language):
            return reverse(name, args=[open_space_of(world, key).event.slug])

    return url


def os_topic(world: World, key: str) -> Any:
    """The topic of the open space of `key`: the last one proposed, else a new one placed in
    its first room (made at the first call), convened by `convener_of`."""
    from convene.openspace.models import Topic
    from tests.openspace.factories import TopicFactory, placed

    space = open_space_of(world, key)
    topic = Topic.objects.filter(open_space=space).order_by("-pk").first()
    if topic is None:
        topic = TopicFactory(open_space=space, convener=convener_of(world, key), title="Safe topic")
        room = space.rooms.order_by("-pk").first()  # the room added last
        placed(topic, space.slots.order_by("starts_at").first(), room)
    return topic


def topic_url(name: str, key: str, *more: Any) -> Callable[[World], str]:
    """The address of page `name` (the topic, its notes' history) of the topic of `key`."""

    def url(world: World) -> str:
        topic = os_topic(world, key)
        return reverse(name, args=[topic.open_space.event.slug, topic.pk, *more])

    return url


def harvest_url(key: str) -> Callable[[World], str]:
    """The harvest of the open space of `key`, published first (see above)."""

    def url(world: World) -> str:
        from convene.openspace.models import OpenSpace

        space = open_space_of(world, key)
        OpenSpace.objects.filter(pk=space.pk, harvest_published_at=None).update(
            harvest_published_at=timezone.now()
        )
        space.refresh_from_db()
        return reverse("openspace:harvest", args=[space.event.slug])

    return url


def propose_topic(name: str, place: bool = False) -> Callable[[World, str], HttpResponse]:
    """A registrant proposes a topic through the topic form, `name` carrying the payload;
    with `place`, then puts it on the grid through the place form (first slot, first room)."""

    def write(world: World, payload: str) -> HttpResponse:
        key = f"topic-{name}{'-placed' if place else ''}"
        space = open_space_of(world, key)
        convener = convener_of(world, key)
        data = {"title": "Safe topic", "description": "Harmless.", "languages": ["en"]}
        data[name] = payload
        response = world.post(
            convener, reverse("openspace:topic_new", args=[space.event.slug]), data
        )
        if place and response.status_code == 302:
            topic = os_topic(world, key)
            url = reverse("openspace:topic_place", args=[space.event.slug, topic.pk])
            placing = world.post(convener, url, {"place": free_place(world, key)})
            if placing.status_code != 302:
                return placing
        return response

    return write


def write_notes(replaced: bool = False) -> Callable[[World, str], HttpResponse]:
    """The convener writes the notes of their placed topic, in English, through the notes
    form: over a harmless first version (the history shows the words added), or, `replaced`,
    as the first version, then replaced by harmless notes (the history shows them removed)."""

    def write(world: World, payload: str) -> HttpResponse:
        from tests.openspace.factories import NoteVersionFactory

        key = "notes-replaced" if replaced else "notes"
        topic = os_topic(world, key)
        convener = convener_of(world, key)
        url = reverse("openspace:notes_edit", args=[topic.open_space.event.slug, topic.pk, "en"])
        if replaced:
            response = world.post(convener, url, {"body": payload, "based_on": "0"})
            if response.status_code != 302:
                return response
            return world.post(convener, url, {"body": "Harmless notes.", "based_on": "1"})
        NoteVersionFactory(
            topic=topic, language="en", number=1, body="Harmless first notes.", author=convener
        )
        return world.post(convener, url, {"body": payload, "based_on": "1"})

    return write


def add_action(name: str) -> Callable[[World, str], HttpResponse]:
    """The convener adds an action to their placed topic, `name` carrying the payload."""

    def write(world: World, payload: str) -> HttpResponse:
        key = f"action-{name}"
        topic = os_topic(world, key)
        url = reverse("openspace:action_new", args=[topic.open_space.event.slug, topic.pk])
        data = {"what": "Draft the letter", "who": "Two volunteers", "due_on": "", name: payload}
        return world.post(convener_of(world, key), url, data)

    return write


def withdraw_readers_topic(world: World, payload: str) -> HttpResponse:
    """The staff withdraws a topic the reader convenes, saying why."""
    from tests.openspace.factories import TopicFactory

    space = open_space_of(world, "withdraw")
    topic = TopicFactory(open_space=space, convener=world.reader, title="Reader's topic")
    url = reverse("openspace:topic_withdraw", args=[space.event.slug, topic.pk])
    return world.post(world.staff, url, {"reason": payload})


def move_readers_topic(world: World, payload: str) -> HttpResponse:
    """The staff moves a topic the reader convenes to another place, saying why."""
    from tests.openspace.factories import TopicFactory, placed

    space = open_space_of(world, "move")
    slot = space.slots.order_by("starts_at").last()
    room = space.rooms.order_by("position", "pk").last()
    topic = TopicFactory(open_space=space, convener=world.reader, title="Reader's topic")
    placed(topic, slot, room)
    url = reverse("openspace:topic_place", args=[space.event.slug, topic.pk])
    return world.post(world.staff, url, {"place": free_place(world, "move"), "reason": payload})


def add_room(name: str) -> Callable[[World, str], HttpResponse]:
    """The staff adds a room on the setup page, `name` carrying the payload (a venue's room
    for its place, an online one for its name)."""

    def write(world: World, payload: str) -> HttpResponse:
        space = open_space_of(world, f"room-{name}")
        data = {"name": "Hall", "kind": "online", "meeting_url": "https://meet.example.org/hall"}
        if name == "place":
            data = {"name": "Hall", "kind": "venue", "meeting_url": ""}
        data = {**data, "place": "", "position": "", name: payload}
        return world.post(world.staff, reverse("openspace:room_add", args=[space.event.slug]), data)

    return write


def name_networks(world: World, payloads: str) -> HttpResponse:
    """The staff names co-hosting networks, one payload a line."""
    space = open_space_of(world, "cohosts")
    data = {"cohosts": [], "networks": "\n".join(payloads.split(SEPARATOR))}
    return world.post(world.staff, reverse("openspace:cohosts", args=[space.event.slug]), data)


def create_series(name: str) -> Callable[[World, str], HttpResponse]:
    """The staff creates a published series, `name` carrying the payload."""

    def write(world: World, payload: str) -> HttpResponse:
        data = {
            "title": "Safe series",
            "slug": f"secure-series-{name}",
            "description": "A harmless journey.",
            "language": "en",
            "is_published": "on",
            "organizer_emails": "",
            name: payload,
        }
        return world.post(world.staff, reverse("openspace:series_new"), data)

    return write


def series_url(name: str) -> Callable[[World], str]:
    return lambda world: reverse("openspace:series", args=[f"secure-series-{name}"])


def series_board_url(world: World) -> str:
    """The discussion space of the series whose title carries the payload (named after it)."""
    from convene.openspace.models import Series

    series = Series.objects.filter(slug="secure-series-title").first()
    board_id = series.board_id if series is not None else None
    return reverse("discussion:board", args=[board_id]) if board_id else "/"


def series_board(world: World, key: str) -> Any:
    """The discussion space of a published series of `key` (made at the first call)."""
    from convene.openspace.models import Series
    from convene.openspace.services_series import board_key
    from tests.openspace.factories import SeriesFactory

    boards = world.ids.setdefault("boards", {})
    if key not in boards:
        series = SeriesFactory(
            slug=f"secure-board-{key}", title="Safe series", organizers=[world.staff]
        )
        board = discussion.board_open(key=board_key(series), title=series.title)
        Series.objects.filter(pk=series.pk).update(board=board)
        boards[key] = board
    return boards[key]


def start_thread(name: str) -> Callable[[World, str], HttpResponse]:
    """A new signed-in person starts a thread of a series' discussion space, `name`
    carrying the payload."""

    def write(world: World, payload: str) -> HttpResponse:
        board = series_board(world, f"thread-{name}")
        data = {"title": "A safe subject", "language": "en", "body": "Harmless.", name: payload}
        response = world.post(UserFactory(), reverse("discussion:board", args=[board.pk]), data)
        if response.status_code == 302:
            world.ids[f"thread {name}"] = response.url.split("#")[0]
        return response

    return write


def reply_in_thread(world: World, payload: str) -> HttpResponse:
    """A new signed-in person replies in a thread of a series' discussion space."""
    board = series_board(world, "reply")
    with TestCase.captureOnCommitCallbacks(execute=True):
        thread = discussion.thread_create(
            board=board,
            author=UserFactory(),
            title="A safe subject",
            body="Harmless.",
            language="en",
        )
    url = reverse("discussion:board_thread", args=[board.pk, thread.pk])
    world.ids["thread reply"] = url
    return world.post(UserFactory(), url, {"language": "en", "body": payload})


def board_url(key: str) -> Callable[[World], str]:
    return lambda world: reverse("discussion:board", args=[series_board(world, key).pk])


def thread_url(name: str) -> Callable[[World], str]:
    return lambda world: world.ids.get(f"thread {name}", "/")


FIELDS += [
    Field(
        "open space topic title",
        propose_topic("title"),
        (
            Page(V, os_url("openspace:detail", "topic-title")),
            Page(P, os_url("openspace:detail", "topic-title")),
            Page(P, topic_url("openspace:topic", "topic-title")),
            Page(S, topic_url("openspace:topic", "topic-title")),
            Page(V, harvest_url("topic-title")),
        ),
        max_length=150,
    ),
    Field(
        "open space topic title, on the grid",
        propose_topic("title", place=True),
        (
            Page(V, os_url("openspace:detail", "topic-title-placed")),
            Page(S, os_url("openspace:detail", "topic-title-placed")),
            Page(V, topic_url("openspace:topic", "topic-title-placed")),
            Page(V, harvest_url("topic-title-placed")),
            # in Arabic the grid runs from the right
            Page(V, os_url("openspace:detail", "topic-title-placed", "ar")),
        ),
        max_length=150,
    ),
    Field(
        "open space topic description",
        propose_topic("description"),
        # the grid, its marketplace and the harvest show a topic's title, not its description
        (
            Page(V, topic_url("openspace:topic", "topic-description")),
            Page(P, topic_url("openspace:topic", "topic-description")),
            Page(S, topic_url("openspace:topic", "topic-description")),
        ),
        max_length=1000,
    ),
    Field(
        "open space topic notes (Markdown)",
        write_notes(),
        (
            Page(V, topic_url("openspace:topic", "notes")),
            Page(P, topic_url("openspace:topic", "notes")),
            Page(V, topic_url("openspace:notes_history", "notes", "en")),
            Page(V, harvest_url("notes")),
        ),
        plain=False,
        max_length=50_000,
    ),
    Field(
        "open space topic notes, replaced (Markdown)",
        write_notes(replaced=True),
        (Page(V, topic_url("openspace:notes_history", "notes-replaced", "en")),),
        plain=False,
        max_length=50_000,
    ),
    Field(
        "open space action: what",
        add_action("what"),
        (
            Page(V, topic_url("openspace:topic", "action-what")),
            Page(P, topic_url("openspace:topic", "action-what")),
            Page(V, harvest_url("action-what")),
        ),
        max_length=300,
    ),
    Field(
        "open space action: who",
        add_action("who"),
        (
            Page(V, topic_url("openspace:topic", "action-who")),
            Page(S, topic_url("openspace:topic", "action-who")),
            Page(V, harvest_url("action-who")),
        ),
        max_length=200,
    ),
    Field(
        "organizers' reason for withdrawing a topic",
        withdraw_readers_topic,
        (Page(P, topic_url("openspace:topic", "withdraw")),),
        max_length=500,
    ),
    Field(
        "organizers' reason for moving a topic",
        move_readers_topic,
        (Page(P, topic_url("openspace:topic", "move")),),
        max_length=500,
    ),
    Field(
        "open space room name",
        add_room("name"),
        (
            Page(V, os_url("openspace:detail", "room-name")),
            Page(V, topic_url("openspace:topic", "room-name")),
            Page(P, topic_url("openspace:topic", "room-name")),
        ),
        max_length=100,
    ),
    Field(
        "open space room place",
        add_room("place"),
        (
            Page(V, os_url("openspace:detail", "room-place"), whole=False),
            Page(V, topic_url("openspace:topic", "room-place")),
        ),
        max_length=300,
    ),
    Field(
        "open space co-hosting networks",
        name_networks,
        (
            Page(V, os_url("openspace:detail", "cohosts")),
            Page(V, lambda world: reverse("openspace:list")),
        ),
        max_length=200,
        many=True,
    ),
    Field(
        "series title",
        create_series("title"),
        (
            Page(V, series_url("title")),
            Page(V, lambda world: reverse("openspace:series_list")),
            Page(P, series_board_url),  # the series' discussion space is named after it
        ),
        max_length=200,
    ),
    Field(
        "series description (Markdown)",
        create_series("description"),
        (
            Page(V, series_url("description")),
            Page(V, lambda world: reverse("openspace:series_list"), whole=False),
        ),
        plain=False,
        max_length=10_000,
    ),
    Field(
        "discussion thread subject",
        start_thread("title"),
        (
            Page(V, board_url("thread-title")),
            Page(V, thread_url("title")),
            Page(P, thread_url("title")),
        ),
        max_length=200,
    ),
    Field(
        "discussion thread first comment",
        start_thread("body"),
        (
            Page(V, board_url("thread-body"), whole=False),
            Page(V, thread_url("body")),
            Page(P, thread_url("body")),
        ),
        max_length=5000,
    ),
    Field(
        "discussion reply in a thread",
        reply_in_thread,
        (
            Page(V, lambda world: world.ids.get("thread reply", "/")),
            Page(P, lambda world: world.ids.get("thread reply", "/")),
        ),
        max_length=5000,
    ),
]
