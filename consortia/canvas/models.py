"""The partnership canvas (the three questions) and the versioned agreement.

Quantities are decimals with a ceiling so that absurd numbers are refused by the
database as well as by forms; units are only comparable with the same unit.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from consortia.core.choices import UNITS_BY_CATEGORY, ContributionCategory, Unit, units_for
from consortia.core.models import BaseModel
from consortia.partnerships.models import Partner, Partnership

# A billion of anything (hours, £, places) is more than any local partnership needs.
MAX_QUANTITY = Decimal("1000000000")
QUANTITY_VALIDATORS = [MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_QUANTITY)]
VALUE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(MAX_QUANTITY)]


def unit_problem(category: str, unit: str) -> str | None:
    """Why `unit` does not fit `category` ("£ of premises" is a mistake), naming the
    units that do; None when it fits. Forms, model validation and so services share
    it; the database refuses the same combinations (UNIT_FITS_CATEGORY)."""
    allowed = units_for(category)
    if not category or not unit or unit in allowed:
        return None
    labels = [Unit(u).label for u in allowed]
    listed = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"
    return f"For {ContributionCategory(category).label.lower()}, choose {listed}"


# The same rule as unit_problem, as a check constraint for needs and pledges.
UNIT_FITS_CATEGORY = Q(
    *[Q(category=category, unit__in=sorted(units)) for category, units in UNITS_BY_CATEGORY.items()],
    _connector=Q.OR,
)


class Step(models.TextChoices):
    PURPOSE = "purpose", "Purpose"
    OUTCOMES = "outcomes", "What do we want to achieve?"
    NEEDS = "needs", "What do we need to get there?"
    PLEDGES = "pledges", "What can each partner bring?"


class Canvas(BaseModel):
    """One per partnership: the answers that are not lists of things."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="canvas")
    beneficiaries = models.TextField(
        "who benefits",
        max_length=2000,
        blank=True,
        help_text="The service users and communities who will be better off.",
    )
    why_together = models.TextField(
        "why a partnership",
        max_length=2000,
        blank=True,
        help_text="What the partners can do together that none of them could do alone.",
    )
    area = models.CharField(
        "area served",
        max_length=200,
        blank=True,
        help_text="Where the partnership works. Used to suggest organisations that could fill gaps.",
    )
    completed_steps = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"Canvas of {self.partnership}"


class Outcome(BaseModel):
    """A difference the partnership will make."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="outcomes")
    statement = models.CharField(
        max_length=300, help_text="Written as a result, for example: carers feel less isolated."
    )
    description = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.statement


class Indicator(BaseModel):
    """How the partnership will know, in Results-Based Accountability's three questions."""

    class Question(models.TextChoices):
        HOW_MUCH = "how_much", "How much did we do?"
        HOW_WELL = "how_well", "How well did we do it?"
        BETTER_OFF = "better_off", "Is anyone better off?"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="indicators")
    question = models.CharField(max_length=16, choices=Question.choices)
    name = models.CharField(max_length=200, help_text="For example: carers given advice within a week.")
    unit = models.CharField(max_length=40, help_text="For example: %, carers, contacts.")
    baseline = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_QUANTITY), MinValueValidator(-MAX_QUANTITY)],
    )
    target = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        validators=[MaxValueValidator(MAX_QUANTITY), MinValueValidator(-MAX_QUANTITY)],
    )
    target_date = models.DateField()

    class Meta:
        ordering = ["outcome", "question", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(question__in=["how_much", "how_well", "better_off"]),
                name="indicator_question_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Priority(models.TextChoices):
    ESSENTIAL = "essential", "Essential"
    IMPORTANT = "important", "Important"
    USEFUL = "useful", "Useful to have"


class Need(BaseModel):
    """Something the partnership needs to reach its outcomes."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="needs")
    category = models.CharField(max_length=32, choices=ContributionCategory.choices)
    description = models.CharField(max_length=500)
    quantity = models.DecimalField(max_digits=14, decimal_places=2, validators=QUANTITY_VALIDATORS)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    needed_by = models.DateField(null=True, blank=True)
    priority = models.CharField(max_length=16, choices=Priority.choices, default=Priority.IMPORTANT)
    outcomes = models.ManyToManyField(Outcome, blank=True, related_name="needs")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0, quantity__lte=MAX_QUANTITY), name="need_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(category__in=ContributionCategory.values), name="need_category_valid"
            ),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="need_unit_valid"),
            models.CheckConstraint(condition=UNIT_FITS_CATEGORY, name="need_unit_fits_category"),
            models.CheckConstraint(condition=Q(priority__in=Priority.values), name="need_priority_valid"),
        ]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        if problem := unit_problem(self.category, self.unit):
            raise ValidationError({"unit": problem})


class Pledge(BaseModel):
    """What one partner promises this partnership: against a need, or unprompted.
    In-kind pledges carry an estimated value so every contribution counts."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="pledges")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="pledges")
    need = models.ForeignKey(Need, null=True, blank=True, on_delete=models.SET_NULL, related_name="pledges")
    category = models.CharField(max_length=32, choices=ContributionCategory.choices)
    description = models.CharField(max_length=500)
    quantity = models.DecimalField(max_digits=14, decimal_places=2, validators=QUANTITY_VALIDATORS)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    value_gbp = models.DecimalField(
        "estimated value in £", max_digits=14, decimal_places=2, default=0, validators=VALUE_VALIDATORS
    )
    availability = models.CharField(
        max_length=200, blank=True, help_text="For example: Tuesdays from March, or for the first year."
    )
    # When it should all have been delivered: past it, a pledge not fully delivered in
    # the contributions ledger is overdue.
    expected_by = models.DateField("expected by", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0, quantity__lte=MAX_QUANTITY), name="pledge_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(value_gbp__gte=0, value_gbp__lte=MAX_QUANTITY), name="pledge_value_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(category__in=ContributionCategory.values), name="pledge_category_valid"
            ),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="pledge_unit_valid"),
            models.CheckConstraint(condition=UNIT_FITS_CATEGORY, name="pledge_unit_fits_category"),
        ]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        if problem := unit_problem(self.category, self.unit):
            raise ValidationError({"unit": problem})


class PartnerStatement(BaseModel):
    """What a partner wants from the partnership for itself (mutual benefit),
    visible to the other partners."""

    partner = models.OneToOneField(Partner, on_delete=models.CASCADE, related_name="statement")
    wants = models.TextField("what we want from the partnership", max_length=2000)

    def __str__(self) -> str:
        return f"What {self.partner.organisation} wants"


class CanvasComment(BaseModel):
    """A comment on one canvas step; anyone taking part (individual participants
    included) may comment, observers read."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="canvas_comments")
    step = models.CharField(max_length=16, choices=Step.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=2000)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(step__in=Step.values), name="canvas_comment_step_valid"),
        ]

    def __str__(self) -> str:
        return self.body[:50]
