"""Measurements of the canvas's indicators over time.

A measurement is one reading of one indicator on one day: its value (in the
indicator's unit), where the figure came from and a note. There is at most one per
indicator and day (the database holds it): a second reading for the same day is a
correction, made by changing the first (the service refuses a duplicate and says so).
Values are bounded like the canvas's baselines and targets (canvas.models.MAX_QUANTITY)
and may be negative, as a baseline may.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from consortia.canvas.models import MAX_QUANTITY, Indicator
from consortia.core.models import BaseModel
from consortia.organisations.models import Organisation

SOURCE_MAX = 200
NOTE_MAX = 2_000
VALUE_VALIDATORS = [MinValueValidator(-MAX_QUANTITY), MaxValueValidator(MAX_QUANTITY)]


class Measurement(BaseModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    on = models.DateField("date")
    value = models.DecimalField(max_digits=14, decimal_places=2, validators=VALUE_VALIDATORS)
    source = models.CharField(max_length=SOURCE_MAX, blank=True)
    note = models.TextField(max_length=NOTE_MAX, blank=True)
    # Who recorded it, and for which organisation (partnerships/credit.py): whose reading it is.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "on"], name="measurement_one_per_indicator_and_day"),
            models.CheckConstraint(
                condition=Q(value__gte=-MAX_QUANTITY, value__lte=MAX_QUANTITY), name="measurement_value_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} on {self.on:%-d %B %Y}"
