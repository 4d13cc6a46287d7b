"""The organizations of the demo registry, as data: who they are and which story each tells.

Sample organizations carry "(sample)" in their name and are marked as sample data: the places
are real, the organizations, their people, letters, reports and dates are not. The three
movement partners are those the movement partner proposal names (seed 004 of the demo's
sources): their descriptions follow it word for word; "movement partner" was never an official
model, so their status here is sample data and their records say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Sample:
    """One organization of the demo registry.

    `story` is what its record shows: "recognized" (reports accepted every year), "waiting"
    (also a report waiting for the committee), "overdue" (a report overdue, compliance level
    raised), "suspended", "recent" (recognized weeks ago, still provisional), an open
    application at one of its steps ("received", "criteria_review", "interview", "vote"),
    "deferred", "declined", or "partner". People are named by their demo key.
    """

    slug: str
    name: str
    code: str
    model: str
    region: str
    story: str
    countries: tuple[str, ...] = ()
    language: str = "en"
    working_languages: tuple[str, ...] = ("en",)
    names: dict[str, str] = field(default_factory=dict)
    mission: str = ""
    territorial_range: str = ""
    member_count: int | None = None
    recognized_on: date | None = None
    fiscal_year_start_month: int = 1
    representatives: tuple[str, ...] = ()
    liaisons: tuple[str, ...] = ()
    legal_name: str = ""
    registration_number: str = ""
    letter: str = ""
    reasons: str = ""
    is_sample: bool = True


SAMPLE_NOTE = (
    "*Sample organization of the Convene demo: the place is real, the organization, its people "
    "and its record are not.*"
)
PARTNER_NOTE = (
    "*Movement partner is a proposed model of affiliation; it was never official, and no such "
    "relationship exists. This record follows the proposal on Meta-Wiki, which names this "
    "organization; its status here is sample data of the Convene demo.*"
)


def _mission(text: str) -> str:
    return f"{text}\n\n{SAMPLE_NOTE}"


SAMPLES: tuple[Sample, ...] = (
    # --- Recognized -----------------------------------------------------------------------
    Sample(
        slug="wikimedia-kenya-sample",
        name="Wikimedia Kenya (sample)",
        code="SAMPLE-WMKE",
        model="chapter",
        region="sub_saharan_africa",
        story="waiting",
        countries=("KE",),
        working_languages=("en", "sw"),
        mission=_mission(
            "Supports Wikipedia in Swahili and English, and the Kenyan communities that write "
            "it: training in schools and libraries, photo walks for Wikimedia Commons and a "
            "yearly Wiki Loves Africa contest."
        ),
        territorial_range="Kenya",
        member_count=48,
        recognized_on=date(2021, 6, 12),
        representatives=("harmattan",),
        legal_name="Wikimedia Kenya Sample Association",
        registration_number="SAMPLE-KE-2020-0412",
        letter="Our association has been registered since 2020 and runs monthly edit-a-thons.",
    ),
    Sample(
        slug="wikimedia-uruguay-sample",
        name="Wikimedia Uruguay (sample)",
        code="SAMPLE-WMUY",
        model="chapter",
        region="south_latin_america",
        story="recognized",
        countries=("UY",),
        language="es",
        working_languages=("es",),
        names={"es": "Wikimedia Uruguay (ejemplo)", "pt-br": "Wikimedia Uruguai (exemplo)"},
        mission=(
            "Apoya Wikipedia en español y los proyectos Wikimedia en Uruguay: talleres en "
            "liceos, digitalización con archivos públicos y el concurso Wiki Loves Monuments."
            "\n\n*Organización de ejemplo de la demostración de Convene: el lugar es real, la "
            "organización, su gente y su historial no lo son.*"
        ),
        territorial_range="Uruguay",
        member_count=31,
        recognized_on=date(2021, 4, 20),
        fiscal_year_start_month=7,
        representatives=("ipe",),
        legal_name="Asociación Wikimedia Uruguay (ejemplo)",
        registration_number="SAMPLE-UY-2019-88",
        letter="Nuestra asociación reúne a editores de Montevideo y del interior del país.",
    ),
    Sample(
        slug="wikimedia-bavaria-sample",
        name="Wikimedia Bavaria (sample)",
        code="SAMPLE-WMBY",
        model="chapter",
        region="europe",
        story="recognized",
        countries=("DE",),
        language="de",
        working_languages=("de", "en"),
        names={"de": "Wikimedia Bayern (Beispiel)"},
        mission=(
            "Unterstützt die Wikimedia-Projekte in Bayern: Schreibwerkstätten mit Bibliotheken "
            "und Archiven, Fotoexkursionen für Wikimedia Commons und Kurse für neue Autorinnen "
            "und Autoren.\n\n*Beispielorganisation der Convene-Demo: der Ort ist echt, die "
            "Organisation, ihre Leute und ihre Akte sind es nicht.*"
        ),
        territorial_range="Bavaria, Germany",
        member_count=120,
        recognized_on=date(2021, 3, 8),
        representatives=("feldhase",),
        legal_name="Wikimedia Bayern Beispielverein e. V.",
        registration_number="VR SAMPLE 2020",
        letter="Our association works with libraries and archives across Bavaria.",
    ),
    Sample(
        slug="wiki-science-educators-sample",
        name="Wiki Science Educators (sample)",
        code="SAMPLE-WSE",
        model="thematic-organization",
        region="international",
        story="recognized",
        working_languages=("en", "zh-hans", "fr"),
        names={
            "zh-hans": "维基科学教育者（示例）",
            "fr": "Éducateurs scientifiques wiki (exemple)",
        },
        mission=_mission(
            "Brings science teachers to Wikipedia and Wikidata: classroom assignments, "
            "translated course material and a network of university partners."
        ),
        territorial_range="Science education, worldwide",
        member_count=210,
        recognized_on=date(2022, 2, 10),
        representatives=("zhujian",),
        legal_name="Wiki Science Educators Sample Foundation",
        registration_number="SAMPLE-2021-5531",
        letter="Our members teach science in twelve countries and share their course material.",
    ),
    Sample(
        slug="wikimedia-user-group-of-lagos-sample",
        name="Wikimedia user group of Lagos (sample)",
        code="SAMPLE-WUG-LOS",
        model="user-group",
        region="sub_saharan_africa",
        story="overdue",
        countries=("NG",),
        working_languages=("en", "yo", "ha"),
        mission=_mission(
            "Edits Wikipedia in Yoruba, Hausa and English, and trains new editors at "
            "universities in Lagos."
        ),
        territorial_range="Lagos, Nigeria",
        member_count=64,
        recognized_on=date(2021, 9, 20),
        representatives=("harmattan",),
        letter="We meet every month at a university in Lagos to write in Yoruba and Hausa.",
    ),
    Sample(
        slug="wikimedia-user-group-of-cairo-sample",
        name="Wikimedia user group of Cairo (sample)",
        code="SAMPLE-WUG-CAI",
        model="user-group",
        region="mena",
        story="recognized",
        countries=("EG",),
        language="ar",
        working_languages=("ar", "en"),
        names={"ar": "مجموعة مستخدمي ويكيميديا في القاهرة (عينة)"},
        mission=(
            "تدعم ويكيبيديا العربية في القاهرة: ورشات كتابة في الجامعات، وجولات تصوير لويكيميديا "
            "كومنز، ومسابقة سنوية للمقالات.\n\n*منظمة عينة في العرض التجريبي لـConvene: المكان "
            "حقيقي، أما المنظمة وأعضاؤها وسجلها فليست كذلك.*"
        ),
        territorial_range="Cairo, Egypt",
        member_count=37,
        recognized_on=date(2020, 11, 5),
        representatives=("nile",),
        letter="We run writing workshops in Arabic at two universities in Cairo.",
    ),
    Sample(
        slug="wikimedia-user-group-of-pune-sample",
        name="Wikimedia user group of Pune (sample)",
        code="SAMPLE-WUG-PNQ",
        model="user-group",
        region="asia_pacific",
        story="recognized",
        countries=("IN",),
        working_languages=("mr", "hi", "en"),
        names={"hi": "पुणे विकिमीडिया सदस्य समूह (नमूना)"},
        mission=_mission(
            "Grows Wikipedia in Marathi and Hindi with college students, and records "
            "Marathi words for Wiktionary."
        ),
        territorial_range="Pune, India",
        member_count=52,
        recognized_on=date(2022, 1, 18),
        fiscal_year_start_month=4,
        representatives=("kaveri",),
        letter="We work with three colleges in Pune on Marathi and Hindi articles.",
    ),
    Sample(
        slug="wikimedia-user-group-of-yogyakarta-sample",
        name="Wikimedia user group of Yogyakarta (sample)",
        code="SAMPLE-WUG-JOG",
        model="user-group",
        region="asia_pacific",
        story="recognized",
        countries=("ID",),
        language="id",
        working_languages=("id", "jv"),
        names={"id": "Kelompok Pengguna Wikimedia Yogyakarta (contoh)"},
        mission=_mission(
            "Writes Wikipedia in Javanese and Indonesian, and photographs the temples and "
            "crafts of Yogyakarta for Wikimedia Commons."
        ),
        territorial_range="Yogyakarta, Indonesia",
        member_count=29,
        recognized_on=date(2023, 5, 2),
        representatives=("komodo",),
        letter="We write in Javanese and Indonesian and photograph our city's heritage.",
    ),
    Sample(
        slug="wikimedia-user-group-of-winnipeg-sample",
        name="Wikimedia user group of Winnipeg (sample)",
        code="SAMPLE-WUG-YWG",
        model="user-group",
        region="north_america",
        story="recent",
        countries=("CA",),
        working_languages=("en", "fr"),
        mission=_mission(
            "Brings the libraries and the French-speaking community of Winnipeg to Wikipedia "
            "and Wikidata."
        ),
        territorial_range="Winnipeg, Canada",
        member_count=14,
        representatives=("lavande",),
        letter="We are librarians and editors who meet at the public library every month.",
    ),
    Sample(
        slug="wikimedia-user-group-of-valparaiso-sample",
        name="Wikimedia user group of Valparaíso (sample)",
        code="SAMPLE-WUG-VAP",
        model="user-group",
        region="south_latin_america",
        story="suspended",
        countries=("CL",),
        language="es",
        working_languages=("es",),
        names={"es": "Grupo de usuarios de Wikimedia de Valparaíso (ejemplo)"},
        mission=_mission("Documents the heritage of Valparaíso on Wikipedia and Commons."),
        territorial_range="Valparaíso, Chile",
        member_count=11,
        recognized_on=date(2021, 10, 1),
        representatives=("colibri",),
        letter="Somos editores de Valparaíso que documentan el patrimonio de la ciudad.",
    ),
    # --- Applying -----------------------------------------------------------------------
    Sample(
        slug="wikimedia-user-group-of-cochabamba-sample",
        name="Wikimedia user group of Cochabamba (sample)",
        code="SAMPLE-WUG-CBB",
        model="user-group",
        region="south_latin_america",
        story="received",
        countries=("BO",),
        language="es",
        working_languages=("es", "qu"),
        mission=_mission("Writes Wikipedia in Quechua and Spanish in Cochabamba."),
        territorial_range="Cochabamba, Bolivia",
        member_count=6,
        representatives=("ipe",),
        letter=(
            "Somos seis editores de Cochabamba que escriben en quechua y en español. Nos "
            "reunimos cada mes en la biblioteca municipal y queremos organizar un concurso de "
            "artículos en quechua."
        ),
    ),
    Sample(
        slug="wikimedia-user-group-of-ulaanbaatar-sample",
        name="Wikimedia user group of Ulaanbaatar (sample)",
        code="SAMPLE-WUG-ULN",
        model="user-group",
        region="asia_pacific",
        story="criteria_review",
        countries=("MN",),
        working_languages=("mn", "en"),
        names={"zh-hans": "乌兰巴托维基媒体用户组（示例）"},
        mission=_mission("Grows Wikipedia in Mongolian."),
        territorial_range="Ulaanbaatar, Mongolia",
        member_count=8,
        representatives=("zhujian",),
        letter=(
            "Eight of us write Wikipedia in Mongolian. We held two edit-a-thons this year "
            "and would like to run a photo contest of Mongolian heritage."
        ),
    ),
    Sample(
        slug="wikimedia-user-group-of-quebec-city-sample",
        name="Wikimedia user group of Quebec City (sample)",
        code="SAMPLE-WUG-YQB",
        model="user-group",
        region="north_america",
        story="interview",
        countries=("CA",),
        language="fr",
        working_languages=("fr", "en"),
        names={"fr": "Groupe d'utilisateurs Wikimedia de la ville de Québec (exemple)"},
        mission=_mission("Writes about the history of Quebec City on Wikipedia in French."),
        territorial_range="Quebec City, Canada",
        member_count=12,
        representatives=("feldhase",),
        letter=(
            "Nous sommes douze contributeurs de la ville de Québec. Nous écrivons sur "
            "l'histoire de la ville avec les archives municipales et voulons former des "
            "étudiants en histoire."
        ),
    ),
    Sample(
        slug="wikimedia-user-group-of-medellin-sample",
        name="Wikimedia user group of Medellín (sample)",
        code="SAMPLE-WUG-MDE",
        model="user-group",
        region="south_latin_america",
        story="vote",
        countries=("CO",),
        language="es",
        working_languages=("es",),
        names={"es": "Grupo de usuarios de Wikimedia de Medellín (ejemplo)"},
        mission=_mission("Brings the universities and libraries of Medellín to Wikipedia."),
        territorial_range="Medellín, Colombia",
        member_count=23,
        representatives=("colibri",),
        letter=(
            "Somos veintitrés editores de Medellín. Desde hace dos años organizamos talleres "
            "con tres universidades y la red de bibliotecas de la ciudad."
        ),
    ),
    Sample(
        slug="wikimedia-user-group-of-amman-sample",
        name="Wikimedia user group of Amman (sample)",
        code="SAMPLE-WUG-AMM",
        model="user-group",
        region="mena",
        story="deferred",
        countries=("JO",),
        language="ar",
        working_languages=("ar",),
        names={"ar": "مجموعة مستخدمي ويكيميديا في عمّان (عينة)"},
        mission=_mission("Writes Wikipedia in Arabic in Amman."),
        territorial_range="Amman, Jordan",
        member_count=4,
        representatives=("nile",),
        letter="We are four editors in Amman who want to run writing workshops in Arabic.",
        reasons=(
            "The committee defers its decision: the group has two active organizers and held "
            "one event in the past year. Please come back with a plan for the coming year and "
            "at least three organizers; the application is then reviewed again."
        ),
    ),
    Sample(
        slug="wikimedia-moldova-sample",
        name="Wikimedia Moldova (sample)",
        code="SAMPLE-WMMD",
        model="chapter",
        region="europe",
        story="declined",
        countries=("MD",),
        working_languages=("ro", "ru"),
        names={"ru": "Викимедиа Молдова (пример)"},
        mission=_mission("Supports Wikipedia in Romanian and Russian in Moldova."),
        territorial_range="Moldova",
        member_count=9,
        representatives=("taiga",),
        legal_name="Asociația Wikimedia Moldova (exemplu)",
        registration_number="SAMPLE-MD-2024-17",
        letter="Our association was registered last year and runs workshops in two languages.",
        reasons=(
            "The association's statutes do not yet meet the minimum requirements of a "
            "chapter: its board is appointed, not elected by its members. The committee "
            "suggests applying as a user group meanwhile, or as a chapter again once the "
            "statutes are amended."
        ),
    ),
    # --- Movement partners (seed 004) -----------------------------------------------------
    Sample(
        slug="pediapress",
        name="PediaPress",
        code="PEDIAPRESS",
        model="movement-partner",
        region="international",
        story="partner",
        mission=(
            "In 2007 the Wikimedia Foundation established what was called a long-term "
            "partnership with PediaPress to supply print-on-demand paper copies of Wikimedia "
            f"content.\n\n{PARTNER_NOTE}"
        ),
        liaisons=("feldhase",),
    ),
    Sample(
        slug="centre-for-internet-and-society",
        name="Centre for Internet and Society",
        code="CIS",
        model="movement-partner",
        region="asia_pacific",
        story="partner",
        countries=("IN",),
        mission=(
            "For one or two years, the Wikimedia Foundation had a second office in India. "
            "Instead of maintaining it there, a partnership was established with CIS to support "
            "the Wikimedia Community in India. At the 2016 Wikimedia Conference CIS and Wiki "
            f"Ed were invited to discuss movement partner roles.\n\n{PARTNER_NOTE}"
        ),
        liaisons=("kaveri",),
    ),
    Sample(
        slug="wiki-education-foundation",
        name="Wiki Education Foundation",
        code="WIKIED",
        model="movement-partner",
        region="north_america",
        story="partner",
        countries=("US", "CA"),
        mission=(
            "This spin-off of the Wikipedia Education Program manages Wikimedia outreach only "
            "in the United States and Canada. It is a separate entity from the Wikimedia "
            "Foundation but has assumed the responsibilities formerly held by the Wikimedia "
            "Foundation in its region of coverage. At the 2016 Wikimedia Conference CIS and "
            f"Wiki Ed were invited to discuss movement partner roles.\n\n{PARTNER_NOTE}"
        ),
        liaisons=("organizer",),
    ),
)

SLUGS = tuple(sample.slug for sample in SAMPLES)

# The affiliations committee of the demo: five people with the committee's permission (the
# demo organizer, a superuser, holds it too). Colibrí represents the group of Medellín, whose
# application is at the vote: she is recused from it without asking; Kaveri steps aside from
# the application of Quebec City, saying why.
COMMITTEE_GROUP = "Affiliations committee"
COMMITTEE = ("lavande", "taiga", "kaveri", "nile", "colibri")


@dataclass(frozen=True)
class Memorandum:
    title: str
    chapter: str  # the slug of the sample chapter
    library: str  # the party outside the registry
    scope: str
    recorded_by: str
    years: int
    days_left: int  # it ends this many days after the demo is loaded, so its reminder shows


# The library and chapter memorandum of seed 004: "a library in a city may have an affiliation
# with the regional Wikimedia chapter in their country, and together, they might present
# Wikimedia events."
MEMORANDUM = Memorandum(
    title="Wikipedia at the city library (sample memorandum)",
    chapter="wikimedia-bavaria-sample",
    library="City Library of Augsburg (sample)",
    scope="""\
Wikimedia Bavaria and the City Library of Augsburg present Wikimedia events together:

- a monthly Wikipedia workshop in the library's reading room, open to everyone;
- a yearly edit-a-thon on the city's history, with the library's local history collection;
- photographs of the library's public-domain prints, uploaded to Wikimedia Commons.

The library offers its rooms and its collection; the chapter offers trainers and its
equipment. Either party may end the memorandum with three months' notice.

*Sample memorandum of the Convene demo: the parties and the text are illustrative.*""",
    recorded_by="feldhase",
    years=3,
    days_left=40,
)

# Demo events hosted by sample organizations (the two upcoming events are samples too).
HOSTS = {
    "hubs-dialogue-open-space": ("wikimedia-kenya-sample",),
    "movement-charter-conversation-hours": (
        "wikimedia-user-group-of-lagos-sample",
        "wikimedia-user-group-of-yogyakarta-sample",
    ),
}
