"""The practice library (issue 13, point 3): case studies, guides, templates and
policies a partnership writes down so its good practice outlives the people who know it.

An entry belongs to one partnership: its kind, title, summary, what worked, what
didn't, the evidence behind it (a plain level and a short note), the canvas outcomes
it relates to (the same partnership's only), tags from the shared topic list
(consortia.expertise.models.Topic), attachments, and versions. Text is Markdown, shown
through consortia/core/markdown.py.

Every save of the content writes an immutable numbered version (who, when): version 1
is the first content, and `Entry.version` is the number of the latest. The database
holds one version per number of an entry; the service takes the entry's row lock to
number the next one.

An entry is seen by the partnership only (the default) or published openly in the
public library under the licence its author picks. An attachment records who uploaded
it and whether the uploader confirms it may be shared outside the partnership: an
entry is published only when every attachment is so confirmed.

A copy of a published entry into another partnership stores its attribution (the
original title, authors, partnership, licence and link) on the copy, where edits of
the copy do not touch it.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.canvas.models import Outcome
from consortia.core.models import BaseModel
from consortia.expertise.models import Topic
from consortia.partnerships.models import Partnership

TITLE_MAX = 200
TEXT_MAX = 10_000
NOTE_MAX = 500
ORIGIN_MAX = 300


class Kind(models.TextChoices):
    CASE_STUDY = "case_study", "Case study"
    GUIDE = "guide", "Guide"
    TEMPLATE = "template", "Template"
    POLICY = "policy", "Policy"


class Evidence(models.TextChoices):
    ANECDOTE = "anecdote", "Anecdote: what people saw and told us"
    MONITORING = "monitoring", "Monitoring data: figures we collected"
    EVALUATION = "evaluation", "Evaluation: a planned review of what changed"
    RESEARCH = "research", "Published research"


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"


LICENCE_URLS = {
    Licence.CC_BY.value: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA.value: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC.value: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC0.value: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class Visibility(models.TextChoices):
    PARTNERSHIP = "partnership", "This partnership only"
    PUBLISHED = "published", "Published in the public library"


def _choices_q(field: str, choices: type[models.TextChoices]) -> Q:
    return Q(**{f"{field}__in": [c.value for c in choices]})


class Entry(BaseModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="library_entries")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.GUIDE)
    title = models.CharField(max_length=TITLE_MAX)
    summary = models.TextField(max_length=TEXT_MAX, blank=True)  # Markdown, as the other texts
    what_worked = models.TextField(max_length=TEXT_MAX, blank=True)
    what_didnt = models.TextField(max_length=TEXT_MAX, blank=True)
    evidence_level = models.CharField(max_length=16, choices=Evidence.choices, default=Evidence.ANECDOTE)
    evidence_note = models.CharField(max_length=NOTE_MAX, blank=True)
    outcomes = models.ManyToManyField(Outcome, blank=True, related_name="library_entries")
    tags = models.ManyToManyField(Topic, blank=True, related_name="library_entries")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)  # the number of the latest version
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PARTNERSHIP)
    licence = models.CharField(max_length=16, choices=Licence.choices, default=Licence.CC_BY)
    published_at = models.DateTimeField(null=True, blank=True)
    # Where the entry came from (an accepted answer, an exchange's reflection), shown on it.
    origin_label = models.CharField(max_length=ORIGIN_MAX, blank=True)
    origin_url = models.CharField(max_length=ORIGIN_MAX, blank=True)
    # A copy of a published entry: its attribution, stored as it was when copied.
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    source_title = models.CharField(max_length=TITLE_MAX, blank=True)
    source_authors = models.CharField(max_length=500, blank=True)
    source_partnership = models.CharField(max_length=200, blank=True)
    source_licence = models.CharField(max_length=16, blank=True)
    source_url = models.CharField(max_length=ORIGIN_MAX, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "entries"
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="library_entry_title_not_empty"),
            models.CheckConstraint(condition=_choices_q("kind", Kind), name="library_entry_kind_valid"),
            models.CheckConstraint(
                condition=_choices_q("evidence_level", Evidence), name="library_entry_evidence_valid"
            ),
            models.CheckConstraint(
                condition=_choices_q("visibility", Visibility), name="library_entry_visibility_valid"
            ),
            models.CheckConstraint(
                condition=_choices_q("licence", Licence), name="library_entry_licence_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.visibility == Visibility.PUBLISHED

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def source_licence_label(self) -> str:
        return Licence(self.source_licence).label if self.source_licence in LICENCE_URLS else ""

    @property
    def source_licence_url(self) -> str:
        return LICENCE_URLS.get(self.source_licence, "")


class EntryVersion(BaseModel):
    """One saved state of an entry's content, never changed once written."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=TITLE_MAX)
    summary = models.TextField(blank=True)
    what_worked = models.TextField(blank=True)
    what_didnt = models.TextField(blank=True)
    evidence_level = models.CharField(max_length=16, choices=Evidence.choices)
    evidence_note = models.CharField(max_length=NOTE_MAX, blank=True)
    outcomes = models.JSONField(default=list, blank=True)  # the outcomes' statements then
    tags = models.JSONField(default=list, blank=True)  # the tags' names then

    class Meta:
        ordering = ["entry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="library_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="library_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"


def _stored_name(instance: "Attachment", filename: str) -> str:
    """A random name, nothing of the uploader's: the shown name is `Attachment.name`."""
    return f"library-attachments/{secrets.token_hex(16)}"


class Attachment(BaseModel):
    """A file on an entry, stored under a random name and served only by the library's
    download views after their access check."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_stored_name, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The uploader's word that the file may be shared outside the partnership.
    shareable = models.BooleanField(default=False)
    shareable_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
