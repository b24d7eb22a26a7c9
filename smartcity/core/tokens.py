"""Unguessable access tokens that let a citizen return to a case without an account."""

import hashlib
import hmac
import secrets


def new_access_token() -> tuple[str, str]:
    """A fresh token (to give the citizen) and its digest (to store)."""
    token = secrets.token_urlsafe(24)
    return token, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, stored_digest: str) -> bool:
    """Constant-time comparison, so response times reveal nothing about the stored digest."""
    if not token or not stored_digest:
        return False
    return hmac.compare_digest(digest(token), stored_digest)
