"""Every change to a partnership's decisions: opening a poll, voting (and changing
a vote), closing, and writing the outcome.

Each service runs in one transaction, checks the actor's permission
(consortia/decisions/rules.py), validates before writing and writes exactly one event.
Votes lock the poll's row first, so a vote and a close cannot cross, and two votes
by the same voter are taken one after the other; the unique constraints on Ballot
hold the one-ballot rule even if that lock were skipped.
"""

import secrets
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from consortia.accounts.models import User
from consortia.agreements.models import AgreementVersion
from consortia.agreements.selectors import agreement_defaults, agreement_vote_weights
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import refuse_if_closed, require
from consortia.decisions.rules import vote_capacities
from consortia.groups.models import WorkingGroup
from consortia.partnerships.credit import CORE_ROLES, EVERY_ROLE, credited_organisation
from consortia.partnerships.models import Partner, Partnership

from .kinds import KINDS
from .models import (
    MAX_OPTIONS,
    Ballot,
    Kind,
    PartnerWeight,
    Poll,
    PollOption,
    SealedBallot,
    Voted,
)
from .selectors import eligible_partners

OPEN = "decisions.open_poll_in_partnership"
MANAGE = "decisions.manage_poll"
# Who manages a poll: whoever opened it, while a member of the partnership in any
# role, or the convener's admins. Their actions credit the highest of those roles.
MANAGING_ROLES = EVERY_ROLE


# --- opening -----------------------------------------------------------------------------------


@transaction.atomic
def poll_open(
    *,
    actor: User,
    partnership: Partnership,
    kind: str,
    title: str,
    details: str = "",
    options: list[str] | None = None,
    multiple: bool = False,
    electorate: str = Poll.Electorate.PARTNERS,
    basis: str = Poll.Basis.PERSON,
    quorum_by: str = Poll.QuorumBy.ORGANISATIONS,
    quorum_percent: int | None = None,
    closes_at: datetime,
    anonymous: bool = False,
    results_hidden: bool = False,
    dots: int = 8,
    discussion_url: str = "",
    working_group: WorkingGroup | None = None,
) -> Poll:
    """Open a poll (convener and core partners' members). The quorum defaults to the
    agreement's, and the agreement's decision rule is kept with the poll. Polls and
    the other kinds need 2 to 20 distinct options; the proposal kinds have fixed answers.
    The members' majority basis takes single-answer kinds only and is never anonymous.
    The weighted basis needs an agreement in force that states weights: they are
    copied into PartnerWeight for every eligible partner, so the poll keeps them.
    Schedules the automatic close when the task backend can run tasks later.
    A poll may belong to one of the partnership's active working groups."""
    require(OPEN, actor, partnership)
    refuse_if_closed(partnership, "open a poll in it")
    if working_group is not None and (
        working_group.partnership_id != partnership.pk or working_group.is_archived
    ):
        raise ServiceError("Choose one of this partnership's working groups", field="working_group")
    if kind not in Kind.values:
        raise ServiceError("Choose a kind of poll", field="kind")
    if closes_at <= timezone.now():
        raise ServiceError("The closing time must be in the future", field="closes_at")
    defaults = agreement_defaults(partnership)
    if KINDS[kind].answers:
        labels = [label for _, label in KINDS[kind].answers]
        keys = [key for key, _ in KINDS[kind].answers]
        multiple = False
    else:
        labels = [o.strip() for o in options or [] if o.strip()]
        if len(labels) < 2:
            raise ServiceError("Enter at least 2 options, one a line", field="options")
        if len(labels) > MAX_OPTIONS:
            raise ServiceError(f"Enter {MAX_OPTIONS} options or fewer", field="options")
        if len({label.casefold() for label in labels}) != len(labels):
            raise ServiceError("Each option must be different", field="options")
        keys = [f"o{i}" for i in range(1, len(labels) + 1)]
        multiple = multiple and KINDS[kind].allows_multiple
    if basis == Poll.Basis.MEMBERS:
        # A majority needs one answer per member; and members' votes counted per
        # organisation would show how the few members of a small one voted.
        if not KINDS[kind].single_answer or multiple:
            raise ServiceError(
                "A majority of each organisation's members needs one answer each: "
                "choose a proposal kind or a simple poll with one choice",
                field="basis",
            )
        if anonymous:
            raise ServiceError(
                "A majority of each organisation's members cannot be anonymous: "
                "each organisation's vote would show how its members voted",
                field="anonymous",
            )
    weights_from: AgreementVersion | None = None
    weights: dict[int, int] = {}
    if basis == Poll.Basis.WEIGHTED:
        weights_from, weights = _weights_for(partnership, anonymous)
    poll = Poll(
        partnership=partnership,
        kind=kind,
        multiple=multiple,
        title=title.strip(),
        details=details.strip(),
        electorate=electorate,
        basis=basis,
        quorum_by=quorum_by,
        quorum_percent=defaults["quorum_percent"] if quorum_percent is None else quorum_percent,
        decision_rule=defaults["decision_rule"],
        closes_at=closes_at,
        anonymous=anonymous,
        results_hidden=results_hidden,
        dots=dots,
        discussion_url=discussion_url.strip(),
        weights_from=weights_from,
        working_group=working_group,
        created_by=actor,
    )
    poll.full_clean(exclude=["created_by", "weights_from", "working_group"])
    poll.save()
    if weights_from is not None:
        PartnerWeight.objects.bulk_create(
            PartnerWeight(poll=poll, partner=p, weight=weights.get(p.pk, 1)) for p in eligible_partners(poll)
        )
    for position, (key, label) in enumerate(zip(keys, labels, strict=True)):
        option = PollOption(poll=poll, key=key, label=label, position=position)
        option.full_clean(exclude=["poll"])
        option.save()
    event_record(
        actor=actor,
        verb="poll.opened",
        obj=poll,
        organisation=credited_organisation(actor, partnership, roles=CORE_ROLES),
        partnership=partnership,
        payload={"kind": kind, "basis": basis, "closes_at": closes_at.isoformat()},
    )
    if default_task_backend.supports_defer:
        transaction.on_commit(lambda: poll_close_due.using(run_after=closes_at).enqueue())
    return poll


def _weights_for(partnership: Partnership, anonymous: bool) -> tuple[AgreementVersion, dict[int, int]]:
    """The agreement version in force and the votes it gives each partner, or a
    ServiceError saying why the weighted basis cannot be used."""
    if anonymous:
        raise ServiceError(
            "Weighted votes cannot be anonymous: a ballot's weight would show which organisation cast it",
            field="anonymous",
        )
    version, weights = agreement_vote_weights(partnership)
    if version is None:
        raise ServiceError(
            "No agreement is in force yet, so there are no weights to vote by: "
            "choose one vote per organisation, or agree weights in the agreement first",
            field="basis",
        )
    if weights is None:
        raise ServiceError(
            f"The agreement in force (version {version.number}) gives every partner organisation one vote: "
            "choose one vote per organisation",
            field="basis",
        )
    return version, weights


# --- voting ------------------------------------------------------------------------------------


def _voter(actor: User, poll: Poll, partner: Partner | None, as_person: bool) -> Partner | None:
    """The partner the ballot is for (None: the actor's own ballot)."""
    capacities = vote_capacities(actor, poll)
    if not capacities:
        raise PermissionDenied("decisions.vote_in_poll")
    if partner is not None:
        if partner not in capacities:
            raise ServiceError("You cannot vote for that organisation in this poll", field="partner")
        return partner
    if as_person and None in capacities:
        return None
    partners = [c for c in capacities if c is not None]
    if len(partners) > 1:
        raise ServiceError("Choose which organisation you are voting for", field="partner")
    return partners[0] if partners else None


@transaction.atomic
def vote_cast(
    *,
    actor: User,
    poll: Poll,
    choice: Any,
    reason: str = "",
    partner: Partner | None = None,
    as_person: bool = False,
) -> Ballot:
    """Cast or change the actor's ballot (or, in a one-vote-per-organisation poll,
    their organisation's). Eligible voters only; an open poll only (409 after close);
    the choice must fit the poll's kind (400, nothing written). A first vote writes
    vote.cast, a change vote.changed; an anonymous poll's events never hold the choice."""
    locked = Poll.objects.select_for_update().get(pk=poll.pk)
    if locked.status != Poll.Status.OPEN or locked.closes_at <= timezone.now():
        raise Conflict("This poll has closed, so votes can no longer be cast or changed.")
    voter_partner = _voter(actor, poll, partner, as_person)
    option_keys = list(poll.options.values_list("key", flat=True))
    reason = reason.strip()
    if len(reason) > 2000:
        raise ServiceError("Your reason must be 2,000 characters or fewer", field="reason")
    choice = KINDS[poll.kind].clean(poll, option_keys, choice, reason)  # kinds.py: what fits the kind
    who: dict[str, Partner | User] = (
        {"voter_partner": voter_partner} if voter_partner else {"voter_user": actor}
    )
    ballot = Ballot.objects.filter(poll=poll, **who).first()
    if ballot is None:
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(poll=poll, cast_by=actor, choice=choice, reason=reason, **who)
                Voted.objects.create(poll=poll, **who)
        except IntegrityError:
            raise Conflict("A vote was just recorded for you; reload the page to see it.") from None
        verb = "vote.cast"
    else:
        if ballot.choice == choice and ballot.reason == reason:
            return ballot
        ballot.choice, ballot.reason, ballot.cast_by = choice, reason, actor
        ballot.save(update_fields=["choice", "reason", "cast_by", "updated_at"])
        verb = "vote.changed"
    payload: dict[str, Any] = {} if poll.anonymous else {"choice": choice}
    if voter_partner:
        payload["for"] = voter_partner.organisation.name
    # A vote for an organisation credits it; a ballot cast as oneself is the person's
    # own and credits none (the exception partnerships/credit.py names).
    event_record(
        actor=actor,
        verb=verb,
        obj=poll,
        organisation=voter_partner.organisation if voter_partner else None,
        partnership=poll.partnership,
        payload=payload,
    )
    return ballot


# --- closing -----------------------------------------------------------------------------------


def _seal(poll: Poll) -> None:
    """Unlink an anonymous poll's ballots from their voters for good: copy each
    choice and reason, in a random order, into SealedBallot (no voter, no times)
    and delete the linked ballots. Who voted stays in Voted."""
    ballots = list(poll.ballots.values_list("choice", "reason"))
    secrets.SystemRandom().shuffle(ballots)
    SealedBallot.objects.bulk_create(SealedBallot(poll=poll, choice=c, reason=r) for c, r in ballots)
    poll.ballots.all().delete()


def _close(poll: Poll, actor: User | None) -> Poll:
    ballots = poll.ballots.count()
    poll.status = Poll.Status.CLOSED
    poll.closed_at = timezone.now()
    poll.save(update_fields=["status", "closed_at", "updated_at"])
    if poll.anonymous:
        _seal(poll)
    event_record(
        actor=actor,
        verb="poll.closed",
        obj=poll,
        organisation=credited_organisation(actor, poll.partnership, roles=MANAGING_ROLES),
        partnership=poll.partnership,
        payload={"ballots": ballots, "automatic": actor is None},
    )
    return poll


@transaction.atomic
def poll_close(*, actor: User, poll: Poll) -> Poll:
    """Close an open poll now (whoever opened it, or the convener's admins); 409 if
    it has already closed."""
    require(MANAGE, actor, poll)
    locked = Poll.objects.select_for_update().get(pk=poll.pk)
    if locked.status != Poll.Status.OPEN:
        raise Conflict("This poll has already closed.")
    locked.partnership = poll.partnership
    _close(locked, actor)
    poll.status, poll.closed_at = locked.status, locked.closed_at  # the caller's copy too
    return locked


@task()
def poll_close_due() -> int:
    """Close every open poll whose closing time has passed (no actor: the event says
    it was automatic). Safe to run at any time and as often as wanted."""
    closed = 0
    due = Poll.objects.filter(status=Poll.Status.OPEN, closes_at__lte=timezone.now()).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        with transaction.atomic():
            poll = Poll.objects.select_for_update().select_related("partnership").get(pk=pk)
            if poll.status == Poll.Status.OPEN:
                _close(poll, None)
                closed += 1
    return closed


@transaction.atomic
def poll_outcome_write(*, actor: User, poll: Poll, outcome: str, discussion_url: str | None = None) -> Poll:
    """Write (or rewrite) what was decided, and the link to the discussion when given;
    closed polls only (409 while open). The poll then appears in the decision log."""
    require(MANAGE, actor, poll)
    locked = Poll.objects.select_for_update().get(pk=poll.pk)
    if locked.status != Poll.Status.CLOSED:
        raise Conflict("Close the poll before writing its outcome.")
    outcome = outcome.strip()
    if not outcome:
        raise ServiceError("Enter what was decided", field="outcome")
    if len(outcome) > 5000:
        raise ServiceError("The outcome must be 5,000 characters or fewer", field="outcome")
    discussion_url = locked.discussion_url if discussion_url is None else discussion_url.strip()
    if (outcome, discussion_url) == (locked.outcome, locked.discussion_url):
        return locked
    locked.partnership = poll.partnership
    poll = locked
    poll.outcome, poll.discussion_url = outcome, discussion_url
    poll.outcome_at = timezone.now()
    poll.full_clean(exclude=["created_by", "weights_from", "partnership"])
    poll.save(update_fields=["outcome", "discussion_url", "outcome_at", "updated_at"])
    event_record(
        actor=actor,
        verb="poll.outcome_written",
        obj=poll,
        organisation=credited_organisation(actor, poll.partnership, roles=MANAGING_ROLES),
        partnership=poll.partnership,
    )
    return poll
