"""Questions and answers of the Movement Charter AMA, Asia-Pacific edition (4 November 2022).

Questions and answers are those of the session's shared notes. Who asked what, the minutes
at which they were asked and answered, and the votes are invented for the demo; the askers
are demo participants registered for the session. The three editions of the AMA share their
questions, so the pages of the two later editions list these too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from convene.accounts.models import User
from convene.events.models import Session
from convene.qanda.models import HostAction, Question, QuestionPool, Vote

from .common import People, utc

EVENT_SLUG = "movement-charter-ama-2022"
SESSION_TITLE = "Asia-Pacific edition"


@dataclass(frozen=True)
class Asked:
    key: str
    author: str
    at: datetime
    text: str
    answer: str = ""
    answered_at: datetime | None = None
    follows: str | None = None
    anonymous: bool = False
    voters: tuple[str, ...] = ()


def at(hour: int, minute: int) -> datetime:
    return utc(2022, 11, 4, hour, minute)


QUESTIONS = (
    Asked(
        "non-affiliates", "komodo", at(8, 52),
        "Are the non-affiliate organized wikimedia groups going to be included in the Movement "
        "Charter (MC)? I represent one of them and as people are often confused about the roles "
        "and responsibilities of these types of organizations, in a lot of the cases we feel "
        "uncomfortable. We also faced very negative behavior from the local affiliate.",
        "Our movement is built with different kinds of people with diverse experiences and "
        "challenges. The Movement Charter will attempt to provide all manners of information. "
        "Non-affiliated organized groups are most likely to be included. The Roles & "
        "Responsibilities document will include this information & work is currently ongoing "
        "in this document. Community members are invited to share their thoughts about "
        "including non-affiliated groups directly with the MCDC, via email.",
        at(9, 8), anonymous=True, voters=("kaveri", "zhujian"),
    ),
    Asked(
        "regional-involvement", "zhujian", at(8, 58),
        "What will be the process of regional community involvement?",
        "Regional conversation hours have been planned. Apart from these eight regional "
        "conversations, ambassadors can host conversations in their language community & MCDC "
        "members can join those conversations.",
        at(9, 14),
    ),
    Asked(
        "ambassadors-board", "komodo", at(9, 3),
        "Will the ambassadorships program be limited to only to the board members of User "
        "Groups? If not, can individuals represent non-organized groups?",
        "Ambassadorship is open for everyone. You do not need affiliation with any group. "
        "Anyone who is willing to work with the MCDC to expand their outreach and help to build "
        "engagement about Movement Charter can become an ambassador.",
        at(9, 19), voters=("kaveri",),
    ),
    Asked(
        "hubs-south-asia", "kaveri", at(9, 10),
        "There is no active discussion about hubs in the South Asian region. How far behind are "
        "we in this process? Is it ok to start now? How and when do you intend to start "
        "defining Hubs?",
        "Currently, the MCDC is not working on the text/chapter about Hubs. MCDC is working on "
        "three chapters only & the feedback is about these three chapters, as of now. That "
        "being said, the MCDC will define Hubs and it will be done by the Role & "
        "Responsibilities Drafting Group.\n\n"
        "Interested community members can read about the Hubs Dialogue conversation which "
        "happened earlier in 2022. Some initial guidelines were developed on piloting Hubs, "
        "based on regional responses and Hubs collaborations. Members can read and engage with "
        "the CEE Hub that has started to pilot. All this is in an initial phase; a kind of test "
        "to see how the Hub shapes up and functions. The Hubs pilots are not official hubs, "
        "even if they are receiving funds from the Wikimedia Foundation, because there is no "
        "approval process for them. It is worthwhile to be noted that once the MCDC completes "
        "their definition of the Hub, the existing hub structures might need to change their "
        "Hubs construct.\n\n"
        "MCDC is in the process of considering how Hubs will connect with future movement "
        "governance. The closing comment on this question was not to rush the creation of "
        "hubs.",
        at(9, 27), voters=("komodo", "zhujian"),
    ),
    Asked(
        "hubs-answerable", "zhujian", at(9, 29),
        "To whom the hubs are going to be responsible or answerable ? There should be clarity "
        "on the social dynamics and relevant process across the wikimedia movements.",
        "See the previous answer.",
        at(9, 34), follows="hubs-south-asia", voters=("kaveri",),
    ),
    Asked(
        "ambassador-roles", "zhujian", at(9, 21),
        "What are the specific roles of the ambassadors?",
        "The expectation from the ambassador is to liaise between the community-at-large and "
        "the MCDC. The MCDC has been sharing updates but they have not been enough to receive "
        "feedback from a movement as diverse as ours. The primary responsibility of the "
        "ambassador will be to facilitate this dialogue within their language community, and "
        "share it back with the MCDC. It does include translation and community consultation. "
        "MSG can comment more on the ambassador program.",
        at(9, 40),
    ),
    Asked(
        "thematic-hubs", "komodo", at(9, 31),
        "How do you see thematic hubs working given the diverse geographical scenarios and "
        "challenges?",
        "The way forward is for everyone to participate in the discussions around Hubs. For "
        "now, the MCDC is not working on defining Hubs. If community members want to work on a "
        "Hub pilot, they are encouraged to propose a project. They can join existing hub "
        "conversations to learn more. The next round of conversations of Hubs will be in early "
        "2023. In the meantime, connect with the MSG team to learn more about the Movement "
        "Strategy grant process, and present a proposal for hubs.",
        at(9, 48), voters=("zhujian",),
    ),
    Asked(
        "ambassador-translation", "kaveri", at(9, 42),
        "Will the translation work be the part of Ambassador?",
        "Yes, but that will not be the only thing.",
        at(9, 53),
    ),
    Asked(
        "ambassador-facilitator", "komodo", at(9, 44),
        "How is ambassador work different from WMF Facilitator?",
        "Wikimedia Foundation facilitators are there to support ambassadors.",
        at(9, 57),
    ),
    Asked(
        "regional-meetup", "kaveri", at(9, 50),
        "Can we request a regional strategy meetup? And participation by MCDC/ MSG "
        "representatives?",
        "MCDC members are available to attend regional strategy meetups. Members have been "
        "attending and presenting at events like the Wikimedia Summit and WikiIndaba.",
        at(10, 5), voters=("komodo", "zhujian"),
    ),
    Asked(
        "bangladesh-grants", "zhujian", at(10, 2),
        "What is the issue with grants to Bangladesh?",
        "There are various institutional challenges in disbursing grants in Bangladesh. Work "
        "is ongoing to find a solution.",
        at(10, 14),
    ),
    Asked(
        "meetup-grant", "kaveri", at(10, 7),
        "if we want to discuss strategy in India, and need to plan a meet up for that. Can we "
        "request a grant for such a meetup?",
        follows="regional-meetup", voters=("komodo",),
    ),
)  # fmt: skip


def _log_host_actions(question: Question, organizer: User, asked: Asked) -> None:
    """The hosts' log of the finished session: the answers and the follow-up link."""
    if question.follows_id:
        action = HostAction.objects.create(
            question=question,
            host=organizer,
            action=HostAction.Action.FOLLOW_UP,
            detail=f"#{question.follows_id}",
        )
        HostAction.objects.filter(pk=action.pk).update(created_at=asked.at + timedelta(minutes=1))
    if asked.answered_at:
        action = HostAction.objects.create(
            question=question, host=organizer, action=HostAction.Action.ANSWER
        )
        HostAction.objects.filter(pk=action.pk).update(created_at=asked.answered_at)


def load(organizer: User, people: People) -> str:
    """Add the session's questions that are missing (matched by their text)."""
    session = Session.objects.filter(event__slug=EVENT_SLUG, title=SESSION_TITLE).first()
    if session is None:
        return f"AMA questions: no session {SESSION_TITLE!r} in {EVENT_SLUG}, skipped"
    if session.agenda:  # the editions of the AMA share one pool of questions
        QuestionPool.objects.get_or_create(
            event=session.event,
            agenda=session.agenda,
            defaults={"shared": True, "changed_by": organizer},
        )
    existing = {q.text: q for q in Question.objects.filter(session=session)}
    by_key: dict[str, Question] = {}
    added = votes = 0
    for asked in QUESTIONS:
        question = existing.get(asked.text)
        if question is None:
            question = Question.objects.create(
                session=session,
                author=people[asked.author],
                is_anonymous=asked.anonymous,
                text=asked.text,
                language="en",
                answer=asked.answer,
                answered_at=asked.answered_at,
                answered_by=organizer if asked.answered_at else None,
                answered_in=session if asked.answered_at else None,
                follows=by_key[asked.follows] if asked.follows else None,
                vote_count=len(asked.voters),
            )
            Question.objects.filter(pk=question.pk).update(created_at=asked.at)
            _log_host_actions(question, organizer, asked)
            for minute, voter in enumerate(asked.voters, start=1):
                vote = Vote.objects.create(question=question, user=people[voter])
                Vote.objects.filter(pk=vote.pk).update(
                    created_at=asked.at + timedelta(minutes=minute)
                )
                votes += 1
            added += 1
        by_key[asked.key] = question
    if not added:
        return f"AMA questions ({SESSION_TITLE}): nothing to add, left unchanged"
    return f"AMA questions ({SESSION_TITLE}): {added} added, with {votes} votes"
