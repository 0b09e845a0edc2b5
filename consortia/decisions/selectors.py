"""Reads for the decisions pages: the polls of a partnership, the decision log,
and a poll's results, turnout per organisation and quorum.

A poll page costs the same number of queries whatever the number of voters:
options, ballots (with their voters), and two aggregate queries for turnout.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from consortia.accounts.models import User
from consortia.decisions.rules import ELECTORATE_ROLES, vote_capacities
from consortia.organisations.models import Membership
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners
from consortia.partnerships.selectors import partnership_ids_for_user

from . import counting
from .kinds import KINDS, OptionResult, PairwiseRow, RoundLine, kind_of
from .models import NEEDS_REASON, Ballot, Poll, PollOption, SealedBallot, Voted

# Ballots still linked to voters, and those sealed when an anonymous poll closed.
BALLOTS = Count("ballots", distinct=True) + Count("sealed_ballots", distinct=True)


def poll_list(partnership: Partnership, *, status: str) -> QuerySet[Poll]:
    """Open (soonest to close first) or closed (most recent first) polls, with their
    ballot counts."""
    polls = partnership.polls.filter(status=status).annotate(ballot_count=BALLOTS)
    return (
        polls.order_by("closes_at", "id")
        if status == Poll.Status.OPEN
        else polls.order_by("-closed_at", "-id")
    )


def decision_log(partnership: Partnership) -> QuerySet[Poll]:
    """What the partnership decided: closed polls with a written outcome, latest first."""
    return (
        partnership.polls.filter(status=Poll.Status.CLOSED)
        .exclude(outcome="")
        .annotate(ballot_count=BALLOTS)
        .order_by("-closed_at", "-id")
    )


def poll_options(poll: Poll) -> list[PollOption]:
    """The poll's options in their order: one query."""
    return list(poll.options.all())


def poll_ballots(poll: Poll) -> list[Ballot] | list[SealedBallot]:
    """The ballots to count: a sealed (closed anonymous) poll's unlinked ones."""
    if poll.is_sealed:
        return list(poll.sealed_ballots.all())
    return list(
        poll.ballots.select_related("voter_user", "voter_partner__organisation").order_by("created_at", "id")
    )


@dataclass
class TurnoutLine:
    partner: Partner
    voted: int  # ballots: 0 or 1 for an organisation vote, else its members who voted
    eligible: int  # 1 for an organisation vote, else its members
    weight: int = 1  # the votes its ballot counts for (weighted basis)


@dataclass
class OrganisationVote:
    """Members' majority basis: how one organisation's members voted, and its vote."""

    partner: Partner
    members_voted: int
    counts: list[tuple[PollOption, int]]  # its members' ballots per option
    option: PollOption | None  # its vote; None when no member voted or the top options tie


@dataclass
class Results:
    options: list[OptionResult]
    turnout: list[TurnoutLine]
    ballots: int
    participants_voted: int  # individual participants, outside any organisation
    orgs_taking_part: int
    eligible_orgs: int
    voters_eligible: int
    quorum_met: bool
    leading: list[PollOption] = field(default_factory=list)
    runoff: list[RoundLine] = field(default_factory=list)  # ranked choice: instant-runoff rounds
    pairwise: list[PairwiseRow] = field(default_factory=list)  # ranked choice: Schulze's d[a][b]
    condorcet: list[PollOption] = field(default_factory=list)  # ranked choice: Schulze winners
    organisation_votes: list[OrganisationVote] = field(default_factory=list)  # members' majority
    counted: int = 0  # votes counted: ballots, organisations' votes (members' majority) or weights
    voter_orgs: dict[int, list[int]] = field(default_factory=dict)  # voter's eligible organisations
    template: str = "decisions/partials/results_votes.html"  # the kind's results layout (kinds.py)


def eligible_partners(poll: Poll) -> list[Partner]:
    """The active partners whose role the poll's electorate includes (observers
    never): no query once the partnership's partners are loaded (active_partners)."""
    roles = ELECTORATE_ROLES[poll.electorate]
    return [p for p in active_partners(poll.partnership) if p.role in roles]


def poll_voters(poll: Poll, ballots: Sequence[Ballot | SealedBallot]) -> list[tuple[int | None, int | None]]:
    """(voter user id, voter partner id) of each voter: from the ballots, or for a
    sealed poll from the Voted records (one more query)."""
    if poll.is_sealed:
        return list(poll.voted.values_list("voter_user_id", "voter_partner_id"))
    return [(b.voter_user_id, b.voter_partner_id) for b in ballots]


def poll_vote_partners(user: User | AnonymousUser, poll: Poll) -> list[Partner]:
    """The partner organisations the user may cast this poll's ballot for (their
    admin or representative, in a one-vote-per-organisation poll)."""
    return [c for c in vote_capacities(user, poll) if c is not None]


@dataclass
class BallotState:
    """The viewer's part in a poll: whether and for whom they may vote, the
    ballots that are theirs (their own and their organisations'), and whether they
    voted (for a sealed poll, from Voted: its ballots name nobody)."""

    may_vote: bool
    partners: list[Partner]  # the organisations they vote for
    mine: list[Ballot]
    i_voted: bool

    @property
    def ballot_to_change(self) -> Ballot | None:
        """The ballot the voting form starts from: theirs when they have exactly one."""
        return self.mine[0] if len(self.mine) == 1 else None


def poll_ballot_state_for_user(
    user: User | AnonymousUser,
    poll: Poll,
    ballots: Sequence[Ballot | SealedBallot],
    voters: list[tuple[int | None, int | None]],
) -> BallotState:
    """The viewer's BallotState, from the page's ballots and voters: no query
    beyond those that find whether they may vote (decisions.rules.vote_capacities)."""
    capacities = vote_capacities(user, poll)
    partners = [c for c in capacities if c is not None]
    my_partner_ids = {p.pk for p in partners}
    # A sealed poll's ballots name no voter, so none of them is anyone's.
    mine = [
        b
        for b in ballots
        if isinstance(b, Ballot) and (b.voter_user_id == user.pk or b.voter_partner_id in my_partner_ids)
    ]
    i_voted = any(u == user.pk or p in my_partner_ids for u, p in voters if u or p)
    return BallotState(bool(capacities), partners, mine, i_voted)


def poll_results(
    poll: Poll,
    options: list[PollOption],
    ballots: Sequence[Ballot | SealedBallot],
    voters: list[tuple[int | None, int | None]] | None = None,
) -> Results:
    """Counts per option, turnout per eligible organisation and whether the quorum is met.

    What is shared by every kind is here: turnout, the basis and the quorum; the
    count itself and its results layout are the poll's kind's (kinds.py).

    On the members' majority basis each organisation's members vote as people and
    the options count organisations' votes (counting.group_majority: a tie casts no
    vote); a voter in several eligible organisations counts in each, and a ballot by
    someone in none (an individual participant) counts as one vote of its own."""
    if voters is None:
        voters = poll_voters(poll, ballots)
    kind = kind_of(poll)
    partners = eligible_partners(poll)
    weights: dict[int, int] = {}
    if poll.weighted:
        weights = dict(poll.weights.values_list("partner_id", "weight"))
    turnout, orgs_of = _turnout(poll, partners, voters, weights)

    choices = [b.choice for b in ballots]
    organisation_votes: list[OrganisationVote] = []
    if poll.by_members_majority:
        organisation_votes, choices = _members_majority(options, partners, ballots, orgs_of)
    if poll.weighted:
        # Each organisation's ballot counts its weight (1 if the poll copied none for
        # it); an individual participant's ballot counts one.
        pairs = [(b.choice, weights.get(b.voter_partner_id, 1) if b.voter_partner_id else 1) for b in ballots]
        choices, n = kind.weigh(pairs), sum(w for _, w in pairs)
    else:
        n = len(choices)
    tally = kind.tally(poll, options, choices, n)

    participants_voted = _participants_voted(poll, voters)
    participants = poll.partnership.participants.active().count() if poll.electorate == "everyone" else 0
    orgs_taking_part = sum(1 for line in turnout if line.voted)
    if poll.per_organisation:
        voters_eligible = len(partners) + participants
    else:
        voters_eligible = sum(line.eligible for line in turnout) + participants
    if poll.quorum_by == Poll.QuorumBy.ORGANISATIONS:
        took_part, of = orgs_taking_part, len(partners)
    else:
        took_part, of = len(ballots), voters_eligible
    quorum_met = of > 0 and took_part * 100 >= poll.quorum_percent * of
    return Results(
        options=tally.lines,
        turnout=turnout,
        ballots=len(ballots),
        participants_voted=participants_voted,
        orgs_taking_part=orgs_taking_part,
        eligible_orgs=len(partners),
        voters_eligible=voters_eligible,
        quorum_met=quorum_met,
        leading=[o for o in options if o.key in tally.winners],
        organisation_votes=organisation_votes,
        counted=n,
        voter_orgs=orgs_of,
        template=kind.template,
        **tally.extra,
    )


def _turnout(
    poll: Poll, partners: list[Partner], voters: list[tuple[int | None, int | None]], weights: dict[int, int]
) -> tuple[list[TurnoutLine], dict[int, list[int]]]:
    """Turnout per eligible partner, and (voting as people) each voter's eligible
    organisations: none for an organisation vote, two aggregate queries otherwise."""
    orgs_of: dict[int, list[int]] = {}
    if poll.per_organisation:
        voted_partners = {partner_id for _, partner_id in voters if partner_id}
        turnout = [TurnoutLine(p, int(p.pk in voted_partners), 1, weights.get(p.pk, 1)) for p in partners]
        return turnout, orgs_of
    org_ids = [p.organisation_id for p in partners]
    members = dict(
        Membership.objects.filter(organisation_id__in=org_ids)
        .values_list("organisation_id")
        .annotate(n=Count("id"))
    )
    voter_ids = {user_id for user_id, _ in voters if user_id}
    if voter_ids:
        for user_id, org_id in Membership.objects.filter(
            organisation_id__in=org_ids, user_id__in=voter_ids
        ).values_list("user_id", "organisation_id"):
            orgs_of.setdefault(user_id, []).append(org_id)
    voted = Counter(org_id for org_ids_of_user in orgs_of.values() for org_id in org_ids_of_user)
    turnout = [TurnoutLine(p, voted[p.organisation_id], members.get(p.organisation_id, 0)) for p in partners]
    return turnout, orgs_of


def _members_majority(
    options: list[PollOption],
    partners: list[Partner],
    ballots: Sequence[Ballot | SealedBallot],
    orgs_of: dict[int, list[int]],
) -> tuple[list[OrganisationVote], list[list[str]]]:
    """Each eligible organisation's vote from its members' ballots, and the choices
    to count: one per organisation that has a majority, one per individual's ballot."""
    keys = [o.key for o in options]
    by_key = {o.key: o for o in options}
    by_org: dict[int, list[Any]] = {}
    individual: list[Any] = []
    for ballot in ballots:
        orgs = orgs_of.get(ballot.voter_user_id) if ballot.voter_user_id is not None else None
        if not orgs:
            individual.append(ballot.choice)
        for org_id in orgs or []:
            by_org.setdefault(org_id, []).append(ballot.choice)
    votes = []
    for partner in partners:
        member_choices = by_org.get(partner.organisation_id, [])
        totals = counting.plurality(keys, member_choices).totals
        majority = counting.group_majority(keys, member_choices)
        votes.append(
            OrganisationVote(
                partner,
                len(member_choices),
                [(o, totals.get(o.key, 0)) for o in options],
                by_key.get(majority) if majority is not None else None,
            )
        )
    return votes, [[v.option.key] for v in votes if v.option is not None] + individual


def _participants_voted(poll: Poll, voters: list[tuple[int | None, int | None]]) -> int:
    if poll.electorate != "everyone":
        return 0
    voter_ids = {user_id for user_id, _ in voters if user_id}
    if not voter_ids:
        return 0
    return poll.partnership.participants.active().filter(Q(user_id__in=voter_ids)).count()


def results_visible(poll: Poll) -> bool:
    """Whether the results may be shown now: always, except while a poll that hides
    them until it closes is open. No query."""
    return not (poll.results_hidden and poll.is_open)


def choice_labels(ballot: Ballot | SealedBallot, options: list[PollOption]) -> str:
    """A ballot's choice as text, the options' labels in place of their keys
    ("Option A, Option C", or "Option A: 3, Option B: 1" for a {key: value}
    choice). No query."""
    labels = {o.key: o.label for o in options}
    if isinstance(ballot.choice, dict):
        return ", ".join(f"{labels.get(k, k)}: {v}" for k, v in ballot.choice.items())
    return ", ".join(labels.get(k, k) for k in ballot.choice)


# --- voice balance -------------------------------------------------------------------------------


@dataclass
class VoiceLine:
    """How much one organisation (or one kind of organisation) has had a say."""

    name: str
    partners: int = 1
    proposed: int = 0  # polls opened by its members
    took_part: int = 0  # polls it voted in (through its vote or its members')
    objected: int | None = 0  # objections and blocks in polls that were not anonymous (None: not shown)
    partner_id: int | None = None  # the partner of an organisation's line (None on a kind's line)


# The kinds with an answer that objects (an objection or a block), from the kinds' table,
# so the partnership's balance counts what each poll's own balance counts.
OBJECTING_KINDS = [kind for kind, entry in KINDS.items() if {key for key, _ in entry.answers} & NEEDS_REASON]


def voice_balance(partnership: Partnership) -> tuple[list[VoiceLine], list[VoiceLine], int]:
    """For each voting partner and each kind of organisation: polls proposed, taken
    part in, and objected to, with the number of polls, so an imbalance shows.
    Proposals come from the event log (poll.opened names the organisation);
    taking part from Voted (so anonymous polls count); objections only from
    ballots still linked to a voter (an anonymous poll's never are). Six queries."""
    from consortia.core.models import Event

    partners = [p for p in active_partners(partnership) if p.role != "observer"]
    org_ids = [p.organisation_id for p in partners]
    polls = partnership.polls.count()
    proposed = dict(
        Event.objects.filter(partnership=partnership, verb="poll.opened", organisation_id__in=org_ids)
        .values_list("organisation_id")
        .annotate(n=Count("id"))
    )
    took_part: dict[int, set[int]] = {org_id: set() for org_id in org_ids}
    voted = Voted.objects.filter(poll__partnership=partnership)
    for org_id, poll_id in voted.filter(voter_partner__isnull=False).values_list(
        "voter_partner__organisation_id", "poll_id"
    ):
        took_part.get(org_id, set()).add(poll_id)
    for org_id, poll_id in voted.filter(voter_user__memberships__organisation_id__in=org_ids).values_list(
        "voter_user__memberships__organisation_id", "poll_id"
    ):
        took_part[org_id].add(poll_id)
    objected: Counter[int] = Counter()
    linked = Ballot.objects.filter(
        poll__partnership=partnership, poll__anonymous=False, poll__kind__in=OBJECTING_KINDS
    )
    objections = [
        (partner_org, user_id)
        for choice, partner_org, user_id in linked.values_list(
            "choice", "voter_partner__organisation_id", "voter_user_id"
        )
        if set(choice) & NEEDS_REASON
    ]
    users = {user_id for _, user_id in objections if user_id}
    orgs_of: dict[int, list[int]] = {}
    for user_id, org_id in Membership.objects.filter(
        user_id__in=users, organisation_id__in=org_ids
    ).values_list("user_id", "organisation_id"):
        orgs_of.setdefault(user_id, []).append(org_id)
    for partner_org, user_id in objections:
        objected.update([partner_org] if partner_org else orgs_of.get(user_id, []))
    lines = [
        VoiceLine(
            p.organisation.name,
            proposed=proposed.get(p.organisation_id, 0),
            took_part=len(took_part[p.organisation_id]),
            objected=objected[p.organisation_id],
            partner_id=p.pk,
        )
        for p in partners
    ]
    return lines, _voices_by_kind(partners, lines), polls


def _voices_by_kind(partners: list[Partner], lines: list[VoiceLine]) -> list[VoiceLine]:
    """The organisations' lines added up by kind of organisation, by name."""
    from consortia.organisations.models import Organisation

    by_kind: dict[str, VoiceLine] = {}
    for partner, line in zip(partners, lines, strict=True):
        kind = Organisation.Kind(partner.organisation.kind).label
        total = by_kind.setdefault(
            kind, VoiceLine(kind, partners=0, objected=None if line.objected is None else 0)
        )
        total.partners += 1
        total.proposed += line.proposed
        total.took_part += line.took_part
        if line.objected is not None and total.objected is not None:
            total.objected += line.objected
    return sorted(by_kind.values(), key=lambda line: line.name)


def poll_voice_balance(
    poll: Poll, results: Results, ballots: Sequence[Ballot | SealedBallot]
) -> tuple[list[VoiceLine], list[VoiceLine]]:
    """One poll's voice balance, for each eligible organisation and each kind of
    organisation: whether it proposed the poll (the organisation its poll.opened
    event names: one query), took part (turnout), and how many objections or
    blocks came from it. Objections are shown (not None) only when the poll is not
    anonymous and its results are visible: otherwise they would tell how
    an organisation voted. Ballots and turnout are the page's own: no other query."""
    from consortia.core.models import Event

    proposer = (
        Event.objects.filter(verb="poll.opened", object_type="poll", object_uuid=poll.uuid)
        .values_list("organisation_id", flat=True)
        .first()
    )
    partners = [line.partner for line in results.turnout]
    objected: Counter[int | None] | None = None
    if not poll.anonymous and results_visible(poll):
        objected = Counter()
        org_of_partner = {p.pk: p.organisation_id for p in partners}
        for ballot in ballots:
            if isinstance(ballot.choice, list) and set(ballot.choice) & NEEDS_REASON:
                if ballot.voter_partner_id:
                    objected[org_of_partner.get(ballot.voter_partner_id)] += 1
                elif ballot.voter_user_id is not None:
                    objected.update(results.voter_orgs.get(ballot.voter_user_id, []))
    lines = [
        VoiceLine(
            line.partner.organisation.name,
            proposed=int(line.partner.organisation_id == proposer),
            took_part=int(bool(line.voted)),
            objected=None if objected is None else objected[line.partner.organisation_id],
        )
        for line in results.turnout
    ]
    return lines, _voices_by_kind(partners, lines)


def polls_closing_for_feed(user: User) -> QuerySet[Poll]:
    """The open polls of the partnerships `user` is an active member of, soonest to
    close first, with their partnerships: what the calendar feed shows (one query)."""
    return (
        Poll.objects.filter(status=Poll.Status.OPEN, partnership__in=partnership_ids_for_user(user))
        .select_related("partnership")
        .order_by("closes_at", "id")
    )
