from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from consortia.core.invitations import ALREADY_ANSWERED, Invitation
from consortia.core.models import BaseModel
from consortia.organisations.models import Organisation


class Partnership(BaseModel):
    class Status(models.TextChoices):
        FORMING = "forming", "Forming"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=200)
    purpose = models.TextField(
        max_length=2000,
        help_text="The difference the partnership will make, written as an outcome.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.FORMING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["forming", "active", "paused", "closed"]),
                name="partnership_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerQuerySet(models.QuerySet["Partner"]):
    def active(self) -> "PartnerQuerySet":
        return self.filter(left_at__isnull=True)


class Partner(BaseModel):
    """An organisation's place in one partnership. Leaving sets `left_at`; the row
    stays so the history (and the event log's references) still make sense."""

    class Role(models.TextChoices):
        CONVENER = "convener", "Convener"
        CORE = "core", "Core partner"
        ASSOCIATE = "associate", "Associate"
        OBSERVER = "observer", "Observer"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partners")
    role = models.CharField(max_length=16, choices=Role.choices)
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            # An organisation is a partner at most once at a time...
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                condition=Q(left_at__isnull=True),
                name="partner_one_active_per_organisation",
            ),
            # ...and a partnership has at most one convener at a time.
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(role="convener", left_at__isnull=True),
                name="partner_one_active_convener",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["convener", "core", "associate", "observer"]),
                name="partner_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class Representative(BaseModel):
    """A member of the partner organisation named to speak for it in this partnership."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["user__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "user"], name="representative_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.partner.organisation}"


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def active(self) -> "ParticipantQuerySet":
        return self.filter(left_at__isnull=True)


class Participant(BaseModel):
    """An individual taking part without an organisation behind them: a carer who
    speaks for service users, an independent chair."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    description = models.CharField(
        max_length=200, blank=True, help_text="For example: carer and service-user representative."
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "user"],
                condition=Q(left_at__isnull=True),
                name="participant_one_active_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.partnership}"


class PartnershipInvitation(Invitation):
    """An invitation to join a partnership, either for an organisation (an admin of
    it accepts or declines on its behalf) or for an individual participant.

    The link, its token and its single use: see core.invitations.
    """

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "Organisation"
        INDIVIDUAL = "individual", "Individual participant"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="invitations")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    role = models.CharField(max_length=16, choices=Partner.Role.choices, blank=True)
    description = models.CharField(max_length=200, blank=True)
    message = models.TextField(max_length=2000, blank=True)
    invited_for = models.ForeignKey(
        Organisation,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The convening organisation the invitation was sent for.",
    )
    accepted_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    used_message = ALREADY_ANSWERED
    expired_message = "This invitation has expired. Ask the convener to invite you again."
    answer_verb = "answer"
    find_related = ("partnership", "invited_by", "invited_for")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "partnership",
                Lower("email"),
                "kind",
                condition=Q(status="pending"),
                name="partnership_invitation_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(kind="individual") | ~Q(role__in=["", "convener"]),
                name="partnership_invitation_org_role",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.partnership}"
