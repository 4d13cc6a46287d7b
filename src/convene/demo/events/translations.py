"""Translations of the Movement Charter conversation hours, made by demo participants.

French, Spanish and Arabic: the event, its four sessions and its registration questions,
each by a person (no machine translation). The Spanish summary was made from an earlier
wording of the English summary, so translators see it as outdated and readers see it
labelled as such.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from convene.core.text import text_fingerprint
from convene.events.models import ContentTranslation, Event
from convene.events.translations import Owner, content_translation_save

from .people import People

TRANSLATORS = {"fr": "lavande", "es": "colibri", "ar": "nile"}
GROUP = "Event translators"

# The summary as it read when the Spanish translation was made.
EARLIER_SUMMARY = (
    "Regional conversations with the Movement Charter Drafting Committee on the draft chapters."
)

EVENT = {
    "fr": {
        "title": "Heures de conversation régionales sur la Charte du Mouvement",
        "summary": (
            "Des conversations régionales avec le Comité de rédaction de la Charte du "
            "Mouvement sur les chapitres déjà rédigés, à une heure adaptée à chaque région."
        ),
        "description": """\
Le Comité de rédaction de la Charte du Mouvement (MCDC) tient des heures de conversation
région par région, pour que les communautés puissent discuter en profondeur des chapitres en
projet, à une heure locale raisonnable. Dites ce qui fonctionne pour votre communauté, ce qui
manque et ce qui vous inquiète ; vos retours nourrissent la prochaine version du texte.

Les ambassadeurs peuvent aussi organiser des conversations dans leur propre communauté
linguistique, et des membres du MCDC peuvent s’y joindre : demandez aux organisateurs.

Chaque séance propose une interprétation dans les langues indiquées. Le lien de l’appel
apparaît ici 48 heures avant chaque séance, pour les participants confirmés.

*Événement d’exemple de la démo de Convene : les dates dépendent du moment où les données de
démonstration ont été chargées.*""",
    },
    "es": {
        "title": "Horas de conversación regionales sobre la Carta del Movimiento",
        # Made from EARLIER_SUMMARY: outdated on purpose.
        "summary": (
            "Conversaciones regionales con el Comité de Redacción de la Carta del Movimiento "
            "sobre los capítulos en borrador."
        ),
        "description": """\
El Comité de Redacción de la Carta del Movimiento (MCDC) celebra horas de conversación región
por región, para que las comunidades puedan debatir a fondo los capítulos en borrador a una
hora local razonable. Cuéntanos qué funciona para tu comunidad, qué falta y qué te preocupa;
tus comentarios alimentan la próxima versión del texto.

Las personas embajadoras también pueden organizar conversaciones en su propia comunidad
lingüística, y miembros del MCDC pueden sumarse: pregunta a la organización.

Cada sesión ofrece interpretación a los idiomas indicados. El enlace de la llamada aparece aquí
48 horas antes de cada sesión, para las personas con plaza confirmada.

*Evento de ejemplo de la demo de Convene: las fechas dependen del momento en que se cargaron
los datos de demostración.*""",
    },
    "ar": {
        "title": "ساعات الحوار الإقليمية حول ميثاق الحركة",
        "summary": (
            "حوارات إقليمية مع لجنة صياغة ميثاق الحركة حول الفصول التي صيغت حتى الآن، "
            "في ساعة مناسبة لكل منطقة."
        ),
        "description": """\
تعقد لجنة صياغة ميثاق الحركة ساعات حوار منطقةً بعد منطقة، كي تتمكن المجتمعات من مناقشة
مسودات الفصول بعمق وفي ساعة محلية مناسبة. شاركونا ما ينجح في مجتمعكم وما ينقصه وما يقلقكم؛
فملاحظاتكم تدخل في النسخة التالية من النص.

يمكن للسفراء أيضًا تنظيم حوارات في مجتمعاتهم اللغوية، ويمكن لأعضاء اللجنة الانضمام إليها:
اسألوا المنظمين.

تقدم كل جلسة ترجمة فورية إلى اللغات المذكورة معها. يظهر رابط الاتصال هنا قبل كل جلسة بثمانٍ
وأربعين ساعة، للمشاركين المؤكَّدين.

*فعالية نموذجية في العرض التجريبي لـ Convene: تُحدَّد التواريخ بحسب وقت تحميل البيانات
التجريبية.*""",
    },
}

SESSION_DESCRIPTION = {
    "fr": "Une conversation de 90 minutes sur les chapitres en projet avec des membres du comité de rédaction.",
    "es": "Una conversación de 90 minutos sobre los capítulos en borrador con miembros del comité de redacción.",
    "ar": "حوار مدته 90 دقيقة حول مسودات الفصول مع أعضاء من لجنة الصياغة.",
}

SESSION_TITLES = {
    "East, Southeast Asia and Pacific": {
        "fr": "Asie de l’Est, Asie du Sud-Est et Pacifique",
        "es": "Asia Oriental, Sudeste Asiático y Pacífico",
        "ar": "شرق آسيا وجنوب شرقها والمحيط الهادئ",
    },
    "South Asia": {"fr": "Asie du Sud", "es": "Asia Meridional", "ar": "جنوب آسيا"},
    "Sub-Saharan Africa": {
        "fr": "Afrique subsaharienne",
        "es": "África subsahariana",
        "ar": "أفريقيا جنوب الصحراء الكبرى",
    },
    "Latin America and the Caribbean": {
        "fr": "Amérique latine et Caraïbes",
        "es": "América Latina y el Caribe",
        "ar": "أمريكا اللاتينية والبحر الكاريبي",
    },
}

# Keyed by the English label: (label, help text or "", choices one per line or "").
QUESTIONS = {
    "Which community or affiliate do you represent?": {
        "fr": (
            "Quelle communauté ou quel affilié représentez-vous ?",
            "Écrivez « aucun » si vous venez à titre personnel.",
            "",
        ),
        "es": (
            "¿Qué comunidad u organización afiliada representas?",
            "Escribe «ninguna» si vienes a título personal.",
            "",
        ),
        "ar": ("أي مجتمع أو جهة منتسبة تمثّل؟", "اكتب «لا أحد» إذا كنت تشارك بصفتك الشخصية.", ""),
    },
    "How did you hear about this conversation?": {
        "fr": (
            "Comment avez-vous entendu parler de cette conversation ?",
            "",
            "Meta-Wiki\nUn bistro ou un tableau d’affichage communautaire\nUne liste de diffusion\n"
            "Mon affilié ou mon groupe d’utilisateurs\nLes réseaux sociaux\nUn ami ou un collègue",
        ),
        "es": (
            "¿Cómo te enteraste de esta conversación?",
            "",
            "Meta-Wiki\nUn café o tablón de anuncios de la comunidad\nUna lista de correo\n"
            "Mi organización afiliada o grupo de usuarios\nLas redes sociales\nUna amistad o un colega",
        ),
        "ar": (
            "كيف عرفت بهذا الحوار؟",
            "",
            "ميتا ويكي\nالميدان أو لوحة إعلانات المجتمع\nقائمة بريدية\n"
            "الجهة المنتسبة أو مجموعة المستخدمين التي أنتمي إليها\nوسائل التواصل الاجتماعي\nصديق أو زميل",
        ),
    },
    "Which chapters of the draft charter would you like to discuss?": {
        "fr": (
            "Quels chapitres du projet de charte aimeriez-vous aborder ?",
            "",
            "Préambule\nValeurs et principes\nRôles et responsabilités\nConseil mondial\nPôles\n"
            "Prise de décision",
        ),
        "es": (
            "¿Qué capítulos del borrador de la carta te gustaría tratar?",
            "",
            "Preámbulo\nValores y principios\nFunciones y responsabilidades\nConsejo Global\n"
            "Centros regionales y temáticos\nToma de decisiones",
        ),
        "ar": (
            "أي فصول من مسودة الميثاق تود مناقشتها؟",
            "",
            "الديباجة\nالقيم والمبادئ\nالأدوار والمسؤوليات\nالمجلس العالمي\nالمراكز\nصنع القرار",
        ),
    },
    "May we quote you anonymously in the report?": {
        "fr": ("Pouvons-nous vous citer anonymement dans le compte rendu ?", "", ""),
        "es": ("¿Podemos citarte de forma anónima en el informe?", "", ""),
        "ar": ("هل يمكننا اقتباس كلامك في التقرير دون ذكر اسمك؟", "", ""),
    },
    "Is there anything the organizers should know so that you can take part safely?": {
        "fr": (
            "Y a-t-il quelque chose que les organisateurs devraient savoir pour que vous puissiez participer en sécurité ?",
            "Seuls les organisateurs lisent cette réponse, et elle est effacée après l’événement.",
            "",
        ),
        "es": (
            "¿Hay algo que la organización deba saber para que puedas participar con seguridad?",
            "Solo la organización lee esta respuesta, y se borra después del evento.",
            "",
        ),
        "ar": (
            "هل هناك ما ينبغي أن يعرفه المنظمون كي تتمكن من المشاركة بأمان؟",
            "لا يقرأ هذه الإجابة إلا المنظمون، وتُحذف بعد الفعالية.",
            "",
        ),
    },
}


def _translators_group(people: People) -> None:
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="events", codename="add_contenttranslation")
    )
    for key in TRANSLATORS.values():
        people[key].groups.add(group)


def translate_conversation_hours(event: Event, people: People) -> int:
    """Translate the event into French, Spanish and Arabic; returns how many fields."""
    _translators_group(people)
    made = 0

    def save(owner: Owner, field: str, language: str, text: str) -> None:
        nonlocal made
        if text:
            content_translation_save(
                owner=owner,
                field=field,
                language=language,
                text=text,
                translator=people[TRANSLATORS[language]],
            )
            made += 1

    for language, fields in EVENT.items():
        for field, text in fields.items():
            save(event, field, language, text)
    for session in event.sessions.all():
        for language, title in SESSION_TITLES[session.title].items():
            save(session, "title", language, title)
            save(session, "description", language, SESSION_DESCRIPTION[language])
    for question in event.questions.all():
        for language, (label, help_text, choices) in QUESTIONS[question.label].items():
            save(question, "label", language, label)
            save(question, "help_text", language, help_text)
            save(question, "choices", language, choices)
    ContentTranslation.objects.filter(
        event=event, session=None, question=None, field="summary", language="es"
    ).update(source_digest=text_fingerprint(EARLIER_SUMMARY))
    return made
