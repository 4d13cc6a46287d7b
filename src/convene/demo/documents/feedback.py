"""Sample feedback on iteration 1 of Advocacy and Community Health, during the feedback window.

The comments are fictitious, written in the languages of the demo participants; they react
to the published text and to the guiding questions. Replies carry no stance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from convene.discussion.models import Comment, Stance
from convene.documents.models import DocumentVersion

from .common import People, paragraph, utc


@dataclass(frozen=True)
class Sample:
    author: str
    language: str
    stance: str
    at: datetime
    body: str
    on: str | None = None  # start of the paragraph's text; None: the whole document
    replies: tuple[Sample, ...] = field(default=())


ADVOCACY = (
    Sample(
        "harmattan", "en", Stance.SUPPORT, utc(2019, 8, 14, 10, 5),
        "A shared, living document of advocacy priorities would help our user group explain "
        "to partners and officials what Wikimedia stands for. Please keep it short enough to "
        "be translated into many languages.",
        on="6. ",
    ),
    Sample(
        "lavande", "fr", Stance.CONCERN, utc(2019, 8, 16, 19, 40),
        "Un pôle de plaidoyer risque de centraliser les décisions loin des communautés "
        "locales. Qui le piloterait, et comment les petites communautés y seraient-elles "
        "représentées ?",
        on="5. ",
        replies=(
            Sample(
                "feldhase", "de", "", utc(2019, 8, 17, 8, 15),
                "Dieselbe Sorge habe ich auch. Ein Hub könnte Dienste anbieten, aber die "
                "Entscheidungen sollten bei den lokalen Gruppen bleiben.",
            ),
        ),
    ),
    Sample(
        "nile", "ar", Stance.SUPPORT, utc(2019, 8, 19, 13, 0),
        "نرحّب بالتركيز على التنوع اللغوي والثقافي. يحتاج المناصرون في منطقتنا إلى مواد باللغة "
        "العربية وإلى مسارات واضحة للمتطوعين الجدد.",
        on="2. ",
    ),
    Sample(
        "komodo", "id", Stance.QUESTION, utc(2019, 8, 22, 3, 30),
        "Siapa yang akan menyusun aturan keterlibatan ini? Apakah komunitas kecil yang belum "
        "berafiliasi juga bisa ikut menentukannya?",
        on="1. ",
        replies=(
            Sample(
                "harmattan", "en", "", utc(2019, 8, 22, 9, 45),
                "Good question. The entry points also need to work for people who have no "
                "affiliate in their country.",
            ),
        ),
    ),
    Sample(
        "colibri", "es", Stance.RED_LINE, utc(2019, 8, 27, 22, 10),
        "Línea roja: ninguna acción de incidencia debe poner en riesgo la seguridad de las "
        "personas voluntarias. En algunos países, defender el conocimiento libre tiene "
        "consecuencias personales.",
    ),
    Sample(
        "feldhase", "de", Stance.SUPPORT, utc(2019, 9, 2, 17, 20),
        "Eine gemeinsame Wissenssammlung über gelungene und gescheiterte Kampagnen fehlt uns "
        "seit Jahren. Wichtig: auch die Misserfolge dokumentieren, nicht nur die Erfolge.",
        on="4. ",
    ),
    Sample(
        "kaveri", "hi", Stance.QUESTION, utc(2019, 9, 6, 11, 0),
        "क्या इन सिफ़ारिशों में वकालत से जुड़ी सामग्री का स्थानीय भाषाओं में अनुवाद करने के लिए "
        "संसाधन भी शामिल होंगे? हिंदी में ऐसी सामग्री लगभग नहीं है।",
    ),
    Sample(
        "ipe", "pt-br", Stance.CONCERN, utc(2019, 9, 11, 21, 35),
        "Um processo central de comunicação é útil, mas as conversas não podem acontecer só em "
        "inglês. Sem tradução e interpretação, muita gente fica de fora.",
        on="3. ",
        replies=(
            Sample(
                "colibri", "es", "", utc(2019, 9, 12, 1, 5),
                "De acuerdo. En América Latina muchas de estas conversaciones se quedan en "
                "listas de correo en inglés.",
            ),
        ),
    ),
)  # fmt: skip

COMMUNITY_HEALTH = (
    Sample(
        "harmattan", "en", Stance.SUPPORT, utc(2019, 8, 13, 15, 30),
        "A code of conduct that applies across projects and spaces, online and offline, is "
        "overdue. It needs a way of enforcing it that volunteers can trust.",
        on="1. ",
    ),
    Sample(
        "lavande", "fr", Stance.RED_LINE, utc(2019, 8, 21, 20, 0),
        "Ligne rouge : aucune mesure de santé communautaire ne doit obliger les contributrices "
        "et contributeurs à révéler leur identité civile.",
        on="8. ",
    ),
    Sample(
        "nile", "ar", Stance.QUESTION, utc(2019, 8, 29, 12, 25),
        "ما المقصود بإعادة تعريف هياكل السلطة؟ هل يشمل ذلك صلاحيات الإداريين في المشاريع المحلية؟",
        on="2. ",
    ),
    Sample(
        "komodo", "id", Stance.SUPPORT, utc(2019, 9, 4, 2, 50),
        "Setuju. Di Wikipedia bahasa Indonesia, banyak pengguna baru berhenti menyunting "
        "setelah suntingan pertama mereka dibatalkan tanpa penjelasan.",
        on="6. ",
        replies=(
            Sample(
                "kaveri", "hi", "", utc(2019, 9, 4, 7, 10),
                "हिंदी विकिपीडिया पर भी हमारा यही अनुभव है। जब नए सदस्यों को किसी अनुभवी संपादक "
                "का मार्गदर्शन मिलता है, तो वे ज़्यादा समय तक जुड़े रहते हैं।",
            ),
        ),
    ),
    Sample(
        "feldhase", "de", Stance.CONCERN, utc(2019, 9, 14, 16, 45),
        "Die Liste ist sehr breit. Welche dieser zwölf Empfehlungen soll zuerst umgesetzt "
        "werden, und wer entscheidet darüber?",
    ),
)  # fmt: skip


def _write(version: DocumentVersion, people: People, sample: Sample, parent: Comment | None) -> int:
    if parent is not None:  # a reply sits on the paragraph of the comment it answers
        on = parent.paragraph
    else:
        on = paragraph(version, sample.on) if sample.on else None
    comment = Comment.objects.create(
        version=version,
        paragraph=on,
        parent=parent,
        author=people[sample.author],
        body=sample.body,
        language=sample.language,
        stance=sample.stance,
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=sample.at)
    return 1 + sum(_write(version, people, reply, comment) for reply in sample.replies)


def comment_on_advocacy(version: DocumentVersion, people: People) -> int:
    return sum(_write(version, people, sample, None) for sample in ADVOCACY)


def comment_on_community_health(version: DocumentVersion, people: People) -> int:
    return sum(_write(version, people, sample, None) for sample in COMMUNITY_HEALTH)
