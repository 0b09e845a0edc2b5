"""Who knows what: people's areas of expertise in a partnership, and endorsements.

A topic is one row of a shared list that grows: typing a new topic creates it. Its
`key` is the normalised name (consortia/expertise/topics.py: case, spacing,
punctuation, a simple plural), unique, so "Carers' assessments" and "carers
assessment" are one topic; a site admin or a convener merges two topics that
normalising could not tell apart.

A person's expertise belongs to their membership of one partnership (the partnership,
the person and the topic, unique together): what a GP shares with a carers'
partnership need not be what they share elsewhere, and each partnership's members see
only their own map. The person chooses whether each is visible to the partnership
only (the default) or also in the public directory.

An endorsement is one colleague's word, from another partner organisation, that the
person knows the topic: one per endorser and expertise.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel
from consortia.organisations.models import Organisation
from consortia.partnerships.models import Partnership

TOPIC_MAX = 100
NOTE_MAX = 500


class Topic(BaseModel):
    name = models.CharField(max_length=TOPIC_MAX)
    key = models.CharField(max_length=TOPIC_MAX, unique=True)

    class Meta:
        ordering = ["key"]
        constraints = [models.CheckConstraint(condition=~Q(key=""), name="expertise_topic_key_not_empty")]

    def __str__(self) -> str:
        return self.name


class PersonExpertise(BaseModel):
    class Visibility(models.TextChoices):
        PARTNERSHIP = "partnership", "This partnership only"
        DIRECTORY = "directory", "This partnership and the public directory"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="people_expertise")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expertise")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="uses")
    note = models.TextField(max_length=NOTE_MAX, blank=True)  # Markdown
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PARTNERSHIP)

    class Meta:
        ordering = ["topic__key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user", "topic"], name="expertise_once_per_topic"),
            models.CheckConstraint(
                condition=Q(visibility__in=["partnership", "directory"]), name="expertise_visibility_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.user})"


class Endorsement(BaseModel):
    expertise = models.ForeignKey(PersonExpertise, on_delete=models.CASCADE, related_name="endorsements")
    endorser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The partner organisation the endorser speaks from (never one the endorsed person belongs to).
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["expertise", "endorser"], name="expertise_endorse_once"),
        ]

    def __str__(self) -> str:
        return f"{self.endorser} endorses {self.expertise}"
