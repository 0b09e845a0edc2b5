"""An organisation's "how we work" profile (issue 13, point 5): how it decides, its
governance rhythm, when and how to reach it, and its languages and access needs, so
its partners read its pace as a constraint rather than as a lack of commitment.

One per organisation; edited by the organisation's admins; seen by its members and
by the members of every partnership it is an active partner of, and by anyone in the
directory when the organisation chooses so (off by default).
"""

import calendar

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel
from consortia.organisations.models import Organisation


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    SHARED_INBOX = "shared_inbox", "Shared inbox"
    THREADS = "threads", "The partnership's threads"
    POST = "post", "Post"
    IN_PERSON = "in_person", "In person"


MONTHS = [(n, calendar.month_name[n]) for n in range(1, 13)]


class WorkingProfile(BaseModel):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="working_profile"
    )
    # Governance and reporting cycles.
    board_dates = models.JSONField(default=list, blank=True)  # ISO dates, sorted
    board_rhythm = models.CharField(max_length=200, blank=True)
    financial_year_start = models.PositiveSmallIntegerField(null=True, blank=True, choices=MONTHS)
    reporting_deadlines = models.TextField(max_length=1000, blank=True)
    # Working hours and the best way to reach the organisation.
    working_hours = models.CharField(max_length=200, blank=True)
    channel = models.CharField(max_length=16, choices=Channel.choices, blank=True)
    contact = models.CharField(max_length=200, blank=True)
    reply_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # Languages and accessibility.
    languages = models.JSONField(default=list, blank=True)  # names, in the organisation's order
    accessibility = models.TextField(max_length=1000, blank=True)
    shown_in_directory = models.BooleanField(default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(financial_year_start__isnull=True)
                | Q(financial_year_start__gte=1, financial_year_start__lte=12),
                name="workingprofile_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(reply_days__isnull=True) | Q(reply_days__lte=365),
                name="workingprofile_reply_days_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"How {self.organisation} works"


class SignOff(BaseModel):
    """One row of the decision table: a kind of decision, who signs it off, and how
    long it usually takes, in days."""

    profile = models.ForeignKey(WorkingProfile, on_delete=models.CASCADE, related_name="sign_offs")
    position = models.PositiveSmallIntegerField()
    decision = models.CharField(max_length=200)
    signed_off_by = models.CharField(max_length=200)
    usual_days = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "position"], name="signoff_position_unique"),
            models.CheckConstraint(condition=Q(usual_days__lte=730), name="signoff_usual_days_valid"),
            models.CheckConstraint(condition=~Q(decision=""), name="signoff_decision_named"),
        ]

    def __str__(self) -> str:
        return self.decision
