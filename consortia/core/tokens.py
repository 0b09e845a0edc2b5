"""Secret tokens for links sent by email. Only a hash is stored, so a copy of the
database does not hand out working invitation links."""

import hashlib
import secrets


def token_new() -> tuple[str, str]:
    """Return (token for the link, hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
