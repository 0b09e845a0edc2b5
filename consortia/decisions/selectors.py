"""Reads for the decisions pages: the polls of a partnership, the decision log,
and a poll's results, turnout per organisation and quorum.

A poll page costs the same number of queries whatever the number of voters:
options, ballots (with their voters), and two aggregate queries for turnout.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from consortia.core.rules import ELECTORATE_ROLES, active_partners
from consortia.organisations.models import Membership
from consortia.partnerships.models import Partner, Partnership

from . import counting
from .models import NEEDS_REASON, POINTS_KINDS, SCORE_MAX, Ballot, Kind, Poll, PollOption, SealedBallot, Voted

# Ballots still linked to voters, and those sealed when an anonymous poll closed.
BALLOTS = Count("ballots", distinct=True) + Count("sealed_ballots", distinct=True)


TIME_WEIGHT = {"yes": 2, "maybe": 1, "no": 0}


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
    return list(poll.options.all())


def poll_ballots(poll: Poll) -> list[Ballot] | list[SealedBallot]:
    """The ballots to count: a sealed (closed anonymous) poll's unlinked ones."""
    if poll.is_sealed:
        return list(poll.sealed_ballots.all())
    return list(
        poll.ballots.select_related("voter_user", "voter_partner__organisation").order_by("created_at", "id")
    )


@dataclass
class OptionResult:
    option: PollOption
    count: int = 0  # ballots choosing it (proposal kinds and polls)
    total: int = 0  # sum of scores (score polls)
    percent: int = 0  # of ballots (or of the highest possible total, for scores)
    average: float = 0.0
    maybe: int = 0  # time polls: count is the yeses
    no: int = 0


@dataclass
class RoundLine:
    number: int
    tallies: list[tuple[PollOption, int | None]]  # None: already out of the count
    exhausted: int
    elected: PollOption | None
    eliminated: PollOption | None
    reason: str


@dataclass
class PairwiseRow:
    option: PollOption
    cells: list[tuple[PollOption, int | None, bool]]  # (against, voters preferring, wins?)


@dataclass
class TurnoutLine:
    partner: Partner
    voted: int  # ballots: 0 or 1 for an organisation vote, else its members who voted
    eligible: int  # 1 for an organisation vote, else its members


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


def eligible_partners(poll: Poll) -> list[Partner]:
    roles = ELECTORATE_ROLES[poll.electorate]
    return [p for p in active_partners(poll.partnership) if p.role in roles]


def poll_voters(poll: Poll, ballots: list) -> list[tuple[int | None, int | None]]:
    """(voter user id, voter partner id) of each voter: from the ballots, or for a
    sealed poll from the Voted records (one more query)."""
    if poll.is_sealed:
        return list(poll.voted.values_list("voter_user_id", "voter_partner_id"))
    return [(b.voter_user_id, b.voter_partner_id) for b in ballots]


def poll_results(
    poll: Poll,
    options: list[PollOption],
    ballots: list,
    voters: list[tuple[int | None, int | None]] | None = None,
) -> Results:
    """Counts per option, turnout per eligible organisation and whether the quorum is met."""
    if voters is None:
        voters = poll_voters(poll, ballots)
    keys = [o.key for o in options]
    choices = [b.choice for b in ballots]
    n = len(ballots)
    runoff = pairwise = None
    if poll.kind == Kind.SCORE:
        counted = counting.score_totals(keys, choices)
    elif poll.kind == Kind.DOT_VOTE:
        counted = counting.dot_vote_totals(keys, choices)
    elif poll.kind == Kind.TIME_POLL:
        # Yes counts 2, maybe 1: the time most can make, then the one most might.
        counted = counting.score_totals(keys, [{k: TIME_WEIGHT[a] for k, a in c.items()} for c in choices])
    elif poll.kind == Kind.RANKED:
        counted = counting.plurality(keys, choices)  # first preferences
        runoff = counting.instant_runoff(keys, choices)
        pairwise = counting.schulze(keys, choices)
    elif poll.multiple:
        counted = counting.approval_totals(keys, choices)
    else:
        counted = counting.plurality(keys, choices)
    answers = Counter((k, a) for c in choices if poll.kind == Kind.TIME_POLL for k, a in c.items())
    lines = []
    for option in options:
        total = counted.totals.get(option.key, 0)
        if poll.kind in POINTS_KINDS:
            line = OptionResult(option, total=total)
            line.average = round(total / n, 1) if n else 0.0
            best = SCORE_MAX if poll.kind == Kind.SCORE else poll.dots
            line.percent = round(100 * total / (best * n)) if n else 0
        elif poll.kind == Kind.TIME_POLL:
            line = OptionResult(option, count=answers[(option.key, "yes")], total=total)
            line.maybe, line.no = answers[(option.key, "maybe")], answers[(option.key, "no")]
        else:
            line = OptionResult(option, count=total, percent=round(100 * total / n) if n else 0)
        lines.append(line)
    # The options tied for first (before the engine's tie-break): a tie shows as a tie.
    if runoff is not None:
        winners = {runoff.winner} if runoff.winner is not None else set()
    else:
        winners = set(counted.winners) if n else set()
    leading = [o for o in options if o.key in winners]

    partners = eligible_partners(poll)
    org_ids = [p.organisation_id for p in partners]
    if poll.per_organisation:
        voted_partners = {partner_id for _, partner_id in voters if partner_id}
        turnout = [TurnoutLine(p, int(p.pk in voted_partners), 1) for p in partners]
    else:
        members = dict(
            Membership.objects.filter(organisation_id__in=org_ids)
            .values_list("organisation_id")
            .annotate(n=Count("id"))
        )
        voter_ids = {user_id for user_id, _ in voters if user_id}
        voted = (
            Counter(
                Membership.objects.filter(organisation_id__in=org_ids, user_id__in=voter_ids).values_list(
                    "organisation_id", flat=True
                )
            )
            if voter_ids
            else Counter()
        )
        turnout = [
            TurnoutLine(p, voted[p.organisation_id], members.get(p.organisation_id, 0)) for p in partners
        ]
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
        took_part, of = n, voters_eligible
    quorum_met = of > 0 and took_part * 100 >= poll.quorum_percent * of
    return Results(
        options=lines,
        turnout=turnout,
        ballots=n,
        participants_voted=participants_voted,
        orgs_taking_part=orgs_taking_part,
        eligible_orgs=len(partners),
        voters_eligible=voters_eligible,
        quorum_met=quorum_met,
        leading=leading,
        **_ranked_reasons(options, runoff, pairwise),
    )


def _ranked_reasons(options: list[PollOption], runoff, pairwise) -> dict:
    """The instant-runoff rounds and Schulze's pairwise table, with options for keys."""
    if runoff is None:
        return {}
    by_key = {o.key: o for o in options}
    rounds = [
        RoundLine(
            r.number,
            [(o, r.tallies.get(o.key)) for o in options],
            r.exhausted,
            by_key.get(r.elected),
            by_key.get(r.eliminated),
            r.reason,
        )
        for r in runoff.rounds
    ]
    table = [
        PairwiseRow(
            a,
            [
                (b, None, False)
                if a.key == b.key
                else (b, pairwise.d[a.key][b.key], pairwise.d[a.key][b.key] > pairwise.d[b.key][a.key])
                for b in options
            ],
        )
        for a in options
    ]
    return {"runoff": rounds, "pairwise": table, "condorcet": [by_key[k] for k in pairwise.winners]}


def _participants_voted(poll: Poll, voters: list[tuple[int | None, int | None]]) -> int:
    if poll.electorate != "everyone":
        return 0
    voter_ids = {user_id for user_id, _ in voters if user_id}
    if not voter_ids:
        return 0
    return poll.partnership.participants.active().filter(Q(user_id__in=voter_ids)).count()


def results_visible(poll: Poll) -> bool:
    return not (poll.results_hidden and poll.is_open)


def choice_labels(ballot: Ballot | SealedBallot, options: list[PollOption]) -> str:
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
    objected: int = 0  # objections and blocks in polls that were not anonymous


def voice_balance(partnership: Partnership) -> tuple[list[VoiceLine], list[VoiceLine], int]:
    """For each voting partner and each kind of organisation: polls proposed, taken
    part in, and objected to, with the number of polls, so an imbalance shows.
    Proposals come from the event log (poll.opened names the organisation);
    taking part from Voted (so anonymous polls count); objections only from
    ballots still linked to a voter (an anonymous poll's never are). Six queries."""
    from consortia.core.models import Event
    from consortia.organisations.models import Organisation

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
    objected: Counter = Counter()
    linked = Ballot.objects.filter(
        poll__partnership=partnership, poll__anonymous=False, poll__kind__in=[Kind.CONSENT, Kind.CONSENSUS]
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
        )
        for p in partners
    ]
    by_kind: dict[str, VoiceLine] = {}
    for partner, line in zip(partners, lines, strict=True):
        kind = Organisation.Kind(partner.organisation.kind).label
        total = by_kind.setdefault(kind, VoiceLine(kind, partners=0))
        total.partners += 1
        total.proposed += line.proposed
        total.took_part += line.took_part
        total.objected += line.objected
    return lines, sorted(by_kind.values(), key=lambda line: line.name), polls
