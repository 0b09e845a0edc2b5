"""What a partnership can do about each cause the radar names: one table entry per
cause (each mark of inertia in warning.MARKS and each health check factor), each with
one to three remedies in our own words.

The remedies come from the theory of collaborative advantage (Huxham and Vangen:
modest aims and small wins build trust; each organisation's own aims stated openly;
power imbalances managed; leadership through structures and processes, not only
people) and from partnership practice. Each has the title of the agenda item it
becomes with one click, and a short why.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Remedy:
    key: str
    title: str  # what to do
    agenda_title: str  # the agenda item it becomes
    why: str


REMEDY_LIST = (
    Remedy(
        "refocus_on_outcomes",
        "Refocus a meeting on outcomes",
        "Our outcomes: where we are and what moves them next",
        "Partnerships slow down when they lose sight of results. A meeting that starts from "
        "the outcomes' progress brings the work back to the difference it is meant to make.",
    ),
    Remedy(
        "review_vision",
        "Review the agreement's vision",
        "Review our shared vision and aims",
        "Aims that were never really agreed pull partners in different directions. Revisiting "
        "them together shows where the common ground is, and where it ends.",
    ),
    Remedy(
        "modest_aim",
        "Set a modest shared aim that can be won quickly",
        "A small shared aim we can achieve in the next month",
        "Trust grows in a loop: a modest aim achieved together builds the trust that bigger "
        "aims need. Start small and build on the win.",
    ),
    Remedy(
        "restate_aims",
        "Ask each partner to restate its own aims openly",
        "Each partner's own aims, said openly",
        "Every organisation joins for its own reasons as well as the shared ones. Saying them "
        "openly, instead of pretending every aim is shared, stops hidden agendas pulling the "
        "work apart.",
    ),
    Remedy(
        "rotate_chair",
        "Rotate the chair",
        "Who chairs our meetings: agreeing a rotation",
        "Leadership comes from how a partnership is run as much as from who runs it. A chair "
        "that rotates spreads both the say and the load.",
    ),
    Remedy(
        "one_organisation_one_vote",
        "Decide by one organisation, one vote",
        "How we decide: one organisation, one vote",
        "Power often follows the purse strings. A vote for each organisation, whatever its "
        "size, keeps the smaller partners' say equal.",
    ),
    Remedy(
        "facilitated_conversation",
        "Hold a facilitated conversation about a conflict",
        "A facilitated conversation about where we disagree",
        "Conflict left alone persists and competition grows in the silence. Someone neutral "
        "in the chair lets partners name it safely and agree a way through.",
    ),
    Remedy(
        "decision_dates",
        "Give every open decision a date",
        "Open decisions: a date for each",
        "Decisions that drift hold up everything that depends on them. A date for each, "
        "and what happens if it passes, keeps the pace up.",
    ),
    Remedy(
        "reply_promise",
        "Agree how quickly we answer each other",
        "How quickly we answer each other, and who answers what",
        "Slow replies are often nobody's job. Agreeing who answers what, and by when, speeds "
        "the partnership up without adding meetings.",
    ),
    Remedy(
        "talk_to_action",
        "End each discussion with an owner and a date",
        "From discussion to action: an owner and a date for each item",
        "Much talk for each thing done is the hard grind of inertia. Closing every item "
        "with a named owner and a date turns the talk into output.",
    ),
    Remedy(
        "stop_something",
        "Agree what to stop doing",
        "What we will stop doing, to focus on what matters",
        "A partnership that takes on everything finishes little. Dropping or pausing the "
        "least important work frees time for what the outcomes need.",
    ),
    Remedy(
        "fair_shares",
        "Look together at who contributes, benefits and decides",
        "Fair shares: who contributes, who benefits, who decides",
        "Partners who feel unequal step back. Looking at the shares together brings an "
        "imbalance into the open, where it can be managed.",
    ),
    Remedy(
        "keep_informed",
        "Agree how partners keep each other informed",
        "How we keep each other informed",
        "Partners cannot join up what they do not hear about. A simple habit, such as a "
        "short update from each partner before each meeting, keeps everyone in the picture.",
    ),
    Remedy(
        "hear_service_users",
        "Invite service users and the community to shape the next step",
        "Hearing from service users and the community",
        "The partnership exists for the people it serves. Hearing them directly keeps the "
        "work on their needs and widens who takes part in decisions.",
    ),
    Remedy(
        "offers_and_gaps",
        "Map what each partner can bring against what is missing",
        "What each partner can bring: offers and gaps",
        "Resources are pooled when partners can see the gaps and each other's offers side "
        "by side, and are asked for something specific.",
    ),
    Remedy(
        "share_practice",
        "Ask each partner to share one thing it does well",
        "Good practice: one thing each partner does well",
        "Learning from each other is one of the benefits partnership promises. A regular "
        "slot makes it happen rather than hoping it will.",
    ),
    Remedy(
        "discuss_health_check",
        "Talk through the health check's results",
        "Our health check: what the scores tell us",
        "A score is a starting point. Partners' own reading of it, and of the disagreement "
        "between them, is where the change begins.",
    ),
)
REMEDIES = {remedy.key: remedy for remedy in REMEDY_LIST}

# One entry per cause: each mark of inertia (warning.MARKS) and each health check
# factor (the health check's factor keys), in the order the page offers them.
CAUSE_REMEDIES: dict[str, tuple[str, ...]] = {
    # the marks of inertia
    "negligible_output": ("refocus_on_outcomes", "modest_aim", "review_vision"),
    "slow_pace": ("decision_dates", "reply_promise", "rotate_chair"),
    "hard_grind": ("talk_to_action", "stop_something", "modest_aim"),
    "uneven_participation": ("fair_shares", "one_organisation_one_vote", "rotate_chair"),
    # the health check's factors
    "results": ("refocus_on_outcomes", "modest_aim"),
    "vision": ("review_vision", "restate_aims"),
    "trust": ("modest_aim", "restate_aims", "facilitated_conversation"),
    "commitment": ("restate_aims", "modest_aim"),
    "conflict": ("facilitated_conversation", "one_organisation_one_vote"),
    "equality": ("fair_shares", "one_organisation_one_vote", "rotate_chair"),
    "communication": ("keep_informed", "reply_promise"),
    "participation": ("hear_service_users",),
    "resources": ("offers_and_gaps", "fair_shares"),
    "learning": ("share_practice",),
}
# A factor the table does not know yet (a new question set) still gets a remedy.
FALLBACK = ("discuss_health_check",)


def remedies_for(cause: str) -> tuple[Remedy, ...]:
    """The remedies for a cause's key, in the table's order."""
    return tuple(REMEDIES[key] for key in CAUSE_REMEDIES.get(cause, FALLBACK))
