"""What the demo rounds say: titles, questions, instructions and the reports' narratives, with
their translations. Facts come from the public record of the Movement Strategy transition of
2020; each text says which of its figures come from sample ballots."""

from __future__ import annotations

# --- Round 1: the communities' and affiliates' priorities -------------------------------------

COMMUNITIES_TITLE = "Priorities from communities and affiliates, 2020"
COMMUNITIES_QUESTION = (
    "Which Movement Strategy initiatives matter most to your community or affiliate, and why?"
)
COMMUNITIES_INSTRUCTIONS = """\
Before the Global Conversations of 21 and 22 November 2020, communities and affiliates are
invited to discuss the initiatives of the Movement Strategy recommendations among themselves
and to share their priorities.

1. Hold your own discussion: an online call, a meetup, a talk page or a survey of your members.
2. List up to **five** initiatives, the most important first, each with a short reason.
3. Say who took part, where and when, link your notes if you have them, and tell us what is
   missing from the initiatives.

Your representatives can change the submission until the round closes; earlier versions are
kept. The priorities feed the Global Conversations.

*Demo: the round and its question follow the prioritization of 2020; the groups named
"(sample)" and their submissions are sample data.*"""

COMMUNITIES_REPORT = """\
## Priorities from communities and affiliates

Between September and November 2020, nearly 50 communities and affiliates shared their
priorities among the Movement Strategy initiatives: on Meta-Wiki, by email or through a survey.
Each held its own discussion first, in its own language, and sent up to five initiatives in
order, with its reasons.

### What stands out

- The analysis counted, for each recommendation, how many communities put one of its
  initiatives among their priorities, region by region.
- Communities and affiliates in **Africa**, the **Middle East and North Africa** and **East,
  Southeast Asia and the Pacific** favoured recommendations **1** (Increase the Sustainability
  of Our Movement), **2** (Improve User Experience) and **6** (Invest in Skills and Leadership
  Development).
- Many groups asked for what is missing: offline access, support for oral languages, and the
  means (interpretation, data packages, childcare) to take part in global conversations.

### What happens next

These priorities are the starting point of the Global Conversations of 21 and 22 November
2020, which ask which initiatives need global coordination in 2021. Communities can keep
sending their priorities after this round closes.

*Demo: the dates, the number of groups and the regional tendency are those of 2020; the groups
named "(sample)", their submissions and the figures on this page are sample data.*"""

COMMUNITIES_REPORT_FR = """\
## Priorités des communautés et des affiliés

Entre septembre et novembre 2020, près de 50 communautés et affiliés ont partagé leurs
priorités parmi les initiatives de la stratégie du mouvement : sur Meta-Wiki, par courriel ou
au moyen d'un questionnaire. Chacun a d'abord mené sa propre discussion, dans sa langue, puis a
envoyé jusqu'à cinq initiatives par ordre d'importance, avec ses raisons.

### Ce qui ressort

- L'analyse a compté, pour chaque recommandation, combien de communautés avaient placé l'une
  de ses initiatives parmi leurs priorités, région par région.
- Les communautés et affiliés d'**Afrique**, du **Moyen-Orient et d'Afrique du Nord** et
  d'**Asie de l'Est, du Sud-Est et du Pacifique** ont privilégié les recommandations **1**
  (Accroître la pérennité de notre mouvement), **2** (Améliorer l'expérience utilisateur) et
  **6** (Investir dans le développement des compétences et du leadership).
- Beaucoup de groupes ont signalé ce qui manque : l'accès hors ligne, la prise en charge des
  langues orales, et les moyens (interprétation, forfaits de données, garde d'enfants) de
  participer aux conversations mondiales.

### Et ensuite

Ces priorités sont le point de départ des Conversations mondiales des 21 et 22 novembre 2020,
qui demandent quelles initiatives ont besoin d'une coordination mondiale en 2021. Les
communautés peuvent continuer à envoyer leurs priorités après la clôture de ce tour.

*Démo : les dates, le nombre de groupes et la tendance régionale sont ceux de 2020 ; les groupes
marqués « (sample) », leurs contributions et les chiffres de cette page sont des données
d'exemple.*"""

# An earlier draft of the report, which the Spanish translation was made from: the Spanish
# report shows as outdated.
COMMUNITIES_REPORT_DRAFT = """\
## Priorities from communities and affiliates

Between September and November 2020, nearly 50 communities and affiliates shared their
priorities among the Movement Strategy initiatives: on Meta-Wiki, by email or through a survey.

Communities and affiliates in Africa, the Middle East and North Africa and East, Southeast Asia
and the Pacific favoured recommendations 1, 2 and 6.

*Demo: the groups named "(sample)", their submissions and the figures on this page are sample
data.*"""

COMMUNITIES_REPORT_ES = """\
## Prioridades de las comunidades y los afiliados

Entre septiembre y noviembre de 2020, casi 50 comunidades y afiliados compartieron sus
prioridades entre las iniciativas de la estrategia del movimiento: en Meta-Wiki, por correo
electrónico o mediante una encuesta.

Las comunidades y los afiliados de África, Oriente Medio y el Norte de África, y Asia Oriental,
el Sudeste Asiático y el Pacífico dieron prioridad a las recomendaciones 1, 2 y 6.

*Demo: los grupos marcados «(sample)», sus contribuciones y las cifras de esta página son datos
de ejemplo.*"""


# --- Round 2: the vote at the Global Conversations -------------------------------------------

CONVERSATIONS_TITLE = "Global Conversations: which initiatives need global coordination in 2021"
CONVERSATIONS_QUESTION = (
    "Which of the Movement Strategy initiatives are most important to coordinate globally and "
    "implement in 2021?"
)
CONVERSATIONS_INSTRUCTIONS = """\
At the end of your session of the Global Conversations (21 or 22 November 2020), rank up to
**five** initiatives: the one that most needs global coordination in 2021 first. The
conversations asked about the 45 initiatives; this demo lists the 21 whose number and title are
verified.

Only the confirmed registrants of the sessions vote here; ballots gathered in the sessions'
breakout rooms were imported by the organizers. Results are published after the second session.

*Demo: the question, the dates and the outcome are those of 2020; the ballots are sample data,
shaped to give the same eight priorities.*"""

CONVERSATIONS_REPORT = """\
## Emerging global priorities

Close to 250 Wikimedians took part in the two identical four-hour sessions of the Global
Conversations on 21 and 22 November 2020, with live interpretation into Arabic, Chinese,
French, German, Indonesian, Russian and Spanish. Building on the priorities nearly 50
communities and affiliates had shared in advance, they asked which of the 45 initiatives are
most important to coordinate globally and implement in 2021.

### Eight global priorities

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

### What happens next

- **5 and 6 December 2020:** the next Global Conversations discuss the implementation steps of
  the top priorities (registration closed on 4 December).
- **January and February 2021:** follow-up calls on single priorities; 151 people joined the
  call on the Interim Global Council and 90 the call on hubs.

The results and the raw data are published with this report, so that anyone can recompute
them.

*Demo: the dates, the number of participants, the eight priorities and the follow-up calls are
those of 2020; the ballots counted on this page are sample data, shaped to give the same
order of priorities.*"""

CONVERSATIONS_REPORT_ES = """\
## Prioridades globales emergentes

Cerca de 250 wikimedistas participaron en las dos sesiones idénticas de cuatro horas de las
Conversaciones Globales del 21 y el 22 de noviembre de 2020, con interpretación simultánea al
árabe, chino, francés, alemán, indonesio, ruso y español. A partir de las prioridades que casi
50 comunidades y afiliados habían compartido antes, se preguntaron cuáles de las 45 iniciativas
es más importante coordinar a nivel global e implementar en 2021.

### Ocho prioridades globales

- **A.** Carta del Movimiento, Consejo Global Interino y Consejo Global (iniciativas 22, 23, 24)
- **B.** Metodología para mejorar la experiencia de usuario de la plataforma Wikimedia y
  recursos para recién llegados (9, 11), con herramientas entre wikis
- **C.** Enfoque global para el desarrollo local de habilidades, plan de desarrollo del
  liderazgo e infraestructura para el desarrollo de habilidades (31, 32, 33)
- **D.** Centros regionales y temáticos (25)
- **E.** Financiación para comunidades subrepresentadas (2)
- **F.** Mayor conocimiento del Movimiento Wikimedia (3)
- **G.** Alinear nuestras prácticas con la sostenibilidad ambiental (8)
- **H.** Identificar temas de impacto, reducir las brechas de contenido e iniciativas de
  contenido en comunidades subrepresentadas (36, 37, 38)

### Próximos pasos

- **5 y 6 de diciembre de 2020:** las siguientes Conversaciones Globales tratan los pasos para
  implementar las prioridades principales (la inscripción cerró el 4 de diciembre).
- **Enero y febrero de 2021:** llamadas de seguimiento sobre prioridades concretas; 151 personas
  participaron en la llamada sobre el Consejo Global Interino y 90 en la llamada sobre los
  centros.

Los resultados y los datos en bruto se publican con este informe, para que cualquiera pueda
volver a calcularlos.

*Demo: las fechas, el número de participantes, las ocho prioridades y las llamadas de
seguimiento son las de 2020; las papeletas contadas en esta página son datos de ejemplo,
construidas para dar el mismo orden de prioridades.*"""


# --- Round 3: open now, to try the ballot ------------------------------------------------------

OPEN_TITLE = "Try it: which initiatives should your community take up next? (sample round)"
OPEN_QUESTION = "Which initiatives should your community or affiliate take up in the coming year?"
OPEN_INSTRUCTIONS = """\
A sample round to try prioritization: rank up to **five** initiatives, the most important
first. Any signed-in person can cast a ballot and change it until the close; the
representatives of the groups listed here submit their group's priorities with a reason for
each. Results are shown when the round closes.

*Demo: this round, its groups' submissions and its ballots are sample data.*"""

CONVERSATIONS_REPORT_AR = """\
## الأولويات العالمية الناشئة

شارك قرابة 250 من أعضاء مجتمع ويكيميديا في الجلستين المتطابقتين من المحادثات العالمية، ومدة
كلٍّ منهما أربع ساعات، يومي 21 و22 نوفمبر 2020، مع ترجمة فورية إلى العربية والصينية والفرنسية
والألمانية والإندونيسية والروسية والإسبانية. وانطلاقًا من الأولويات التي شاركها مسبقًا قرابة 50
مجتمعًا ومنظمة تابعة، تساءلوا: أيّ المبادرات الخمس والأربعين أهمّ من غيرها للتنسيق على المستوى
العالمي وللتنفيذ في عام 2021؟

### ثماني أولويات عالمية

- **A.** ميثاق الحركة والمجلس العالمي المؤقت والمجلس العالمي (المبادرات 22 و23 و24)
- **B.** منهجية لتحسين تجربة المستخدم في منصة ويكيميديا وموارد للقادمين الجدد (9 و11)، مع
  أدوات مشتركة بين الويكيات
- **C.** نهج عالمي لتنمية المهارات محليًا وخطة لتطوير القيادة وبنية تحتية لتنمية المهارات
  (31 و32 و33)
- **D.** المراكز الإقليمية والموضوعية (25)
- **E.** تمويل المجتمعات الممثلة تمثيلًا ناقصًا (2)
- **F.** زيادة الوعي بحركة ويكيميديا (3)
- **G.** مواءمة ممارساتنا لدعم الاستدامة البيئية (8)
- **H.** تحديد المواضيع ذات الأثر وسدّ الفجوات في المحتوى ومبادرات المحتوى في المجتمعات
  الممثلة تمثيلًا ناقصًا (36 و37 و38)

### الخطوات التالية

- **5 و6 ديسمبر 2020:** تناقش المحادثات العالمية التالية خطوات تنفيذ الأولويات الأولى (أُغلق
  التسجيل في 4 ديسمبر).
- **يناير وفبراير 2021:** مكالمات متابعة حول أولويات بعينها؛ انضمّ 151 شخصًا إلى المكالمة
  الخاصة بالمجلس العالمي المؤقت و90 شخصًا إلى المكالمة الخاصة بالمراكز.

تُنشر النتائج والبيانات الأولية مع هذا التقرير، حتى يتمكّن أي شخص من إعادة حسابها.

*عرض تجريبي: التواريخ وعدد المشاركين والأولويات الثماني ومكالمات المتابعة هي تلك التي جرت في عام
2020؛ أما بطاقات الاقتراع المحسوبة في هذه الصفحة فهي بيانات نموذجية، صيغت لتعطي ترتيب الأولويات
نفسه.*"""
