"""API keys of Open311 clients: applications allowed to POST service requests.

A key is shown once, when the client is created; only its SHA-256 digest is stored, with its
first characters as a hint so staff can tell keys apart. A key is looked up by its digest (an
indexed, unique column), so the lookup neither scans clients nor compares secrets in Python.
"""

from __future__ import annotations

import datetime
import secrets

from django.utils import timezone

from smartcity.core.tokens import digest

from .models import Open311Client

KEY_HINT_LENGTH = 6
# last_used_at is bookkeeping for staff ("is this client still in use?"); writing it on every
# request would turn each POST into an extra UPDATE, so it moves at most once a minute.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def create_client(name: str, contact_email: str = "") -> tuple[Open311Client, str]:
    """Register an API client and return it with its new key (the only time the key is known)."""
    key = secrets.token_urlsafe(32)
    client = Open311Client.objects.create(
        name=name,
        contact_email=contact_email,
        key_hash=digest(key),
        key_hint=key[:KEY_HINT_LENGTH],
    )
    return client, key


def client_for_key(key: str | None) -> Open311Client | None:
    """The active client owning ``key``, or None; records when the client was last seen."""
    if not key:
        return None
    client = Open311Client.objects.filter(key_hash=digest(key), is_active=True).first()
    if client is None:
        return None
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at >= LAST_USED_RESOLUTION:
        Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
    return client
