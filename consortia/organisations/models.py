import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from consortia.core.choices import ContributionCategory
from consortia.core.invitations import Invitation
from consortia.core.invitations import InvitationStatus as InvitationStatus  # where tests import it from
from consortia.core.models import BaseModel

# England and Wales: 6 or 7 digits, with an optional "-N" for a linked charity;
# Scotland: SC + 6 digits; Northern Ireland: NIC + 6 digits.
CHARITY_NUMBER_RE = re.compile(r"^(\d{6,7}(-\d{1,2})?|SC\d{6}|NIC\d{6})$")
# Companies House: 8 digits, or a two-letter prefix (SC, NI, OC, CE, IP, RS, ...) + 6 digits.
COMPANY_NUMBER_RE = re.compile(r"^(\d{8}|[A-Z]{2}\d{6}|R\d{7})$")
# The largest employer in the country has under two million staff.
MAX_PEOPLE = 10_000_000


def normalise_reference(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def validate_charity_number(value: str) -> None:
    if value and not CHARITY_NUMBER_RE.match(normalise_reference(value)):
        raise ValidationError("Enter a charity number like 1123456, SC012345 or NIC100123.", code="invalid")


def validate_company_number(value: str) -> None:
    if value and not COMPANY_NUMBER_RE.match(normalise_reference(value)):
        raise ValidationError(
            "Enter a company number of 8 characters, like 01234567 or SC123456.", code="invalid"
        )


class OrganisationKind(models.TextChoices):
    COMMUNITY_GROUP = "community_group", "Voluntary or community group"
    CHARITY = "charity", "Registered charity"
    SOCIAL_ENTERPRISE = "social_enterprise", "Social enterprise"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "NHS or health body"
    EDUCATION = "education", "School or college"
    FAITH = "faith", "Faith group"
    BUSINESS = "business", "Business"
    OTHER = "other", "Other"


class Organisation(BaseModel):
    Kind = OrganisationKind

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    charity_number = models.CharField(
        max_length=16,
        blank=True,
        validators=[validate_charity_number],
        help_text="Optional. For example 1123456, SC012345 or NIC100123.",
    )
    company_number = models.CharField(
        max_length=8,
        blank=True,
        validators=[validate_company_number],
        help_text="Optional. 8 characters, for example 01234567 or SC123456.",
    )
    description = models.TextField(max_length=5000, blank=True)
    area_served = models.CharField(max_length=200, blank=True)
    website = models.URLField(max_length=300, blank=True)
    paid_staff = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    volunteers = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    listed_in_directory = models.BooleanField(
        default=False,
        help_text="Anyone, including people without an account, can see a listed profile.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """A person's place in an organisation. Admins manage the organisation and act
    for it in partnerships (invite, accept, leave)."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        MEMBER = "member", "Member"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["organisation", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique"),
            models.CheckConstraint(condition=Q(role__in=["admin", "member"]), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation}"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class OrganisationInvitation(Invitation):
    """An invitation for a colleague to join an organisation, with the role they
    will have. The link, its token and its single use: see core.invitations."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER)

    used_message = "This invitation has already been used or withdrawn."
    expired_message = "This invitation has expired. Ask an admin of the organisation to invite you again."
    answer_verb = "accept"
    find_related = ("organisation", "invited_by")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=Q(status="pending"),
                name="org_invitation_one_pending_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"


class Offer(BaseModel):
    """What an organisation can bring to partnerships in general (not a pledge)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="offers")
    category = models.CharField(max_length=32, choices=ContributionCategory.choices)
    description = models.CharField(max_length=500)

    class Meta:
        ordering = ["category", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=[c.value for c in ContributionCategory]),
                name="offer_category_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description}"


class Expertise(models.Model):
    """An area of expertise an organisation claims, one topic a row, so later
    matching and the expertise directory can search them."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="expertise")
    topic = models.CharField(max_length=100)

    class Meta:
        ordering = ["topic"]
        constraints = [
            models.UniqueConstraint("organisation", Lower("topic"), name="expertise_unique_topic"),
        ]

    def __str__(self) -> str:
        return self.topic
