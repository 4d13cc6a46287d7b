"""Translations of the Advocacy recommendations, made by demo participants.

Iteration 1 is translated fully into French and Arabic and partly into Spanish. Publishing
iteration 2 carries these translations over; where the English changed they show as
outdated. French is then brought up to date except for one paragraph (recommendation 4),
Arabic and Spanish are left as they were: the demo shows current, outdated and missing
translations side by side.
"""

from __future__ import annotations

from convene.documents import services
from convene.documents.models import DocumentVersion

from .common import People, paragraph

# Keyed by the start of the English paragraph: "# " is the heading, "1. " the first item.
ITERATION_1 = {
    "fr": {
        "# ": "# Plaidoyer",
        "1. ": "1. Un réseau mondial de défenseurs de Wikimedia repose sur des règles d’engagement définies par la communauté. Il existe des points d’entrée établis pour celles et ceux qui veulent s’impliquer ou lancer des activités de plaidoyer. Les processus de décision sont connus et compréhensibles.",
        "2. ": "2. La communauté recherche activement et offre un environnement favorable et des parcours adaptés, qui amènent davantage de personnes (professionnels et bénévoles), d’une grande diversité de langues et d’horizons culturels, à s’engager dans le plaidoyer pour Wikimedia au niveau local ou mondial.",
        "3. ": "3. Il existe un processus de communication établi qui permet aux défenseurs de la communauté de tenir des conversations centrales sur le plaidoyer.",
        "4. ": "4. Une gestion constante des connaissances sur les méthodes, les cas, les réussites et les échecs permet à tous les défenseurs d’y accéder et d’en tirer des leçons ; elle est assurée par eux, avec eux et pour eux.",
        "5. ": "5. Les efforts de plaidoyer du mouvement sont rationalisés et renforcés par un pôle (hub) animé avec et pour les défenseurs actuels et futurs.",
        "6. ": "6. Les priorités de plaidoyer du mouvement Wikimedia sont clairement formulées dans un document partagé, très visible et évolutif.",
    },
    "ar": {
        "# ": "# المناصرة",
        "1. ": "1. تقوم شبكة عالمية من مناصري ويكيميديا على قواعد مشاركة يضعها المجتمع. وتوجد نقاط دخول واضحة لمن يرغب في المشاركة أو في إطلاق أنشطة مناصرة. وتكون عمليات صنع القرار معروفة ومفهومة.",
        "2. ": "2. يسعى المجتمع بنشاط إلى توفير بيئة جيدة ومسارات مصمَّمة خصيصًا تجذب مزيدًا من الأشخاص (مهنيين ومتطوعين) من لغات وخلفيات ثقافية متنوعة للانخراط في مناصرة ويكيميديا على المستوى المحلي أو العالمي.",
        "3. ": "3. توجد عملية تواصل راسخة تتيح لمناصري المجتمع إجراء حوارات مركزية حول المناصرة.",
        "4. ": "4. توجد إدارة مستمرة للمعرفة حول الأساليب والحالات وقصص النجاح والإخفاقات، يستطيع جميع المناصرين الوصول إليها والتعلم منها، وتُعالَج وتُصان من قِبَلهم ومعهم ومن أجلهم.",
        "5. ": "5. تُنسَّق جهود المناصرة في الحركة وتُعزَّز عبر مركز يُدار مع المناصرين الحاليين والمستقبليين ومن أجلهم.",
        "6. ": "6. تُصاغ أولويات المناصرة لحركة ويكيميديا بوضوح في وثيقة مشتركة وحيّة وظاهرة للجميع.",
    },
    "es": {
        "# ": "# Incidencia",
        "1. ": "1. Una red mundial de personas defensoras de Wikimedia se basa en reglas de participación definidas por la comunidad. Existen puntos de entrada establecidos para quienes quieran involucrarse o iniciar actividades de incidencia. Los procesos de toma de decisiones son conocidos y comprensibles.",
        "2. ": "2. La comunidad busca y ofrece activamente un buen entorno y caminos adaptados que atraen a más personas (profesionales y voluntarias) de una gran diversidad de idiomas y contextos culturales a participar en la incidencia a favor de Wikimedia a nivel local o global.",
        "3. ": "3. Existe un proceso de comunicación establecido para que las personas de la comunidad dedicadas a la incidencia mantengan conversaciones centrales sobre la incidencia.",
    },
}

# French of iteration 2: every changed or new paragraph except recommendation 4, whose
# translation stays that of iteration 1 (outdated).
ITERATION_2_FRENCH = {
    "1. ": "1. Transparence : un réseau mondial de défenseurs de Wikimedia repose sur des règles d’engagement définies par la communauté. Les processus de décision sont connus et compréhensibles. Il existe des points d’entrée établis pour celles et ceux qui veulent s’impliquer ou lancer des activités de plaidoyer",
    "2. ": "2. Diversité : la communauté recherche activement et offre un environnement favorable et des parcours adaptés, qui amènent davantage de personnes, d’une grande diversité de langues et d’horizons culturels, à s’engager dans le plaidoyer pour Wikimedia au niveau local ou mondial",
    "3. ": "3. Conversation mondiale : il existe un processus de communication établi qui permet aux défenseurs de la communauté de tenir des conversations centrales sur le plaidoyer",
    "5. ": "5. Pôle de plaidoyer : les efforts de plaidoyer du mouvement sont rationalisés et renforcés par un pôle (hub) animé avec et pour les défenseurs actuels et futurs",
    "6. ": "6. Positionnement commun : les priorités de plaidoyer du mouvement Wikimedia sont clairement formulées dans un document partagé, très visible et évolutif",
    "7. ": "7. Partenariats : les défenseurs du mouvement Wikimedia peuvent collaborer avec un réseau mondial existant de partenaires engagés sur des causes proches, et s’appuyer sur lui",
    "8. ": "8. Autonomisation des défenseurs : le plaidoyer est reconnu et encouragé comme une voie d’engagement à part entière dans le mouvement Wikimedia",
    "9. ": "9. Autodétermination : une décentralisation fondée sur la subsidiarité devrait être le modèle de collaboration pour le plaidoyer dans l’ensemble du mouvement",
    "10. ": "10. Protection des défenseurs : les défenseurs ont accès à des mesures de sécurité clairement définies et accessibles, qui leur permettent d’agir sans que leur sécurité personnelle et collective soit compromise",
}
OUTDATED_IN_FRENCH = "4. "
TRANSLATORS = {"fr": "lavande", "ar": "nile", "es": "colibri"}


def translate_iteration_1(version: DocumentVersion, people: People) -> int:
    count = 0
    for language, texts in ITERATION_1.items():
        for prefix, text in texts.items():
            source = paragraph(version, prefix)
            services.translation_save(
                paragraph=source,
                language=language,
                text=text,
                translator=people[TRANSLATORS[language]],
                source_fingerprint=source.fingerprint,
            )
            count += 1
    return count


def update_french(version: DocumentVersion, people: People) -> int:
    for prefix, text in ITERATION_2_FRENCH.items():
        source = paragraph(version, prefix)
        services.translation_save(
            paragraph=source,
            language="fr",
            text=text,
            translator=people[TRANSLATORS["fr"]],
            source_fingerprint=source.fingerprint,
        )
    return len(ITERATION_2_FRENCH)
