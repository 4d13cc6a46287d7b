"""The communities, clusters, reasons and discussions of the demo prioritization, as data.

Real: the rounds' questions and dates, the clusters A to H of the Global Conversations of
November 2020 and the initiatives they hold, and the regional tendency the organizers' analysis
found (Africa, MENA and ESEAP favoured recommendations 1, 2 and 6). Sample data: every
community below ("(sample)" in its name), every submission, reason, discussion and ballot.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- The rounds -------------------------------------------------------------------------------

PROCESS_SLUG = "movement-strategy-2018-20"
EVENT_SLUG = "global-conversations-2020"

COMMUNITIES_ROUND = "community-priorities-2020"
CONVERSATIONS_ROUND = "global-conversations-2020-vote"
OPEN_ROUND = "try-prioritization-sample"
ROUND_SLUGS = (COMMUNITIES_ROUND, CONVERSATIONS_ROUND, OPEN_ROUND)

# The 8 global priorities of the Global Conversations of 21-22 November 2020, by the numbers of
# their initiatives. Every cluster has initiatives in the demo, which holds the 21 initiatives
# whose number and title are verified: B's "cross-wiki tools" has no verified number and is
# not an item, so B holds 9 and 11 only.
CLUSTERS: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("A", "Movement Charter, Interim Global Council and Global Council", (22, 23, 24)),
    ("B", "Platform user experience and resources for newcomers", (9, 11)),
    ("C", "Skills and leadership development", (31, 32, 33)),
    ("D", "Regional and thematic hubs", (25,)),
    ("E", "Funding for underrepresented communities", (2,)),
    ("F", "Increased awareness about the Wikimedia Movement", (3,)),
    ("G", "Aligning our practices to support environmental sustainability", (8,)),
    ("H", "Topics for impact, content gaps and underrepresented communities", (36, 37, 38)),
)

# Recommendations the organizers' analysis found favoured in Africa, MENA and ESEAP.
FAVOURED_IN_THE_SOUTH = (1, 2, 6)


# --- The communities --------------------------------------------------------------------------


@dataclass(frozen=True)
class Community:
    """A named community of the group track; `eseap` marks East, Southeast Asia and the
    Pacific within Asia/Pacific (South Asia is not), for the regional tendency."""

    name: str
    region: str
    language: str
    place: str
    representative: str = ""  # a demo person's key
    eseap: bool = False


def _c(
    name: str,
    region: str,
    language: str,
    place: str,
    *,
    representative: str = "",
    eseap: bool = False,
) -> Community:
    """A sample community: "(sample)" ends its name, as it ends the registry's samples'."""
    return Community(f"{name} (sample)", region, language, place, representative, eseap)


SSA, MENA, ASIA, EUROPE = "sub_saharan_africa", "mena", "asia_pacific", "europe"
NORTH, SOUTH, INTERNATIONAL = "north_america", "south_latin_america", "international"

# 41 communities; with the demo registry's 9 recognized sample organizations, 50 groups.
COMMUNITIES: tuple[Community, ...] = (
    _c("Yoruba Wikipedia community", SSA, "yo", "Ibadan", representative="harmattan"),
    _c("Hausa Wikipedia community", SSA, "ha", "Kano"),
    _c("Swahili Wikipedia community", SSA, "sw", "Dar es Salaam"),
    _c("Igbo Wikipedia community", SSA, "ig", "Enugu"),
    _c("Amharic Wikipedia community", SSA, "am", "Addis Ababa"),
    _c("Twi Wikipedia community", SSA, "tw", "Kumasi"),
    _c("Zulu Wikipedia community", SSA, "zu", "Durban"),
    _c("Arabic Wikipedia community", MENA, "ar", "Amman", representative="nile"),
    _c("Egyptian Arabic Wikipedia community", MENA, "arz", "Alexandria"),
    _c("Moroccan Arabic Wikipedia community", MENA, "ary", "Rabat"),
    _c("Persian Wikipedia community", MENA, "fa", "Tehran"),
    _c("Kabyle Wikipedia community", MENA, "kab", "Tizi Ouzou"),
    _c("Kurdish Wikipedia community", MENA, "ku", "Erbil"),
    _c("Hindi Wikipedia community", ASIA, "hi", "Lucknow", representative="kaveri"),
    _c("Bengali Wikipedia community", ASIA, "bn", "Dhaka"),
    _c("Tamil Wikipedia community", ASIA, "ta", "Chennai"),
    _c("Urdu Wikipedia community", ASIA, "ur", "Lahore"),
    _c("Indonesian Wikipedia community", ASIA, "id", "Bandung", representative="komodo",
       eseap=True),
    _c("Chinese Wikipedia community", ASIA, "zh", "Taipei", representative="zhujian",
       eseap=True),
    _c("Thai Wikipedia community", ASIA, "th", "Chiang Mai", eseap=True),
    _c("Vietnamese Wikipedia community", ASIA, "vi", "Hanoi", eseap=True),
    _c("Tagalog Wikipedia community", ASIA, "tl", "Quezon City", eseap=True),
    _c("Korean Wikipedia community", ASIA, "ko", "Busan", eseap=True),
    _c("German Wikipedia community", EUROPE, "de", "Leipzig", representative="feldhase"),
    _c("French Wikipedia community", EUROPE, "fr", "Lyon", representative="lavande"),
    _c("Ukrainian Wikipedia community", EUROPE, "uk", "Lviv", representative="taiga"),
    _c("Polish Wikipedia community", EUROPE, "pl", "Kraków"),
    _c("Catalan Wikipedia community", EUROPE, "ca", "Girona"),
    _c("Swedish Wikipedia community", EUROPE, "sv", "Uppsala"),
    _c("Italian Wikipedia community", EUROPE, "it", "Bologna"),
    _c("Inuktitut Wikipedia community", NORTH, "iu", "Iqaluit"),
    _c("Cherokee Wikipedia community", NORTH, "chr", "Tahlequah"),
    _c("Hawaiian Wikipedia community", NORTH, "haw", "Hilo"),
    _c("Spanish Wikipedia community", SOUTH, "es", "Rosario", representative="colibri"),
    _c("Portuguese Wikipedia community", SOUTH, "pt", "Recife", representative="ipe"),
    _c("Quechua Wikipedia community", SOUTH, "qu", "Cusco"),
    _c("Guarani Wikipedia community", SOUTH, "gn", "Asunción"),
    _c("Wikidata community", INTERNATIONAL, "en", ""),
    _c("Wikimedia Commons community", INTERNATIONAL, "en", ""),
    _c("Wikisource community", INTERNATIONAL, "en", ""),
    _c("Wiktionary community", INTERNATIONAL, "en", ""),
)  # fmt: skip

# The registry's organizations in ESEAP (Indonesia), for the regional tendency.
ESEAP_ORGANIZATIONS = ("Wikimedia user group of Yogyakarta (sample)",)

# Groups whose submission was changed before the close: their earlier versions are kept.
WITH_HISTORY = ("Hindi Wikipedia community (sample)", "Wikimedia Kenya (sample)")

# Communities of the open round, besides the registry's recognized organizations.
OPEN_ROUND_COMMUNITIES = (
    "Hindi Wikipedia community (sample)",
    "Arabic Wikipedia community (sample)",
    "Spanish Wikipedia community (sample)",
    "Wikidata community (sample)",
)


# --- What the submissions say (sample data) -----------------------------------------------------

REASONS: dict[int, tuple[str, ...]] = {
    1: (
        "Our few active editors are tired; we need ways to keep them.",
        "Volunteers give their evenings; their work should be easier and recognized.",
    ),
    2: (
        "Our community has never received a grant large enough to hire a coordinator.",
        "Money follows the large chapters today; communities like ours stay invisible.",
    ),
    3: (
        "Most people here use Wikipedia without knowing anyone can edit it.",
        "Universities and libraries do not know what Wikimedia is.",
    ),
    4: (
        "Fundraising should reflect where readers and donors are.",
        "We want a say in how money raised in our country is used.",
    ),
    5: (
        "Large companies reuse our content; they should contribute back.",
        "A paid API could fund the projects without advertising.",
    ),
    6: (
        "Local apps and publishers reuse Wikipedia and could become partners.",
        "Third-party tools should show where the knowledge comes from.",
    ),
    7: (
        "Our chapter depends on one grant; other sources of revenue would help.",
        "Local fundraising would make us less dependent on one funder.",
    ),
    8: (
        "Travel to conferences has a climate cost; online events can replace some of it.",
        "The movement should measure and reduce its footprint.",
    ),
    9: (
        "Editing on a phone is too hard, and most of us only have phones.",
        "The interface is confusing for people who do not read English.",
    ),
    10: (
        "Blind and partially sighted editors cannot use many of the tools.",
        "Accessibility is part of knowledge equity.",
    ),
    11: (
        "Newcomers leave after their first edit is reverted without explanation.",
        "Help pages are missing or outdated in our language.",
    ),
    22: (
        "We need shared rules before we share power.",
        "The movement needs a document that says who decides what.",
    ),
    23: (
        "Someone has to lead the transition now, not in three years.",
        "An interim body can start the work while the charter is written.",
    ),
    24: (
        "Decisions about the whole movement should include communities like ours.",
        "A global council gives affiliates and communities a real voice.",
    ),
    25: (
        "A regional hub would share staff and skills between small affiliates.",
        "Our language spans several countries; a hub could serve all of them.",
    ),
    31: (
        "Trainings come in English; we need them in our language, run by us.",
        "Skills should be built where people are, not only at global events.",
    ),
    32: (
        "Our organizers are burning out; we need the next generation of leaders.",
        "Leadership programmes should reach women and young people.",
    ),
    33: (
        "Training material exists but nobody can find it.",
        "A shared platform for courses would save every community the same work.",
    ),
    36: (
        "We should measure the impact of our work, not only edit counts.",
        "Topics that matter locally are missing from global priorities.",
    ),
    37: (
        "Articles about our region, its people and its history are missing.",
        "Gender and geographic gaps are visible in every project.",
    ),
    38: (
        "Content in our language will not grow without dedicated support.",
        "Oral knowledge of our communities needs new ways to be cited.",
    ),
}

DISCUSSION_PLACES = (
    "Online call in {language}",
    "Talk page on Meta-Wiki",
    "Survey of our members",
    "Meetup in {place}",
    "Village pump of our wiki",
    "Two online calls and a survey",
)

MISSING = (
    "Nothing about offline access, which matters where data is expensive.",
    "Support for oral languages and sources that are not written.",
    "How small communities take part in the Global Council elections.",
    "Safety of editors in countries where writing about politics is dangerous.",
    "Translation of the recommendations into our language, before we can really discuss them.",
    "Childcare and data packages, so that more of us can attend the conversations.",
)

# The demo people who cast a ballot at the Global Conversations (all ten are confirmed
# registrants of its sessions), with their sample priorities by initiative number.
CONVERSATIONS_BALLOTS: dict[str, tuple[int, ...]] = {
    "kaveri": (31, 22, 2, 11, 25),
    "nile": (22, 23, 9, 31, 2),
    "komodo": (9, 11, 24, 31, 37),
    "zhujian": (23, 24, 22, 33),
    "taiga": (24, 22, 25, 9, 8),
    "harmattan": (2, 22, 32, 25, 3),
}

# Regions of the Global Conversations' participants (sample shares), for the imported ballots.
CONVERSATIONS_REGIONS = (
    (ASIA, 58),
    (EUROPE, 50),
    (SSA, 44),
    (SOUTH, 36),
    (MENA, 26),
    (NORTH, 18),
    (INTERNATIONAL, 9),
)
