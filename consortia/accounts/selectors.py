from allauth.account.models import EmailAddress


def email_verified(user) -> bool:
    """Has the user proved they read mail at their login address? Invitations are
    matched to people by email, so only a verified address may claim one without
    the secret link (cached on the user for the request)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = user.__dict__.get("_email_verified")
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
        user._email_verified = cached
    return cached
