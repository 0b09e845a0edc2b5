"""What every invitation has in common, whatever it invites to: a single-use link
sent to one email address, which works until it expires.

Organisation invitations (a colleague joins an organisation) and partnership
invitations (an organisation or a person joins a partnership) inherit `Invitation`
and add what they invite to. The rules for finding an invitation by its link,
refusing one that is used, expired or someone else's, and using it exactly once
live here, once; the services of each app call them.

This module sits in core, below the apps: it knows no concrete invitation, only
the fields and the messages a subclass gives it.
"""

from datetime import timedelta
from typing import Any, ClassVar, Self, TypeVar, cast
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone

from consortia.accounts.models import User
from consortia.accounts.selectors import email_verified

from .errors import Conflict, Gone, ServiceError
from .models import BaseModel
from .tokens import token_hash, token_new

NOT_FOUND = "This invitation link is not valid. Check you copied all of it."
ALREADY_ANSWERED = "This invitation has already been answered or withdrawn."
# Written when an invitation is answered or withdrawn, and nothing else.
ANSWER_FIELDS = ["status", "responded_at", "responded_by", "updated_at"]


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a reply"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    REVOKED = "revoked", "Withdrawn"


AnyInvitation = TypeVar("AnyInvitation", bound="Invitation")


class InvitationQuerySet(models.QuerySet[AnyInvitation]):
    def open(self) -> Self:
        """Pending and not expired: the invitations whose links still work."""
        return self.filter(status=InvitationStatus.PENDING, expires_at__gt=timezone.now())

    def addressed_to(self, user: User | AnonymousUser | None) -> Self:
        """The invitations sent to `user`'s address, or none until they have verified
        it: anyone can sign up with an address they do not own."""
        if not email_verified(user):
            return self.none()
        return self.filter(email__iexact=user.email)


class Invitation(BaseModel):
    """An invitation whose link carries a secret token. Only the token's hash is
    stored, so a copy of the database hands out no working links; the token is
    looked up by its hash, so there is no stored secret to compare it with (and
    nothing to learn from how long a comparison takes). It works once, for the
    invited email address, until `expires_at`.

    A subclass says what the refusals say, because people reach the two kinds from
    different places: `used_message` (409), `expired_message` (410), `answer_verb`
    ("Sign in with that address to <verb> it", 403), and which relations
    `find_open` loads with the invitation (`find_related`).
    """

    email = models.EmailField(max_length=254)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    used_message: ClassVar[str]
    expired_message: ClassVar[str]
    answer_verb: ClassVar[str]
    find_related: ClassVar[tuple[str, ...]] = ()

    objects = InvitationQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def new(cls, *, valid_for: timedelta | None = None, **fields: Any) -> tuple[Self, str]:
        """An unsaved invitation with a fresh secret, and the token for its link. The
        token is returned once, for the email, and never stored. It is valid for
        INVITATION_VALID_DAYS unless `valid_for` says otherwise."""
        if valid_for is None:
            valid_for = timedelta(days=settings.INVITATION_VALID_DAYS)
        token, hashed = token_new()
        return cls(token_hash=hashed, expires_at=timezone.now() + valid_for, **fields), token

    @property
    def is_used(self) -> bool:
        """Answered (accepted or declined) or withdrawn: the link works no more."""
        return self.status != InvitationStatus.PENDING

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @classmethod
    def find_open(
        cls, *, actor: User | None = None, token: str | None = None, uuid: UUID | str | None = None
    ) -> Self:
        """The invitation behind a link's `token`, or, for a signed-in addressee with a
        verified address, the one with id `uuid` (from their dashboard), checked by
        `check_open`. Raises a ServiceError that says why not: unknown or not theirs
        by id (404), used (409), expired (410), someone else's (403)."""
        # Typed for the subclass asked: the manager is declared once, on this base.
        invitations = cast("InvitationQuerySet[Self]", cls.objects.select_related(*cls.find_related))
        invitation = None
        if token is not None:
            invitation = invitations.filter(token_hash=token_hash(token)).first()
        elif uuid is not None:
            # Without the link's secret, only a verified address proves the invitation
            # is this person's.
            invitation = invitations.addressed_to(actor).filter(uuid=uuid).first()
        if invitation is None:
            raise ServiceError(NOT_FOUND, status_code=404)
        invitation.check_open(actor)
        return invitation

    def check_open(self, actor: User | None = None) -> None:
        """Refuse an invitation that cannot be answered (any more), or not by `actor`:
        used (Conflict, 409), expired (Gone, 410), or, for a signed-in actor, sent to
        another address (403). An anonymous visitor may look at an open invitation."""
        if self.is_used:
            raise Conflict(self.used_message)
        if self.is_expired:
            raise Gone(self.expired_message)
        if actor is not None and actor.is_authenticated and actor.email.lower() != self.email.lower():
            raise ServiceError(
                f"This invitation was sent to {self.email}. "
                f"Sign in with that address to {self.answer_verb} it.",
                status_code=403,
            )

    def claim(self, *, actor: User, status: str) -> Self:
        """Answer the invitation for `actor`, exactly once: re-read its row under a lock
        (so two tabs answering together queue up and the second finds it used), check
        it again, and set the answer. Returns the locked copy, unsaved: the caller
        saves it with the rest of its change, in the same transaction."""
        locked = cast(Self, type(self).objects.select_for_update().get(pk=self.pk))
        locked.check_open(actor)
        locked.status, locked.responded_at, locked.responded_by = status, timezone.now(), actor
        return locked

    def withdraw(self, *, actor: User) -> None:
        """Withdraw a pending invitation, so its link stops working (Conflict if it has
        been answered or withdrawn already). The caller checks `actor` may."""
        if self.is_used:
            raise Conflict(ALREADY_ANSWERED)
        self.status, self.responded_at, self.responded_by = InvitationStatus.REVOKED, timezone.now(), actor
        self.save(update_fields=ANSWER_FIELDS)
