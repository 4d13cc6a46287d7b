"""The words of the demo open spaces: descriptions, topics, notes and actions.

The Viral Open Space of 20-21 September 2020, its invitation, the two letters to the UN
Secretary General and the common event of 20-21 December are public facts; the topics other
than the letters, the notes, who did what and the hours of the December meeting are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE_NOTICE = (
    "*Demo data: adapted from the public invitation of the Viral Open Space; the topics, the "
    "notes and the participants are fictitious.*"
)

# The networks the invitation names (it speaks of eleven global networks meeting on 29 August
# without naming them, so only these are listed).
NETWORKS = [
    "Multi-convergence of global networks",
    "Social Forum of Transformative Economies",
    "Dialogues en Humanité",
]

SEPTEMBER_TITLE = "Viral Open Space: the convergence of global networks"
SEPTEMBER_SUMMARY = (
    "Two open-space meetings of the multi-convergence of global networks, to build a journey "
    "from September to December 2020 that brings our initiatives together from the local to "
    "the global."
)
SEPTEMBER_DESCRIPTION = f"""\
On 29 August, eleven global networks met for a second time to know each other better, share
their initiatives and project possible common actions. Since then, a small team of the people
who spoke in Spanish for their networks has been drafting two letters to the UN Secretary
General: a strategic one, proposing changes in the institutional and political architecture of
the organization, and a tactical one, asking for urgent measures against the consequences of
the pandemic (a universal vaccine without patents, a universal and unconditional basic income,
among others).

The Viral Open Space (VOS), born in the Covid-19 pandemic and inspired by the World Social
Forums, proposes an open space on **Sunday 20 September at 6 p.m.** and **Monday 21 September at
4 p.m.** (Paris time), together with the multi-convergence of global networks. Each day opens
and closes in a circle; in between, the participants hold the topics they propose. We propose a
common horizon: a major common event on 20 and 21 December 2020.

{SAMPLE_NOTICE}"""

DECEMBER_TITLE = "Viral Open Space: the major common event of 20 and 21 December"
DECEMBER_SUMMARY = (
    "The common horizon chosen in September: the networks meet again to carry their actions "
    "further."
)
DECEMBER_DESCRIPTION = """\
The major common event the Viral Open Space and the multi-convergence of global networks set
as their horizon in September. What was started then (the letters to the UN Secretary General,
the exchanges between networks) is carried here, and new topics are welcome.

*Demo data: the dates are those announced in September; the hours, the topics and the
participants are fictitious.*"""

SERIES_TITLE = "From September to December: a collective journey"
SERIES_DESCRIPTION = """\
A collective journey that brings us closer and strengthens each other between September and
December 2020, from the open space of 20 and 21 September to the major common event of 20 and
21 December. Follow the series to hear of each meeting.

*Demo data.*"""

UPCOMING_TITLE = "Open space: learning together across languages (sample)"
UPCOMING_SUMMARY = (
    "A sample open space to try: propose a topic, place it in a free slot and room, and say "
    "which topic you will be at."
)
UPCOMING_DESCRIPTION = """\
Bring a question about working across languages in our communities: translation sprints,
interpretation at meetings, writing for readers of another language. The agenda is yours: in
the marketplace anyone registered proposes a topic, and its convener places it on the grid.
Four time slots, four online rooms and one room in a venue.

*Demo data: a sample open space placed ten days after the demo was loaded.*"""


@dataclass(frozen=True)
class TopicText:
    key: str
    convener: str  # a demo person's key, or "organizer"
    title: str
    description: str
    languages: tuple[str, ...]
    interested: tuple[str, ...] = ()
    wants_interpretation: bool = False
    wants_note_taker: bool = False


STRATEGIC = "strategic-letter"
TACTICAL = "tactical-letter"
DECEMBER = "december"

# Twelve topics, three rooms by four slots: in order, day 1 slot 1 rooms 1-3, slot 2, ...
SEPTEMBER_TOPICS = (
    TopicText(
        STRATEGIC,
        "colibri",
        "Letter to the UN Secretary General: a new institutional and political architecture",
        "The strategic letter: which changes in the architecture of the United Nations we ask "
        "for, and how each network signs it.",
        ("es", "en"),
        ("ipe", "lavande", "harmattan", "nile", "feldhase"),
        wants_interpretation=True,
    ),
    TopicText(
        "local-global",
        "harmattan",
        "From local to global: linking our initiatives",
        "How does a neighbourhood initiative find the global network that can carry it?",
        ("en",),
        ("kaveri", "komodo"),
    ),
    TopicText(
        "virality",
        "feldhase",
        "Nourishing our virality: how the invitation travels",
        "Who did we invite, who came, and how the next invitation reaches further.",
        ("en", "de"),
        ("taiga", "lavande"),
        wants_note_taker=True,
    ),
    TopicText(
        TACTICAL,
        "ipe",
        "Letter to the UN Secretary General: urgent measures for the pandemic",
        "The tactical letter: a universal vaccine without patents, a universal and unconditional "
        "basic income, among other urgent measures.",
        ("es", "pt-br", "en"),
        ("colibri", "kaveri", "nile", "komodo"),
        wants_interpretation=True,
    ),
    TopicText(
        "transformative-economies",
        "lavande",
        "Économies transformatrices : ce que le forum nous apprend",
        "Ce que le Forum social des économies transformatrices peut apporter au processus.",
        ("fr", "en"),
        ("feldhase", "ipe"),
    ),
    TopicText(
        "care",
        "kaveri",
        "Care and health in our communities during the pandemic",
        "Mutual aid that worked, and what the networks can share of it.",
        ("en", "hi"),
        ("harmattan",),
    ),
    TopicText(
        DECEMBER,
        "organizer",
        "Towards the common event of 20 and 21 December",
        "What we want the major common event to be, and who prepares what.",
        ("en", "fr", "es"),
        ("colibri", "lavande", "ipe", "feldhase", "harmattan", "taiga"),
        wants_note_taker=True,
    ),
    TopicText(
        "translation",
        "nile",
        "Interpretation between networks: who translates, and how",
        "Our meetings run in Spanish, French, English, Portuguese and Arabic: how we share the "
        "work of interpreting.",
        ("ar", "en"),
        ("zhujian", "lavande"),
    ),
    TopicText(
        "map",
        "taiga",
        "Mapping the networks: who does what",
        "A shared map of the networks, their initiatives and their contacts.",
        ("en", "ru"),
        ("komodo", "zhujian"),
    ),
    TopicText(
        "tools",
        "zhujian",
        "Tools we own: meeting without the big platforms",
        "Free software for our calls, notes and lists.",
        ("en", "zh-hans"),
        ("feldhase",),
    ),
    TopicText(
        "youth",
        "komodo",
        "Young people in the convergence",
        "How the networks make room for the young people who mobilized this year.",
        ("id", "en"),
        ("kaveri",),
    ),
    TopicText(
        "method",
        "colibri",
        "Método: lo que aprendimos de este espacio abierto experimental",
        "¿Qué funcionó en esta metodología en línea, y qué cambiamos para diciembre?",
        ("es",),
        ("ipe", "nile"),
    ),
)


@dataclass(frozen=True)
class NoteText:
    topic: str
    language: str
    author: str
    body: str


NOTES = (
    NoteText(
        STRATEGIC,
        "es",
        "colibri",
        """\
## Carta estratégica al Secretario General de la ONU

- El equipo de redacción reúne a quienes hablaron en español por sus redes el 29 de agosto.
- Pedimos cambios en la **arquitectura institucional y política** de la ONU: más lugar para
  los pueblos y las redes de la sociedad civil.
- Cada red revisa el borrador con los suyos y envía sus comentarios.""",
    ),
    NoteText(
        STRATEGIC,
        "es",
        "colibri",
        """\
## Carta estratégica al Secretario General de la ONU

- El equipo de redacción reúne a quienes hablaron en español por sus redes el 29 de agosto.
- Pedimos cambios en la **arquitectura institucional y política** de la ONU: más lugar para
  los pueblos y las redes de la sociedad civil.
- Cada red revisa el borrador con los suyos y envía sus comentarios **antes del 10 de
  octubre**.
- La carta se traduce al inglés y al francés antes de enviarla.""",
    ),
    # The translation of the notes above, by one who was there.
    NoteText(
        STRATEGIC,
        "en",
        "harmattan",
        """\
## Strategic letter to the UN Secretary General

- The drafting team gathers those who spoke in Spanish for their networks on 29 August.
- We ask for changes in the **institutional and political architecture** of the UN: more room
  for peoples and for the networks of civil society.
- Each network reviews the draft with its members and sends its comments **before
  10 October**.
- The letter is translated into English and French before it is sent.

*Translated from the Spanish notes.*""",
    ),
    NoteText(
        TACTICAL,
        "en",
        "ipe",
        """\
## Tactical letter: urgent measures

1. A **universal vaccine, without patents**, for every country at the same time.
2. A **universal and unconditional basic income** while the pandemic lasts.
3. Other measures proposed by the networks, to be gathered by the drafting team.

Short and signed by as many networks as possible; sent first, before the strategic letter.""",
    ),
    NoteText(
        "transformative-economies",
        "fr",
        "lavande",
        """\
## Économies transformatrices

- Le Forum social des économies transformatrices a déjà relié des initiatives locales du
  monde entier : nous pouvons reprendre sa méthode.
- Proposition : une table commune sur les communs et l'économie solidaire en décembre.""",
    ),
    NoteText(
        DECEMBER,
        "en",
        "organizer",
        """\
## Towards 20 and 21 December

- Two days, like this open space, with circles at the start and the end of each day.
- The letters are presented there, with the answers the networks received.
- A small team prepares the programme: volunteers welcome.""",
    ),
    NoteText(
        "method",
        "es",
        "colibri",
        """\
## Lo que aprendimos

- Las salas de 45 minutos fueron cortas para los temas con interpretación.
- El círculo de cierre es el mejor momento para recoger las acciones.""",
    ),
    NoteText(
        "local-global",
        "en",
        "harmattan",
        """\
## From local to global

- Each network names one contact for the others' local initiatives.
- We share a calendar of our events until December.""",
    ),
)


@dataclass(frozen=True)
class ActionText:
    key: str
    topic: str
    what: str
    who: str
    due: tuple[int, int, int]
    created_by: str
    takers: tuple[str, ...] = ()
    done: bool = False


SEPTEMBER_ACTIONS = (
    ActionText(
        "strategic-letter",
        STRATEGIC,
        "Send the strategic letter to the UN Secretary General, proposing changes in the "
        "institutional and political architecture of the United Nations",
        "The drafting team of the networks' Spanish speakers",
        (2020, 10, 24),
        "colibri",
        ("colibri", "harmattan"),
    ),
    ActionText(
        "tactical-letter",
        TACTICAL,
        "Send the tactical letter to the UN Secretary General, asking for urgent measures "
        "against the pandemic: a universal vaccine without patents, a universal and "
        "unconditional basic income",
        "The drafting team of the networks' Spanish speakers",
        (2020, 10, 10),
        "ipe",
        ("ipe", "colibri"),
        done=True,
    ),
    ActionText(
        "december-programme",
        DECEMBER,
        "Propose the programme of the common event of 20 and 21 December",
        "The VOS facilitation team, with volunteers",
        (2020, 11, 15),
        "organizer",
        ("lavande", "feldhase"),
        done=True,
    ),
    ActionText(
        "network-contacts",
        "local-global",
        "Name one contact per network for the others' local initiatives",
        "Each network",
        (2020, 10, 31),
        "harmattan",
        ("harmattan",),
    ),
)

DECEMBER_TOPICS = (
    TopicText(
        "letters-answers",
        "colibri",
        "The letters to the UN Secretary General: where they are",
        "Who signed, what was sent, what answer came, and what we do next.",
        ("es", "en"),
        ("ipe", "harmattan"),
        wants_interpretation=True,
    ),
    TopicText(
        "2021",
        "lavande",
        "Et en 2021 ? La suite du parcours",
        "Quelles rencontres après décembre, et qui les porte.",
        ("fr", "en"),
        ("feldhase", "colibri"),
    ),
    TopicText(
        "commons",
        "feldhase",
        "A common table on the commons and the solidarity economy",
        "The table proposed in September, now with its first members.",
        ("en", "de"),
        ("lavande",),
    ),
)

# Carried from September's strategic letter: what was not finished goes on in December.
DECEMBER_CARRIED = ActionText(
    "strategic-letter-signatures",
    "letters-answers",
    "Gather the last networks' signatures and send the strategic letter to the UN Secretary "
    "General",
    "The drafting team of the networks' Spanish speakers",
    (2021, 1, 15),
    "colibri",
    ("colibri", "ipe"),
)

UPCOMING_ROOMS = (
    ("Room Amazonas", "https://meet.example.org/open-space-sample-amazonas"),
    ("Room Nile", "https://meet.example.org/open-space-sample-nile"),
    ("Room Mekong", "https://meet.example.org/open-space-sample-mekong"),
    ("Room Volga", "https://meet.example.org/open-space-sample-volga"),
)
UPCOMING_VENUE_ROOM = ("Hub room, Nairobi", "Sample venue, ground floor, the room by the garden")

UPCOMING_TOPICS = (
    TopicText(
        "sprints",
        "kaveri",
        "Translation sprints that people come back to",
        "What makes a sprint worth a second visit?",
        ("en", "hi"),
    ),
    TopicText(
        "interpreters",
        "nile",
        "Volunteer interpreters at online meetings",
        "How to find them, prepare them and thank them.",
        ("ar", "en"),
    ),
    TopicText(
        "glossaries",
        "lavande",
        "Glossaires partagés entre langues",
        "Un glossaire commun pour les mots de notre mouvement.",
        ("fr", "en"),
    ),
    TopicText(
        "plain-language",
        "colibri",
        "Escribir en lenguaje claro para quien lee en otro idioma",
        "Frases cortas, palabras comunes: ejemplos y práctica.",
        ("es", "en"),
    ),
    TopicText(
        "subtitles",
        "taiga",
        "Subtitles for our videos",
        "Tools and volunteers for subtitling the recordings of our meetings.",
        ("ru", "en"),
    ),
)
# Which upcoming topics their conveners placed: (topic key, slot index, room index).
UPCOMING_PLACED = (("sprints", 0, 0), ("interpreters", 0, 1), ("glossaries", 1, 4))
