"""The event pages take an exact number of queries, the same with 3 or 30 of what they list."""

import pytest
from django.utils import translation

from convene.events.models import ContentTranslation, RegistrationQuestion, Session
from tests.factories import UserFactory

from .factories import EventFactory, QuestionFactory, SessionFactory, TalkFactory
from .test_views import register, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return UserFactory(email="organizer@example.org")


@pytest.fixture
def event(organizer):
    event = EventFactory(organizers=[organizer], slug="gc")
    QuestionFactory(event=event, label="Your community?")
    return event


@pytest.fixture
def session(event):
    return SessionFactory(event=event, capacity=500)


def grow(event, session, count):
    """`count` more of everything the event pages list: events, sessions, registrations,
    accepted talks."""
    for _number in range(count):
        SessionFactory()
        other = SessionFactory(event=event, capacity=500)
        register(session, UserFactory())
        register(other, UserFactory())
        TalkFactory(session=session, status="accepted")


# page, viewer: queries (the login session, the user and whether they moderate, for the
# header's link to the moderation queue, count for a signed-in reader; the event page reads
# the organizations hosting the event)
QUERIES = {
    ("list", "anonymous"): 2,
    ("list", "participant"): 7,
    ("detail", "anonymous"): 4,
    ("detail", "participant"): 9,
    ("session", "anonymous"): 5,
    ("session", "participant"): 11,
    ("register", "participant"): 8,
    ("manage", "organizer"): 15,
    ("event_needs", "organizer"): 9,
    ("needs", "participant"): 8,
}


@pytest.mark.parametrize(("page", "viewer"), list(QUERIES))
def test_each_event_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, organizer, event, session, django_assert_num_queries, page, viewer
):
    if viewer == "participant":
        reader = UserFactory()
        register(session, reader)
        client.force_login(reader)
    elif viewer == "organizer":
        client.force_login(organizer)
    path = {
        "list": url("list"),
        "detail": url("detail", event.slug),
        "session": url("session", event.slug, session.pk),
        "register": url("register", event.slug, SessionFactory(event=event).pk),
        "manage": url("manage", event.slug, session.pk),
        "event_needs": url("event_needs", event.slug),
        "needs": url("needs", event.slug, session.pk),
    }[page]
    for count in (3, 27):  # 3, then 30 of each
        grow(event, session, count)
        with django_assert_num_queries(QUERIES[page, viewer]):
            assert client.get(path).status_code == 200


def translate_everything(event, language="fr"):
    """A translation into `language` of every field of the event, its sessions and questions."""
    from convene.events import translations

    for owner in [event, *event.sessions.all(), *event.questions.all()]:
        for name in translations.fields_of(owner):
            if translations.source_text(owner, name).strip():
                ContentTranslation.objects.get_or_create(
                    event=event,
                    session=owner if isinstance(owner, Session) else None,
                    question=owner if isinstance(owner, RegistrationQuestion) else None,
                    field=name,
                    language=language,
                    defaults={
                        "text": f"{translations.source_text(owner, name)} (fr)",
                        "source_digest": translations.source_digest(owner, name),
                    },
                )


# What organizers wrote, read in another language than theirs: one query more, for all
# the translations of the page (none when the reader reads the event's own language).
@pytest.mark.parametrize(
    ("page", "viewer"),
    [key for key in QUERIES if key[0] in ("list", "detail", "session", "register")],
)
def test_a_reader_in_another_language_costs_one_query_more_whatever_it_lists(
    client, organizer, event, session, django_assert_num_queries, page, viewer
):
    if viewer == "participant":
        reader = UserFactory(preferred_language="fr")
        register(session, reader)
        client.force_login(reader)
    with translation.override("fr"):
        path = {
            "list": url("list"),
            "detail": url("detail", event.slug),
            "session": url("session", event.slug, session.pk),
            "register": url("register", event.slug, SessionFactory(event=event).pk),
        }[page]
    for count in (3, 27):
        grow(event, session, count)
        translate_everything(event)
        with django_assert_num_queries(QUERIES[page, viewer] + 1):
            response = client.get(path)
        assert response.status_code == 200
        assert f"{event.title} (fr)" in response.content.decode()
