"""The versioned partnership agreement: vision, aims, ways of working, roles and
resource commitments, endorsed by the convener and every core partner."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from consortia.canvas.models import MAX_QUANTITY, VALUE_VALIDATORS
from consortia.core.models import BaseModel
from consortia.partnerships.models import Partner, Partnership


class DecisionRule(models.TextChoices):
    CONSENT_CORE = "consent_core", "Consent of all core partners (no objection)"
    CONSENSUS_ALL = "consensus_all", "Consensus of all partners"
    MAJORITY_ORGS = "majority_orgs", "Majority of partner organisations (one vote each)"
    MAJORITY_PEOPLE = "majority_people", "Majority of people voting"


class Weighting(models.TextChoices):
    EQUAL = "equal", "Every partner organisation has one vote"
    STATED = "stated", "Each partner organisation has the number of votes this agreement states"


class AgreementVersion(BaseModel):
    """One version of the partnership agreement. A draft is edited; publishing
    freezes it and asks the convener and every core partner to endorse it. A change
    to a published agreement makes a new draft, so what was endorsed never changes.

    Frozen means frozen in the database too: migration 0002 adds triggers that
    refuse to change the text of a version that is no longer a draft, or to add or
    change its objectives and roles (services refuse first, with a clear message).

    A version is *in force* from the moment the last partner asked at publication
    endorses it (`in_force_at`), and stays the version in force until a later one
    is; see selectors.agreement_in_force.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Superseded"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agreement_versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    vision = models.TextField(max_length=3000, blank=True)
    aims = models.TextField(max_length=3000, blank=True)
    principles = models.TextField("principles and values", max_length=3000, blank=True)
    meeting_rhythm = models.CharField(
        max_length=200, blank=True, help_text="For example: monthly, second Tuesday, online and in person."
    )
    decision_rule = models.CharField(
        max_length=32, choices=DecisionRule.choices, default=DecisionRule.CONSENT_CORE
    )
    quorum_percent = models.PositiveSmallIntegerField(
        "quorum (% of partner organisations)",
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    spending_threshold_gbp = models.DecimalField(
        "spending that needs approval, from £",
        max_digits=14,
        decimal_places=2,
        default=Decimal("500"),
        validators=VALUE_VALIDATORS,
    )
    spending_approvals = models.PositiveSmallIntegerField(
        "partners who must approve such spending",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    # For polls on the weighted basis: how many votes each partner's ballot counts for
    # (AgreementWeight; a partner the version does not name has one), and why.
    weighting = models.CharField(
        "voting weights", max_length=16, choices=Weighting.choices, default=Weighting.EQUAL
    )
    weighting_reason = models.TextField(
        "why votes are weighted",
        max_length=1000,
        blank=True,
        help_text="For example: in proportion to what each partner pays into the pooled budget.",
    )
    review_date = models.DateField(null=True, blank=True)
    joining_and_leaving = models.TextField("how a partner joins or leaves", max_length=3000, blank=True)
    resource_commitments = models.JSONField(
        default=list, blank=True, help_text="The pledges as they stood when the version was published."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    required_partners = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="+",
        help_text="The convener and core partners asked to endorse, as they were at publication.",
    )
    in_force_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last endorsement that was asked for arrived."
    )

    class Meta:
        ordering = ["partnership", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "number"], name="agreement_version_number_unique"),
            models.UniqueConstraint(
                fields=["partnership"], condition=Q(status="draft"), name="agreement_one_draft"
            ),
            models.UniqueConstraint(
                fields=["partnership"], condition=Q(status="published"), name="agreement_one_published"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "superseded"]), name="agreement_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=1, quorum_percent__lte=100), name="agreement_quorum_range"
            ),
            models.CheckConstraint(
                condition=Q(spending_threshold_gbp__gte=0, spending_threshold_gbp__lte=MAX_QUANTITY),
                name="agreement_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(spending_approvals__gte=1, spending_approvals__lte=50),
                name="agreement_approvals_range",
            ),
            models.CheckConstraint(
                condition=Q(decision_rule__in=DecisionRule.values), name="agreement_decision_rule_valid"
            ),
            models.CheckConstraint(
                condition=Q(weighting__in=Weighting.values), name="agreement_weighting_valid"
            ),
            # A draft has not been published (nor come into force); anything else has.
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True, in_force_at__isnull=True)
                | (~Q(status="draft") & Q(published_at__isnull=False)),
                name="agreement_published_when_not_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} agreement, version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class AgreementObjective(BaseModel):
    """A specific, measurable objective with an owner partner and a date."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="objectives")
    text = models.CharField(max_length=500)
    measure = models.CharField(max_length=300, help_text="How you will know it is done.")
    owner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due = models.DateField(null=True, blank=True)

    class Meta:
        # Undated objectives last on every database (SQLite and PostgreSQL differ).
        ordering = [models.F("due").asc(nulls_last=True), "id"]

    def __str__(self) -> str:
        return self.text


class AgreementRole(BaseModel):
    """What one partner is responsible for under this version."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="roles")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    responsibilities = models.TextField(max_length=2000)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "partner"], name="agreement_role_one_per_partner"),
        ]


class AgreementWeight(BaseModel):
    """How many votes one partner's ballot counts for in weighted polls under this
    version (when its weighting is STATED). Frozen with the version once published."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="weights")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    votes = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(100)])

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "partner"], name="agreement_weight_one_per_partner"),
            models.CheckConstraint(condition=Q(votes__gte=1, votes__lte=100), name="agreement_weight_range"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}: {self.votes} votes"


class Endorsement(BaseModel):
    """A partner's endorsement of one published version, given by its admin or
    representative. One per partner per version, held by the database."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="endorsements")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="endorsements")
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "partner"], name="endorsement_one_per_partner"),
        ]
