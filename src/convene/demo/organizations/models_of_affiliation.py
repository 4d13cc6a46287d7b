"""The five models of affiliation of the demo, with their text in the nine other languages.

Chapters, thematic organizations and user groups follow the public record (the models
approved in 2012, their reporting and the steps of a user group's recognition). Hubs were
to be defined later: their characteristics are sample text and say so. The movement partner
is the proposed model of the Movement roles project, its characteristics as its draft gives
them, word for word; it was never official, and the demo lets organizations apply as one,
as the draft invited candidates to post their interest. Quorums and majorities are sample
values.

The name, summary, mission and territorial range of each model are translated into every
other content language. The German summary of the user group was made from an earlier
wording of the English one, so translators see it as outdated and readers see it labelled.

`load()` is idempotent: it updates each model by its short name and each translation by
its model, field and language.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from convene.core.text import text_fingerprint
from convene.organizations.models import AffiliationModel, AffiliationModelTranslation

SAMPLE_RULES: dict[str, Any] = {"quorum": 5, "majority_percent": 50, "reapply_months": 6}

_BOARD = "The Wikimedia Foundation Board of Trustees, on the advice of the Affiliations Committee."
_INCORPORATED = "Required: an independent non-profit legal entity."
_YEARLY_REPORTS = (
    "A yearly activity report and a yearly financial statement, within 4 months of the end "
    "of its fiscal year."
)

MODELS: dict[str, dict[str, Any]] = {
    "chapter": {
        "order": 1,
        "name": "Chapter",
        "summary": (
            "An independent non-profit organization that supports the Wikimedia projects in "
            "one country or region."
        ),
        "mission": (
            "Support and promote the Wikimedia projects and free knowledge in its country or "
            "region."
        ),
        "territorial_range": "Geographic: a country or a region within one.",
        "incorporation": _INCORPORATED,
        "recognized_by": _BOARD,
        "reporting_requirements": _YEARLY_REPORTS,
        "is_official": True,
        "accepts_applications": True,
        "requires_incorporation": True,
        "requires_activity_report": True,
        "requires_financial_statement": True,
        "report_months": 4,
        "provisional_months": 0,
        **SAMPLE_RULES,
    },
    "thematic-organization": {
        "order": 2,
        "name": "Thematic organization",
        "summary": (
            "An independent non-profit organization that supports the Wikimedia projects on "
            "a theme or topic, across borders."
        ),
        "mission": "Support and promote the Wikimedia projects and free knowledge on its theme.",
        "territorial_range": "Topical: set by its theme, not by a territory.",
        "incorporation": _INCORPORATED,
        "recognized_by": _BOARD,
        "reporting_requirements": _YEARLY_REPORTS,
        "is_official": True,
        "accepts_applications": True,
        "requires_incorporation": True,
        "requires_activity_report": True,
        "requires_financial_statement": True,
        "report_months": 4,
        "provisional_months": 0,
        **SAMPLE_RULES,
    },
    "user-group": {
        "order": 3,
        "name": "User group",
        "summary": "An open group of Wikimedians, easy to form: no legal entity is needed.",
        "mission": (
            "Support the Wikimedia projects together: editing, outreach and events, around a "
            "place, a language or a topic."
        ),
        "territorial_range": "Any: a place, a language or a topic.",
        "incorporation": "Not needed. A group may become a legal entity if it wishes.",
        "recognized_by": "The Affiliations Committee.",
        "recognition_requirements": (
            "An application form, a page and a public letter of intent, acknowledged within "
            "5 days; a review of the criteria (14 days); a 60-minute interview (within 30 "
            "days); then the committee's vote, followed by a one-year provisional period."
        ),
        "reporting_requirements": "A yearly activity report, which renews recognition.",
        "mentoring": "A check-in at mid-term during the provisional year.",
        "is_official": True,
        "accepts_applications": True,
        "requires_incorporation": False,
        "requires_activity_report": True,
        "requires_financial_statement": False,
        "report_months": 4,
        "provisional_months": 12,
        **SAMPLE_RULES,
    },
    "hub": {
        "order": 4,
        "name": "Hub",
        "summary": (
            "A regional, thematic or linguistic hub that serves affiliates and communities. "
            "Sample text: the movement defines this model later; its characteristics here are "
            "examples."
        ),
        "mission": (
            "Sample text: offer shared support (training, advice on grants, coordination) to "
            "the affiliates and communities of its region, theme or language."
        ),
        "territorial_range": "Regional, thematic or linguistic.",
        "incorporation": "Sample text: to be defined with the model.",
        "recognized_by": "Sample text: to be defined with the model.",
        "is_official": False,
        "accepts_applications": False,
        "requires_incorporation": False,
        "requires_activity_report": True,
        "requires_financial_statement": False,
        "report_months": 4,
        "provisional_months": 0,
        **SAMPLE_RULES,
    },
    # The proposed model's defining characteristics, as the Movement roles project's draft
    # gives them.
    "movement-partner": {
        "order": 5,
        "name": "Movement partner",
        "summary": (
            "A like-minded organization outside the Wikimedia community that supports the "
            "movement's work. A proposed model: it is not official, and no such relationship "
            "exists yet."
        ),
        "mission": (
            "Variable; like minded organizations which are supporting the Wikimedia movement's work"
        ),
        "territorial_range": "Variable: global, regional, national",
        "incorporation": "Any; external to the wikimedia movement",
        "minimum_rights": (
            "1. Recognition as supporters of the wikimedia movement\n"
            "2. Relevant trademark use\n"
            "3. Simplified access to grants"
        ),
        "minimum_duties": "1. Visible support of wikimedia and its projects",
        "trademark_use": (
            "Limited use of the marks on websites and promotional material, via agreement "
            "with the WMF."
        ),
        "origin_of_funds": (
            "Any; external to the Wikimedia movement. They may have access to Wikimedia grants "
            "as per minimum rights"
        ),
        "overlapping_entities": "Cooperation with Wikimedia entities in region",
        "board_and_membership": "Any",
        "transparency": "Full info about organizers",
        "recognized_by": "WMF or Chapters",
        "recognition_requirements": (
            "An outside group supporting the movement; and supported by us. Simple recognition "
            "process, reviewed yearly. Intended for scores of affiliates, or hundreds if it "
            "grows to encompass local affiliates."
        ),
        "recognition_document": "Public listing on meta; email to contact person",
        "reporting_requirements": (
            "Their partner/liaisons within the Wikimedia movement should maintain a wiki page "
            "about their related work, and any collaborations with Wikimedia groups."
        ),
        "mentoring": (
            "This may be needed, to help them effectively share our message, and to support "
            "collaborations."
        ),
        "change_of_status": "Needs discussion. Some partners could become thematic organizations.",
        "withdrawal": "Needs discussion; by or with recommendations by AffCom",
        "is_official": False,
        "accepts_applications": True,
        "requires_incorporation": False,
        "requires_activity_report": False,
        "requires_financial_statement": False,
        "report_months": 4,
        "provisional_months": 0,
        **SAMPLE_RULES,
    },
}

# The German summary of the user group was made from this earlier wording: outdated.
EARLIER = {
    ("user-group", "de", "summary"): "An open group of Wikimedians: no legal entity is needed."
}

# slug -> language -> (name, summary, mission, territorial range)
TRANSLATIONS: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "chapter": {
        "ar": (
            "فرع",
            "منظمة مستقلة غير ربحية تدعم مشاريع ويكيميديا في بلد أو منطقة واحدة.",
            "دعم مشاريع ويكيميديا والمعرفة الحرة وتعزيزها في بلدها أو منطقتها.",
            "جغرافي: بلد أو منطقة داخله.",
        ),
        "zh-hans": (
            "分会",
            "在一个国家或地区支持维基媒体项目的独立非营利组织。",
            "在其所在国家或地区支持和推广维基媒体项目与自由知识。",
            "按地域：一个国家或其中的一个地区。",
        ),
        "fr": (
            "Chapitre",
            "Une organisation indépendante à but non lucratif qui soutient les projets "
            "Wikimedia dans un pays ou une région.",
            "Soutenir et promouvoir les projets Wikimedia et le savoir libre dans son pays ou "
            "sa région.",
            "Géographique : un pays, ou une région de ce pays.",
        ),
        "de": (
            "Chapter (Landesorganisation)",
            "Eine unabhängige gemeinnützige Organisation, die die Wikimedia-Projekte in einem "
            "Land oder einer Region unterstützt.",
            "Die Wikimedia-Projekte und freies Wissen in ihrem Land oder ihrer Region "
            "unterstützen und fördern.",
            "Geografisch: ein Land oder eine Region innerhalb eines Landes.",
        ),
        "hi": (
            "शाखा (चैप्टर)",
            "एक स्वतंत्र गैर-लाभकारी संगठन जो किसी एक देश या क्षेत्र में विकिमीडिया "
            "परियोजनाओं का समर्थन करता है।",
            "अपने देश या क्षेत्र में विकिमीडिया परियोजनाओं और मुक्त ज्ञान का समर्थन और प्रचार करना।",
            "भौगोलिक: एक देश या उसके भीतर का कोई क्षेत्र।",
        ),
        "id": (
            "Kapitel",
            "Organisasi nirlaba independen yang mendukung proyek-proyek Wikimedia di satu "
            "negara atau wilayah.",
            "Mendukung dan memajukan proyek-proyek Wikimedia dan pengetahuan bebas di negara "
            "atau wilayahnya.",
            "Geografis: satu negara atau satu wilayah di dalamnya.",
        ),
        "pt-br": (
            "Capítulo",
            "Uma organização independente sem fins lucrativos que apoia os projetos Wikimedia "
            "em um país ou uma região.",
            "Apoiar e promover os projetos Wikimedia e o conhecimento livre em seu país ou região.",
            "Geográfico: um país ou uma região dentro dele.",
        ),
        "ru": (
            "Отделение",
            "Независимая некоммерческая организация, поддерживающая проекты Викимедиа в одной "
            "стране или регионе.",
            "Поддерживать и продвигать проекты Викимедиа и свободные знания в своей стране или "
            "регионе.",
            "Географический: страна или регион внутри неё.",
        ),
        "es": (
            "Capítulo",
            "Una organización independiente sin ánimo de lucro que apoya los proyectos "
            "Wikimedia en un país o una región.",
            "Apoyar y promover los proyectos Wikimedia y el conocimiento libre en su país o "
            "región.",
            "Geográfico: un país o una región dentro de él.",
        ),
    },
    "thematic-organization": {
        "ar": (
            "منظمة موضوعية",
            "منظمة مستقلة غير ربحية تدعم مشاريع ويكيميديا في موضوع معيّن، عبر الحدود.",
            "دعم مشاريع ويكيميديا والمعرفة الحرة وتعزيزها في موضوعها.",
            "موضوعي: يحدده موضوعها لا إقليم جغرافي.",
        ),
        "zh-hans": (
            "主题组织",
            "围绕某一主题、跨越国界支持维基媒体项目的独立非营利组织。",
            "在其主题领域支持和推广维基媒体项目与自由知识。",
            "按主题：由其主题而非地域界定。",
        ),
        "fr": (
            "Organisation thématique",
            "Une organisation indépendante à but non lucratif qui soutient les projets "
            "Wikimedia sur un thème ou un sujet, au-delà des frontières.",
            "Soutenir et promouvoir les projets Wikimedia et le savoir libre dans son domaine "
            "thématique.",
            "Thématique : défini par son thème, non par un territoire.",
        ),
        "de": (
            "Thematische Organisation",
            "Eine unabhängige gemeinnützige Organisation, die die Wikimedia-Projekte zu einem "
            "Thema unterstützt, über Grenzen hinweg.",
            "Die Wikimedia-Projekte und freies Wissen zu ihrem Thema unterstützen und fördern.",
            "Thematisch: durch ihr Thema bestimmt, nicht durch ein Gebiet.",
        ),
        "hi": (
            "विषयगत संगठन",
            "एक स्वतंत्र गैर-लाभकारी संगठन जो सीमाओं से परे किसी विषय पर विकिमीडिया "
            "परियोजनाओं का समर्थन करता है।",
            "अपने विषय में विकिमीडिया परियोजनाओं और मुक्त ज्ञान का समर्थन और प्रचार करना।",
            "विषयगत: इसका विषय इसे परिभाषित करता है, कोई भूभाग नहीं।",
        ),
        "id": (
            "Organisasi tematik",
            "Organisasi nirlaba independen yang mendukung proyek-proyek Wikimedia pada suatu "
            "tema, melintasi batas negara.",
            "Mendukung dan memajukan proyek-proyek Wikimedia dan pengetahuan bebas dalam temanya.",
            "Tematik: ditentukan oleh temanya, bukan oleh wilayah.",
        ),
        "pt-br": (
            "Organização temática",
            "Uma organização independente sem fins lucrativos que apoia os projetos Wikimedia "
            "em um tema, além das fronteiras.",
            "Apoiar e promover os projetos Wikimedia e o conhecimento livre em seu tema.",
            "Temático: definido por seu tema, não por um território.",
        ),
        "ru": (
            "Тематическая организация",
            "Независимая некоммерческая организация, поддерживающая проекты Викимедиа по "
            "определённой теме, вне зависимости от границ.",
            "Поддерживать и продвигать проекты Викимедиа и свободные знания по своей теме.",
            "Тематический: определяется темой, а не территорией.",
        ),
        "es": (
            "Organización temática",
            "Una organización independiente sin ánimo de lucro que apoya los proyectos "
            "Wikimedia sobre un tema, más allá de las fronteras.",
            "Apoyar y promover los proyectos Wikimedia y el conocimiento libre sobre su tema.",
            "Temático: lo define su tema, no un territorio.",
        ),
    },
    "user-group": {
        "ar": (
            "مجموعة مستخدمين",
            "مجموعة مفتوحة من الويكيميديين، سهلة التأسيس: لا حاجة إلى كيان قانوني.",
            "دعم مشاريع ويكيميديا معًا: التحرير والتوعية والفعاليات، حول مكان أو لغة أو موضوع.",
            "أي نطاق: مكان أو لغة أو موضوع.",
        ),
        "zh-hans": (
            "用户组",
            "一个开放、易于组建的维基媒体人群体：无需法人实体。",
            "共同支持维基媒体项目：围绕一个地方、一种语言或一个主题开展编辑、推广和活动。",
            "不限：一个地方、一种语言或一个主题。",
        ),
        "fr": (
            "Groupe d’utilisateurs",
            "Un groupe ouvert de wikimédiens, facile à former : aucune entité juridique n’est "
            "nécessaire.",
            "Soutenir ensemble les projets Wikimedia : contributions, sensibilisation et "
            "événements, autour d’un lieu, d’une langue ou d’un sujet.",
            "Libre : un lieu, une langue ou un sujet.",
        ),
        "de": (
            "Benutzergruppe",
            # Made from the earlier wording (EARLIER): outdated on purpose.
            "Eine offene Gruppe von Wikimedianern: Eine juristische Person ist nicht nötig.",
            "Gemeinsam die Wikimedia-Projekte unterstützen: Bearbeiten, Öffentlichkeitsarbeit "
            "und Veranstaltungen, rund um einen Ort, eine Sprache oder ein Thema.",
            "Beliebig: ein Ort, eine Sprache oder ein Thema.",
        ),
        "hi": (
            "उपयोगकर्ता समूह",
            "विकिमीडियनों का एक खुला समूह, जिसे बनाना आसान है: किसी कानूनी इकाई की ज़रूरत नहीं।",
            "मिलकर विकिमीडिया परियोजनाओं का समर्थन करना: किसी स्थान, भाषा या विषय के "
            "इर्द-गिर्द संपादन, प्रचार-प्रसार और कार्यक्रम।",
            "कोई भी: एक स्थान, एक भाषा या एक विषय।",
        ),
        "id": (
            "Kelompok pengguna",
            "Kelompok terbuka para Wikimediawan yang mudah dibentuk: tidak perlu badan hukum.",
            "Bersama-sama mendukung proyek-proyek Wikimedia: penyuntingan, penjangkauan, dan "
            "acara, seputar suatu tempat, bahasa, atau topik.",
            "Bebas: suatu tempat, bahasa, atau topik.",
        ),
        "pt-br": (
            "Grupo de usuários",
            "Um grupo aberto de wikimedistas, fácil de formar: não é preciso uma entidade "
            "jurídica.",
            "Apoiar juntos os projetos Wikimedia: edição, divulgação e eventos, em torno de um "
            "lugar, um idioma ou um tema.",
            "Qualquer um: um lugar, um idioma ou um tema.",
        ),
        "ru": (
            "Группа участников",
            "Открытая группа викимедийцев, которую легко создать: юридическое лицо не требуется.",
            "Вместе поддерживать проекты Викимедиа: правки, просветительская работа и "
            "мероприятия вокруг места, языка или темы.",
            "Любой: место, язык или тема.",
        ),
        "es": (
            "Grupo de usuarios",
            "Un grupo abierto de wikimedistas, fácil de formar: no hace falta una entidad "
            "jurídica.",
            "Apoyar juntos los proyectos Wikimedia: edición, divulgación y eventos, en torno a "
            "un lugar, un idioma o un tema.",
            "Cualquiera: un lugar, un idioma o un tema.",
        ),
    },
    "hub": {
        "ar": (
            "مركز",
            "مركز إقليمي أو موضوعي أو لغوي يخدم المنظمات المنتسبة والمجتمعات. نص تجريبي: "
            "ستحدد الحركة هذا النموذج لاحقًا، وخصائصه هنا أمثلة.",
            "نص تجريبي: تقديم دعم مشترك (تدريب، ومشورة بشأن المنح، وتنسيق) للمنظمات المنتسبة "
            "والمجتمعات في منطقته أو موضوعه أو لغته.",
            "إقليمي أو موضوعي أو لغوي.",
        ),
        "zh-hans": (
            "枢纽",
            "服务附属组织和社群的区域性、主题性或语言性枢纽。示例文本：该模式将由运动日后确定，"
            "此处的特征仅为示例。",
            "示例文本：为其所在区域、主题或语言的附属组织和社群提供共享支持（培训、资助咨询、协调）。",
            "区域性、主题性或语言性。",
        ),
        "fr": (
            "Pôle (hub)",
            "Un pôle régional, thématique ou linguistique au service des affiliés et des "
            "communautés. Texte d’exemple : le mouvement définira ce modèle plus tard ; ses "
            "caractéristiques ici sont des exemples.",
            "Texte d’exemple : offrir un soutien partagé (formation, conseils sur les "
            "subventions, coordination) aux affiliés et aux communautés de sa région, de son "
            "thème ou de sa langue.",
            "Régional, thématique ou linguistique.",
        ),
        "de": (
            "Hub",
            "Ein regionaler, thematischer oder sprachlicher Hub, der Affiliates und Communitys "
            "dient. Beispieltext: Die Bewegung legt dieses Modell später fest; seine Merkmale "
            "hier sind Beispiele.",
            "Beispieltext: Affiliates und Communitys der eigenen Region, des eigenen Themas "
            "oder der eigenen Sprache gemeinsam unterstützen (Schulungen, Beratung zu "
            "Förderungen, Koordination).",
            "Regional, thematisch oder sprachlich.",
        ),
        "hi": (
            "हब",
            "एक क्षेत्रीय, विषयगत या भाषाई हब जो सहबद्ध संगठनों और समुदायों की सेवा करता है। "
            "नमूना पाठ: आंदोलन इस मॉडल को बाद में परिभाषित करेगा; यहाँ इसकी विशेषताएँ उदाहरण "
            "हैं।",
            "नमूना पाठ: अपने क्षेत्र, विषय या भाषा के सहबद्ध संगठनों और समुदायों को साझा "
            "सहायता (प्रशिक्षण, अनुदान संबंधी सलाह, समन्वय) देना।",
            "क्षेत्रीय, विषयगत या भाषाई।",
        ),
        "id": (
            "Hub",
            "Hub regional, tematik, atau linguistik yang melayani afiliasi dan komunitas. Teks "
            "contoh: gerakan akan menetapkan model ini nanti; karakteristiknya di sini hanyalah "
            "contoh.",
            "Teks contoh: memberikan dukungan bersama (pelatihan, saran tentang hibah, "
            "koordinasi) kepada afiliasi dan komunitas di wilayah, tema, atau bahasanya.",
            "Regional, tematik, atau linguistik.",
        ),
        "pt-br": (
            "Hub",
            "Um hub regional, temático ou linguístico a serviço de afiliados e comunidades. "
            "Texto de exemplo: o movimento definirá este modelo mais tarde; suas "
            "características aqui são exemplos.",
            "Texto de exemplo: oferecer apoio compartilhado (formação, orientação sobre "
            "financiamentos, coordenação) aos afiliados e às comunidades de sua região, tema ou "
            "idioma.",
            "Regional, temático ou linguístico.",
        ),
        "ru": (
            "Хаб",
            "Региональный, тематический или языковой хаб, работающий для аффилированных "
            "организаций и сообществ. Пример текста: движение определит эту модель позже; её "
            "характеристики здесь — примеры.",
            "Пример текста: оказывать общую поддержку (обучение, консультации по грантам, "
            "координация) аффилированным организациям и сообществам своего региона, темы или "
            "языка.",
            "Региональный, тематический или языковой.",
        ),
        "es": (
            "Centro (hub)",
            "Un hub regional, temático o lingüístico al servicio de los afiliados y las "
            "comunidades. Texto de ejemplo: el movimiento definirá este modelo más adelante; "
            "sus características aquí son ejemplos.",
            "Texto de ejemplo: ofrecer apoyo compartido (formación, asesoría sobre "
            "subvenciones, coordinación) a los afiliados y las comunidades de su región, tema o "
            "idioma.",
            "Regional, temático o lingüístico.",
        ),
    },
    "movement-partner": {
        "ar": (
            "شريك الحركة",
            "منظمة تشاركنا التوجه من خارج مجتمع ويكيميديا تدعم عمل الحركة. نموذج مقترح: ليس "
            "رسميًا، ولا توجد علاقة من هذا النوع بعد.",
            "متغيرة؛ منظمات تشاركنا التوجه وتدعم عمل حركة ويكيميديا",
            "متغير: عالمي، إقليمي، وطني",
        ),
        "zh-hans": (
            "运动伙伴",
            "维基媒体社群之外、理念相近并支持运动工作的组织。这是一个提议中的模式：它并非正式模式，"
            "目前也尚无此类关系。",
            "不固定；支持维基媒体运动工作的理念相近的组织",
            "不固定：全球、区域、国家",
        ),
        "fr": (
            "Partenaire du mouvement",
            "Une organisation partageant les mêmes idées, extérieure à la communauté Wikimedia, "
            "qui soutient le travail du mouvement. Un modèle proposé : il n’est pas officiel, et "
            "aucune relation de ce type n’existe encore.",
            "Variable ; des organisations partageant les mêmes idées qui soutiennent le travail "
            "du mouvement Wikimedia",
            "Variable : mondiale, régionale, nationale",
        ),
        "de": (
            "Bewegungspartner",
            "Eine gleichgesinnte Organisation außerhalb der Wikimedia-Community, die die Arbeit "
            "der Bewegung unterstützt. Ein vorgeschlagenes Modell: Es ist nicht offiziell, und "
            "solche Beziehungen gibt es noch nicht.",
            "Variabel; gleichgesinnte Organisationen, die die Arbeit der Wikimedia-Bewegung "
            "unterstützen",
            "Variabel: global, regional, national",
        ),
        "hi": (
            "आंदोलन साझेदार",
            "विकिमीडिया समुदाय से बाहर का समान विचारों वाला संगठन जो आंदोलन के काम का समर्थन "
            "करता है। एक प्रस्तावित मॉडल: यह आधिकारिक नहीं है, और ऐसा कोई संबंध अभी मौजूद नहीं "
            "है।",
            "परिवर्तनशील; समान विचारों वाले संगठन जो विकिमीडिया आंदोलन के काम का समर्थन कर रहे हैं",
            "परिवर्तनशील: वैश्विक, क्षेत्रीय, राष्ट्रीय",
        ),
        "id": (
            "Mitra gerakan",
            "Organisasi sepaham di luar komunitas Wikimedia yang mendukung kerja gerakan. Model "
            "yang diusulkan: tidak resmi, dan belum ada hubungan semacam itu.",
            "Beragam; organisasi sepaham yang mendukung kerja gerakan Wikimedia",
            "Beragam: global, regional, nasional",
        ),
        "pt-br": (
            "Parceiro do movimento",
            "Uma organização com ideias afins, de fora da comunidade Wikimedia, que apoia o "
            "trabalho do movimento. Um modelo proposto: não é oficial, e ainda não existe "
            "nenhuma relação desse tipo.",
            "Variável; organizações com ideias afins que apoiam o trabalho do movimento Wikimedia",
            "Variável: global, regional, nacional",
        ),
        "ru": (
            "Партнёр движения",
            "Организация-единомышленник вне сообщества Викимедиа, поддерживающая работу "
            "движения. Предлагаемая модель: она не официальная, и таких отношений пока нет.",
            "Различная; организации-единомышленники, поддерживающие работу движения Викимедиа",
            "Различный: глобальный, региональный, национальный",
        ),
        "es": (
            "Socio del movimiento",
            "Una organización afín, ajena a la comunidad Wikimedia, que apoya el trabajo del "
            "movimiento. Un modelo propuesto: no es oficial y todavía no existe ninguna relación "
            "de este tipo.",
            "Variable; organizaciones afines que apoyan el trabajo del movimiento Wikimedia",
            "Variable: global, regional, nacional",
        ),
    },
}

TRANSLATED_FIELDS = ("name", "summary", "mission", "territorial_range")


def _model(slug: str, fields: dict[str, Any]) -> AffiliationModel:
    """The model with this short name, created or brought back to the demo's text."""
    affiliation_model = AffiliationModel.objects.filter(slug=slug).first() or AffiliationModel(
        slug=slug
    )
    for name in AffiliationModel.CHARACTERISTICS:
        setattr(affiliation_model, name, "")
    for name, value in {"language": "en", **fields}.items():
        setattr(affiliation_model, name, value)
    affiliation_model.full_clean()
    affiliation_model.save()
    return affiliation_model


@transaction.atomic
def load() -> dict[str, AffiliationModel]:
    """The five models of affiliation and their translations, by short name."""
    loaded = {}
    for slug, fields in MODELS.items():
        affiliation_model = _model(slug, fields)
        for language, texts in TRANSLATIONS[slug].items():
            for field, text in zip(TRANSLATED_FIELDS, texts, strict=True):
                source = EARLIER.get((slug, language, field), fields[field])
                AffiliationModelTranslation.objects.update_or_create(
                    affiliation_model=affiliation_model,
                    field=field,
                    language=language,
                    defaults={"text": text, "source_digest": text_fingerprint(source)},
                )
        loaded[slug] = affiliation_model
    return loaded
