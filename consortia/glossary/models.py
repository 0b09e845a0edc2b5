"""A partnership's glossary across sectors (issue 13, point 6).

A term belongs to one partnership: a name, an optional expansion (an acronym's words:
a term with an expansion is an acronym, matched case-sensitively; other names are
matched whatever their case), and one definition per sector where meanings differ
(what "assessment" means to the NHS, a council, a charity...). Definitions are
Markdown, shown through consortia/core/markdown.py.

Members suggest terms; the glossary's approvers (the convening partner's admins and
representatives, or the members of a working group the convener names as stewards)
approve or reject them, edit and retire them. Only approved terms are shown on the
glossary page and marked in place (consortia/glossary/marking.py). The database holds
the invariants: one live (suggested or approved) term per lower-cased name in a
partnership, one definition per sector of a term, known statuses and sectors.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from consortia.core.models import BaseModel
from consortia.groups.models import WorkingGroup
from consortia.partnerships.models import Partnership

NAME_MAX = 80
EXPANSION_MAX = 200
DEFINITION_MAX = 2_000


class Sector(models.TextChoices):
    """The table of sectors a definition may be for."""

    HEALTH = "health", "NHS / health"
    COUNCIL = "council", "Council / local authority"
    CHARITY = "charity", "Charity / voluntary sector"
    BUSINESS = "business", "Business"
    EDUCATION = "education", "Education"
    GENERAL = "general", "General"


class Glossary(BaseModel):
    """A partnership's glossary settings: the working group the convener names as its
    stewards (optional; without one, the convening partner approves)."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="glossary")
    stewards = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "glossaries"

    def __str__(self) -> str:
        return f"Glossary of {self.partnership}"


class Term(BaseModel):
    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        RETIRED = "retired", "Retired"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="glossary_terms")
    name = models.CharField(max_length=NAME_MAX)
    expansion = models.CharField(max_length=EXPANSION_MAX, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUGGESTED)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = [Lower("name"), "pk"]
        constraints = [
            # One live term per name (whatever its case) in a partnership; a rejected or
            # retired name may be suggested again.
            models.UniqueConstraint(
                "partnership",
                Lower("name"),
                condition=Q(status__in=["suggested", "approved"]),
                name="glossary_term_unique_live_name",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["suggested", "approved", "rejected", "retired"]),
                name="glossary_term_status_valid",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="glossary_term_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_acronym(self) -> bool:
        return bool(self.expansion)

    @property
    def anchor(self) -> str:
        """The term's id on the glossary page."""
        return f"term-{self.uuid}"


class Definition(BaseModel):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="definitions")
    sector = models.CharField(max_length=16, choices=Sector.choices)
    text = models.TextField(max_length=DEFINITION_MAX)  # Markdown

    class Meta:
        ordering = ["term", "sector"]
        constraints = [
            models.UniqueConstraint(fields=["term", "sector"], name="glossary_definition_one_per_sector"),
            models.CheckConstraint(
                condition=Q(sector__in=[s.value for s in Sector]), name="glossary_definition_sector_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="glossary_definition_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.get_sector_display()})"
