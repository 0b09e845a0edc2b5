"""Working groups of a partnership ("Referral pathway", "Training"): a name, a
purpose, a lead, and members drawn from the partners' people and the individual
participants.

A membership row is never deleted: leaving or being removed sets `left_at`, so the
group's history stays readable. Who counts as a member *now* is decided in one place,
`selectors.group_members` and `rules.is_group_member`: an open membership of someone
who is still in the partnership (a member of an active, non-observing partner
organisation or an active participant). A person who leaves the partnership therefore
drops out of its groups at once, without a receiver on the lower app's signal, and
comes back if they rejoin while the row is open.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel
from consortia.partnerships.models import Partnership


class WorkingGroupQuerySet(models.QuerySet["WorkingGroup"]):
    def active(self) -> "WorkingGroupQuerySet":
        return self.filter(archived_at__isnull=True)


class WorkingGroup(BaseModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(max_length=120)
    purpose = models.TextField(max_length=2000, blank=True)
    # The lead is a member of the group; SET_NULL so deleting an account keeps the group.
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Open: members of the partnership join and leave themselves. Closed: the lead adds them.
    is_open = models.BooleanField("open to anyone in the partnership", default=True)
    # Archived: the group's work is over; it is kept, read-only, and can be reopened.
    archived_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            # Two active groups of one partnership with the same name would be confused in
            # every list and poll form; an archived group's name can be used again.
            models.UniqueConstraint(
                "partnership",
                models.functions.Lower("name"),
                condition=Q(archived_at__isnull=True),
                name="working_group_name_unique_active",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class GroupMembership(BaseModel):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            # One open membership per person and group: two joins at once cannot both
            # succeed (the loser's insert fails and the service answers 409).
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(left_at__isnull=True),
                name="group_membership_unique_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"
