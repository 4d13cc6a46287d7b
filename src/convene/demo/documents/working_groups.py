"""The nine Wikimedia 2030 working groups' draft recommendations, as listed on Meta-Wiki.

Iteration 1 (August 2019) are the abbreviated summaries; iteration 2 (September 2019) the
refined lists. Texts and numbering are those of the source page. Where the page has no list
for an iteration (Community Health in iteration 1, Roles & Responsibilities in iteration 2)
the list is None and nothing is invented in its place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WorkingGroup:
    slug: str
    name: str
    iteration_1: list[str] | None
    iteration_2: list[str] | None
    # What changed between the two lists, as the lists themselves show it.
    changes: str


ADVOCACY = WorkingGroup(
    slug="advocacy",
    name="Advocacy",
    iteration_1=[
        "1. A global network of Wikimedia advocates is built on community driven rules of engagement. There are established entry points for those who want to be involved or want to initiate advocacy activities. Processes for decision making are known and comprehensible.",
        "2. Community actively seeks and provides a good environment and tailored pathways that attracts more people (professionals and volunteers) from a variety and diversity of languages and cultural backgrounds to engage in advocacy for Wikimedia on a local or global level.",
        "3. There is an established communication process for community advocates to have central conversations about advocacy.",
        "4. There is constant knowledge management about methods, cases, success stories, and failures for all advocates to access and learn from, processed and maintained by, with and for them.",
        "5. Movement advocacy efforts are streamlined and reinforced by a hub run with and for current and future advocates.",
        "6. The advocacy priorities of the Wikimedia movement are clearly articulated through a shared, highly visible and living document.",
    ],
    iteration_2=[
        "1. Transparency: A global network of Wikimedia advocates is built on community driven rules of engagement. Processes for decision making are known and comprehensible. There are established entry points for those who want to be involved or want to initiate advocacy activities",
        "2. Diversity: Community actively seeks and provides a good environment and tailored pathways that attracts more people from a variety and diversity of languages and cultural backgrounds to engage in advocacy for Wikimedia on a local or global level",
        "3. Global conversation: There is an established communication process for community advocates to have central conversations about advocacy",
        "4. Knowledge management: There is constant knowledge management about methods, cases, success stories, and failures for all advocates to access and learn from, processed and maintained by, with and for them",
        "5. Advocacy Hub: Movement advocacy efforts are streamlined and reinforced by a hub run with and for current and future advocates",
        "6. Common positioning: The advocacy priorities of the Wikimedia movement are clearly articulated through a shared, highly visible and living document",
        "7. Partnerships: Advocates for the Wikimedia movement are able to collaborate with and build upon an existing global network of partners working on aligned advocacy issues",
        "8. Empowerment of advocates: Advocacy is recognized and encouraged as a valid pathway in the Wikimedia Movement",
        "9. Self-Determination: Subsidiary decentralisation should be a model of collaboration for advocacy across the movement",
        "10. Protection of Advocates: Advocates have access to clearly defined and accessible safety measures enabling them to work without having their personal and communal security compromised",
    ],
    changes=(
        "Each of the six recommendations now starts with a short title (Transparency, "
        "Diversity, Global conversation, Knowledge management, Advocacy Hub, Common "
        "positioning), and four are new: Partnerships, Empowerment of advocates, "
        "Self-Determination and Protection of Advocates."
    ),
)

_CAPACITY_BUILDING = [
    "1. Building Capacity for Capacity Building",
    "2. Matching human assets and online knowledge resources with capacity building needs",
    "3. Capacity Building Should Occur in Context",
    "4. Provide Capacity Building for Organizational Development\n"
    "   Or: Supporting communities in achieving their organizational development goals",
    "5. Resources for Capacity Building",
    "6. Evaluating Capacity Building",
    "7. Online Training",
    "8. Mentoring and leadership development",
    "9. Recognizing Individuals",
    "10. Independently governed Capacity Building ‘Unit’",
]

CAPACITY_BUILDING = WorkingGroup(
    slug="capacity-building",
    name="Capacity Building",
    iteration_1=_CAPACITY_BUILDING,
    iteration_2=list(_CAPACITY_BUILDING),
    changes="The ten recommendation titles are the same as in iteration 1.",
)

COMMUNITY_HEALTH = WorkingGroup(
    slug="community-health",
    name="Community Health",
    iteration_1=None,
    iteration_2=[
        "1. A joint set of rules we all agree to live by (a.k.a. Code of Conduct)",
        "2. Redefining power structures to better serve the communities",
        "3. Building the leadership of the future",
        "4. Structure for handling conflicts- before, during and after",
        "5. Investing in building an inclusive global community",
        "6. Newcomers are a key indicator to the success of the movement",
        "7. “Democratizing” participation (making Wikipedia/Wikimedia everyone’s responsibility) and reducing barriers for participation",
        "8. Privacy and security for everyone",
        "9. Opening the circle: All terrain readiness",
        "10. Network to continually support community health",
        "11. Aligning resource allocation with community health goals",
        "12. Investing in equity-centered technologies",
    ],
    changes="",
)

DIVERSITY = WorkingGroup(
    slug="diversity",
    name="Diversity",
    iteration_1=[
        "1. Code of Conduct",
        "2. Content Diversity Metrics and Guidelines",
        "3. Digitization and Resource Prioritization for Marginalized Groups",
        "4. Adopting Body Quotas for All Governing Bodies",
        "5. Identifying the Wikimedia Editing and Community Diversity Barriers in Each Country and Introduce Them in Wikidata",
        "6. Parameterized User Pages for Encouraging and Measuring Community Diversity",
        "7. Ombudsperson / Community-WMF Liaison",
        "8. Resource Allocation for Securing Diversity in International Collaborations",
        "9. Terms of Use/Licensing Policy",
        "10. Wikioral, a Project with Voice Recordings",
        "11. Creating a Wikipedia Diversity Newsletter",
        "12. Language diversity",
        "13. Develop Different Policies for Notability and Reliable Sources",
    ],
    iteration_2=[
        "1. Introducing people-centered principles within the Wikimedia movement",
        "2. Reaching a self-aware and dynamic structure aimed at community diversity and health",
        "3. Redesigning the platforms for more diversity of people and content experiences",
        "4. Planned community diversification",
        "5. Reflective policies for participation and governance",
        "6. Establishing partnerships in order to represent and protect worlds’ cultural diversity",
        "7. Decentralized administrative structure for resource allocation",
        "8. Bridging different local contexts and Wikimedia projects' notability and verifiability policies",
    ],
    changes=(
        "The thirteen specific proposals of iteration 1 give way to eight broader "
        "recommendations, from people-centered principles to notability and verifiability "
        "policies that bridge local contexts."
    ),
)

PARTNERSHIPS = WorkingGroup(
    slug="partnerships",
    name="Partnerships",
    iteration_1=[
        "*Note: some of the recommendations are not based on full consensus of all the members of the working group yet. We are looking forward to discussing the nuances of these at Wikimania.",
        "“How might we build Wikimedia into an effective convener of impactful partnerships, coalitions, and collective action based on a shared vision of free Open Knowledge Movement, such as the “Big Open” framework? What should be the purpose of such partnerships?”",
        "## Summary of recommendations",
        "1. A Framework that Supports Partnerships",
        "2. Partnerships as a shared and equitable resource and enterprise",
        "3. Partnerships as part of a Distributed Vision",
        "4. Partnerships need practices that foster institutional memory",
        "5. Define priorities for partnerships so that all key aspects of building the free knowledge ecosystem are covered",
        "6. A single point of entry for partners to engage with Wikimedia",
        "“How do we develop technical infrastructure, capacities and the support we need in order to be an effective partner to share ‘the sum of all knowledge” and fulfill the vision of knowledge as a service for our partners?”",
        "1. A central infrastructure for content partnerships requiring technical solutions",
        "2. Technical Partnership For Developments under a shared vision and resource collaboration",
        "3. Partnership framework for harnessing modern technological developments",
        "4. Data partnerships approach to fulfill the vision of knowledge as a service for our partners",
        "5. Create an internal knowledge-base to curate details of partnerships across the movement",
        "6. Develop Capacity Building Modules for running partnership",
        "“How can we empower people and organizations working on partnerships within our Movement to get the support they need to fulfill our potential and carry out diverse, sustainable, effective and impactful partnerships?”",
        "“How do we create an inclusive, movement-wide culture of sharing knowledge, skills, and practices on collaborations and partnerships - so that everyone in the movement can participate in and benefit from them?”",
        "1. Recognition. Encourage proper attribution for content donations so institutions working with us are proud of their contribution and are acknowledged for their contribution",
        "2. Encourage partnerships focusing on Knowledge gaps and knowledge equity",
        "3. Documentation as a priority, not an afterthought, ending a barrier to participation and capturing our methodology and instructions in formats accessible for our global audiences",
    ],
    iteration_2=[
        "1. Provide the knowledge needed for understanding and solving global issues",
        "2. Wikimedia as steward of the Free Knowledge Ecosystem",
        "3. Shared ecosystem of services and tools for content partnerships",
        "4. Data partnerships approach to fulfill the vision of knowledge as a service for our partners",
        "5. Focus on knowledge equity when determining priorities for Partnerships",
        "6. Partnerships as part of a Distributed Vision",
        "7. Partnerships as a shared and equitable resource and activity",
        "8. Prioritise documentation",
        "9. Invest in sharing knowledge about partnerships across the movement",
        "10. Support the skills development of people working on partnerships",
        "11. Invest in the leadership potential of community members",
        "12. Establish recognition principles for new partners for attribution and content donation",
        "13. Additional research for areas where we have identified issues but haven’t made recommendations",
    ],
    changes=(
        "Iteration 1 grouped its recommendations under the working group's guiding "
        "questions, with a note that some were not yet based on full consensus; iteration 2 "
        "is one list of thirteen recommendations, with new ones on global issues, stewardship "
        "of the free knowledge ecosystem, leadership and further research."
    ),
)

PRODUCT_TECHNOLOGY = WorkingGroup(
    slug="product-technology",
    name="Product & Technology",
    iteration_1=[
        "1. Decentralize",
        "2. Support Community Decisionmaking",
        "3. Open up Product Governance",
        "4. Deployment Council",
        "5. Tech Evangelism",
        "6. New Developer Engagement Models",
        "7. Growing the Third-Party Ecosystem",
        "8. Emerging Technology Ethics Advisory Panel",
        "9. Monitoring Product and Societal Impacts",
    ],
    iteration_2=[
        "1. Evaluate and Decentralize Technology Components",
        "2. Support Community Decision-making",
        "3. Open Product Proposal Process",
        "4. Deployment Council",
        "5. Disseminate Product Knowledge",
        "6. Realize the Potential of the Third-Party Ecosystem",
        "7. Movement Technology Ethics Review Process",
        "8. Monitoring Product Trust and Availability",
        "9. Developing an Evolving Technology Vision and Strategy",
    ],
    changes=(
        "Most titles are more specific (for example, Decentralize becomes Evaluate and "
        "Decentralize Technology Components); New Developer Engagement Models is no longer "
        "listed and Developing an Evolving Technology Vision and Strategy is new."
    ),
)

RESOURCE_ALLOCATION = WorkingGroup(
    slug="resource-allocation",
    name="Resource Allocation",
    iteration_1=[
        "1. Common Framework of Principles for Resource Allocation",
        "2. Participatory decision making for Resource Allocation",
        "3. Avoiding the pitfalls of privileges / Designing for diversity",
        "4. Distribute existing structures",
        "5. Build Thematic hubs – to provide services to the free knowledge movement long term",
        "6. Flexible approach to resource allocation in a complex, fast moving and changeable space",
        "7. Allocating resources for capacity and sustainability",
        "8. Allocate resources to new types of partners/organisations (essential infrastructure of the free knowledge ecosystem)",
        "9. Knowledge consumers",
    ],
    iteration_2=[
        "1. Set Common Framework of Principles for Resource Allocation",
        "2. Design participatory decision making for Resource Allocation",
        "3. Recognize privileges / Design for equity",
        "4. Distribute existing structures",
        "5. Build Thematic hubs – to provide services to the free knowledge movement long term",
        "6. Ensure flexible approach to resource allocation in a complex, fast moving and changeable space",
        "7. Allocate resources for capacity and sustainability",
        "8. Allocate resources to new types of partners/organisations (essential infrastructure of the free knowledge ecosystem)",
        "9. Include knowledge consumers",
    ],
    changes=(
        "The same nine recommendations, now worded as actions (Set, Design, Ensure, "
        "Allocate, Include); the third moves from avoiding the pitfalls of privileges and "
        "designing for diversity to recognizing privileges and designing for equity."
    ),
)

REVENUE_STREAMS = WorkingGroup(
    slug="revenue-streams",
    name="Revenue Streams",
    iteration_1=[
        "1. Turn the Wikimedia API into a revenue source",
        "2. Create a global support function for local affiliate fundraising",
        "3. Monetize Merchandise",
        "4. Providing Paid Wiki-related Services",
        "5. Develop non-fundraising revenue streams for affiliates",
        "6. Develop non-banner revenue streams for affiliates",
        "7. Set a goal of financial independence for all movement actors",
        "8. Diversification of revenue channel",
        "9. Movement wide principles for Revenue Streams",
    ],
    iteration_2=[
        "1. Turn the Wikimedia API into a revenue source",
        "2. Provide Paid Wiki-related Services",
        "3. Monetize merchandise",
        "4. Expand global fundraising",
        "5. Develop non-fundraising revenue streams for affiliates",
        "6. Set a goal of financial sustainability for all movement actors",
        "7. Diversification of revenue channels",
    ],
    changes=(
        "Nine recommendations become seven: the global support function for local affiliate "
        "fundraising, non-banner revenue streams for affiliates and movement-wide principles "
        "are no longer listed, Expand global fundraising is new, and the goal of financial "
        "independence becomes one of financial sustainability."
    ),
)

ROLES_RESPONSIBILITIES = WorkingGroup(
    slug="roles-responsibilities",
    name="Roles & Responsibilities",
    iteration_1=[
        "1. Power and responsibilities need to be redistributed on the principle of self management (subsidiarity)",
        "2. Decisions should be taken at the “lowest” possible level / as near as possible to the process/community/activity that will be affected by the decision",
        "3. To establish a framework for decision-making, there will be a charter of principles, values, and governance behaviours. The charter will be developed through an equitable process with broad and diverse participation.",
        "4. This charter will be owned by a global governance and accountability body",
        "5. All of this exists to support our primary purpose: free knowledge and its distribution",
        "6. Movement organizations are to be governed by diverse, inclusive and accountable bodies (mix of elected and appointed members)",
        "7. Capacity building, facilitation, coaching, leadership development will be built into these structures to enable all entities to develop at their speed. This will be supported by staff.",
    ],
    iteration_2=None,
    changes="",
)

WORKING_GROUPS = (
    ADVOCACY,
    CAPACITY_BUILDING,
    COMMUNITY_HEALTH,
    DIVERSITY,
    PARTNERSHIPS,
    PRODUCT_TECHNOLOGY,
    RESOURCE_ALLOCATION,
    REVENUE_STREAMS,
    ROLES_RESPONSIBILITIES,
)
