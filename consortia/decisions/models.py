"""Polls and proposals, their options and ballots; the decision log is the closed
polls with a written outcome.

One ballot per voter per poll is a database constraint, not a Python check: a
ballot is a person's (voter_user) or a partner organisation's (voter_partner),
never both, and each is unique within its poll.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from consortia.agreements.models import DecisionRule
from consortia.core.models import BaseModel
from consortia.partnerships.models import Partner, Partnership

SCORE_MIN, SCORE_MAX = 0, 10
MAX_OPTIONS = 20


class Kind(models.TextChoices):
    PROPOSAL = "proposal", "Proposal (agree, abstain, disagree)"
    CONSENT = "consent", "Consent (consent or object, with a reason)"
    CONSENSUS = "consensus", "Consensus (agree, abstain, disagree, block)"
    POLL = "poll", "Simple poll (choose from options)"
    SCORE = "score", "Score (0 to 10 for each option)"
    SENSE_CHECK = "sense_check", "Sense check (looks good, abstain, concerned)"
    GRADIENTS = "gradients", "Gradients of agreement (eight steps, from endorsement to block)"
    DOT_VOTE = "dot_vote", "Dot vote (spread a number of dots across the options)"
    RANKED = "ranked", "Ranked choice (instant-runoff, with the Schulze method and pairwise table)"
    TIME_POLL = "time_poll", "Time poll (yes, maybe or no for each time)"


# What differs from one kind to another (answers, ballot form, checks, count,
# results layout) is in kinds.py, one entry per Kind.
TIME_ANSWERS = ("yes", "maybe", "no")
MAX_DOTS = 100
# Answers that must carry a reason: an objection or a block is worth nothing unexplained.
NEEDS_REASON = {"objection", "block"}


class Poll(BaseModel):
    class Electorate(models.TextChoices):
        CORE = "core", "Convener and core partners only"
        PARTNERS = "partners", "All partners (not observers)"
        EVERYONE = "everyone", "All partners and individual participants"

    class Basis(models.TextChoices):
        PERSON = "person", "One vote per person"
        ORGANISATION = (
            "organisation",
            "One vote per partner organisation, cast by its admin or representative",
        )
        # Members vote as people; each organisation's vote is its members' majority
        # (selectors.members_majority). Single-answer kinds only, never anonymous.
        MEMBERS = (
            "members",
            "One vote per partner organisation, the majority of its members' votes",
        )
        # Cast like ORGANISATION; each organisation's vote counts its weight, copied into
        # PartnerWeight from the agreement in force when the poll opened.
        WEIGHTED = (
            "weighted",
            "One vote per partner organisation, weighted as the agreement in force states",
        )

    class QuorumBy(models.TextChoices):
        ORGANISATIONS = "organisations", "Organisations taking part"
        PEOPLE = "people", "People voting"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="polls")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    multiple = models.BooleanField("voters may choose more than one option", default=False)
    dots = models.PositiveSmallIntegerField(
        "dots each voter spreads", default=8, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    title = models.CharField(max_length=200)
    details = models.TextField(max_length=5000, blank=True)
    electorate = models.CharField(max_length=16, choices=Electorate.choices, default=Electorate.PARTNERS)
    basis = models.CharField(max_length=16, choices=Basis.choices, default=Basis.PERSON)
    quorum_by = models.CharField(max_length=16, choices=QuorumBy.choices, default=QuorumBy.ORGANISATIONS)
    quorum_percent = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    # The agreement's decision rule when the poll opened, kept for the decision log.
    decision_rule = models.CharField(max_length=32, blank=True)
    closes_at = models.DateTimeField()
    anonymous = models.BooleanField(default=False)
    results_hidden = models.BooleanField("hide results until the poll closes", default=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(max_length=5000, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    # Where the partners talked it over (a meeting's notes, a thread): the decision log links to it.
    discussion_url = models.URLField("link to the discussion", max_length=500, blank=True)
    # The agreement version whose voting weights the poll copied (weighted basis only).
    weights_from = models.ForeignKey(
        "agreements.AgreementVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The working group whose question it is (optional; a group of the poll's partnership).
    working_group = models.ForeignKey(
        "groups.WorkingGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="polls"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="poll_kind_valid"),
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=0, quorum_percent__lte=100), name="poll_quorum_range"
            ),
            models.CheckConstraint(condition=Q(dots__gte=1, dots__lte=100), name="poll_dots_range"),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | Q(status="closed", closed_at__isnull=False),
                name="poll_closed_at_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(outcome_at__isnull=True) | Q(status="closed"), name="poll_outcome_after_close"
            ),
        ]
        indexes = [models.Index(fields=["status", "closes_at"], name="poll_due")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def per_organisation(self) -> bool:
        """Organisations cast the ballots (by their admin or representative)."""
        return self.basis in (self.Basis.ORGANISATION, self.Basis.WEIGHTED)

    @property
    def weighted(self) -> bool:
        return self.basis == self.Basis.WEIGHTED

    @property
    def by_members_majority(self) -> bool:
        return self.basis == self.Basis.MEMBERS

    @property
    def decision_rule_label(self) -> str:
        """The agreement's decision rule when the poll opened, in words ("" if none)."""
        return DecisionRule(self.decision_rule).label if self.decision_rule in DecisionRule.values else ""

    @property
    def is_sealed(self) -> bool:
        """An anonymous poll that has closed: its ballots are SealedBallots."""
        return self.anonymous and self.status == self.Status.CLOSED


class PollOption(BaseModel):
    """One answer a voter can give. The proposal kinds get their fixed answers
    (kinds.KINDS); polls and scores get the convener's. Ballots name options by key."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    key = models.CharField(max_length=16)
    label = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "key"], name="poll_option_key_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class PartnerWeight(models.Model):
    """How many votes a partner organisation's ballot counts for in a weighted poll:
    the agreement's weights copied when the poll opened, so a later agreement does
    not change a poll already open. A partner with no row counts 1."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="weights")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(100)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "partner"], name="partner_weight_once_per_poll"),
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=100), name="partner_weight_range"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} weighs {self.weight} in {self.poll_id}"


class Ballot(BaseModel):
    """A voter's current answer. Changing a vote updates this row (updated_at moves)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    voter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    voter_partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.CASCADE, related_name="ballots"
    )
    # Who pressed the button for an organisation's ballot (its admin or representative).
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A list of option keys (a ranking, best first, for ranked choice), or {key: value}
    # for scores, dots and time polls (see the kind's clean() in kinds.py).
    choice = models.JSONField()
    reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "voter_user"],
                condition=Q(voter_user__isnull=False),
                name="ballot_one_per_person",
            ),
            models.UniqueConstraint(
                fields=["poll", "voter_partner"],
                condition=Q(voter_partner__isnull=False),
                name="ballot_one_per_partner",
            ),
            models.CheckConstraint(
                condition=~Q(voter_user__isnull=False, voter_partner__isnull=False),
                name="ballot_one_kind_of_voter",
            ),
        ]

    def __str__(self) -> str:
        return f"Ballot in {self.poll_id}"


class Voted(models.Model):
    """That a voter took part in a poll, never how: written with their first ballot
    and kept when an anonymous poll's ballots are sealed, so voters can see that
    they voted and turnout per organisation can still be counted."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="voted")
    voter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    voter_partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "voter_user"],
                condition=Q(voter_user__isnull=False),
                name="voted_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["poll", "voter_partner"],
                condition=Q(voter_partner__isnull=False),
                name="voted_once_per_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"Voted in {self.poll_id}"


class SealedBallot(models.Model):
    """An anonymous poll's ballot once the poll has closed: the choice and reason
    only. No voter, no timestamps, and rows written in a random order, so neither
    a column, the row order nor the event log's times link it back to a voter."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="sealed_ballots")
    choice = models.JSONField()
    reason = models.TextField(max_length=2000, blank=True)

    voter_user_id = None  # read like a Ballot by the results code
    voter_partner_id = None

    def __str__(self) -> str:
        return f"Sealed ballot in {self.poll_id}"
