"""The contributions ledger: what each partner actually gave the partnership, in money
and in kind, valued in £ by the partnership's rate card.

An `Entry` is never edited or deleted. A correction is a new entry that reverses the
old one (negated quantity and value, the same rate, a reason), linked by `reverses`;
an entry is reversed at most once and a reversal is never reversed. The model refuses
save() on an existing row and delete(); the database refuses the same through
triggers (migration 0002, see immutability.py), and check constraints hold the shape
of every row, so a hand-written fix in a shell cannot break the ledger either.

Cash (category funding, unit £) is `Kind.MONEY`; everything else is `Kind.IN_KIND`, a
memorandum valued at the rate in force on the entry's date, never mixed into cash.
The rate used is stored on the entry, so a later change of rates rewrites nothing.
"""

from decimal import Decimal
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from consortia.canvas.models import MAX_QUANTITY, UNIT_FITS_CATEGORY, Pledge, unit_problem
from consortia.core.choices import ContributionCategory, Unit
from consortia.core.errors import Conflict
from consortia.core.models import BaseModel
from consortia.partnerships.models import Partner, Partnership

NOTE_MAX = 2_000
REASON_MAX = 1_000
SOURCE_KEY_MAX = 100
# The highest value one entry or one rate may carry (fits max_digits=14, 2 places).
MAX_VALUE = Decimal("100000000000")
MAX_RATE = Decimal("1000000")
APPEND_ONLY = "A ledger entry is never changed or deleted: record a reversal with a reason instead."


def is_cash(category: str, unit: str) -> bool:
    """Money given to the partnership: funding in £. Everything else is in kind."""
    return category == ContributionCategory.FUNDING and unit == Unit.GBP


class Rate(BaseModel):
    """What one unit of a category is worth to the partnership from `valid_from` on.
    The rate in force on a date is the latest `valid_from` on or before it. Rates are
    never edited in place: a change is a new row from a later date."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="contribution_rates")
    category = models.CharField(max_length=32, choices=ContributionCategory.choices)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    rate_gbp = models.DecimalField("rate in £", max_digits=14, decimal_places=2)
    valid_from = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["category", "unit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "category", "unit", "valid_from"], name="rate_one_per_day"
            ),
            models.CheckConstraint(
                condition=Q(rate_gbp__gte=0, rate_gbp__lte=MAX_RATE), name="rate_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(category__in=ContributionCategory.values), name="rate_category_valid"
            ),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="rate_unit_valid"),
            models.CheckConstraint(condition=UNIT_FITS_CATEGORY, name="rate_unit_fits_category"),
            # A pound is worth a pound: £ needs no rate.
            models.CheckConstraint(condition=~Q(unit=Unit.GBP), name="rate_not_for_gbp"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}, {self.get_unit_display()}: £{self.rate_gbp}"

    def clean(self) -> None:
        if problem := unit_problem(self.category, self.unit):
            raise ValidationError({"unit": problem})


class EntryQuerySet(models.QuerySet["Entry"]):
    """Entries are append-only: bulk updates and deletes through the ORM are refused."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise Conflict(APPEND_ONLY)

    def delete(self) -> NoReturn:
        raise Conflict(APPEND_ONLY)


class Entry(BaseModel):
    """One contribution a partner delivered, or the reversal of one."""

    class Kind(models.TextChoices):
        MONEY = "money", "Money"
        IN_KIND = "in_kind", "In kind"

    # PROTECT: a partnership, partner or pledge with a ledger is kept (a partner leaves,
    # a partnership closes); nothing cascades into the ledger.
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="contribution_entries"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="contribution_entries")
    category = models.CharField(max_length=32, choices=ContributionCategory.choices)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    quantity = models.DecimalField(max_digits=14, decimal_places=2)
    on = models.DateField("date")
    note = models.TextField(max_length=NOTE_MAX, blank=True)
    pledge = models.ForeignKey(
        Pledge, null=True, blank=True, on_delete=models.PROTECT, related_name="contribution_entries"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    rate_gbp = models.DecimalField("rate in £", max_digits=14, decimal_places=2)
    value_gbp = models.DecimalField("value in £", max_digits=14, decimal_places=2)
    # What recorded it automatically ("assets.booking:17"): unique in the partnership,
    # so recording it again finds the entry instead of writing a second one.
    source_key = models.CharField(max_length=SOURCE_KEY_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.TextField(max_length=REASON_MAX, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name_plural = "entries"
        indexes = [
            models.Index(fields=["partnership", "-on", "-id"], name="entry_partnership_newest"),
            models.Index(fields=["partnership", "partner", "category"], name="entry_partner_category"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source_key"],
                condition=~Q(source_key=""),
                name="entry_source_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, quantity__gt=0, quantity__lte=MAX_QUANTITY)
                | Q(reverses__isnull=False, quantity__lt=0, quantity__gte=-MAX_QUANTITY),
                name="entry_quantity_sign",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, value_gbp__gte=0, value_gbp__lte=MAX_VALUE)
                | Q(reverses__isnull=False, value_gbp__lte=0, value_gbp__gte=-MAX_VALUE),
                name="entry_value_sign",
            ),
            models.CheckConstraint(
                condition=Q(rate_gbp__gte=0, rate_gbp__lte=MAX_RATE), name="entry_rate_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(category__in=ContributionCategory.values), name="entry_category_valid"
            ),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="entry_unit_valid"),
            models.CheckConstraint(condition=UNIT_FITS_CATEGORY, name="entry_unit_fits_category"),
            models.CheckConstraint(
                condition=Q(kind="money", category=ContributionCategory.FUNDING, unit=Unit.GBP)
                | (Q(kind="in_kind") & ~Q(category=ContributionCategory.FUNDING, unit=Unit.GBP)),
                name="entry_kind_matches",
            ),
            # £ is worth itself: rate 1, value the quantity.
            models.CheckConstraint(
                condition=~Q(unit=Unit.GBP) | Q(rate_gbp=1, value_gbp=F("quantity")),
                name="entry_gbp_at_par",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, reason="") | (Q(reverses__isnull=False) & ~Q(reason="")),
                name="entry_reason_iff_reversal",
            ),
        ]

    def __str__(self) -> str:
        what = f"{self.quantity.normalize():f} {self.get_unit_display()} of {self.get_category_display().lower()}"
        return f"Reversal: {what}" if self.reverses_id else what

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise Conflict(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise Conflict(APPEND_ONLY)
