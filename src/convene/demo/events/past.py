"""Past events: the 2020 Global Conversations and the 2022 Movement Charter AMA (the Viral
Open Space of September 2020 is an open space: `convene.demo.openspace`).

The dates, the questions and the languages are public facts; the hours marked as illustrative,
the participants and their needs are invented.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from convene.accounts.models import User
from convene.events import services
from convene.events.models import Event, LocationType
from convene.events.services import Needs

from .build import past_talk, register_past, utc
from .people import People

# The seven languages interpreted at the 2020 Global Conversations.
GLOBAL_CONVERSATIONS_LANGUAGES = ["ar", "zh-hans", "fr", "de", "id", "ru", "es"]

WHAT_IS_PROVIDED = """\
### What is provided

- Live interpretation into Arabic, Chinese, French, German, Indonesian, Russian and Spanish.
- An internet data package upgrade for the duration of the event, if your connection needs it.
- Childcare for the duration of the event.

Tell us in the registration form what you need. If you cannot attend, the results and the
raw data will be shared on Meta-Wiki, so your communities can still add their input."""

GC_PRIORITIES_NOTES = """\
Eight global priorities emerged from the two sessions together:

- **A.** Movement Charter, Interim Global Council and Global Council (initiatives 22, 23, 24)
- **B.** Methodology to improve the Wikimedia platform user experience and resources for
  newcomers (9, 11), with cross-wiki tools
- **C.** Global approach for local skill development, leadership development plan and skill
  development infrastructure (31, 32, 33)
- **D.** Regional and thematic hubs (25)
- **E.** Funding for underrepresented communities (2)
- **F.** Increased awareness about the Wikimedia Movement (3)
- **G.** Aligning our practices to support environmental sustainability (8)
- **H.** Identifying topics for impact, bridging content gaps and content initiatives in
  underrepresented communities (36, 37, 38)

The next conversations, on 5 and 6 December, discuss how to implement them."""


def global_conversations(organizer: User, people: People, now: datetime) -> Event:
    event = services.event_create(
        organizer=organizer,
        slug="global-conversations-2020",
        title="Movement Strategy Global Conversations",
        summary=(
            "Which of the 45 Movement Strategy initiatives need global coordination in 2021? "
            "Two identical four-hour sessions: choose the day that suits you."
        ),
        description=f"""\
Nearly 50 communities and affiliates shared their priorities in advance, on Meta-Wiki, by
email or through a survey. Building on them, these conversations ask Wikimedians around the
world **which of the 45 Movement Strategy initiatives are most important to coordinate
globally and implement in 2021**.

Both sessions follow the same programme, so you only need to attend one.

{WHAT_IS_PROVIDED}

*Demo data: the dates, the question and the languages come from the 2020 Global
Conversations; the hours (13:00 to 17:00 UTC) are illustrative and the participants are
fictitious.*""",
        timezone="UTC",
        is_published=True,
        registration_opens_at=utc(2020, 10, 26),
        registration_closes_at=utc(2020, 11, 20, 23, 59),
    )
    editions = [("First edition", utc(2020, 11, 21, 13)), ("Second edition", utc(2020, 11, 22, 13))]
    sessions = [
        services.session_create(
            event=event,
            title=title,
            agenda="prioritization",
            description="Which initiatives need global coordination in 2021?",
            starts_at=start,
            ends_at=start + timedelta(hours=4),
            timezone="UTC",
            interpretation_languages=GLOBAL_CONVERSATIONS_LANGUAGES,
            capacity=250,
            location_type=LocationType.ONLINE,
            notes=GC_PRIORITIES_NOTES,
        )
        for title, start in editions
    ]
    register_past(
        sessions[0],
        people,
        {
            "kaveri": Needs(data_support=True),
            "nile": Needs(interpretation_language="ar"),
            "komodo": Needs(interpretation_language="id", data_support=True),
            "zhujian": Needs(interpretation_language="zh-hans"),
            "colibri": Needs(interpretation_language="es", childcare=True),
        },
        at=utc(2020, 11, 2, 9),
    )
    register_past(
        sessions[1],
        people,
        {
            "lavande": Needs(interpretation_language="fr"),
            "feldhase": Needs(interpretation_language="de"),
            "taiga": Needs(
                interpretation_language="ru",
                accessibility="I follow best with live captions in the main room.",
            ),
            "ipe": Needs(interpretation_language="es", data_support=True),
            "harmattan": Needs(data_support=True),
        },
        at=utc(2020, 11, 4, 10),
    )
    return event


def global_conversations_implementation(organizer: User, people: People, now: datetime) -> Event:
    event = services.event_create(
        organizer=organizer,
        slug="global-conversations-implementation-2020",
        title="Global Conversations: implementation",
        summary=(
            "The final Global Conversations of 2020: from the top global priorities to the "
            "steps needed to put Movement Strategy into action."
        ),
        description=f"""\
Close to 250 people took part in the Global Conversations on 21 and 22 November and named the
initiatives most important to coordinate globally in 2021. Take a look at the results: what do
you think about the priorities? What is missing? What would make you want to play an active
role in implementation?

On 5 and 6 December we focus on the top global priorities and start discussing what
implementation can actually look like. **What are the steps needed to put strategy into
action?** Implementation will be different from one context to another, so we need as many
voices as possible to create a movement-wide implementation plan.

There will also be time to meet other Wikimedians, and space for short lightning talks on how
to implement particular initiatives: if you have an idea, propose a talk of up to five minutes.

{WHAT_IS_PROVIDED}

Registration closes on 4 December.

*Demo data: the dates come from the 2020 Global Conversations; the hours (13:00 to 17:00 UTC),
the participants and the lightning talks are illustrative.*""",
        timezone="UTC",
        is_published=True,
        registration_opens_at=utc(2020, 11, 23),
        registration_closes_at=utc(2020, 12, 4, 23, 59),
    )
    editions = [("First day", utc(2020, 12, 5, 13)), ("Second day", utc(2020, 12, 6, 13))]
    day_one, day_two = (
        services.session_create(
            event=event,
            title=title,
            agenda="implementation",
            description=(
                "What are the steps needed to put the top global priorities into action? "
                "Group discussions by priority, lightning talks and a social hour."
            ),
            starts_at=start,
            ends_at=start + timedelta(hours=4),
            timezone="UTC",
            interpretation_languages=GLOBAL_CONVERSATIONS_LANGUAGES,
            capacity=250,
            location_type=LocationType.ONLINE,
            notes=(
                "Implementation ideas were gathered for each global priority. Follow-up calls "
                "in January and February 2021 continued the work on the Interim Global "
                "Council and on hubs."
            ),
        )
        for title, start in editions
    )
    register_past(
        day_one,
        people,
        {
            "nile": Needs(interpretation_language="ar"),
            "kaveri": Needs(childcare=True),
            "komodo": Needs(interpretation_language="id", data_support=True),
            "colibri": Needs(interpretation_language="es"),
            "harmattan": Needs(data_support=True),
        },
        at=utc(2020, 11, 24, 8),
    )
    register_past(
        day_two,
        people,
        {
            "lavande": Needs(interpretation_language="fr"),
            "taiga": Needs(interpretation_language="ru"),
            "zhujian": Needs(interpretation_language="zh-hans", data_support=True),
            "ipe": Needs(interpretation_language="es"),
            "feldhase": Needs(interpretation_language="de"),
        },
        at=utc(2020, 11, 25, 12),
    )
    proposed = utc(2020, 11, 30, 10)
    past_talk(
        day_one,
        people["komodo"],
        title="Initiative 2: small grants for communities without a legal entity",
        abstract=(
            "How a user group with no bank account of its own could receive, spend and report "
            "on small grants, and which three steps the funders could simplify first."
        ),
        language="id",
        proposed_at=proposed,
    )
    past_talk(
        day_one,
        people["nile"],
        title="Initiative 11: a welcome kit for newcomers in Arabic",
        abstract=(
            "A one-page welcome kit, a mentor rota and a monthly online office hour: what it "
            "would take to offer them on every Arabic-language project."
        ),
        language="ar",
        proposed_at=proposed + timedelta(hours=5),
    )
    past_talk(
        day_one,
        people["colibri"],
        title="Our photo contest in pictures",
        abstract="A tour of last year's winning photographs from our region.",
        language="es",
        proposed_at=proposed + timedelta(hours=9),
        accept=False,
    )
    past_talk(
        day_two,
        people["lavande"],
        title="Initiative 10: an accessibility checklist for online events",
        abstract=(
            "Captions, documents readable by screen readers, breaks every hour, and slides "
            "sent ahead: a checklist any organizer can apply from the next call on."
        ),
        language="fr",
        proposed_at=proposed + timedelta(days=1),
    )
    past_talk(
        day_two,
        people["taiga"],
        title="Initiative 31: peer-to-peer skill sharing across language communities",
        abstract=(
            "Pairing an experienced trainer from one language community with a newer one "
            "from another: a six-week format and what we would measure."
        ),
        language="ru",
        proposed_at=proposed + timedelta(days=1, hours=3),
    )
    past_talk(
        day_two,
        people["zhujian"],
        title="Initiative 8: lower-carbon Wikimedia meetups",
        abstract=(
            "Online by default, regional rather than global travel, and a simple way to "
            "report the footprint of an event."
        ),
        language="zh-hans",
        proposed_at=proposed + timedelta(days=1, hours=6),
    )
    return event


AMA_APAC_NOTES = """\
Questions asked and the answers given (summary of the shared notes):

- **Will non-affiliated organized groups be included in the Movement Charter?** Most likely.
  The Roles & Responsibilities chapter will cover them; work on it is ongoing. Community
  members can write to the drafting committee (MCDC) directly about it.
- **How will regional communities be involved?** Regional conversation hours are planned.
  Ambassadors can also host conversations in their language community, and MCDC members can
  join them.
- **Is the ambassador programme limited to board members of user groups?** No: anyone willing
  to work with the MCDC on outreach can become an ambassador, with or without an affiliation.
  Ambassadors liaise between their community and the MCDC; translation is part of the work,
  but not all of it. Wikimedia Foundation facilitators support them.
- **Where do hubs stand in South Asia?** The MCDC is not drafting the Hubs chapter yet; hubs
  will be defined by the Roles & Responsibilities drafting group. Hub pilots exist but are not
  official hubs. The closing advice was not to rush the creation of hubs; the next round of
  hubs conversations is planned for early 2023.
- **Can we request a regional strategy meetup with MCDC members?** Yes, MCDC members are
  available to attend regional meetups."""


def movement_charter_ama(organizer: User, people: People, now: datetime) -> Event:
    event = services.event_create(
        organizer=organizer,
        slug="movement-charter-ama-2022",
        title="Ask Me Anything about the Movement Charter",
        summary=(
            "Members of the Movement Charter Drafting Committee answer your questions, in three "
            "sessions scheduled for different time zones."
        ),
        description="""\
So that anyone interested is well informed to take full part in the conversations, and can
contribute their perspective on the Movement Charter, three *Ask Me Anything* sessions are
organized, each scheduled for a different part of the world. Bring your questions about the
charter, the drafting process and how your community can be involved.

The call link is shared 48 hours ahead of each session, here and by email to everyone
registered.

*Demo data: the Asia-Pacific edition took place on 4 November 2022 at 09:00 UTC. The dates and
hours of the Europe, Middle East and Africa edition and of the Americas edition are
illustrative, and the participants are fictitious.*""",
        timezone="UTC",
        is_published=True,
        link_reveal_hours=48,
        registration_opens_at=utc(2022, 10, 20),
        registration_closes_at=utc(2022, 11, 6, 17),
    )
    editions = [
        ("Asia-Pacific edition", utc(2022, 11, 4, 9), "mc-ama-apac", AMA_APAC_NOTES),
        ("Europe, Middle East and Africa edition", utc(2022, 11, 5, 15), "mc-ama-emea", ""),
        ("Americas edition", utc(2022, 11, 6, 17), "mc-ama-americas", ""),
    ]
    apac, emea, americas = (
        services.session_create(
            event=event,
            title=title,
            agenda="ama",
            description="Open questions to members of the Movement Charter Drafting Committee.",
            starts_at=start,
            ends_at=start + timedelta(minutes=90),
            timezone="UTC",
            capacity=100,
            location_type=LocationType.ONLINE,
            meeting_url=f"https://meet.example.org/{room}",
            notes=notes,
        )
        for title, start, room, notes in editions
    )
    register_past(
        apac,
        people,
        {"kaveri": Needs(data_support=True), "komodo": Needs(), "zhujian": Needs()},
        at=utc(2022, 10, 25, 6),
    )
    register_past(
        emea,
        people,
        {
            "nile": Needs(),
            "lavande": Needs(),
            "harmattan": Needs(data_support=True),
            "taiga": Needs(),
        },
        at=utc(2022, 10, 26, 11),
    )
    register_past(
        americas,
        people,
        {"colibri": Needs(childcare=True), "ipe": Needs()},
        at=utc(2022, 10, 27, 18),
    )
    return event
