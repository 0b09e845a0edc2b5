from typing import TypeGuard

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser

from .models import User


def email_verified(user: User | AnonymousUser | None) -> TypeGuard[User]:
    """Has the user proved they read mail at their login address? Invitations are
    matched to people by email, so only a verified address may claim one without
    the secret link (cached on the user for the request). True only for a signed-in
    User, which mypy then knows."""
    if user is None or not user.is_authenticated:
        return False
    cached: bool | None = user.__dict__.get("_email_verified")
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
        user.__dict__["_email_verified"] = cached
    return cached
