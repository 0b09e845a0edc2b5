"""The health check's questions: ten factors of collaborative advantage and inertia,
two or three statements each, answered 1-5 (strongly disagree .. strongly agree) or
"don't know".

The statements are written for Consortia, for a partnership of charities, councils,
health bodies and the people they serve; they are not items from any published
instrument (the factors follow the theory of collaborative advantage and the
partnership-assessment literature listed in docs/REFERENCES.md).

Question keys are stored with every answer: never change or reuse a key. To change
a statement's meaning, add a new key and retire the old one (answers to a retired key
are ignored by scoring).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    key: str
    text: str


@dataclass(frozen=True)
class Factor:
    key: str
    label: str
    questions: tuple[Question, ...]


SCALE: tuple[tuple[int, str], ...] = (
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
)
LOWEST, HIGHEST = SCALE[0][0], SCALE[-1][0]
DONT_KNOW = "dk"
DONT_KNOW_LABEL = "Don't know"

FACTORS: tuple[Factor, ...] = (
    Factor(
        "results",
        "Focus on results",
        (
            Question("results_1", "Our meetings spend most of their time on what we are trying to change."),
            Question(
                "results_2", "I could name something the partnership has achieved in the last six months."
            ),
            Question("results_3", "We check regularly whether our work is making the difference we planned."),
        ),
    ),
    Factor(
        "vision",
        "Shared vision and aims",
        (
            Question("vision_1", "I could explain in a sentence what this partnership is for."),
            Question("vision_2", "The partners want the same outcomes from working together."),
            Question("vision_3", "Our written aims still describe what we are really doing."),
        ),
    ),
    Factor(
        "trust",
        "Trust",
        (
            Question("trust_1", "Partners do what they say they will do."),
            Question("trust_2", "I can raise a worry in this partnership without it being held against me."),
            Question("trust_3", "Information shared here is used fairly."),
        ),
    ),
    Factor(
        "commitment",
        "Commitment to the partnership over own agendas",
        (
            Question(
                "commitment_1",
                "Partners put the partnership's aims before their own organisation's interest when the two pull apart.",
            ),
            Question("commitment_2", "Organisations send people who can make decisions for them."),
            Question(
                "commitment_3",
                "Partners would keep going with this work if their own funding for it changed.",
            ),
        ),
    ),
    Factor(
        "conflict",
        "Handling conflict and competition",
        (
            Question("conflict_1", "When partners disagree, we talk it through openly."),
            Question(
                "conflict_2", "Competing for the same funding does not stop partners working together here."
            ),
        ),
    ),
    Factor(
        "equality",
        "Equality of roles and fairness",
        (
            Question("equality_1", "Smaller partners have as much say as larger ones."),
            Question("equality_2", "Work and credit are shared fairly among the partners."),
            Question("equality_3", "How decisions are made here is clear to everyone."),
        ),
    ),
    Factor(
        "communication",
        "Communication",
        (
            Question("communication_1", "I hear about decisions that affect my work in good time."),
            Question("communication_2", "It is easy to get an answer from another partner."),
        ),
    ),
    Factor(
        "participation",
        "Participation of service users and the wider community",
        (
            Question("participation_1", "People who use services help shape what the partnership does."),
            Question("participation_2", "Carers and residents can take part in ways that suit them."),
            Question("participation_3", "We tell the community what has changed because of its views."),
        ),
    ),
    Factor(
        "resources",
        "Pooled resources",
        (
            Question(
                "resources_1", "Partners contribute staff time, money, rooms or equipment to shared work."
            ),
            Question("resources_2", "What each partner gives is recognised."),
        ),
    ),
    Factor(
        "learning",
        "Shared expertise and learning",
        (
            Question("learning_1", "I have learned something useful for my work from another partner."),
            Question("learning_2", "We look back together at what went well and what did not."),
            Question("learning_3", "Partners share their specialist knowledge freely."),
        ),
    ),
)

FACTOR_BY_KEY: dict[str, Factor] = {factor.key: factor for factor in FACTORS}
QUESTIONS: tuple[Question, ...] = tuple(q for factor in FACTORS for q in factor.questions)
QUESTION_KEYS: frozenset[str] = frozenset(q.key for q in QUESTIONS)
FACTOR_OF_QUESTION: dict[str, str] = {q.key: factor.key for factor in FACTORS for q in factor.questions}

# The relationship ratings (1-4): three items make a partner's trust, three its value.
RATING_SCALE: tuple[tuple[int, str], ...] = (
    (1, "Not at all"),
    (2, "A little"),
    (3, "Fairly"),
    (4, "Very"),
)
RATING_LOWEST, RATING_HIGHEST = RATING_SCALE[0][0], RATING_SCALE[-1][0]
TRUST_ITEMS: tuple[tuple[str, str], ...] = (
    ("reliable", "How reliable is this partner: does it follow through on what it agrees?"),
    ("mission", "How far does this partner support the partnership's shared mission?"),
    ("openness", "How open is this partner to discussion: does it listen and take part?"),
)
VALUE_ITEMS: tuple[tuple[str, str], ...] = (
    ("influence", "How much influence does this partner have on what the partnership can achieve?"),
    ("involvement", "How involved is this partner in the partnership's work?"),
    ("resources", "How much does this partner contribute in resources (people, money, places, knowledge)?"),
)
RATING_ITEMS: tuple[str, ...] = tuple(key for key, _ in TRUST_ITEMS + VALUE_ITEMS)
