"""Ask the partnership (issue 13, point 2).

A member asks a question (a title, a Markdown body, topics from the shared list of
consortia/expertise and a response target date). On asking, matching's suggestions
pick who is asked: a `Route` row per person, with the reason shown ("knows
transport"). Members answer; the asker accepts the answer that helped (one accepted
answer per question, held by a partial unique index and a row lock on the question)
and may change their mind. An unanswered question can be widened to the directory:
signed-in members of organisations outside the partnership may then read it and its
answers, and answer, their organisation shown beside their name.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel
from consortia.expertise.models import Topic
from consortia.organisations.models import Organisation
from consortia.partnerships.models import Partnership

TITLE_MAX = 200
BODY_MAX = 10_000
REASON_MAX = 300


class Question(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(max_length=BODY_MAX)  # Markdown
    topics = models.ManyToManyField(Topic, blank=True, related_name="questions")
    target = models.DateField()  # the response target
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    widened_at = models.DateTimeField(null=True, blank=True)  # set: listed in the directory
    widened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "status", "target"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["open", "closed"]), name="questions_status_valid"),
            models.CheckConstraint(condition=~Q(title=""), name="questions_title_not_empty"),
            models.CheckConstraint(condition=~Q(body=""), name="questions_body_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_widened(self) -> bool:
        return self.widened_at is not None


class Route(BaseModel):
    """One person the question was put to, and why ("knows transport")."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="routes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The partner organisation the person was asked for (a suggestion of an organisation
    # reaches its representatives), when there is one.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=REASON_MAX, blank=True)
    routed_by = models.ForeignKey(  # None: routed when the question was asked
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="questions_route_once")]

    def __str__(self) -> str:
        return f"{self.question} → {self.user}"


class Answer(BaseModel):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The organisation the author answered from (their partner organisation here, or
    # for an answer through the directory their own organisation outside it).
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_directory = models.BooleanField(default=False)
    body = models.TextField(max_length=BODY_MAX)  # Markdown
    accepted_at = models.DateTimeField(null=True, blank=True)
    # The practice library entry the asker turned this answer into (answer_to_library).
    library_entry = models.ForeignKey(
        "library.Entry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=Q(accepted_at__isnull=False),
                name="questions_one_accepted_answer",
            ),
            models.CheckConstraint(condition=~Q(body=""), name="questions_answer_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def anchor(self) -> str:
        return f"answer-{self.uuid}"
