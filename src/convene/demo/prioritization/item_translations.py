"""The initiatives' titles and their recommendations in French, Spanish and Arabic, so that the
demo ballots and results read in those languages (the demo's own translations)."""

from __future__ import annotations

RECOMMENDATION_WORD = {"fr": "Recommandation", "es": "Recomendación", "ar": "التوصية"}

# A colon as each language writes it after "Recommendation 1".
COLON = {"fr": " : ", "es": ": ", "ar": ": "}

RECOMMENDATIONS: dict[str, dict[int, str]] = {
    "fr": {
        1: "Accroître la pérennité de notre mouvement",
        2: "Améliorer l'expérience utilisateur",
        3: "Assurer la sécurité et l'inclusion",
        4: "Garantir l'équité dans la prise de décision",
        5: "Coordonner les parties prenantes",
        6: "Investir dans le développement des compétences et du leadership",
        7: "Gérer les connaissances internes",
        8: "Identifier les thèmes à fort impact",
        9: "Innover dans le savoir libre",
        10: "Évaluer, itérer et s'adapter",
    },
    "es": {
        1: "Aumentar la sostenibilidad de nuestro movimiento",
        2: "Mejorar la experiencia de usuario",
        3: "Garantizar la seguridad y la inclusión",
        4: "Asegurar la equidad en la toma de decisiones",
        5: "Coordinar entre las partes interesadas",
        6: "Invertir en el desarrollo de habilidades y liderazgo",
        7: "Gestionar el conocimiento interno",
        8: "Identificar temas de impacto",
        9: "Innovar en conocimiento libre",
        10: "Evaluar, iterar y adaptar",
    },
    "ar": {
        1: "زيادة استدامة حركتنا",
        2: "تحسين تجربة المستخدم",
        3: "توفير السلامة والشمول",
        4: "ضمان الإنصاف في صنع القرار",
        5: "التنسيق بين أصحاب المصلحة",
        6: "الاستثمار في تنمية المهارات والقيادة",
        7: "إدارة المعرفة الداخلية",
        8: "تحديد المواضيع ذات الأثر",
        9: "الابتكار في المعرفة الحرة",
        10: "التقييم والتكرار والتكيّف",
    },
}

TITLES: dict[str, dict[int, str]] = {
    "fr": {
        1: "Approche systématique pour améliorer la satisfaction et la productivité",
        2: "Financement des communautés sous-représentées",
        3: "Meilleure connaissance du mouvement Wikimedia",
        4: "Politique mondiale de génération de revenus et stratégie de collecte de fonds",
        5: "Développement d'une API de niveau entreprise",
        6: "Engagement des écosystèmes tiers",
        7: "Génération de revenus pour le mouvement",
        8: "Aligner nos pratiques sur la durabilité environnementale",
        9: "Méthodologie pour améliorer l'expérience utilisateur de la plateforme Wikimedia",
        10: "Conformité aux directives d'accessibilité",
        11: "Ressources pour les nouveaux venus",
        22: "Charte du mouvement",
        23: "Conseil mondial intérimaire",
        24: "Conseil mondial",
        25: "Pôles régionaux et thématiques",
        31: "Approche mondiale du développement local des compétences",
        32: "Plan de développement du leadership",
        33: "Infrastructure de développement des compétences",
        36: "Identifier l'impact de Wikimedia / les thèmes à fort impact",
        37: "Combler les lacunes de contenu",
        38: "Initiatives de contenu dans les communautés sous-représentées",
    },
    "es": {
        1: "Enfoque sistemático para mejorar la satisfacción y la productividad",
        2: "Financiación para comunidades subrepresentadas",
        3: "Mayor conocimiento del Movimiento Wikimedia",
        4: "Política global de generación de ingresos y estrategia de recaudación de fondos",
        5: "Desarrollo de una API de nivel empresarial",
        6: "Participación de ecosistemas de terceros",
        7: "Generación de ingresos para el Movimiento",
        8: "Alinear nuestras prácticas con la sostenibilidad ambiental",
        9: "Metodología para mejorar la experiencia de usuario de la plataforma Wikimedia",
        10: "Compatibilidad con las pautas de accesibilidad",
        11: "Recursos para recién llegados",
        22: "Carta del Movimiento",
        23: "Consejo Global Interino",
        24: "Consejo Global",
        25: "Centros regionales y temáticos",
        31: "Enfoque global para el desarrollo local de habilidades",
        32: "Plan de desarrollo del liderazgo",
        33: "Infraestructura para el desarrollo de habilidades",
        36: "Identificar el impacto de Wikimedia / temas de impacto",
        37: "Reducir las brechas de contenido",
        38: "Iniciativas de contenido en comunidades subrepresentadas",
    },
    "ar": {
        1: "نهج منهجي لتحسين الرضا والإنتاجية",
        2: "تمويل المجتمعات الممثلة تمثيلًا ناقصًا",
        3: "زيادة الوعي بحركة ويكيميديا",
        4: "سياسة عالمية لتوليد الإيرادات واستراتيجية لجمع التبرعات",
        5: "تطوير واجهة برمجة تطبيقات على مستوى المؤسسات",
        6: "إشراك منظومات الأطراف الثالثة",
        7: "توليد الإيرادات للحركة",
        8: "مواءمة ممارساتنا لدعم الاستدامة البيئية",
        9: "منهجية لتحسين تجربة المستخدم في منصة ويكيميديا",
        10: "التوافق مع إرشادات إمكانية الوصول",
        11: "موارد للقادمين الجدد",
        22: "ميثاق الحركة",
        23: "المجلس العالمي المؤقت",
        24: "المجلس العالمي",
        25: "المراكز الإقليمية والموضوعية",
        31: "نهج عالمي لتنمية المهارات محليًا",
        32: "خطة لتطوير القيادة",
        33: "بنية تحتية لتنمية المهارات",
        36: "تحديد أثر ويكيميديا / المواضيع ذات الأثر",
        37: "سد الفجوات في المحتوى",
        38: "مبادرات المحتوى في المجتمعات الممثلة تمثيلًا ناقصًا",
    },
}


def translated(language: str, number: int, recommendation: int | None) -> tuple[str, str] | None:
    """The initiative's title and description in `language`, or None if the demo has none.
    The description says its recommendation, as the English one does."""
    title = TITLES[language].get(number)
    if title is None:
        return None
    if recommendation is None:
        return title, ""
    name = RECOMMENDATIONS[language][recommendation]
    word = RECOMMENDATION_WORD[language]
    return title, f"{word} {recommendation}{COLON[language]}{name}."
