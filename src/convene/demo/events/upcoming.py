"""Upcoming events, placed relative to the moment the demo is loaded."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from convene.accounts.models import User
from convene.events import services
from convene.events.models import Event, LocationType, QuestionKind, RegistrationQuestion, Session
from convene.events.services import Needs

from .build import days_ahead, register
from .people import People
from .translations import translate_conversation_hours

CONVERSATION_HOURS_QUESTIONS: list[dict[str, Any]] = [
    dict(
        label="Which community or affiliate do you represent?",
        help_text="Write “none” if you come on your own.",
        kind=QuestionKind.SHORT_TEXT,
        required=True,
    ),
    dict(
        label="How did you hear about this conversation?",
        kind=QuestionKind.SINGLE_CHOICE,
        choices=[
            "Meta-Wiki",
            "A village pump or community noticeboard",
            "A mailing list",
            "My affiliate or user group",
            "Social media",
            "A friend or colleague",
        ],
    ),
    dict(
        label="Which chapters of the draft charter would you like to discuss?",
        kind=QuestionKind.MULTIPLE_CHOICE,
        choices=[
            "Preamble",
            "Values & Principles",
            "Roles & Responsibilities",
            "Global Council",
            "Hubs",
            "Decision-making",
        ],
    ),
    dict(
        label="May we quote you anonymously in the report?",
        kind=QuestionKind.YES_NO,
        required=True,
    ),
    dict(
        label="Is there anything the organizers should know so that you can take part safely?",
        help_text="Only the organizers read this, and it is erased after the event.",
        kind=QuestionKind.LONG_TEXT,
        is_sensitive=True,
    ),
]


def conversation_hours(organizer: User, people: People, now: datetime) -> Event:
    event = services.event_create(
        organizer=organizer,
        slug="movement-charter-conversation-hours",
        title="Movement Charter regional conversation hours",
        summary=(
            "Regional conversations with the Movement Charter Drafting Committee on the "
            "chapters drafted so far, at a friendly hour for each region."
        ),
        description="""\
The Movement Charter Drafting Committee (MCDC) holds conversation hours region by region, so
that communities can discuss the draft chapters in depth and at a reasonable local time.
Share what works for your community, what is missing and what worries you; your feedback goes
into the next version of the text.

Ambassadors can also host conversations in their own language community, and MCDC members
can join them: ask the organizers.

Each session offers interpretation into the languages listed with it. The call link appears
here 48 hours before each session, for confirmed participants.

*Sample event for the Convene demo: the dates are set relative to when the demo data was
loaded.*""",
        timezone="UTC",
        is_published=True,
        link_reveal_hours=48,
        registration_opens_at=now - timedelta(days=5),
        registration_closes_at=days_ahead(now, "America/Sao_Paulo", 16, 18),
    )
    questions = {}
    for position, fields in enumerate(CONVERSATION_HOURS_QUESTIONS, start=1):
        question = services.question_save(
            question=RegistrationQuestion(event=event, position=position, **fields)
        )
        questions[question.kind] = str(question.pk)

    def answers(
        represent: str,
        heard: str = "",
        chapters: tuple[str, ...] = (),
        quote: str = "yes",
        private: str = "",
    ) -> dict[str, object]:
        return {
            questions[QuestionKind.SHORT_TEXT]: represent,
            questions[QuestionKind.SINGLE_CHOICE]: heard,
            questions[QuestionKind.MULTIPLE_CHOICE]: list(chapters),
            questions[QuestionKind.YES_NO]: quote,
            questions[QuestionKind.LONG_TEXT]: private,
        }

    def hour(
        title: str,
        zone: str,
        days: int,
        at: tuple[int, int],
        *,
        capacity: int,
        interpretation_languages: list[str],
        meeting_url: str = "",
    ) -> Session:
        start = days_ahead(now, zone, days, *at)
        return services.session_create(
            event=event,
            title=title,
            agenda="charter-regional",
            description=(
                "A 90-minute conversation on the draft chapters with members of the drafting "
                "committee."
            ),
            starts_at=start,
            ends_at=start + timedelta(minutes=90),
            timezone=zone,
            location_type=LocationType.ONLINE,
            capacity=capacity,
            interpretation_languages=interpretation_languages,
            meeting_url=meeting_url,
        )

    # Tomorrow local time, so at most 43 hours away: its join link is already revealed.
    eseap = hour(
        "East, Southeast Asia and Pacific",
        "Asia/Jakarta",
        1,
        (19, 0),
        capacity=40,
        interpretation_languages=["id", "zh-hans"],
        meeting_url="https://meet.example.org/mc-hours-eseap",
    )
    # The link is not set yet: organizers add it before the reveal time.
    south_asia = hour(
        "South Asia", "Asia/Kolkata", 2, (18, 30), capacity=40, interpretation_languages=["hi"]
    )
    # A small-group format: three places, taken, and one person waiting.
    africa = hour(
        "Sub-Saharan Africa",
        "Africa/Lagos",
        9,
        (16, 0),
        capacity=3,
        interpretation_languages=["fr", "ar", "pt-br"],
        meeting_url="https://meet.example.org/mc-hours-africa",
    )
    latin_america = hour(
        "Latin America and the Caribbean",
        "America/Sao_Paulo",
        16,
        (19, 0),
        capacity=40,
        interpretation_languages=["es", "pt-br"],
        meeting_url="https://meet.example.org/mc-hours-lac",
    )
    register(
        eseap,
        people,
        {
            "komodo": Needs(
                interpretation_language="id",
                data_support=True,
                answers=answers(
                    "Sample user group, Yogyakarta",
                    "My affiliate or user group",
                    ("Hubs", "Roles & Responsibilities"),
                ),
            ),
            "zhujian": Needs(
                interpretation_language="zh-hans",
                answers=answers("none", "A mailing list", ("Global Council",), quote="no"),
            ),
        },
        now=now,
    )
    register(
        south_asia,
        people,
        {
            "kaveri": Needs(
                interpretation_language="hi",
                childcare=True,
                answers=answers(
                    "A non-affiliated organized group",
                    "A village pump or community noticeboard",
                    ("Roles & Responsibilities", "Hubs"),
                    private=(
                        "Please do not show my name in the recording; our group has had "
                        "conflicts with a local affiliate."
                    ),
                ),
            ),
        },
        now=now,
    )
    register(
        africa,
        people,
        {
            "harmattan": Needs(
                data_support=True,
                answers=answers("Sample user group, Lagos", "Meta-Wiki", ("Hubs",)),
            ),
            "lavande": Needs(
                interpretation_language="fr",
                answers=answers("none", "A friend or colleague", ("Values & Principles",)),
            ),
            "nile": Needs(
                interpretation_language="ar",
                accessibility="Live captions, please: I am hard of hearing.",
                answers=answers("none", "Social media", ("Decision-making",)),
            ),
            "feldhase": Needs(answers=answers("none", "Meta-Wiki", (), quote="no")),
        },
        now=now,
    )
    register(
        latin_america,
        people,
        {
            "colibri": Needs(
                interpretation_language="es",
                childcare=True,
                answers=answers("Sample chapter, Bogotá", "A mailing list", ("Preamble",)),
            ),
            "ipe": Needs(
                interpretation_language="pt-br",
                data_support=True,
                answers=answers("none", "My affiliate or user group", ("Hubs", "Global Council")),
            ),
        },
        now=now,
    )
    translate_conversation_hours(event, people)
    return event


def hubs_dialogue(organizer: User, people: People, now: datetime) -> Event:
    nairobi = "Africa/Nairobi"
    start = days_ahead(now, nairobi, 30, 14)
    event = services.event_create(
        organizer=organizer,
        slug="hubs-dialogue-open-space",
        title="Hubs dialogue: open-space meetup",
        summary=(
            "What should a regional or thematic hub do first? An open-space meetup, in the room "
            "and online, where participants set the agenda."
        ),
        description="""\
Regional and thematic hubs (initiative 25) are meant to bring support closer to communities.
What should a hub coordinate first, to whom should it answer, and how do small and
non-affiliated communities take part?

The meetup follows open-space rules: in the first half hour anyone can propose a topic, the
topics become small groups, and each group writes up what it found. Join in the room or
online; interpretation is offered to online participants.

Registered participants can propose a five-minute lightning talk to open the day.

*Sample event for the Convene demo: the venue and the date are illustrative.*""",
        timezone=nairobi,
        is_published=True,
        link_reveal_hours=24,
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=start - timedelta(days=2),
    )
    session = services.session_create(
        event=event,
        title="Open-space meetup",
        agenda="hubs-open-space",
        description="Open-space topics set by the participants, then a shared write-up.",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        timezone=nairobi,
        interpretation_languages=["ar", "fr", "es", "ru"],
        capacity=60,
        location_type=LocationType.HYBRID,
        venue="Demo venue: community meeting room, Nairobi (sample address)",
        meeting_url="https://meet.example.org/hubs-dialogue",
    )
    register(
        session,
        people,
        {
            "harmattan": Needs(data_support=True, attendance="online"),
            "taiga": Needs(interpretation_language="ru", attendance="online"),
            "feldhase": Needs(attendance="in_person"),
            "nile": Needs(interpretation_language="ar", attendance="online"),
        },
        now=now,
    )
    services.talk_propose(
        session=session,
        speaker=people["harmattan"],
        title="A thematic hub for small-language communities: first questions",
        abstract=(
            "Five questions a hub serving communities in smaller languages should answer "
            "before it asks for funds: who it serves, who decides, how it reports, how it "
            "shares tools, and when it would close."
        ),
        language="en",
        duration_minutes=5,
    )
    return event
