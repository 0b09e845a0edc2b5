"""Public consultations on a poll: a poll's convener asks service users, volunteers
or residents what they think through a public link (only its hash is stored). One
response per verified email: the answer waits in a ConsultationCode until the emailed
code is entered; or one response per personal single-use link (ConsultationLink).

The models moved here from `decisions` without moving their data: each keeps its
table (`db_table`), constraint and index names, and the move was made in the
migration state only (consultations 0001 and decisions 0006, with
SeparateDatabaseAndState).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel
from consortia.decisions.models import Poll

STANCES = [("support", "Support"), ("concerns", "Concerns"), ("neutral", "Neutral")]


class Consultation(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    poll = models.OneToOneField(Poll, on_delete=models.CASCADE, related_name="consultation")
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "decisions_consultation"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | Q(status="closed", closed_at__isnull=False),
                name="consultation_closed_at_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"Consultation on {self.poll}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ConsultationResponse(BaseModel):
    """A verified answer. `respondent_key` is a keyed hash of the email (HMAC with the
    site's secret), unique per consultation: it holds the one-response rule, and stays
    when the personal data (name, email) is deleted, so a deleted email cannot answer
    again, while revealing nothing without the server's secret."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    stance = models.CharField(max_length=8, choices=STANCES)
    comment = models.TextField(max_length=2000, blank=True)
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    respondent_key = models.CharField(max_length=64)
    # The personal link it came through (None: the public link and an email code).
    link = models.OneToOneField(
        "ConsultationLink", null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    hidden = models.BooleanField(default=False)
    personal_data_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "decisions_consultationresponse"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "respondent_key"], name="consultation_response_once_per_email"
            ),
            models.CheckConstraint(
                condition=Q(stance__in=[s for s, _ in STANCES]), name="response_stance_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Response to {self.consultation_id}"


class ConsultationCode(BaseModel):
    """A 6-digit code emailed to a respondent, with the answer it will confirm. Only a
    keyed hash of the code is stored; it expires, allows a few attempts and is used
    once. The rows are kept (the answer and the address cleared once used) to count
    requests per email for rate limiting; deleting a consultation's personal data
    deletes them."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="codes")
    email = models.EmailField(blank=True)  # emptied once used: the response holds it
    respondent_key = models.CharField(max_length=64)
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    stance = models.CharField(max_length=8, choices=STANCES, blank=True)
    comment = models.TextField(max_length=2000, blank=True)
    name = models.CharField(max_length=100, blank=True)
    # A keyed hash of the address the request came from, for the per-address limit.
    requester_key = models.CharField(max_length=64, blank=True)

    class Meta:
        db_table = "decisions_consultationcode"
        indexes = [
            models.Index(fields=["consultation", "respondent_key", "created_at"], name="code_rate"),
            models.Index(fields=["requester_key", "created_at"], name="code_rate_by_address"),
        ]

    def __str__(self) -> str:
        return f"Code for {self.consultation_id}"


class ConsultationLink(BaseModel):
    """A personal, single-use link to a consultation, for people without an email
    address or who would rather not give one: handed out on paper, read out on the
    phone, sent by text. Only its hash is stored. Its one response is held by
    ConsultationResponse.link being unique; `used_at` says it has answered."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    # Where or to whom the batch went ("Tuesday carers' group"): never a respondent's name.
    label = models.CharField(max_length=100, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "decisions_consultationlink"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Personal link to {self.consultation_id}"
