"""The health check: rounds of the survey, who answered (to refuse a second answer),
what was answered (anonymous), and the partners' ratings of each other.

Anonymity by design: `Participation` knows who answered a round and nothing of what;
`Response` and its `Answer` rows know what was answered, for which group (the
organisation the member answered for, or none for the individual participants) and
on which day, and nothing of who. Both kinds of row are written in one transaction.
Response and Answer keys are random (UUIDs), not counters, and carry no time finer
than the day, so their order in the table cannot be matched to the order in which
people answered.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel
from consortia.organisations.models import Organisation
from consortia.partnerships.models import Partner, Partnership

from .questions import HIGHEST, LOWEST, RATING_HIGHEST, RATING_ITEMS, RATING_LOWEST


class Round(BaseModel):
    """One health check: open from `created_at` until closed (by the convener, or by
    the daily job after `closes_on`, the last day to answer)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="health_rounds")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closes_on = models.DateField(help_text="The last day to answer.")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership"], condition=Q(status="open"), name="health_round_one_open"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "closed"]), name="health_round_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | Q(status="closed", closed_at__isnull=False),
                name="health_round_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return f"Health check closing {self.closes_on:%-d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Participation(models.Model):
    """That `user` answered `round`: nothing of what, and no time of day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="health_participation_once"),
        ]

    def __str__(self) -> str:
        return "An answer to the health check"


class Response(models.Model):
    """One anonymous set of answers: the group it counts for (the organisation the
    member answered for; None for the individual participants) and the day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField()

    def __str__(self) -> str:
        return "Anonymous answers to the health check"


class Answer(models.Model):
    """One question's answer: 1-5, or None for "don't know"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40)
    value = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="health_answer_once"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=LOWEST, value__lte=HIGHEST),
                name="health_answer_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"An answer to {self.question}"


class Rating(BaseModel):
    """How partner `rater` (through a representative) rates `rated`, a partner it
    worked with in the round: three trust items and three value items, each 1-4.
    One per (round, rater, rated); another representative may change it while the
    round is open."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="health_ratings_given")
    rated = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="health_ratings_received")
    reliable = models.PositiveSmallIntegerField(verbose_name="reliable")
    mission = models.PositiveSmallIntegerField(verbose_name="supports the shared mission")
    openness = models.PositiveSmallIntegerField(verbose_name="open to discussion")
    influence = models.PositiveSmallIntegerField(verbose_name="influence")
    involvement = models.PositiveSmallIntegerField(verbose_name="involvement")
    resources = models.PositiveSmallIntegerField(verbose_name="resource contribution")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["round", "rater", "rated"]
        constraints = [
            models.UniqueConstraint(fields=["round", "rater", "rated"], name="health_rating_once"),
            models.CheckConstraint(condition=~Q(rater=models.F("rated")), name="health_rating_not_self"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{item}__gte": RATING_LOWEST, f"{item}__lte": RATING_HIGHEST}),
                    name=f"health_rating_{item}_in_range",
                )
                for item in RATING_ITEMS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rater.organisation} rates {self.rated.organisation}"

    @property
    def trust(self) -> float:
        return float(self.reliable + self.mission + self.openness) / 3

    @property
    def value(self) -> float:
        return float(self.influence + self.involvement + self.resources) / 3
